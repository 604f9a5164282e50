package dev.retort.runtime;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a session lent by the application's pool held before Retort changed anything on it: its
 * role and each setting made in the session (a pool's init SQL, the driver's
 * {@code SET SESSION CHARACTERISTICS}). A revision may leave a session setting behind
 * ({@code SET ROLE}, {@code SET search_path}, {@code SET statement_timeout}, none of them undone
 * by its {@code COMMIT}); the connection must go back to the pool as it came, or the
 * application would run its queries on it as that role, in that schema, with that timeout.
 *
 * @param role the session's {@code role} setting ({@code none} when no {@code SET ROLE} ran)
 * @param settings the settings whose source was the session, by name, as {@code pg_settings}
 * prints them (base units, which {@code set_config} reads back)
 */
record LentSettings(String role, Map<String, String> settings) {

	private static final String NOT_TRANSACTION = "name NOT LIKE 'transaction\\_%'";

	/**
	 * One row, whatever the session set: its role, then the names and values of its settings
	 * (not {@code transaction_*}, which last one transaction and which no query may set once it runs).
	 */
	static final String QUERY = "SELECT current_setting('role'), array_agg(name ORDER BY name),"
			+ " array_agg(setting ORDER BY name) FROM pg_settings WHERE source = 'session' AND " + NOT_TRANSACTION;

	LentSettings {
		settings = Map.copyOf(settings);
	}

	/** Reads the row of {@link #QUERY}. */
	static LentSettings read(ResultSet row) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		String[] names = strings(row.getArray(2));
		String[] values = strings(row.getArray(3));
		for (int i = 0; i < names.length; i++) {
			settings.put(names[i], values[i]);
		}
		return new LentSettings(row.getString(1), settings);
	}

	private static String[] strings(Array array) throws SQLException {
		return (array != null) ? (String[]) array.getArray() : new String[0];
	}

	/**
	 * The statements, sent as one, that put the session back: its role first (a revision's
	 * {@code SET ROLE} may have taken the rights to set the rest), then every setting that now
	 * differs, to its lent value or, when the session had not set it, to its default. Settings
	 * the session set and nothing changed are not touched.
	 */
	String restoreSql() {
		String role = "none".equals(this.role) ? "RESET ROLE" : "SET ROLE \"" + this.role.replace("\"", "\"\"") + "\"";
		String lent = this.settings.isEmpty() ? "(SELECT NULL::text, NULL::text WHERE false)"
				: this.settings.entrySet()
					.stream()
					.map((setting) -> "(" + Sql.literal(setting.getKey()) + ", " + Sql.literal(setting.getValue()) + ")")
					.collect(Collectors.joining(", ", "(VALUES ", ")"));
		return role + ";\nSELECT count(set_config(s.name, coalesce(lent.setting, s.reset_val), false))"
				+ " FROM pg_settings s LEFT JOIN " + lent + " AS lent(name, setting) ON lent.name = s.name"
				+ " WHERE (s.source = 'session' OR lent.name IS NOT NULL) AND s." + NOT_TRANSACTION
				+ " AND s.setting IS DISTINCT FROM coalesce(lent.setting, s.reset_val)";
	}

}
