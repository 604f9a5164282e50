package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.autogenerate.TypeCasts;
import dev.retort.schema.ColumnModel;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableModel;

/**
 * Asks PostgreSQL which of the type changes between two schemas it makes without {@code USING}:
 * each is tried, both ways, on an empty one-column table in the scratch schema, never on a real
 * table. Only a refusal to cast (SQLSTATE 42804) counts; a type that cannot be read there is left
 * to PostgreSQL, as before. A change refused is tried again with {@code USING c::type}, which
 * PostgreSQL refuses too (42846) where it has no cast between the types at all.
 */
public final class AutomaticCasts {

	private static final String DATATYPE_MISMATCH = "42804";

	/** {@code cannot cast type character varying[] to jsonb}: no cast at all, explicit or not. */
	private static final String CANNOT_COERCE = "42846";

	private AutomaticCasts() {
	}

	/**
	 * The casts between the column types of the database and of the model.
	 * @param connection a connection in a transaction the caller rolls back, the scratch schema
	 * first on its search_path
	 * @param database the schema the database is in
	 * @param model the schema it should be in
	 * @return which of their type changes need no {@code USING}
	 * @throws SQLException when the probe cannot be run at all
	 */
	public static TypeCasts of(Connection connection, SchemaModel database, SchemaModel model) throws SQLException {
		Set<List<String>> needUsing = new HashSet<>();
		Set<List<String>> noCast = new HashSet<>();
		int probes = 0;
		for (TableModel table : model.tables().values()) {
			TableModel existing = database.tables().get(table.name());
			if (existing == null) {
				continue;
			}
			for (ColumnModel column : table.columns()) {
				ColumnModel old = existing.column(column.name());
				if (old == null || old.type().equals(column.type())) {
					continue;
				}
				for (List<String> change : List.of(List.of(old.type(), column.type()), List.of(column.type(), old.type()))) {
					if (refused(connection, "retort_cast_" + (++probes), change.get(0), change.get(1), "",
							DATATYPE_MISMATCH)) {
						needUsing.add(change);
						if (refused(connection, "retort_cast_" + (++probes), change.get(0), change.get(1), " USING c::"
								+ change.get(1), CANNOT_COERCE)) {
							noCast.add(change);
						}
					}
				}
			}
		}
		return new TypeCasts() {

			@Override
			public boolean automatic(String from, String to) {
				return !needUsing.contains(List.of(from, to));
			}

			@Override
			public boolean castable(String from, String to) {
				return !noCast.contains(List.of(from, to));
			}

		};
	}

	private static boolean refused(Connection connection, String table, String from, String to, String using,
			String refusal) throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + table + " (c " + from + ")");
			statement.execute("ALTER TABLE " + table + " ALTER COLUMN c TYPE " + to + using);
			return false;
		}
		catch (SQLException ex) {
			return refusal.equals(ex.getSQLState());
		}
		finally {
			connection.rollback(savepoint);
			connection.releaseSavepoint(savepoint);
		}
	}

}
