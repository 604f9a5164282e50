package dev.retort.command;

import java.util.List;

/**
 * What {@code --sql} prints: a psql script.
 *
 * @param sql the script
 * @param nothingToDo why the script runs no step (also a comment in it), for a note beside it;
 * {@code null} when it runs one
 * @param psqlVariables where a revision's SQL copied into the script holds what psql reads as a
 * variable ({@code file:line: …}), for notes beside it; empty when nothing does
 */
public record OfflineScript(String sql, String nothingToDo, List<String> psqlVariables) {

	public OfflineScript {
		psqlVariables = List.copyOf(psqlVariables);
	}

	public OfflineScript(String sql, String nothingToDo) {
		this(sql, nothingToDo, List.of());
	}

	public OfflineScript(String sql) {
		this(sql, null);
	}

}
