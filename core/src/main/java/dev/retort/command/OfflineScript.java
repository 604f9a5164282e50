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
 * @param startsAtBase that the script starts at base although a database is configured, and how
 * to start where the database stands, for a note beside it; {@code null} when the start was given
 * or no database is configured
 */
public record OfflineScript(String sql, String nothingToDo, List<String> psqlVariables, String startsAtBase) {

	public OfflineScript {
		psqlVariables = List.copyOf(psqlVariables);
	}

	public OfflineScript(String sql, String nothingToDo, List<String> psqlVariables) {
		this(sql, nothingToDo, psqlVariables, null);
	}

	public OfflineScript(String sql, String nothingToDo) {
		this(sql, nothingToDo, List.of());
	}

	public OfflineScript(String sql) {
		this(sql, null);
	}

	/** This script with the note that it starts at base, though a database is configured. */
	OfflineScript startingAtBase(String note) {
		return new OfflineScript(this.sql, this.nothingToDo, this.psqlVariables, note);
	}

}
