package dev.retort.command;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PG125: with a schema per tenant the same revisions run once per schema, and a name qualified
 * with another schema reaches the same object from each run.
 */
@ExtendWith(PostgresExtension.class)
class LintOtherSchemaTests {

	@Test
	void aTenantRevisionThatMakesOrWritesInPublicIsFlaggedAndFailsOrRepeatsForTheNextTenant(TestDatabase db,
			@TempDir Path dir) {
		db.execute("CREATE TABLE public.plans (id bigint, name text)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE accounts (id bigint PRIMARY KEY,"
				+ " plan_id bigint);\nCREATE VIEW account_plans AS SELECT a.id, p.name FROM accounts a JOIN public.plans p"
				+ " ON p.id = a.plan_id;", "DROP VIEW account_plans;\nDROP TABLE accounts;");
		files.write("a00000000002", "a00000000001", "CREATE TABLE public.audit_log (id bigint, what text);",
				"DROP TABLE public.audit_log;");
		files.write("a00000000003", "a00000000002", "INSERT INTO public.plans (id, name) VALUES (1, 'free');",
				"DELETE FROM public.plans WHERE id = 1;");

		LintResult linted = Retort.configure().locations(files.location()).schema("tenant_a").load()
			.lint(null, Severity.ERROR);

		// Reading public.plans is the same for every tenant; making and writing there are not.
		assertThat(linted.findings()).extracting(LintFinding::rule, (finding) -> finding.source().replaceAll(".*/", ""))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG125", "a00000000002_test.sql:9"),
					org.assertj.core.groups.Tuple.tuple("PG125", "a00000000002_test.sql:12"),
					org.assertj.core.groups.Tuple.tuple("PG125", "a00000000003_test.sql:9"),
					org.assertj.core.groups.Tuple.tuple("PG125", "a00000000003_test.sql:12"));
		assertThat(linted.findings().get(0).message()).isEqualTo("This statement makes public.audit_log, outside schema"
				+ " \"tenant_a\" that these revisions run for (--schema, retort.schema): the run of every other schema"
				+ " they run for (a schema per tenant) reaches the same public.audit_log, so the second run fails on what"
				+ " the first did, or does it once more (an INSERT's rows once per schema).");
		assertThat(linted.findings().get(2).message()).startsWith("This statement writes public.plans, outside schema");
		assertThat(linted.findings().get(0).fix()).startsWith("Leave the schema out of the name");
		// A warning: it fails the lint only with --fail-on warning.
		assertThat(linted.failed()).isFalse();
		// Without a schema, or with public, the revisions run where the connection points: public.x is on purpose.
		assertThat(Retort.configure().locations(files.location()).load().lint(null, Severity.INFO).findings())
			.isEmpty();
		assertThat(Retort.configure().locations(files.location()).schema("public").load().lint(null, Severity.INFO)
			.findings()).isEmpty();

		// What the findings say, on PostgreSQL: the first tenant's run makes public.audit_log, the second fails on it.
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location())
			.schema("tenant_a").load().upgrade("heads");
		Retort tenantB = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).schema("tenant_b").load();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> tenantB.upgrade("heads"))
			.withMessageContaining("relation \"audit_log\" already exists");
		// With the table made in each schema, the second run inserts the plan once more.
		files.write("a00000000002", "a00000000001", "CREATE TABLE IF NOT EXISTS public.audit_log (id bigint, what text);",
				"DROP TABLE public.audit_log;");
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location())
			.schema("tenant_b").load().upgrade("heads");
		assertThat(db.queryStrings("SELECT count(*) FROM public.plans WHERE id = 1")).containsExactly("2");
	}


	@Test
	void aTenantRevisionThatWritesInPublicFromAWithQueryIsFlaggedAndRepeatsForTheNextTenant(TestDatabase db,
			@TempDir Path dir) {
		db.execute("CREATE TABLE public.plans (id bigint, name text)");
		RevisionFiles files = new RevisionFiles(dir);
		// Reading public.plans in a WITH query is the same for every tenant.
		files.write("a00000000001", null, "CREATE TABLE accounts (id bigint PRIMARY KEY, plan_id bigint);\n"
				+ "WITH known AS (SELECT id FROM public.plans) INSERT INTO accounts (id, plan_id) SELECT id, id FROM known;",
				"DROP TABLE accounts;");
		files.write("a00000000002", "a00000000001", "WITH free AS (SELECT 1 AS id, 'free' AS name)"
				+ " INSERT INTO public.plans (id, name) SELECT id, name FROM free;",
				"WITH gone AS (SELECT 1 AS id) DELETE FROM public.plans WHERE id IN (SELECT id FROM gone);");
		files.write("a00000000003", "a00000000002", "WITH renamed AS (UPDATE public.plans SET name = 'basic' WHERE id = 1"
				+ " RETURNING id) INSERT INTO accounts (id, plan_id) SELECT 100, id FROM renamed ON CONFLICT (id) DO NOTHING;",
				"DELETE FROM accounts WHERE id = 100;");

		LintResult linted = Retort.configure().locations(files.location()).schema("tenant_a").load()
			.lint(null, Severity.ERROR);

		// Before, nothing: a statement starting with WITH was not read.
		assertThat(linted.findings()).extracting(LintFinding::rule, (finding) -> finding.source().replaceAll(".*/", ""))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG125", "a00000000002_test.sql:9"),
					org.assertj.core.groups.Tuple.tuple("PG125", "a00000000002_test.sql:12"),
					org.assertj.core.groups.Tuple.tuple("PG125", "a00000000003_test.sql:9"));
		assertThat(linted.findings()).extracting(LintFinding::message)
			.allSatisfy((message) -> assertThat(message).contains("writes public.plans, outside schema \"tenant_a\""));

		// What the findings say, on PostgreSQL: each tenant's run inserts the plan once more.
		for (String tenant : new String[] { "tenant_a", "tenant_b" }) {
			Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location())
				.schema(tenant).load().upgrade("heads");
		}
		assertThat(db.queryStrings("SELECT name FROM public.plans WHERE id = 1 ORDER BY name")).containsExactly("basic",
				"basic");
	}

	@Test
	void aTenantRevisionThatCreatesAnExtensionIsFlaggedUnlessItIsMadeOnceInASharedSchema(TestDatabase db,
			@TempDir Path dir) {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				!db.queryStrings("SELECT name FROM pg_available_extensions WHERE name = 'citext'").isEmpty(),
				"the server has no citext (contrib) to install");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE EXTENSION IF NOT EXISTS citext;\n"
				+ "CREATE TABLE users (id bigint PRIMARY KEY, email citext);", "DROP TABLE users;");

		LintResult linted = Retort.configure().locations(files.location()).schema("tenant_a").load()
			.lint(null, Severity.ERROR);

		assertThat(linted.findings()).extracting(LintFinding::rule, (finding) -> finding.source().replaceAll(".*/", ""))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG125", "a00000000001_test.sql:9"));
		assertThat(linted.findings().get(0).message()).isEqualTo("CREATE EXTENSION makes citext for the whole database,"
				+ " not for schema \"tenant_a\" that these revisions run for (--schema, retort.schema): the first schema's"
				+ " run creates it in that schema, and the run of every other schema (a schema per tenant) finds it there,"
				+ " off its search_path (with IF NOT EXISTS its types and functions are not found; without, the"
				+ " extension already exists). Create it once WITH SCHEMA a schema every tenant reads, with IF NOT"
				+ " EXISTS, and name its types and functions with that schema.");
		// Once, in a shared schema, and idempotent: what every tenant's run can do alike.
		assertThat(Retort.configure().locations(files.location()).load().lint(null, Severity.INFO).findings()).isEmpty();

		// What the finding says, on PostgreSQL: the second tenant's run does not find the type.
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location())
			.schema("tenant_a").load().upgrade("heads");
		Retort tenantB = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).schema("tenant_b").load();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> tenantB.upgrade("heads"))
			.withMessageContaining("type \"citext\" does not exist");

		files.write("a00000000001", null, "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA shared;\n"
				+ "CREATE TABLE users (id bigint PRIMARY KEY, email shared.citext);", "DROP TABLE users;");
		assertThat(Retort.configure().locations(files.location()).schema("tenant_c").load().lint(null, Severity.INFO)
			.findings()).isEmpty();
		db.execute("CREATE SCHEMA shared");
		db.execute("DROP EXTENSION citext CASCADE");
		for (String tenant : new String[] { "tenant_c", "tenant_d" }) {
			Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location())
				.schema(tenant).load().upgrade("heads");
		}
		assertThat(db.queryStrings("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
				+ " WHERE c.relname = 'users' AND a.attname = 'email' AND a.atttypid = 'shared.citext'::regtype"))
			.containsExactly("2");
	}

}
