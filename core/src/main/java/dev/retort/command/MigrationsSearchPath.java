package dev.retort.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas the migrations' search_path finds, for autogenerate to run the model and read both
 * schemas with the same names visible as the revisions have: the types, operator classes and
 * functions of extensions installed in a schema of their own ({@code extensions}, as Supabase
 * has) are found by the model exactly when the revisions find them unqualified.
 */
final class MigrationsSearchPath {

	private MigrationsSearchPath() {
	}

	/**
	 * The migrated schema, then the other schemas that exist on the session's search_path as the
	 * migrations run with it: what {@code retort.schema} set it to (that schema alone), else the
	 * database's or role's ({@code "$user", public, extensions}).
	 * @param modelSchema the schema the model runs in, left out
	 */
	static List<String> of(Connection connection, String schema, String modelSchema) throws SQLException {
		List<String> searched = new ArrayList<>(List.of(schema));
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT unnest(current_schemas(false))")) {
			while (rows.next()) {
				if (!searched.contains(rows.getString(1)) && !modelSchema.equals(rows.getString(1))) {
					searched.add(rows.getString(1));
				}
			}
		}
		return searched;
	}

	/**
	 * What to do when the model uses a type, operator class or function of an extension installed
	 * in a schema the migrations' search_path does not find ({@code citext} in an {@code extensions}
	 * schema while {@code retort.schema} sets the search_path to {@code public} alone): empty when
	 * every extension is found.
	 */
	static String unseenExtensions(Connection connection, List<String> searched) throws SQLException {
		List<String> unseen = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT string_agg(e.extname, ', ' ORDER BY"
				+ " e.extname) || ' in ' || n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
				+ " WHERE n.nspname <> ALL (?) AND n.nspname <> 'pg_catalog' GROUP BY n.nspname ORDER BY n.nspname")) {
			statement.setArray(1, connection.createArrayOf("text", searched.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					unseen.add(rows.getString(1));
				}
			}
		}
		return unseen.isEmpty() ? "" : " Extensions installed in a schema that the search_path the migrations run with ("
				+ String.join(", ", searched) + ") does not find: " + String.join("; ", unseen) + ". The revisions"
				+ " could not use them unqualified either: name their types, operator classes and functions with"
				+ " their schema in the model and in the revisions (extensions.citext), or have the search_path find"
				+ " that schema (retort.schema sets it to that schema alone; without it, migrations run with the"
				+ " database's or role's: ALTER ROLE ... SET search_path = public, extensions).";
	}

}
