package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresIdentifiers.qualified;
import static dev.retort.dialect.postgres.PostgresIdentifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.Backfill;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Column;
import dev.retort.operation.CreateCheckConstraint;
import dev.retort.operation.CreateEnumType;
import dev.retort.operation.CreateExclusionConstraint;
import dev.retort.operation.CreateForeignKey;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.CreateFunction;
import dev.retort.operation.CreateMaterializedView;
import dev.retort.operation.CreatePrimaryKey;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.CreateTableComment;
import dev.retort.operation.CreateTrigger;
import dev.retort.operation.CreateUniqueConstraint;
import dev.retort.operation.CreateView;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.DropEnumType;
import dev.retort.operation.DropFunction;
import dev.retort.operation.DropIndex;
import dev.retort.operation.DropMaterializedView;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.DropTableComment;
import dev.retort.operation.DropTrigger;
import dev.retort.operation.DropView;
import dev.retort.operation.Execute;
import dev.retort.operation.FunctionSignature;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationVisitor;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.RefreshMaterializedView;
import dev.retort.operation.RenameConstraint;
import dev.retort.operation.RenameIndex;
import dev.retort.operation.RenameSequence;
import dev.retort.operation.RenameTable;
import dev.retort.operation.Type;
import dev.retort.operation.ValidateConstraint;

/**
 * Renders {@link Operation}s as PostgreSQL statements. The output serves offline scripts as
 * is; online, {@link PostgresOperationRunner} runs it, except for a {@link BulkInsert} (whose
 * values it binds as parameters instead of the literals rendered here) and a {@link Backfill}
 * (which it runs batch by batch with {@link BatchedBackfill} instead of the {@code DO} block
 * rendered here).
 */
public final class PostgresRenderer implements OperationVisitor<RenderedOperation> {

	/** Rows per {@code INSERT} statement of an offline bulk insert. */
	static final int INSERT_ROWS_PER_STATEMENT = 1000;

	/**
	 * Raw SQL that PostgreSQL refuses inside a transaction block (Flyway's list, widened as in
	 * the migration-safety notes). {@code ALTER TYPE … ADD VALUE} is left out: since
	 * PostgreSQL 12 it runs in a transaction.
	 */
	private static final Pattern NON_TRANSACTIONAL = Pattern.compile("(?is)^\\s*(?:"
			+ "(?:create|drop)\\s+(?:unique\\s+)?index\\s+concurrently\\b" + "|reindex\\b.*\\bconcurrently\\b"
			+ "|reindex\\s+(?:\\(.*\\)\\s*)?(?:verbose\\s+)?(?:schema|database|system)\\b" + "|vacuum\\b"
			+ "|alter\\s+system\\b" + "|(?:create|drop)\\s+(?:database|tablespace)\\b"
			+ "|alter\\s+table\\b.*\\bdetach\\s+partition\\b.*\\bconcurrently\\b" + "|discard\\s+all\\b" + ")");

	/** Renders one operation. */
	public RenderedOperation render(Operation operation) {
		return operation.accept(this);
	}

	@Override
	public RenderedOperation visitCreateTable(CreateTable operation) {
		List<String> lines = new ArrayList<>();
		for (Column column : operation.columns()) {
			lines.add(Definitions.columnDefinition(column));
		}
		for (String constraint : Definitions.tableConstraints(operation)) {
			lines.add(constraint);
		}
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + qualified(operation.table()) + " (\n\t" + String.join(",\n\t", lines) + "\n)");
		if (operation.comment() != null) {
			statements.add(tableComment(operation.table(), operation.comment()));
		}
		for (Column column : operation.columns()) {
			if (column.comment() != null) {
				statements.add(Definitions.columnComment(operation.table(), column.name(), column.comment()));
			}
		}
		return new RenderedOperation(statements, false);
	}

	@Override
	public RenderedOperation visitDropTable(DropTable operation) {
		return RenderedOperation.of("DROP TABLE " + (operation.ifExists() ? "IF EXISTS " : "")
				+ qualified(operation.table()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitCreateTableComment(CreateTableComment operation) {
		return RenderedOperation.of(tableComment(operation.table(), operation.comment()));
	}

	@Override
	public RenderedOperation visitDropTableComment(DropTableComment operation) {
		return RenderedOperation.of(tableComment(operation.table(), null));
	}

	@Override
	public RenderedOperation visitRenameTable(RenameTable operation) {
		return RenderedOperation
			.of("ALTER TABLE " + qualified(operation.table()) + " RENAME TO " + quote(operation.newName()));
	}

	@Override
	public RenderedOperation visitAddColumn(AddColumn operation) {
		Column column = operation.column();
		List<String> statements = new ArrayList<>();
		statements.add("ALTER TABLE " + qualified(operation.table()) + " ADD COLUMN "
				+ (operation.ifNotExists() ? "IF NOT EXISTS " : "") + Definitions.columnDefinition(column));
		if (column.comment() != null) {
			statements.add(Definitions.columnComment(operation.table(), column.name(), column.comment()));
		}
		return new RenderedOperation(statements, false);
	}

	@Override
	public RenderedOperation visitDropColumn(DropColumn operation) {
		return RenderedOperation.of("ALTER TABLE " + qualified(operation.table()) + " DROP COLUMN "
				+ (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.column())
				+ (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitAlterColumn(AlterColumn operation) {
		String column = quote(operation.column());
		List<String> changes = new ArrayList<>();
		// PostgreSQL casts the old default to a new type and refuses when it cannot, even when the
		// same statement sets another: a default that is dropped or replaced goes before the type.
		if (operation.serverDefault() != null
				&& (operation.serverDefault().removes() || operation.type() != null)) {
			changes.add("ALTER COLUMN " + column + " DROP DEFAULT");
		}
		if (operation.type() != null) {
			changes.add("ALTER COLUMN " + column + " TYPE " + type(operation.type())
					+ ((operation.using() != null) ? " USING " + operation.using() : ""));
		}
		if (operation.serverDefault() != null && !operation.serverDefault().removes()) {
			changes.add("ALTER COLUMN " + column + " SET DEFAULT " + operation.serverDefault().value());
		}
		if (operation.nullable() != null) {
			changes.add("ALTER COLUMN " + column + (operation.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
		}
		List<String> statements = new ArrayList<>();
		String table = qualified(operation.table());
		if (!changes.isEmpty()) {
			// One statement: one lock acquisition and at most one table rewrite for all changes.
			statements.add("ALTER TABLE " + table + " " + String.join(", ", changes));
		}
		if (operation.newName() != null) {
			statements.add("ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + quote(operation.newName()));
		}
		if (operation.comment() != null) {
			statements.add(Definitions.columnComment(operation.table(), operation.finalName(), operation.comment().value()));
		}
		return new RenderedOperation(statements, false);
	}

	@Override
	public RenderedOperation visitCreateIndex(CreateIndex operation) {
		StringBuilder sql = new StringBuilder("CREATE ");
		if (operation.unique()) {
			sql.append("UNIQUE ");
		}
		sql.append("INDEX ");
		if (operation.concurrently()) {
			sql.append("CONCURRENTLY ");
		}
		if (operation.ifNotExists()) {
			sql.append("IF NOT EXISTS ");
		}
		sql.append(quote(operation.name())).append(" ON ").append(qualified(operation.table()));
		if (operation.method() != null) {
			sql.append(" USING ").append(operation.method());
		}
		sql.append(" (").append(operation.columns().stream().map(PostgresRenderer::indexElement)
			.collect(Collectors.joining(", "))).append(')');
		if (!operation.include().isEmpty()) {
			sql.append(" INCLUDE (").append(columnList(operation.include())).append(')');
		}
		if (operation.where() != null) {
			sql.append(" WHERE ").append(operation.where());
		}
		return new RenderedOperation(List.of(sql.toString()), operation.concurrently());
	}

	@Override
	public RenderedOperation visitDropIndex(DropIndex operation) {
		QualifiedName name = QualifiedName.parse(operation.name());
		if (name.schema() == null && operation.table() != null) {
			name = new QualifiedName(QualifiedName.parse(operation.table()).schema(), name.name());
		}
		String sql = "DROP INDEX " + (operation.concurrently() ? "CONCURRENTLY " : "")
				+ (operation.ifExists() ? "IF EXISTS " : "") + qualified(name);
		return new RenderedOperation(List.of(sql), operation.concurrently());
	}

	@Override
	public RenderedOperation visitRenameIndex(RenameIndex operation) {
		return RenderedOperation
			.of("ALTER INDEX " + qualified(operation.name()) + " RENAME TO " + quote(operation.newName()));
	}

	@Override
	public RenderedOperation visitCreatePrimaryKey(CreatePrimaryKey operation) {
		return addConstraint(operation);
	}

	@Override
	public RenderedOperation visitCreateForeignKey(CreateForeignKey operation) {
		return addConstraint(operation);
	}

	@Override
	public RenderedOperation visitCreateUniqueConstraint(CreateUniqueConstraint operation) {
		return addConstraint(operation);
	}

	@Override
	public RenderedOperation visitCreateCheckConstraint(CreateCheckConstraint operation) {
		return addConstraint(operation);
	}

	@Override
	public RenderedOperation visitCreateExclusionConstraint(CreateExclusionConstraint operation) {
		return addConstraint(operation);
	}

	@Override
	public RenderedOperation visitValidateConstraint(ValidateConstraint operation) {
		return RenderedOperation.of(
				"ALTER TABLE " + qualified(operation.table()) + " VALIDATE CONSTRAINT " + quote(operation.name()));
	}

	@Override
	public RenderedOperation visitDropConstraint(DropConstraint operation) {
		return RenderedOperation.of("ALTER TABLE " + qualified(operation.table()) + " DROP CONSTRAINT "
				+ (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.name())
				+ (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitRenameConstraint(RenameConstraint operation) {
		return RenderedOperation.of("ALTER TABLE " + qualified(operation.table()) + " RENAME CONSTRAINT "
				+ quote(operation.name()) + " TO " + quote(operation.newName()));
	}

	@Override
	public RenderedOperation visitCreateSequence(CreateSequence operation) {
		return RenderedOperation.of(SequenceStatements.create(operation));
	}

	@Override
	public RenderedOperation visitAlterSequence(AlterSequence operation) {
		return RenderedOperation.of(SequenceStatements.alter(operation));
	}

	@Override
	public RenderedOperation visitDropSequence(DropSequence operation) {
		return RenderedOperation.of("DROP SEQUENCE " + (operation.ifExists() ? "IF EXISTS " : "")
				+ qualified(operation.name()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitRenameSequence(RenameSequence operation) {
		return RenderedOperation
			.of("ALTER SEQUENCE " + qualified(operation.name()) + " RENAME TO " + quote(operation.newName()));
	}

	@Override
	public RenderedOperation visitCreateView(CreateView operation) {
		return RenderedOperation.of("CREATE " + (operation.orReplace() ? "OR REPLACE " : "") + "VIEW "
				+ qualified(operation.name()) + " AS " + operation.definition().strip());
	}

	@Override
	public RenderedOperation visitDropView(DropView operation) {
		return RenderedOperation.of("DROP VIEW " + (operation.ifExists() ? "IF EXISTS " : "")
				+ qualified(operation.name()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitCreateMaterializedView(CreateMaterializedView operation) {
		return RenderedOperation.of("CREATE MATERIALIZED VIEW " + qualified(operation.name()) + " AS "
				+ operation.definition().strip() + (operation.withNoData() ? " WITH NO DATA" : ""));
	}

	/** Runs in a transaction block, {@code CONCURRENTLY} too (unlike {@code CREATE INDEX CONCURRENTLY}). */
	@Override
	public RenderedOperation visitRefreshMaterializedView(RefreshMaterializedView operation) {
		return RenderedOperation.of("REFRESH MATERIALIZED VIEW " + (operation.concurrently() ? "CONCURRENTLY " : "")
				+ qualified(operation.name()));
	}

	@Override
	public RenderedOperation visitDropMaterializedView(DropMaterializedView operation) {
		return RenderedOperation.of("DROP MATERIALIZED VIEW " + (operation.ifExists() ? "IF EXISTS " : "")
				+ qualified(operation.name()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitCreateFunction(CreateFunction operation) {
		return RenderedOperation.of("CREATE " + (operation.orReplace() ? "OR REPLACE " : "") + "FUNCTION "
				+ signature(operation.signature()) + " " + operation.definition().strip());
	}

	@Override
	public RenderedOperation visitDropFunction(DropFunction operation) {
		return RenderedOperation.of("DROP FUNCTION " + (operation.ifExists() ? "IF EXISTS " : "")
				+ signature(operation.signature()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitCreateTrigger(CreateTrigger operation) {
		return RenderedOperation.of("CREATE TRIGGER " + quote(operation.name()) + " " + operation.timing().strip() + " ON "
				+ qualified(operation.table()) + " " + operation.action().strip());
	}

	@Override
	public RenderedOperation visitDropTrigger(DropTrigger operation) {
		return RenderedOperation.of("DROP TRIGGER " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.name())
				+ " ON " + qualified(operation.table()));
	}

	/** The name quoted as any other, the arguments as given. */
	private static String signature(String signature) {
		FunctionSignature parts = FunctionSignature.of(signature);
		return qualified(parts.name()) + parts.arguments();
	}

	@Override
	public RenderedOperation visitCreateEnumType(CreateEnumType operation) {
		return RenderedOperation.of("CREATE TYPE " + qualified(operation.name()) + " AS ENUM ("
				+ operation.values().stream().map(PostgresLiterals::string).collect(Collectors.joining(", ")) + ")");
	}

	@Override
	public RenderedOperation visitDropEnumType(DropEnumType operation) {
		return RenderedOperation.of("DROP TYPE " + (operation.ifExists() ? "IF EXISTS " : "")
				+ qualified(operation.name()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitAddEnumValue(AddEnumValue operation) {
		StringBuilder sql = new StringBuilder("ALTER TYPE ").append(qualified(operation.type())).append(" ADD VALUE ");
		if (operation.ifNotExists()) {
			sql.append("IF NOT EXISTS ");
		}
		sql.append(PostgresLiterals.string(operation.value()));
		if (operation.before() != null) {
			sql.append(" BEFORE ").append(PostgresLiterals.string(operation.before()));
		}
		if (operation.after() != null) {
			sql.append(" AFTER ").append(PostgresLiterals.string(operation.after()));
		}
		return RenderedOperation.of(sql.toString());
	}

	@Override
	public RenderedOperation visitCreateSchema(CreateSchema operation) {
		return RenderedOperation
			.of("CREATE SCHEMA " + (operation.ifNotExists() ? "IF NOT EXISTS " : "") + quote(operation.name()));
	}

	@Override
	public RenderedOperation visitDropSchema(DropSchema operation) {
		return RenderedOperation.of("DROP SCHEMA " + (operation.ifExists() ? "IF EXISTS " : "")
				+ quote(operation.name()) + (operation.cascade() ? " CASCADE" : ""));
	}

	@Override
	public RenderedOperation visitExecute(Execute operation) {
		// Without parameters the SQL is written exactly as given: a '?' in it is the jsonb operator.
		String sql = operation.parameters().isEmpty() ? operation.sql()
				: BoundParameters.inline(operation.sql(), operation.parameters());
		return new RenderedOperation(List.of(sql), NON_TRANSACTIONAL.matcher(sql).find());
	}

	/** Quoted literals, for offline scripts; online the runner binds parameters instead. */
	@Override
	public RenderedOperation visitBulkInsert(BulkInsert operation) {
		List<String> statements = new ArrayList<>();
		List<String> columns = operation.columns();
		String head = "INSERT INTO " + qualified(operation.table()) + " (" + columnList(columns) + ") VALUES\n\t";
		List<Map<String, Object>> rows = operation.rows();
		for (int start = 0; start < rows.size(); start += INSERT_ROWS_PER_STATEMENT) {
			List<String> values = new ArrayList<>();
			for (Map<String, Object> row : rows.subList(start, Math.min(rows.size(), start + INSERT_ROWS_PER_STATEMENT))) {
				values.add("(" + columns.stream().map((column) -> PostgresLiterals.value(row.get(column)))
					.collect(Collectors.joining(", ")) + ")");
			}
			statements.add(head + String.join(",\n\t", values));
		}
		return new RenderedOperation(statements, false);
	}

	/** A {@code DO} block committing after each batch, for offline scripts. */
	@Override
	public RenderedOperation visitBackfill(Backfill operation) {
		return new RenderedOperation(List.of(BackfillScript.render(operation)), true);
	}

	/** A column type as PostgreSQL reads it. */
	public static String type(Type type) {
		return Definitions.type(type);
	}

	private static RenderedOperation addConstraint(AddConstraint constraint) {
		return RenderedOperation
			.of("ALTER TABLE " + qualified(constraint.table()) + " ADD " + Definitions.constraint(constraint, true));
	}

	private static String tableComment(String table, String comment) {
		return "COMMENT ON TABLE " + qualified(table) + " IS "
				+ ((comment != null) ? PostgresLiterals.string(comment) : "NULL");
	}

	private static String indexElement(String element) {
		return PostgresIdentifiers.isColumnName(element) ? quote(element) : element;
	}

	static String columnList(List<String> columns) {
		return Definitions.columnList(columns);
	}

}
