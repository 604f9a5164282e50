package dev.retort.operation;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The API handed to each Java revision (Alembic's {@code op}). Every call becomes an
 * {@link Operation} sent to the {@link OperationExecutor}, so the same revision runs online or
 * prints SQL offline. Argument order follows Alembic's. Indexes and constraints given no name
 * are named by the {@link NamingConvention} (SQLAlchemy's by default).
 *
 * <pre>{@code
 * op.addColumn("coffee_logs", column("user_id", INTEGER).nullable());
 *     // ALTER TABLE coffee_logs ADD COLUMN user_id integer
 * op.createIndex("ix_coffee_logs_user_id", "coffee_logs", "user_id");
 *     // CREATE INDEX ix_coffee_logs_user_id ON coffee_logs (user_id)
 * }</pre>
 *
 * <p>The SQL each method emits is listed in {@code docs/operations.md}.
 */
public class Operations {

	private final OperationExecutor executor;

	private final NamingConvention namingConvention;

	public Operations(OperationExecutor executor) {
		this(executor, NamingConvention.DEFAULT);
	}

	public Operations(OperationExecutor executor, NamingConvention namingConvention) {
		this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
		this.namingConvention = Objects.requireNonNull(namingConvention, "'namingConvention' must not be null");
	}

	/**
	 * {@code op.createTable("users", column("id", INTEGER).primaryKey().identity(), column("name", TEXT).notNull())}.
	 * Primary key, unique and foreign key flags on the columns become named table constraints.
	 */
	public Operations createTable(String table, Column... columns) {
		return createTable(table, Arrays.asList(columns), List.of());
	}

	/** {@code CREATE TABLE} with extra table constraints (their table must be {@code table}). */
	public Operations createTable(String table, List<Column> columns, List<AddConstraint> constraints) {
		List<AddConstraint> all = new ArrayList<>();
		List<String> primaryKey = columns.stream().filter(Column::isPrimaryKey).map(Column::name).toList();
		boolean explicitPrimaryKey = constraints.stream().anyMatch(CreatePrimaryKey.class::isInstance);
		if (!primaryKey.isEmpty() && !explicitPrimaryKey) {
			all.add(new CreatePrimaryKey(this.namingConvention.primaryKeyName(table, primaryKey), table, primaryKey,
					null));
		}
		for (Column column : columns) {
			if (column.isUnique()) {
				List<String> names = List.of(column.name());
				all.add(new CreateUniqueConstraint(this.namingConvention.uniqueName(table, names), table, names, false,
						false, null));
			}
			if (column.references() != null) {
				all.add(foreignKeyOf(table, column));
			}
		}
		all.addAll(constraints);
		return invoke(new CreateTable(table, columns, all, null));
	}

	/**
	 * {@code op.dropTable("coffee_logs")}: {@code DROP TABLE coffee_logs}. For {@code IF EXISTS}
	 * or {@code CASCADE}: {@code op.invoke(new DropTable("coffee_logs", true, true, null))}.
	 */
	public Operations dropTable(String table) {
		return invoke(new DropTable(table, false, false, null));
	}

	/**
	 * {@code op.createTableComment("coffee_logs", "one row per cup")}:
	 * {@code COMMENT ON TABLE coffee_logs IS 'one row per cup'}, replacing any comment it had. A
	 * column's comment is set with {@link #alterColumn} ({@code c -> c.comment("…")}).
	 */
	public Operations createTableComment(String table, String comment) {
		return invoke(new CreateTableComment(table, comment, null));
	}

	/** {@code op.dropTableComment("coffee_logs")}: {@code COMMENT ON TABLE coffee_logs IS NULL}. */
	public Operations dropTableComment(String table) {
		return invoke(new DropTableComment(table, null));
	}

	/** {@code op.renameTable("coffee_logs", "beverage_logs")}: {@code ALTER TABLE coffee_logs RENAME TO beverage_logs}. */
	public Operations renameTable(String table, String newName) {
		return invoke(new RenameTable(table, newName));
	}

	/**
	 * {@code op.addColumn("coffee_logs", column("user_id", INTEGER).nullable())}:
	 * {@code ALTER TABLE coffee_logs ADD COLUMN user_id integer}. A primary key, unique or
	 * foreign key flag adds the named constraint in a separate statement.
	 */
	public Operations addColumn(String table, Column column) {
		invoke(new AddColumn(table, column, false));
		List<String> names = List.of(column.name());
		if (column.isPrimaryKey()) {
			invoke(new CreatePrimaryKey(this.namingConvention.primaryKeyName(table, names), table, names, null));
		}
		if (column.isUnique()) {
			invoke(new CreateUniqueConstraint(this.namingConvention.uniqueName(table, names), table, names, false,
					false, null));
		}
		if (column.references() != null) {
			invoke(foreignKeyOf(table, column));
		}
		return this;
	}

	/**
	 * {@code op.dropColumn("coffee_logs", "user_id")}: {@code ALTER TABLE coffee_logs DROP COLUMN user_id}.
	 * For {@code IF EXISTS} or {@code CASCADE}:
	 * {@code op.invoke(new DropColumn("coffee_logs", "user_id", true, true, null))}.
	 */
	public Operations dropColumn(String table, String column) {
		return invoke(new DropColumn(table, column, false, false, null));
	}

	/**
	 * {@code op.alterColumn("users", "email", c -> c.type(TEXT).notNull())}: rename, type (with
	 * {@code USING}), nullability, server default and comment in one call.
	 */
	public Operations alterColumn(String table, String column, Consumer<AlterColumn.Builder> changes) {
		AlterColumn.Builder builder = new AlterColumn.Builder(table, column);
		changes.accept(builder);
		return invoke(builder.build());
	}

	/**
	 * {@code op.renameColumn("coffee_logs", "coffee_type", "beverage_type")}:
	 * {@code ALTER TABLE coffee_logs RENAME COLUMN coffee_type TO beverage_type}.
	 */
	public Operations renameColumn(String table, String column, String newName) {
		return invoke(AlterColumn.rename(table, column, newName));
	}

	/**
	 * {@code op.createIndex("ix_coffee_logs_user_id", "coffee_logs", "user_id")}:
	 * {@code CREATE INDEX ix_coffee_logs_user_id ON coffee_logs (user_id)}. A column name is quoted
	 * as needed ({@code "UserId"}); anything else ({@code "lower(email)"}) is written as given.
	 */
	public Operations createIndex(String name, String table, String... columns) {
		return createIndex(name, table, (index) -> index.on(columns));
	}

	/** An index named by the naming convention: {@code op.createIndex("coffee_logs", List.of("user_id"))}. */
	public Operations createIndex(String table, List<String> columns) {
		return createIndex(null, table, (index) -> index.on(columns.toArray(String[]::new)));
	}

	/**
	 * The full form: {@code op.createIndex("ix_users_email", "users", i -> i.on("lower(email)").unique().concurrently())}.
	 * A {@code null} name takes the naming convention's.
	 */
	public Operations createIndex(String name, String table, Consumer<CreateIndex.Builder> index) {
		CreateIndex.Builder builder = new CreateIndex.Builder();
		index.accept(builder);
		if (name == null && !builder.columns().stream().allMatch(Operations::isColumnName)) {
			throw new IllegalArgumentException("Index on '" + table + "' " + builder.columns()
					+ " needs a name: the naming convention names indexes after columns, not expressions");
		}
		String resolved = (name != null) ? name : this.namingConvention.indexName(table, builder.columns());
		return invoke(builder.build(resolved, table));
	}

	/** {@code op.dropIndex("ix_coffee_logs_user_id")}: {@code DROP INDEX ix_coffee_logs_user_id}. */
	public Operations dropIndex(String name) {
		return invoke(new DropIndex(name, null, false, false, null));
	}

	/** {@code DROP INDEX} of an index on {@code table}, which gives its schema when qualified. */
	public Operations dropIndex(String name, String table) {
		return invoke(new DropIndex(name, table, false, false, null));
	}

	/** {@code op.dropIndex("ix_users_email", "users", i -> i.concurrently().ifExists())}. */
	public Operations dropIndex(String name, String table, Consumer<DropIndex.Builder> options) {
		DropIndex.Builder builder = new DropIndex.Builder();
		options.accept(builder);
		return invoke(builder.build(name, table));
	}

	/**
	 * {@code op.renameIndex("ix_logs_user_id", "ix_coffee_logs_user_id")}:
	 * {@code ALTER INDEX ix_logs_user_id RENAME TO ix_coffee_logs_user_id}; {@code "schema.name"} for
	 * an index outside the search path. The index stays in its schema.
	 */
	public Operations renameIndex(String name, String newName) {
		return invoke(new RenameIndex(name, newName));
	}

	/**
	 * {@code op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users", List.of("user_id"), List.of("id"))}.
	 */
	public Operations createForeignKey(String name, String table, String referredTable, List<String> columns,
			List<String> referredColumns) {
		return createForeignKey(name, table, referredTable, columns, referredColumns, (fk) -> {
		});
	}

	/** A foreign key named by the naming convention. */
	public Operations createForeignKey(String table, String referredTable, List<String> columns,
			List<String> referredColumns) {
		return createForeignKey(null, table, referredTable, columns, referredColumns);
	}

	/**
	 * With options: {@code …, fk -> fk.onDelete(ReferentialAction.CASCADE).notValid())}. A
	 * {@code null} name takes the naming convention's.
	 */
	public Operations createForeignKey(String name, String table, String referredTable, List<String> columns,
			List<String> referredColumns, Consumer<CreateForeignKey.Builder> options) {
		CreateForeignKey.Builder builder = new CreateForeignKey.Builder();
		options.accept(builder);
		String resolved = (name != null) ? name
				: this.namingConvention.foreignKeyName(table, columns, referredTable, referredColumns);
		return invoke(builder.build(resolved, table, referredTable, columns, referredColumns));
	}

	/** {@code op.validateConstraint("fk_coffee_logs_user_id", "coffee_logs")}. */
	public Operations validateConstraint(String name, String table) {
		return invoke(new ValidateConstraint(name, table));
	}

	/** {@code op.dropConstraint("fk_coffee_logs_user_id", "coffee_logs")}. */
	public Operations dropConstraint(String name, String table) {
		return invoke(new DropConstraint(name, table, false, false, null));
	}

	/**
	 * {@code op.renameConstraint("fk_logs_user", "coffee_logs", "fk_coffee_logs_user_id")}:
	 * {@code ALTER TABLE coffee_logs RENAME CONSTRAINT fk_logs_user TO fk_coffee_logs_user_id}. A
	 * primary key or unique constraint renames its index with it.
	 */
	public Operations renameConstraint(String name, String table, String newName) {
		return invoke(new RenameConstraint(name, table, newName));
	}

	/** {@code op.createUniqueConstraint("uq_users_email", "users", List.of("email"))}. */
	public Operations createUniqueConstraint(String name, String table, List<String> columns) {
		return invoke(new CreateUniqueConstraint(name, table, columns, false, false, null));
	}

	/** A unique constraint named by the naming convention. */
	public Operations createUniqueConstraint(String table, List<String> columns) {
		return createUniqueConstraint(this.namingConvention.uniqueName(table, columns), table, columns);
	}

	/** {@code op.createCheckConstraint("ck_orders_positive", "orders", "amount > 0")}. */
	public Operations createCheckConstraint(String name, String table, String condition) {
		return invoke(new CreateCheckConstraint(name, table, condition, false));
	}

	/** A check constraint added {@code NOT VALID}: existing rows are checked by a later {@link #validateConstraint}. */
	public Operations createCheckConstraintNotValid(String name, String table, String condition) {
		return invoke(new CreateCheckConstraint(name, table, condition, true));
	}

	/**
	 * {@code op.addExclusionConstraint("ex_bookings_room", "bookings", ex -> ex.using("gist").element("room", "=").element("during", "&&"))}:
	 * {@code ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist (room WITH =, during WITH &&)}.
	 * Dropped with {@link #dropConstraint}. A {@code null} name lets PostgreSQL name it (and makes
	 * it irreversible).
	 */
	public Operations addExclusionConstraint(String name, String table,
			Consumer<CreateExclusionConstraint.Builder> constraint) {
		CreateExclusionConstraint.Builder builder = new CreateExclusionConstraint.Builder();
		constraint.accept(builder);
		return invoke(builder.build(name, table));
	}

	/** {@code op.createPrimaryKey("pk_users", "users", List.of("id"))}. */
	public Operations createPrimaryKey(String name, String table, List<String> columns) {
		return invoke(new CreatePrimaryKey(name, table, columns, null));
	}

	/** A primary key named by the naming convention. */
	public Operations createPrimaryKey(String table, List<String> columns) {
		return createPrimaryKey(this.namingConvention.primaryKeyName(table, columns), table, columns);
	}

	/** {@code op.createSequence("order_number")}: {@code CREATE SEQUENCE order_number}. */
	public Operations createSequence(String name) {
		return invoke(CreateSequence.named(name));
	}

	/** {@code op.createSequence("order_number", s -> s.as(BIGINT).startWith(1000))}. */
	public Operations createSequence(String name, Consumer<CreateSequence.Builder> options) {
		CreateSequence.Builder builder = new CreateSequence.Builder();
		options.accept(builder);
		return invoke(builder.build(name));
	}

	/**
	 * {@code op.alterSequence("orders_id_seq", s -> s.restartWith(1000).incrementBy(10))}: changes a
	 * sequence, whether {@link #createSequence} made it or a {@code serial} or identity column did.
	 */
	public Operations alterSequence(String name, Consumer<AlterSequence.Builder> options) {
		AlterSequence.Builder builder = new AlterSequence.Builder();
		options.accept(builder);
		return invoke(builder.build(name));
	}

	/** {@code op.dropSequence("order_number")}. */
	public Operations dropSequence(String name) {
		return invoke(new DropSequence(name, false, false, null));
	}

	/**
	 * {@code op.renameSequence("order_number", "invoice_number")}:
	 * {@code ALTER SEQUENCE order_number RENAME TO invoice_number}. The sequence stays in its
	 * schema; column defaults reading it follow the rename.
	 */
	public Operations renameSequence(String name, String newName) {
		return invoke(new RenameSequence(name, newName));
	}

	/** {@code op.createEnumType("mood", "sad", "ok", "happy")}. */
	public Operations createEnumType(String name, String... values) {
		return invoke(new CreateEnumType(name, List.of(values)));
	}

	/** {@code op.dropEnumType("mood")}. */
	public Operations dropEnumType(String name) {
		return invoke(new DropEnumType(name, false, false, null));
	}

	/** {@code op.addEnumValue("mood", "ecstatic")}; usable once this revision has committed. */
	public Operations addEnumValue(String type, String value) {
		return invoke(new AddEnumValue(type, value, null, null, false));
	}

	/** {@code op.createSchema("billing")}. */
	public Operations createSchema(String name) {
		return invoke(new CreateSchema(name, false));
	}

	/** {@code op.dropSchema("billing")}: only an empty schema. */
	public Operations dropSchema(String name) {
		return invoke(new DropSchema(name, false, false));
	}

	/**
	 * {@code op.createView("active_users", "SELECT id, email FROM users WHERE active")}:
	 * {@code CREATE VIEW active_users AS SELECT …}. The query is written as given.
	 */
	public Operations createView(String name, String definition) {
		return invoke(new CreateView(name, definition, false));
	}

	/**
	 * {@code CREATE OR REPLACE VIEW}: a new query for a view, keeping its grants and the views built
	 * on it (PostgreSQL takes new columns only at the end, and no change of a column's type).
	 */
	public Operations replaceView(String name, String definition) {
		return invoke(new CreateView(name, definition, true));
	}

	/** {@code op.dropView("active_users")}: {@code DROP VIEW active_users}. */
	public Operations dropView(String name) {
		return invoke(new DropView(name, false, false, null));
	}

	/**
	 * {@code op.createMaterializedView("daily_cups", "SELECT day, count(*) AS cups FROM coffee_logs GROUP BY day")}:
	 * {@code CREATE MATERIALIZED VIEW daily_cups AS SELECT …}, filled by running the query. The
	 * query is written as given.
	 */
	public Operations createMaterializedView(String name, String definition) {
		return createMaterializedView(name, definition, (view) -> {
		});
	}

	/**
	 * With options: {@code op.createMaterializedView(name, query, view -> view.withNoData())} adds
	 * {@code WITH NO DATA}, which does not run the query (refresh it before reading it).
	 */
	public Operations createMaterializedView(String name, String definition,
			Consumer<CreateMaterializedView.Builder> options) {
		CreateMaterializedView.Builder builder = new CreateMaterializedView.Builder();
		options.accept(builder);
		return invoke(builder.build(name, definition));
	}

	/**
	 * {@code op.refreshMaterializedView("daily_cups")}: {@code REFRESH MATERIALIZED VIEW daily_cups},
	 * which blocks reads of the view while it runs (lint PG122, unless the view was created in
	 * this revision).
	 */
	public Operations refreshMaterializedView(String name) {
		return refreshMaterializedView(name, (refresh) -> {
		});
	}

	/**
	 * With options: {@code op.refreshMaterializedView("daily_cups", refresh -> refresh.concurrently())}
	 * lets reads go on; it needs a unique index on the view and a view that has data. It runs in a
	 * transactional revision too.
	 */
	public Operations refreshMaterializedView(String name, Consumer<RefreshMaterializedView.Builder> options) {
		RefreshMaterializedView.Builder builder = new RefreshMaterializedView.Builder();
		options.accept(builder);
		return invoke(builder.build(name));
	}

	/** {@code op.dropMaterializedView("daily_cups")}: {@code DROP MATERIALIZED VIEW daily_cups}. */
	public Operations dropMaterializedView(String name) {
		return invoke(new DropMaterializedView(name, false, false, null));
	}

	/**
	 * {@code op.createFunction("touch_updated_at()", "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN … END $$")}:
	 * {@code CREATE FUNCTION touch_updated_at() RETURNS trigger …}. The arguments and the rest are
	 * written as given; the reverse is the drop of that signature.
	 */
	public Operations createFunction(String signature, String definition) {
		return invoke(new CreateFunction(signature, definition, false));
	}

	/**
	 * {@code CREATE OR REPLACE FUNCTION}: a new body for a function, keeping the triggers, defaults
	 * and grants that use it (PostgreSQL refuses a new return type: drop it and create it again).
	 * No reverse: write the old body in the downgrade.
	 */
	public Operations replaceFunction(String signature, String definition) {
		return invoke(new CreateFunction(signature, definition, true));
	}

	/** {@code op.dropFunction("touch_updated_at()")}: {@code DROP FUNCTION touch_updated_at()}. */
	public Operations dropFunction(String signature) {
		return invoke(new DropFunction(signature, false, false, null));
	}

	/**
	 * {@code op.createTrigger("rooms_touch", "rooms", "BEFORE UPDATE", "FOR EACH ROW EXECUTE FUNCTION touch_updated_at()")}:
	 * {@code CREATE TRIGGER rooms_touch BEFORE UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION touch_updated_at()}.
	 * The timing and the action are written as given; the reverse is the drop.
	 */
	public Operations createTrigger(String name, String table, String timing, String action) {
		return invoke(new CreateTrigger(name, table, timing, action));
	}

	/** {@code op.dropTrigger("rooms_touch", "rooms")}: {@code DROP TRIGGER rooms_touch ON rooms}. */
	public Operations dropTrigger(String name, String table) {
		return invoke(new DropTrigger(name, table, false, null));
	}

	/** Runs raw SQL exactly as written: {@code op.execute("UPDATE users SET active = true")}. */
	public Operations execute(String sql) {
		return invoke(new Execute(sql));
	}

	/**
	 * Runs SQL with a value for each {@code ?}:
	 * {@code op.execute("UPDATE users SET plan = ? WHERE signed_up < ?", "free", LocalDate.of(2026, 1, 1))}.
	 * Online the values are bound as parameters; offline they are written as quoted literals, as
	 * {@link #bulkInsert}'s are (the same value types; a {@code List} for an array). A {@code ?}
	 * inside quotes or a comment is not a placeholder; the jsonb operator {@code ?} is written
	 * {@code ??}.
	 */
	public Operations execute(String sql, Object... parameters) {
		// execute(sql, null) passes null as the array: the one value NULL is what it means.
		return invoke(new Execute(sql, (parameters != null) ? Arrays.asList(parameters) : Collections.singletonList(null)));
	}

	/**
	 * {@code op.bulkInsert("coffee_types", List.of(Map.of("name", "espresso")))}: parameterised
	 * online, quoted literals offline. Every row names the same columns; a {@code null} value needs
	 * a {@code HashMap} ({@code Map.of} refuses nulls). See {@link BulkInsert} for the value types.
	 */
	public Operations bulkInsert(String table, List<Map<String, Object>> rows) {
		return invoke(new BulkInsert(table, rows));
	}

	/**
	 * {@code op.backfill("coffee_logs", "user_id = 0", "user_id IS NULL", 10_000)}: an update in
	 * primary key ranges of {@code batchSize}, each committed on its own. The revision must be
	 * {@code transactional = false}.
	 */
	public Operations backfill(String table, String setClause, String whereClause, int batchSize) {
		return invoke(new Backfill(table, setClause, whereClause, batchSize, null));
	}

	/** Runs any operation record, such as one that autogenerate produced. */
	public Operations invoke(Operation operation) {
		this.executor.execute(Objects.requireNonNull(operation, "'operation' must not be null"));
		return this;
	}

	/**
	 * The JDBC connection of the running revision, for data migrations. Offline ({@code --sql})
	 * this throws: a script cannot read data. It is lent: closing it gives it back, and inside a
	 * transactional revision {@code commit()}, {@code rollback()} and {@code setAutoCommit} are
	 * refused, since Retort commits the revision together with its version row.
	 */
	public Connection connection() {
		return this.executor.connection();
	}

	/** Whether this revision is being rendered as an offline script. */
	public boolean offline() {
		return this.executor.offline();
	}

	/** The convention naming indexes and constraints given no name. */
	public NamingConvention namingConvention() {
		return this.namingConvention;
	}

	protected OperationExecutor executor() {
		return this.executor;
	}

	private static boolean isColumnName(String element) {
		return element.matches("[A-Za-z_][A-Za-z0-9_$]*");
	}

	private CreateForeignKey foreignKeyOf(String table, Column column) {
		ForeignKeyReference reference = column.references();
		List<String> columns = List.of(column.name());
		List<String> referred = List.of(reference.column());
		return CreateForeignKey.of(
				this.namingConvention.foreignKeyName(table, columns, reference.table(), referred), table,
				reference.table(), columns, referred);
	}

}
