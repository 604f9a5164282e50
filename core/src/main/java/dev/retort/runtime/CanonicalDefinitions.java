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
import dev.retort.schema.IndexModel;
import dev.retort.schema.PolicyModel;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableModel;
import dev.retort.schema.ViewModel;

/**
 * Brings the check constraints, column defaults, indexes, policies and views of a {@link SchemaModel} to the text
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
	 * The models with their checks, defaults, indexes and views printed again.
	 * @param connection a connection in a transaction the caller rolls back
	 * @param scratchSchema a schema first on the search_path, where empty copies may be created
	 * @param models the models to bring to the same printing
	 * @param schemas the schema each model was read from: its views are read again with that
	 * schema alone on the search_path, so that they read its tables, as they do
	 * @return the models, in the same order
	 * @throws SQLException when the scratch tables cannot be created
	 */
	public static List<SchemaModel> of(Connection connection, String scratchSchema, List<SchemaModel> models,
			List<String> schemas) throws SQLException {
		CanonicalDefinitions canonical = new CanonicalDefinitions(connection, scratchSchema);
		List<SchemaModel> result = new ArrayList<>();
		for (int i = 0; i < models.size(); i++) {
			SchemaModel model = models.get(i);
			Map<String, TableModel> tables = new LinkedHashMap<>();
			for (TableModel table : model.tables().values()) {
				tables.put(table.name(), canonical.table(table));
			}
			result.add(new SchemaModel(tables, canonical.views(model.views(), schemas.get(i)), model.sequences(),
					model.enums(), model.partitions(), model.domains(), model.compositeTypes()));
		}
		return result;
	}

	/**
	 * Views printed again: {@code status IN ('NEW', 'PAID')} on a {@code varchar} prints one way
	 * from the model and another from that printout, as a check does. Each is created again in
	 * the scratch schema, with the schema it was read from alone on the search_path.
	 */
	private Map<String, ViewModel> views(Map<String, ViewModel> views, String schema) throws SQLException {
		if (views.isEmpty()) {
			return views;
		}
		String searchPath = query("SELECT current_setting('search_path')", null);
		setSearchPath(PostgresIdentifiers.quote(schema));
		try {
			Map<String, ViewModel> canonical = new LinkedHashMap<>();
			for (ViewModel view : views.values()) {
				String copy = PostgresIdentifiers.quote(this.scratchSchema) + ".retort_canonical_view_" + (++this.tables);
				String definition = view.definition();
				if (attempt("CREATE VIEW " + copy + " AS " + definition)) {
					definition = query("SELECT pg_get_viewdef('" + copy + "'::regclass)", definition);
				}
				canonical.put(view.name(), new ViewModel(view.name(), definition, view.reads(), view.options()));
			}
			return canonical;
		}
		finally {
			setSearchPath(searchPath);
		}
	}

	private void setSearchPath(String searchPath) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SELECT set_config('search_path', " + PostgresLiterals.string(searchPath) + ", true)");
		}
	}

	private TableModel table(TableModel table) throws SQLException {
		boolean hasChecks = table.constraints().stream().anyMatch((constraint) -> "c".equals(constraint.type()));
		boolean hasDefaults = table.columns().stream().anyMatch(CanonicalDefinitions::plainDefault);
		if (!hasChecks && !hasDefaults && table.indexes().isEmpty() && table.rowSecurity().policies().isEmpty()) {
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
					column.collation(), column.virtual(), column.notValidNotNull(), column.settings()));
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
		List<IndexModel> canonicalIndexes = new ArrayList<>();
		for (IndexModel index : table.indexes()) {
			canonicalIndexes.add(new IndexModel(index.name(), index(table, index, copy)));
		}
		List<PolicyModel> canonicalPolicies = new ArrayList<>();
		for (PolicyModel policy : table.rowSecurity().policies()) {
			canonicalPolicies.add(policy(policy, copy));
		}
		return new TableModel(table.name(), canonicalColumns, canonicalConstraints, canonicalIndexes,
				table.comment(), table.partitionKey(), table.rowSecurity().withPolicies(canonicalPolicies),
				table.options());
	}

	/**
	 * A policy with its {@code USING} and {@code WITH CHECK} printed again on the empty copy of its
	 * table, as a check is ({@code status IN ('NEW', 'PAID')} on a {@code varchar}).
	 */
	private PolicyModel policy(PolicyModel policy, String copy) throws SQLException {
		String scratch = copy + "_policy_" + (++this.tables);
		if (!attempt("CREATE POLICY " + scratch + " ON " + copy + " FOR " + policy.command()
				+ ((policy.using() != null) ? " USING (" + policy.using() + ")" : "")
				+ ((policy.withCheck() != null) ? " WITH CHECK (" + policy.withCheck() + ")" : ""))) {
			return policy;
		}
		String where = " FROM pg_policy WHERE polname = " + PostgresLiterals.string(scratch) + " AND polrelid = '"
				+ this.scratchSchema + "." + copy + "'::regclass";
		return new PolicyModel(policy.name(), policy.command(), policy.permissive(), policy.roles(),
				query("SELECT pg_get_expr(polqual, polrelid)" + where, policy.using()),
				query("SELECT pg_get_expr(polwithcheck, polrelid)" + where, policy.withCheck()), policy.reads());
	}

	/**
	 * An index's definition with its columns, expressions and predicate printed again on the
	 * empty copy of its table ({@code WHERE status IN ('NEW', 'PAID')} prints as a check does).
	 */
	private String index(TableModel table, IndexModel index, String copy) throws SQLException {
		String definition = index.definition();
		String unique = definition.startsWith("CREATE UNIQUE INDEX ") ? "UNIQUE " : "";
		String head = "CREATE " + unique + "INDEX " + PostgresIdentifiers.quote(index.name()) + " ON "
				+ PostgresIdentifiers.quote(table.name()) + " USING ";
		String scratch = copy + "_index_" + (++this.tables);
		if (!definition.startsWith(head) || !attempt("CREATE " + unique + "INDEX " + scratch + " ON " + copy + " USING "
				+ definition.substring(head.length()))) {
			return definition;
		}
		String printed = query("SELECT pg_get_indexdef('" + this.scratchSchema + "." + scratch + "'::regclass)", null);
		int using = (printed != null) ? printed.indexOf(" USING ") : -1;
		return (using < 0) ? definition : head + printed.substring(using + " USING ".length());
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
