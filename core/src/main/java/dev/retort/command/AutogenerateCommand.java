package dev.retort.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.retort.autogenerate.SchemaComparator;
import dev.retort.autogenerate.SchemaDiff;
import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.AutomaticCasts;
import dev.retort.runtime.CanonicalDefinitions;
import dev.retort.runtime.Database;
import dev.retort.runtime.SchemaReader;
import dev.retort.schema.SchemaModel;

/**
 * {@code retort check} and {@code retort revision --autogenerate}: the differences between the
 * schema the database is in (at its heads, as Alembic requires) and the schema a model file
 * describes. The model, plain SQL such as a {@code schema.sql} or the DDL JPA's schema
 * generation writes, runs in a schema of its own inside a transaction that is rolled back:
 * nothing of it stays in the database.
 */
public final class AutogenerateCommand {

	/** Where the model runs, inside the transaction that is rolled back. */
	private static final String MODEL_SCHEMA = "retort_model";

	private final CommandContext context;

	public AutogenerateCommand(CommandContext context) {
		this.context = context;
	}

	/**
	 * The differences.
	 * @param modelSource the model file, as shown in messages
	 * @param modelSql its content
	 * @return what it takes to bring the database to the model
	 */
	public SchemaDiff diff(String modelSource, String modelSql) {
		List<SqlStatement> statements = StatementSplitter.split(modelSql, 1);
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			if (!state.pending(graph.upgrade(state.known(), "heads")).isEmpty()) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "The database is not up to date: autogenerate "
						+ "compares the model with the database at its heads. Run 'retort upgrade' first.");
			}
			Connection connection = database.session().connection();
			try {
				connection.setAutoCommit(false);
				String schema = database.names().schema();
				searchPath(connection, schema);
				SchemaModel current = SchemaReader.read(connection, schema,
						Set.of(database.names().versionTable(), database.names().historyTable()));
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE SCHEMA " + MODEL_SCHEMA);
				}
				searchPath(connection, MODEL_SCHEMA);
				runModel(connection, modelSource, statements);
				SchemaModel model = SchemaReader.read(connection, MODEL_SCHEMA, Set.of());
				List<String> notCompared = SchemaReader.notCompared(connection, MODEL_SCHEMA);
				// Both printed the same way; the database's types and sequences stay visible behind the model's.
				searchPath(connection, MODEL_SCHEMA, schema);
				List<SchemaModel> canonical = CanonicalDefinitions.of(connection, MODEL_SCHEMA, List.of(current, model));
				return SchemaComparator.compare(canonical.get(0), canonical.get(1),
						AutomaticCasts.of(connection, canonical.get(0), canonical.get(1))).withNotCompared(notCompared);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Could not compare the database with the model: "
					+ ex.getMessage(), ex);
		}
	}

	private static void runModel(Connection connection, String modelSource, List<SqlStatement> statements)
			throws SQLException {
		for (SqlStatement statement : statements) {
			try (Statement jdbc = connection.createStatement()) {
				jdbc.execute(statement.sql());
			}
			catch (SQLException ex) {
				throw new RetortException(ErrorCode.CONFIGURATION, modelSource + ":" + statement.line() + ": the model "
						+ "failed on an empty schema: " + ex.getMessage() + ". The model is plain SQL creating the whole "
						+ "schema, with names left unqualified.", ex);
			}
		}
	}

	/** Sets the search_path for the transaction: the schemas given, in order. */
	private static void searchPath(Connection connection, String... schemas) throws SQLException {
		List<String> quoted = new ArrayList<>();
		for (String schema : schemas) {
			quoted.add(PostgresIdentifiers.quote(schema));
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
			statement.setString(1, String.join(", ", quoted));
			statement.execute();
		}
	}

}
