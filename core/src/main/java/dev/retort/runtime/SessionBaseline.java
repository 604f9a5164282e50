package dev.retort.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.dialect.postgres.SessionSettings;

/**
 * What the migration session holds between revisions, so that the settings a revision changes
 * ({@link SessionSettings}) are put back after it: a revision's {@code SET search_path} or
 * {@code SET ROLE} must not change how the next revision's names resolve or who runs it, nor
 * who writes Retort's own rows. A setting goes back to the value Retort gave it (the
 * {@code search_path} of {@code retort.schema}, its {@code application_name}), else to the one
 * the application's pool lent the session with, else to its default for the session
 * ({@code RESET}, which keeps what the connection's startup options set).
 */
final class SessionBaseline {

	/** The settings Retort set on the session, by name, as {@code set_config} takes them. */
	private final Map<String, String> own = new LinkedHashMap<>();

	/** What a borrowed session held before Retort changed it; {@code null} for a session of Retort's own. */
	private LentSettings lent;

	/** Notes a setting Retort gave the session: the value a revision's change goes back to. */
	void own(String name, String value) {
		this.own.put(name, value);
	}

	/** Notes what the pool lent the session with. */
	void lent(LentSettings lent) {
		this.lent = lent;
	}

	/**
	 * The statements that put back what a revision changed, in the order they must run: the
	 * session's authorization and role first (a role may lack the right to set the rest), then
	 * every other setting. Empty when it changed nothing, as nearly every revision does.
	 */
	List<Bookkeeping> putBack(Set<String> changed) {
		if (changed.isEmpty()) {
			return List.of();
		}
		List<Bookkeeping> statements = new ArrayList<>();
		if (changed.contains(SessionSettings.SESSION_AUTHORIZATION)) {
			statements.add(statement("RESET SESSION AUTHORIZATION"));
		}
		if (changed.contains(SessionSettings.ROLE)) {
			String role = (this.lent != null) ? this.lent.role() : "none";
			statements.add(statement("none".equals(role) ? "RESET ROLE" : "SET ROLE " + Sql.identifier(role)));
		}
		Map<String, String> values = new LinkedHashMap<>();
		if (this.lent != null) {
			values.putAll(this.lent.settings());
		}
		values.putAll(this.own);
		boolean all = changed.contains(SessionSettings.ALL);
		if (all) {
			// RESET ALL took back what Retort and the pool had set too.
			values.forEach((name, value) -> statements.add(setConfig(name, value)));
		}
		for (String name : changed) {
			if (name.equals(SessionSettings.ROLE) || name.equals(SessionSettings.SESSION_AUTHORIZATION)
					|| name.equals(SessionSettings.ALL) || (all && values.containsKey(name))) {
				continue;
			}
			statements.add(values.containsKey(name) ? setConfig(name, values.get(name)) : statement("RESET " + name));
		}
		return statements;
	}

	private static Bookkeeping setConfig(String name, String value) {
		// set_config reads a list setting (search_path) as SET does; a literal after SET would be one schema.
		return statement("SELECT set_config(" + Sql.literal(name) + ", " + Sql.literal(value) + ", false)");
	}

	private static Bookkeeping statement(String sql) {
		return new Bookkeeping(sql, Bookkeeping.ANY_ROWS);
	}

}
