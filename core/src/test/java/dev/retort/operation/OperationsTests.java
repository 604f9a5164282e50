package dev.retort.operation;

import static dev.retort.operation.Column.column;
import static dev.retort.operation.Type.INTEGER;
import static dev.retort.operation.Type.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

class OperationsTests {

	private final RecordingExecutor executor = new RecordingExecutor();

	private final Operations op = new Operations(this.executor);

	@Test
	void addColumnSendsTheColumnAndItsNamedForeignKey() {
		this.op.addColumn("coffee_logs", column("user_id", INTEGER).references("users", "id"));
		assertThat(this.executor.operations).containsExactly(
				new AddColumn("coffee_logs", column("user_id", INTEGER).references("users", "id"), false),
				CreateForeignKey.of("fk_coffee_logs_user_id_users", "coffee_logs", "users", List.of("user_id"),
						List.of("id")));
	}

	@Test
	void createTableNamesConstraintsFromColumnFlagsByConvention() {
		this.op.createTable("app.users", column("id", INTEGER).primaryKey().identity(),
				column("email", TEXT).notNull().unique());
		CreateTable table = (CreateTable) this.executor.operations.get(0);
		assertThat(table.table()).isEqualTo("app.users");
		assertThat(table.constraints()).containsExactly(
				new CreatePrimaryKey("pk_users", "app.users", List.of("id"), null),
				new CreateUniqueConstraint("uq_users_email", "app.users", List.of("email"), false, false, null));
	}

	@Test
	void unnamedIndexesAndConstraintsTakeTheConventionsNames() {
		this.op.createIndex("coffee_logs", List.of("user_id", "created_at"));
		this.op.createForeignKey("coffee_logs", "users", List.of("user_id"), List.of("id"));
		this.op.createUniqueConstraint("users", List.of("email"));
		this.op.createPrimaryKey("users", List.of("id"));
		assertThat(this.executor.operations).extracting((operation) -> (operation instanceof CreateIndex index)
				? index.name() : ((AddConstraint) operation).name()).containsExactly("ix_coffee_logs_user_id", "fk_coffee_logs_user_id_users", "uq_users_email", "pk_users");
	}

	@Test
	void aConfiguredConventionNamesWithAllColumns() {
		NamingConvention convention = new NamingConvention("%(table_name)s_%(column_0_N_name)s_idx",
				"%(table_name)s_%(column_0_N_name)s_key", "%(table_name)s_%(constraint_name)s_check",
				"%(table_name)s_%(column_0_name)s_fkey", "%(table_name)s_pkey");
		Operations custom = new Operations(this.executor, convention);
		custom.createIndex(null, "s.orders", (index) -> index.on("customer_id", "placed_at").concurrently());
		assertThat(this.executor.operations).containsExactly(new CreateIndex("orders_customer_id_placed_at_idx",
				"s.orders", List.of("customer_id", "placed_at"), false, null, List.of(), null, true, false));
		assertThat(convention.checkName("orders", "positive")).isEqualTo("orders_positive_check");
	}

	@Test
	void longConventionNamesAreShortenedToPostgresLimitKeepingThemDistinct() {
		String table = "a_table_with_a_really_quite_remarkably_long_name";
		String first = NamingConvention.DEFAULT.indexName(table, List.of("first_long_column_name"));
		String second = NamingConvention.DEFAULT.indexName(table, List.of("second_long_column_name"));
		assertThat(first).isEqualTo("ix_a_table_with_a_really_quite_remarkably_long_name_fi_ff8ef351").hasSize(63);
		assertThat(second).hasSize(63).isNotEqualTo(first);
	}

	@Test
	void aConventionTokenWithoutValueIsAClearError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NamingConvention.DEFAULT.checkName("orders", null))
			.withMessage("Naming convention 'ck_%(table_name)s_%(constraint_name)s' uses %(constraint_name)s, which is"
					+ " unknown or has no value for table 'orders'; give the name explicitly");
	}

	@Test
	void alterColumnBuilderCollectsEveryChange() {
		this.op.alterColumn("users", "email", (c) -> c.rename("mail").type(TEXT, "email::text").notNull()
			.serverDefault("''").comment("login").existing(column("email", Type.varchar(100))));
		assertThat(this.executor.operations).containsExactly(new AlterColumn("users", "email", "mail", TEXT,
				"email::text", false, Change.to("''"), Change.to("login"), column("email", Type.varchar(100))));
	}

	@Test
	void everyFacadeMethodSendsItsRecord() {
		this.op.dropTable("t");
		this.op.renameTable("t", "u");
		this.op.dropColumn("t", "c");
		this.op.renameColumn("t", "c", "d");
		this.op.createIndex("ix", "t", "a", "lower(b)");
		this.op.dropIndex("ix");
		this.op.dropIndex("ix", "s.t");
		this.op.dropIndex("ix", "t", (index) -> index.concurrently().ifExists());
		this.op.createForeignKey("fk", "t", "u", List.of("u_id"), List.of("id"),
				(fk) -> fk.onDelete(ReferentialAction.CASCADE).initiallyDeferred().notValid());
		this.op.validateConstraint("fk", "t");
		this.op.dropConstraint("fk", "t");
		this.op.createCheckConstraint("ck", "t", "a > 0");
		this.op.createCheckConstraintNotValid("ck", "t", "a > 0");
		this.op.createSequence("seq");
		this.op.createSequence("seq", (s) -> s.as(Type.BIGINT).startWith(10).incrementBy(2).cache(5).ownedBy("t", "a"));
		this.op.dropSequence("seq");
		this.op.createEnumType("mood", "sad", "ok");
		this.op.addEnumValue("mood", "happy");
		this.op.dropEnumType("mood");
		this.op.createSchema("s");
		this.op.dropSchema("s");
		this.op.execute("SELECT 1");
		this.op.bulkInsert("t", List.of(Map.of("a", 1)));
		this.op.backfill("t", "a = 1", "a IS NULL", 500);
		this.op.createTableComment("t", "it's t");
		this.op.dropTableComment("t");
		this.op.renameIndex("s.ix", "ix2");
		this.op.renameConstraint("fk", "t", "fk2");
		this.op.alterSequence("seq", (s) -> s.restartWith(100).incrementBy(2).noCycle().ownedByNone());
		this.op.createView("v", "SELECT 1");
		this.op.replaceView("v", "SELECT 2");
		this.op.dropView("v");
		this.op.execute("SELECT ?, ?", 1, null);
		this.op.renameSequence("s.seq", "seq2");
		this.op.createMaterializedView("mv", "SELECT 1");
		this.op.createMaterializedView("mv", "SELECT 1", (view) -> view.withNoData());
		this.op.refreshMaterializedView("mv");
		this.op.refreshMaterializedView("mv", (refresh) -> refresh.concurrently());
		this.op.dropMaterializedView("mv");
		this.op.addExclusionConstraint("ex", "t", (ex) -> ex.using("gist").element("room", "=").element("during", "&&")
			.where("NOT cancelled").initiallyDeferred());
		assertThat(this.executor.operations).containsExactly(new DropTable("t", false, false, null),
				new RenameTable("t", "u"), new DropColumn("t", "c", false, false, null),
				AlterColumn.rename("t", "c", "d"),
				new CreateIndex("ix", "t", List.of("a", "lower(b)"), false, null, List.of(), null, false, false),
				new DropIndex("ix", null, false, false, null), new DropIndex("ix", "s.t", false, false, null),
				new DropIndex("ix", "t", true, true, null),
				new CreateForeignKey("fk", "t", "u", List.of("u_id"), List.of("id"), ReferentialAction.CASCADE, null,
						true, true, true),
				new ValidateConstraint("fk", "t"), new DropConstraint("fk", "t", false, false, null),
				new CreateCheckConstraint("ck", "t", "a > 0", false), new CreateCheckConstraint("ck", "t", "a > 0", true),
				CreateSequence.named("seq"),
				new CreateSequence("seq", Type.BIGINT, 10L, 2L, null, null, 5L, false, "t.a", false),
				new DropSequence("seq", false, false, null), new CreateEnumType("mood", List.of("sad", "ok")),
				new AddEnumValue("mood", "happy", null, null, false), new DropEnumType("mood", false, false, null),
				new CreateSchema("s", false), new DropSchema("s", false, false), new Execute("SELECT 1"),
				new BulkInsert("t", List.of(Map.of("a", 1))), new Backfill("t", "a = 1", "a IS NULL", 500, null),
				new CreateTableComment("t", "it's t", null), new DropTableComment("t", null),
				new RenameIndex("s.ix", "ix2"), new RenameConstraint("fk", "t", "fk2"),
				new AlterSequence("seq", null, 2L, null, null, null, true, 100L, null, false, AlterSequence.OWNED_BY_NONE),
				new CreateView("v", "SELECT 1", false), new CreateView("v", "SELECT 2", true),
				new DropView("v", false, false, null), new Execute("SELECT ?, ?", java.util.Arrays.asList(1, null)),
				new RenameSequence("s.seq", "seq2"), new CreateMaterializedView("mv", "SELECT 1", false),
				new CreateMaterializedView("mv", "SELECT 1", true), new RefreshMaterializedView("mv", false),
				new RefreshMaterializedView("mv", true), new DropMaterializedView("mv", false, false, null),
				new CreateExclusionConstraint("ex", "t", "gist",
						List.of(new CreateExclusionConstraint.Element("room", "="),
								new CreateExclusionConstraint.Element("during", "&&")),
						"NOT cancelled", true, true));
	}

	@Test
	void alterSequenceRefusesAChangeOfNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.op.alterSequence("seq", (s) -> {
		})).withMessage("ALTER SEQUENCE of 'seq' changes nothing: give an option");
	}

	@Test
	void connectionIsTheExecutorsAndRefusedOffline() {
		assertThat(this.op.offline()).isTrue();
		assertThatExceptionOfType(RetortException.class).isThrownBy(this.op::connection)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OFFLINE_UNSUPPORTED));
	}

	@Test
	void bulkInsertRowsMustNameTheSameColumns() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.op.bulkInsert("coffee_types", List.of(Map.of("name", "espresso"),
					Map.of("name", "latte", "milk", true))))
			.withMessage("Row 1 of the bulk insert into 'coffee_types' has the columns [milk, name], row 0 has [name];"
					+ " give every row the same columns");
	}

	@Test
	void invalidArgumentsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.op.backfill("t", "a = 1", null, 0))
			.withMessage("'batchSize' of the backfill of 't' must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.op.renameTable("s.t", "s.u"))
			.withMessage("'newName' must not be schema-qualified ('s.u'): a rename keeps the table in its schema");
		assertThatIllegalArgumentException().isThrownBy(() -> this.op.alterColumn("t", "c", (c) -> {
		})).withMessage("Alter of column 'c' of 't' changes nothing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.op.createForeignKey("fk", "t", "u", List.of("a", "b"), List.of("id")))
			.withMessage("Foreign key 'fk' has 2 columns [a, b] but refers to 1 [id]");
		assertThatIllegalArgumentException().isThrownBy(() -> Type.numeric(5, 7))
			.withMessage("'scale' must be between 0 and the precision 5, was 7");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.op.createTable("t", List.of(column("a", INTEGER)),
					List.of(new CreateCheckConstraint("ck", "u", "a > 0", false))))
			.withMessage("Constraint 'ck' of new table 't' names table 'u'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.op.createIndex(null, "users", (index) -> index.on("lower(email)")))
			.withMessage("Index on 'users' [lower(email)] needs a name: the naming convention names indexes after"
					+ " columns, not expressions");
		assertThatNullPointerException().isThrownBy(() -> this.op.createIndex("ix_t_a", "t", (String) null))
			.withMessage("An index column or expression must not be null");
		assertThatNullPointerException()
			.isThrownBy(() -> this.op.createIndex("ix_t_a", "t", (index) -> index.on("a").include("b", null)))
			.withMessage("An index column or expression must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> QualifiedName.parse("a.b.c"))
			.withMessage("Name 'a.b.c' is not of the form 'name' or 'schema.name'");
	}

}
