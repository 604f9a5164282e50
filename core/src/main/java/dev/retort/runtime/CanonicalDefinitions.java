package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.PostgresLiterals;
import dev.retort.schema.ColumnModel;
import dev.retort.schema.ConstraintModel;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableModel;

/**
 * Brings the check constraints and column defaults of a {@link SchemaModel} to the text
 * PostgreSQL prints once it has read its own printout. It does not always print an expression
 * the way it printed the expression it was written from ({@code beverage_type IN ('A', 'B')}
 * prints as {@code … = ANY ((ARRAY[…])::text[])}, which prints as {@code … = ANY (ARRAY[(…)::text,
 * …])}), so a revision written from the model's printout would otherwise differ from the model
 * forever. Each expression is read again on an empty copy of its table's columns in a scratch
 * schema, never on the real table; an expression that cannot be read there keeps its text.
 */
public final class CanonicalDefinitions {

	private final Connection connection;

	private final String scratchSchema;

	private int tables;

	private CanonicalDefinitions(Connection connection, String scratchSchema) {
		this.connection = connection;
		this.scratchSchema = scratchSchema;
	}

	/**
	 * The model with its checks and defaults printed again.
	 * @param connection a connection in a transaction the caller rolls back
	 * @param scratchSchema a schema first on the search_path, where empty copies may be created
	 * @param models the models to bring to the same printing
	 * @return the models, in the same order
	 * @throws SQLException when the scratch tables cannot be created
	 */
	public static List<SchemaModel> of(Connection connection, String scratchSchema, List<SchemaModel> models)
			throws SQLException {
		CanonicalDefinitions canonical = new CanonicalDefinitions(connection, scratchSchema);
		List<SchemaModel> result = new ArrayList<>();
		for (SchemaModel model : models) {
			Map<String, TableModel> tables = new LinkedHashMap<>();
			for (TableModel table : model.tables().values()) {
				tables.put(table.name(), canonical.table(table));
			}
			result.add(new SchemaModel(tables, model.views(), model.sequences(), model.enums(), model.partitions(),
					model.domains(), model.compositeTypes()));
		}
		return result;
	}

	private TableModel table(TableModel table) throws SQLException {
		boolean hasChecks = table.constraints().stream().anyMatch((constraint) -> "c".equals(constraint.type()));
		boolean hasDefaults = table.columns().stream().anyMatch(CanonicalDefinitions::plainDefault);
		if (!hasChecks && !hasDefaults) {
			return table;
		}
		String copy = "retort_canonical_" + (++this.tables);
		List<String> columns = new ArrayList<>();
		for (ColumnModel column : table.columns()) {
			columns.add(PostgresIdentifiers.quote(column.name()) + " " + column.type());
		}
		if (!attempt("CREATE TABLE " + copy + " (" + String.join(", ", columns) + ")")) {
			return table;
		}
		List<ColumnModel> canonicalColumns = new ArrayList<>();
		for (ColumnModel column : table.columns()) {
			String expression = column.defaultExpression();
			if (plainDefault(column) && attempt("ALTER TABLE " + copy + " ALTER COLUMN "
					+ PostgresIdentifiers.quote(column.name()) + " SET DEFAULT " + expression)) {
				expression = query("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a"
						+ " ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = '" + this.scratchSchema + "."
						+ copy + "'::regclass AND a.attname = " + PostgresLiterals.string(column.name()), expression);
			}
			canonicalColumns.add(new ColumnModel(column.name(), column.type(), column.notNull(), expression,
					column.identity(), column.generated(), column.comment(), column.identitySequence(),
					column.collation(), column.virtual(), column.notValidNotNull()));
		}
		List<ConstraintModel> canonicalConstraints = new ArrayList<>();
		int checks = 0;
		for (ConstraintModel constraint : table.constraints()) {
			String definition = constraint.definition();
			String name = copy + "_check_" + (++checks);
			if ("c".equals(constraint.type())
					&& attempt("ALTER TABLE " + copy + " ADD CONSTRAINT " + name + " " + definition)) {
				definition = query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = "
						+ PostgresLiterals.string(name)
						+ " AND conrelid = '" + this.scratchSchema + "." + copy + "'::regclass", definition);
			}
			canonicalConstraints.add(new ConstraintModel(constraint.name(), constraint.type(), definition));
		}
		return new TableModel(table.name(), canonicalColumns, canonicalConstraints, table.indexes(),
				table.comment(), table.partitionKey());
	}

	/** A default that is neither a sequence's (stable as printed) nor an identity's or a generated column's. */
	private static boolean plainDefault(ColumnModel column) {
		String expression = column.defaultExpression();
		return expression != null && column.identity().isEmpty() && !column.generated()
				&& !expression.contains("nextval(");
	}

	/** Runs a statement under a savepoint: false, and nothing changed, when PostgreSQL refuses it. */
	private boolean attempt(String sql) throws SQLException {
		Savepoint savepoint = this.connection.setSavepoint();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
			this.connection.releaseSavepoint(savepoint);
			return true;
		}
		catch (SQLException ex) {
			this.connection.rollback(savepoint);
			return false;
		}
	}

	private String query(String sql, String otherwise) throws SQLException {
		try (Statement statement = this.connection.createStatement(); var rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getString(1) : otherwise;
		}
	}


}
