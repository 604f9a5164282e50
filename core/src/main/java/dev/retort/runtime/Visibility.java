package dev.retort.runtime;

/**
 * What Retort says of a session of another role whose activity PostgreSQL hides: without
 * {@code pg_read_all_stats} (or superuser), {@code pg_stat_activity} shows such a session's pid,
 * role and {@code application_name}, but its state, query and times are null and its query is
 * {@code <insufficient privilege>}. A migration role of its own meets exactly that for the
 * application's sessions, the ones that usually hold the locks it waits for.
 */
final class Visibility {

	/** The query {@code pg_stat_activity} shows for a session it hides. */
	static final String HIDDEN_QUERY = "<insufficient privilege>";

	/** Said in place of the state and query of a hidden session. */
	static final String HIDDEN = "what it runs is hidden from this role: grant it pg_read_all_stats to see it, or"
			+ " look in pg_stat_activity as a superuser";

	private Visibility() {
	}

	/** Whether {@code pg_stat_activity} hid the session whose state and query these are. */
	static boolean hidden(String state, String query) {
		return state == null && (query == null || HIDDEN_QUERY.equals(query));
	}

}
