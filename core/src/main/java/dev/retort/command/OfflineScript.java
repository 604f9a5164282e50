package dev.retort.command;

/**
 * What {@code --sql} prints: a psql script.
 *
 * @param sql the script
 * @param nothingToDo why the script runs no step (also a comment in it), for a note beside it;
 * {@code null} when it runs one
 */
public record OfflineScript(String sql, String nothingToDo) {

	public OfflineScript(String sql) {
		this(sql, null);
	}

}
