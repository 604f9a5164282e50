package dev.retort.operation;

import static dev.retort.operation.Column.column;
import static dev.retort.operation.Type.BIGINT;
import static dev.retort.operation.Type.INTEGER;
import static dev.retort.operation.Type.TEXT;
import static dev.retort.operation.Type.TIMESTAMPTZ;
import static dev.retort.operation.Type.numeric;
import static dev.retort.operation.Type.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.retort.dialect.postgres.TestOperationExecutor;

/**
 * Keeps {@code docs/operations.md} true: every example there is listed here with the code it
 * shows, and the SQL block that follows it must be what the renderer emits for that code.
 */
class OperationsDocumentationTests {

	private record Example(String code, Consumer<Operations> revision) {
	}

	private static final List<Example> EXAMPLES = List.of(
			new Example("""
					op.createTable("users",
					        column("id", BIGINT).primaryKey().identity(),
					        column("email", varchar(320)).notNull().unique(),
					        column("created_at", TIMESTAMPTZ).notNull().defaultValue("now()"));""",
					(op) -> op.createTable("users", column("id", BIGINT).primaryKey().identity(),
							column("email", varchar(320)).notNull().unique(),
							column("created_at", TIMESTAMPTZ).notNull().defaultValue("now()"))),
			new Example("""
					op.createTable("coffee_logs",
					        column("id", BIGINT).primaryKey().identity(),
					        column("user_id", BIGINT).notNull().references("users", "id"),
					        column("coffee_type", TEXT).comment("espresso, latte, ..."));""",
					(op) -> op.createTable("coffee_logs", column("id", BIGINT).primaryKey().identity(),
							column("user_id", BIGINT).notNull().references("users", "id"),
							column("coffee_type", TEXT).comment("espresso, latte, ..."))),
			new Example("op.dropTable(\"coffee_logs\");", (op) -> op.dropTable("coffee_logs")),
			new Example("""
					op.invoke(new DropTable("coffee_logs", true, true, null));
					op.invoke(new DropColumn("users", "team_id", true, true, null));""",
					(op) -> op.invoke(new DropTable("coffee_logs", true, true, null))
						.invoke(new DropColumn("users", "team_id", true, true, null))),
			new Example("op.renameTable(\"coffee_logs\", \"beverage_logs\");",
					(op) -> op.renameTable("coffee_logs", "beverage_logs")),
			new Example("""
					op.createTableComment("coffee_logs", "one row per cup, since 2024");
					op.dropTableComment("coffee_logs");""", (op) -> {
						op.createTableComment("coffee_logs", "one row per cup, since 2024");
						op.dropTableComment("coffee_logs");
					}),
			new Example("op.addColumn(\"coffee_logs\", column(\"user_id\", INTEGER).nullable());",
					(op) -> op.addColumn("coffee_logs", column("user_id", INTEGER).nullable())),
			new Example("op.addColumn(\"coffee_logs\", column(\"user_id\", INTEGER).references(\"users\", \"id\"));",
					(op) -> op.addColumn("coffee_logs", column("user_id", INTEGER).references("users", "id"))),
			new Example("op.dropColumn(\"coffee_logs\", \"user_id\");", (op) -> op.dropColumn("coffee_logs", "user_id")),
			new Example("""
					op.alterColumn("orders", "amount", c -> c
					        .type(numeric(12, 2), "amount::numeric(12, 2)")
					        .notNull()
					        .serverDefault("0")
					        .comment("in euros"));""",
					(op) -> op.alterColumn("orders", "amount", (c) -> c.type(numeric(12, 2), "amount::numeric(12, 2)")
						.notNull()
						.serverDefault("0")
						.comment("in euros"))),
			new Example("op.alterColumn(\"orders\", \"note\", c -> c.nullable(true).dropServerDefault().dropComment());",
					(op) -> op.alterColumn("orders", "note", (c) -> c.nullable(true).dropServerDefault().dropComment())),
			new Example("op.renameColumn(\"coffee_logs\", \"coffee_type\", \"beverage_type\");",
					(op) -> op.renameColumn("coffee_logs", "coffee_type", "beverage_type")),
			new Example("op.createIndex(\"ix_coffee_logs_user_id\", \"coffee_logs\", \"user_id\");",
					(op) -> op.createIndex("ix_coffee_logs_user_id", "coffee_logs", "user_id")),
			new Example("op.createIndex(\"coffee_logs\", List.of(\"user_id\", \"created_at\"));",
					(op) -> op.createIndex("coffee_logs", List.of("user_id", "created_at"))),
			new Example("""
					op.createIndex("ix_users_email", "users", i -> i
					        .on("lower(email)")
					        .unique()
					        .include("id")
					        .where("deleted_at IS NULL")
					        .concurrently()
					        .ifNotExists());""",
					(op) -> op.createIndex("ix_users_email", "users", (i) -> i.on("lower(email)")
						.unique()
						.include("id")
						.where("deleted_at IS NULL")
						.concurrently()
						.ifNotExists())),
			new Example("op.createIndex(\"ix_documents_body\", \"documents\", i -> i.on(\"body\").using(\"gin\"));",
					(op) -> op.createIndex("ix_documents_body", "documents", (i) -> i.on("body").using("gin"))),
			new Example("op.dropIndex(\"ix_coffee_logs_user_id\");", (op) -> op.dropIndex("ix_coffee_logs_user_id")),
			new Example("op.dropIndex(\"ix_users_email\", \"app.users\", i -> i.concurrently().ifExists());",
					(op) -> op.dropIndex("ix_users_email", "app.users", (i) -> i.concurrently().ifExists())),
			new Example("op.renameIndex(\"app.ix_logs_user_id\", \"ix_coffee_logs_user_id\");",
					(op) -> op.renameIndex("app.ix_logs_user_id", "ix_coffee_logs_user_id")),
			new Example("""
					op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users",
					        List.of("user_id"), List.of("id"));""",
					(op) -> op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users", List.of("user_id"),
							List.of("id"))),
			new Example("""
					op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users",
					        List.of("user_id"), List.of("id"),
					        fk -> fk.onDelete(ReferentialAction.CASCADE).notValid());
					op.validateConstraint("fk_coffee_logs_user_id", "coffee_logs");""", (op) -> {
						op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users", List.of("user_id"),
								List.of("id"), (fk) -> fk.onDelete(ReferentialAction.CASCADE).notValid());
						op.validateConstraint("fk_coffee_logs_user_id", "coffee_logs");
					}),
			new Example("op.createForeignKey(\"coffee_logs\", \"users\", List.of(\"user_id\"), List.of(\"id\"));",
					(op) -> op.createForeignKey("coffee_logs", "users", List.of("user_id"), List.of("id"))),
			new Example("op.dropConstraint(\"fk_coffee_logs_user_id\", \"coffee_logs\");",
					(op) -> op.dropConstraint("fk_coffee_logs_user_id", "coffee_logs")),
			new Example("op.renameConstraint(\"coffee_logs_user_id_fkey\", \"coffee_logs\", \"fk_coffee_logs_user_id\");",
					(op) -> op.renameConstraint("coffee_logs_user_id_fkey", "coffee_logs", "fk_coffee_logs_user_id")),
			new Example("op.createUniqueConstraint(\"uq_users_email\", \"users\", List.of(\"email\"));",
					(op) -> op.createUniqueConstraint("uq_users_email", "users", List.of("email"))),
			new Example("op.createCheckConstraint(\"ck_orders_positive\", \"orders\", \"amount > 0\");",
					(op) -> op.createCheckConstraint("ck_orders_positive", "orders", "amount > 0")),
			new Example("op.createCheckConstraintNotValid(\"ck_orders_positive\", \"orders\", \"amount > 0\");",
					(op) -> op.createCheckConstraintNotValid("ck_orders_positive", "orders", "amount > 0")),
			new Example("op.createPrimaryKey(\"pk_tokens\", \"tokens\", List.of(\"id\"));",
					(op) -> op.createPrimaryKey("pk_tokens", "tokens", List.of("id"))),
			new Example("""
					op.invoke(new CreateUniqueConstraint("uq_users_email", "users", List.of(), false, false,
					        "ix_users_email"));""",
					(op) -> op.invoke(new CreateUniqueConstraint("uq_users_email", "users", List.of(), false, false,
							"ix_users_email"))),
			new Example("""
					op.createSequence("order_number", s -> s.as(BIGINT).startWith(1000).ownedBy("orders", "number"));
					op.dropSequence("order_number");""", (op) -> {
						op.createSequence("order_number", (s) -> s.as(BIGINT).startWith(1000).ownedBy("orders", "number"));
						op.dropSequence("order_number");
					}),
			new Example("""
					op.alterSequence("orders_id_seq", s -> s.restartWith(100_000).incrementBy(10));
					op.alterSequence("order_number", s -> s.as(INTEGER).maxValue(99_999).cycle().ownedByNone());""",
					(op) -> {
						op.alterSequence("orders_id_seq", (s) -> s.restartWith(100_000).incrementBy(10));
						op.alterSequence("order_number", (s) -> s.as(INTEGER).maxValue(99_999).cycle().ownedByNone());
					}),
			new Example("""
					op.createEnumType("mood", "sad", "ok", "happy");
					op.addColumn("people", column("mood", enumType("mood")));
					op.addEnumValue("mood", "ecstatic");
					op.dropEnumType("mood");""", (op) -> {
						op.createEnumType("mood", "sad", "ok", "happy");
						op.addColumn("people", column("mood", Type.enumType("mood")));
						op.addEnumValue("mood", "ecstatic");
						op.dropEnumType("mood");
					}),
			new Example("""
					op.createSchema("billing");
					op.createTable("billing.Invoices", column("id", BIGINT).primaryKey());
					op.dropSchema("billing");""", (op) -> {
						op.createSchema("billing");
						op.createTable("billing.Invoices", column("id", BIGINT).primaryKey());
						op.dropSchema("billing");
					}),
			new Example("""
					op.createView("active_users", "SELECT id, email FROM users WHERE active");
					op.replaceView("active_users", "SELECT id, email, created_at FROM users WHERE active");
					op.dropView("active_users");""", (op) -> {
						op.createView("active_users", "SELECT id, email FROM users WHERE active");
						op.replaceView("active_users", "SELECT id, email, created_at FROM users WHERE active");
						op.dropView("active_users");
					}),
			new Example("op.renameSequence(\"billing.order_number\", \"invoice_number\");",
					(op) -> op.renameSequence("billing.order_number", "invoice_number")),
			new Example("""
					op.addExclusionConstraint("ex_bookings_room_during", "bookings", ex -> ex
					        .using("gist")
					        .element("room", "=")
					        .element("during", "&&")
					        .where("NOT cancelled"));""",
					(op) -> op.addExclusionConstraint("ex_bookings_room_during", "bookings",
							(ex) -> ex.using("gist").element("room", "=").element("during", "&&").where("NOT cancelled"))),
			new Example("""
					op.createMaterializedView("daily_cups",
					        "SELECT logged_on, count(*) AS cups FROM coffee_logs GROUP BY logged_on",
					        v -> v.withNoData());
					op.createIndex("ix_daily_cups_logged_on", "daily_cups", i -> i.on("logged_on").unique());
					op.refreshMaterializedView("daily_cups");
					op.refreshMaterializedView("daily_cups", r -> r.concurrently());
					op.dropMaterializedView("daily_cups");""", (op) -> {
						op.createMaterializedView("daily_cups",
								"SELECT logged_on, count(*) AS cups FROM coffee_logs GROUP BY logged_on", (v) -> v.withNoData());
						op.createIndex("ix_daily_cups_logged_on", "daily_cups", (i) -> i.on("logged_on").unique());
						op.refreshMaterializedView("daily_cups");
						op.refreshMaterializedView("daily_cups", (r) -> r.concurrently());
						op.dropMaterializedView("daily_cups");
					}),
			new Example("""
					op.createFunction("touch_updated_at()",
					        "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$");
					op.createTrigger("users_touch", "users", "BEFORE UPDATE",
					        "FOR EACH ROW EXECUTE FUNCTION touch_updated_at()");
					op.replaceFunction("touch_updated_at()",
					        "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$");
					op.dropTrigger("users_touch", "users");
					op.dropFunction("touch_updated_at()");""", (op) -> {
						op.createFunction("touch_updated_at()",
								"RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$");
						op.createTrigger("users_touch", "users", "BEFORE UPDATE",
								"FOR EACH ROW EXECUTE FUNCTION touch_updated_at()");
						op.replaceFunction("touch_updated_at()",
								"RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$");
						op.dropTrigger("users_touch", "users");
						op.dropFunction("touch_updated_at()");
					}),
			new Example("op.execute(\"UPDATE users SET active = true WHERE active IS NULL\");",
					(op) -> op.execute("UPDATE users SET active = true WHERE active IS NULL")),
			new Example("""
					op.execute("UPDATE users SET plan = ?, tags = ? WHERE signed_up < ? AND prefs ?? 'beta'",
					        "it's free", List.of("early", "beta"), LocalDate.of(2026, 1, 1));""",
					(op) -> op.execute("UPDATE users SET plan = ?, tags = ? WHERE signed_up < ? AND prefs ?? 'beta'",
							"it's free", List.of("early", "beta"), java.time.LocalDate.of(2026, 1, 1))),
			new Example("""
					op.bulkInsert("coffee_types", List.of(
					        Map.of("name", "espresso", "strength", 5),
					        Map.of("name", "flat white", "strength", 3),
					        Map.of("name", "it's decaf", "strength", 0)));""",
					(op) -> op.bulkInsert("coffee_types",
							List.of(Map.of("name", "espresso", "strength", 5), Map.of("name", "flat white", "strength", 3),
									Map.of("name", "it's decaf", "strength", 0)))),
			new Example("op.backfill(\"coffee_logs\", \"status = 'logged'\", \"status IS NULL\", 10_000);",
					(op) -> op.backfill("coffee_logs", "status = 'logged'", "status IS NULL", 10_000)));

	@Test
	void docsShowTheSqlEachExampleEmits() throws IOException {
		StringBuilder generated = new StringBuilder();
		for (Example example : EXAMPLES) {
			generated.append(block(example)).append('\n');
		}
		// Written next to the build output, so that the page can be refreshed from it.
		Path build = Path.of(System.getProperty("retort.target", "target"));
		Files.createDirectories(build);
		Files.writeString(build.resolve("operations-examples.md"), generated, StandardCharsets.UTF_8);
		String page = Files.readString(Path.of("../docs/operations.md"), StandardCharsets.UTF_8);
		for (Example example : EXAMPLES) {
			assertThat(page).as("docs/operations.md shows").contains(block(example));
		}
	}

	@Test
	void theListOfOperationsNamesEveryPublicMethodAndNoOther() throws IOException {
		String page = Files.readString(Path.of("../docs/operations.md"), StandardCharsets.UTF_8);
		int start = page.indexOf("## All operations");
		String list = page.substring(start, page.indexOf("\n## ", start + 1));
		java.util.Set<String> methods = new java.util.TreeSet<>();
		for (java.lang.reflect.Method method : Operations.class.getDeclaredMethods()) {
			if (java.lang.reflect.Modifier.isPublic(method.getModifiers())) {
				methods.add(method.getName());
			}
		}
		java.util.Set<String> listed = new java.util.TreeSet<>();
		java.util.regex.Matcher call = java.util.regex.Pattern.compile("`([a-zA-Z]+)\\(").matcher(list);
		while (call.find()) {
			listed.add(call.group(1));
		}
		assertThat(listed).isEqualTo(methods);
	}

	private static String block(Example example) {
		TestOperationExecutor executor = TestOperationExecutor.scriptOnly();
		example.revision().accept(executor.operations());
		return "```java\n" + example.code() + "\n```\n\n```sql\n" + String.join(";\n\n", executor.script()) + ";\n```\n";
	}

}
