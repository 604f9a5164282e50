package dev.retort.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.config.RetortConfig;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every command's happy path on a real PostgreSQL, and the error paths of SPEC §8. */
@ExtendWith(PostgresExtension.class)
class CommandsTests {

	@TempDir
	Path project;

	private Revisions revisions;

	@BeforeEach
	void linearProject() {
		this.revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		this.revisions.write("ae1027a6acf3", "", "create coffee logs",
				"CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text);", "DROP TABLE coffee_logs;");
		this.revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", "ALTER TABLE coffee_logs DROP COLUMN user_id;");
	}

	@Test
	void upgradePrintsOneLinePerStepWithItsDurationAndTheResult(TestDatabase db) {
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err().lines().toList()).hasSize(2)
			.satisfies((lines) -> assertThat(lines.get(0))
				.matches("Running upgrade <base> -> ae1027a6acf3, create coffee logs \\(\\d+ ms\\)"))
			.satisfies((lines) -> assertThat(lines.get(1))
				.matches("Running upgrade ae1027a6acf3 -> 1975ea83b712, add user column \\(\\d+ ms\\)"));
		assertThat(result.out()).matches("Done: <base> -> 1975ea83b712 \\(2 steps, \\d+ ms\\)\\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		assertThat(db.tableExists("coffee_logs")).isTrue();
	}

	@Test
	void upgradeWithNothingPendingSaysWhereTheDatabaseIs(TestDatabase db) {
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("upgrade", "head");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).isEqualTo("Nothing to upgrade: the database is at 1975ea83b712.\n");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void aRelativeUpgradeAtTheHeadSaysWhereTheDatabaseIsAndWhatToDo(TestDatabase db) {
		cli(db).run("upgrade");
		String atHead = "ERROR: Cannot upgrade '+1': it counts 1 revision up from the current revision 1975ea83b712, and"
				+ " no revision lies above it: the database is already at the head, so there is nothing to upgrade. To"
				+ " have something to apply, add a revision ('retort revision -m MSG').\n";
		CliRun.Result online = cli(db).run("upgrade", "+1");
		assertThat(online.exitCode()).as(online.toString()).isEqualTo(2);
		assertThat(online.err()).isEqualTo(atHead);
		CliRun.Result script = cli(db).run("upgrade", "current:+1", "--sql");
		assertThat(script.exitCode()).as(script.toString()).isEqualTo(2);
		assertThat(script.err()).isEqualTo(atHead);
		assertThat(script.out()).isEmpty();
		// Without 'current' a script starts at base (SPEC §5), as Alembic's: +1 from there is the first revision.
		assertThat(cli(db).run("upgrade", "+1", "--sql").out()).contains("-- Running upgrade <base> -> ae1027a6acf3");
		// A script names an empty side as the online run's 'Running …' and 'Done: …' lines do.
		assertThat(cli(db).run("downgrade", "ae1027a6acf3:base", "--sql").out())
			.startsWith("-- Retort downgrade ae1027a6acf3:base (offline): ae1027a6acf3 -> <base>\n")
			.contains("--   1. downgrade ae1027a6acf3 -> <base>, ")
			.contains("-- Running downgrade ae1027a6acf3 -> <base>\n");
		// Offline, the script's start stands for the database.
		CliRun.Result offline = CliRun.in(this.project).run("upgrade", "heads:+1", "--sql");
		assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(2);
		assertThat(offline.err()).isEqualTo(atHead);
		cli(db).run("downgrade", "base");
		CliRun.Result tooFar = cli(db).run("upgrade", "+3");
		assertThat(tooFar.exitCode()).as(tooFar.toString()).isEqualTo(2);
		assertThat(tooFar.err()).isEqualTo("ERROR: Cannot upgrade '+3': it counts 3 revisions up from the current"
				+ " revision base, and only 2 revisions lie above it, up to the head. Use 'upgrade +2', or 'upgrade heads'"
				+ " for all of them.\n");
		assertThat(db.tableExists("coffee_logs")).isFalse();
	}

	@Test
	void aTargetOnAnotherBranchSaysWhatToWriteInstead(TestDatabase db) {
		this.revisions.write("b111aaaaaaaa", "", "billing", "create invoices", "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		cli(db).run("upgrade", "ae1027a6acf3");
		CliRun.Result result = cli(db).run("upgrade", "billing@1975");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: Revision 1975ea83b712 is not on branch 'billing' (in"
				+ " 'billing@1975'): it is neither an ancestor nor a descendant of b111aaaaaaaa. After 'billing@' name a"
				+ " revision of that branch ('retort history -r billing@base:' lists them), or leave 'billing@' out to"
				+ " name 1975ea83b712 wherever it is.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
		assertThat(db.tableExists("invoices")).isFalse();
	}

	@Test
	void aRelativeUpgradeAtOneOfSeveralHeadsNamesTheHeadsStillPending(TestDatabase db) {
		this.revisions.write("b111aaaaaaaa", "", "billing", "create invoices", "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		cli(db).run("upgrade", "1975ea83b712");
		// It said "the database is already at the head, so there is nothing to upgrade", beside
		// 'current' saying "Not up to date": another head is not applied.
		CliRun.Result result = cli(db).run("upgrade", "+1");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: Cannot upgrade '+1': it counts 1 revision up from the current"
				+ " revision 1975ea83b712, and no revision lies above it: it is a head, but not the only one, and"
				+ " b111aaaaaaaa is not applied. 'retort upgrade heads' applies every head, or 'retort upgrade"
				+ " billing@+1' moves one step up that branch.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		CliRun.Result along = cli(db).run("upgrade", "billing@+1");
		assertThat(along.exitCode()).as(along.toString()).isZero();
		assertThat(db.tableExists("invoices")).isTrue();
	}

	@Test
	void aRelativeDowngradeAtBaseSaysNothingIsApplied(TestDatabase db) {
		String atBase = "ERROR: Cannot downgrade '-1': it counts down from the current revision, and none is applied"
				+ " (the database is at base), so there is nothing to downgrade.\n";
		CliRun.Result online = cli(db).run("downgrade", "-1");
		assertThat(online.exitCode()).as(online.toString()).isEqualTo(2);
		assertThat(online.err()).isEqualTo(atBase);
		CliRun.Result script = cli(db).run("downgrade", "current:-1", "--sql");
		assertThat(script.exitCode()).as(script.toString()).isEqualTo(2);
		assertThat(script.err()).isEqualTo(atBase);
		CliRun.Result offline = CliRun.in(this.project).run("downgrade", "base:-1", "--sql");
		assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(2);
		assertThat(offline.err()).isEqualTo(atBase);
		cli(db).run("upgrade");
		CliRun.Result tooFar = cli(db).run("downgrade", "-3");
		assertThat(tooFar.exitCode()).as(tooFar.toString()).isEqualTo(2);
		assertThat(tooFar.err()).isEqualTo("ERROR: Cannot downgrade '-3': it counts 3 revisions down from the current"
				+ " revision 1975ea83b712, and only 2 revisions are applied up to it. Use 'downgrade -2' to go down to"
				+ " base.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void stampToBaseInJsonNamesBaseAsTheStepsRevision(TestDatabase db) {
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("stamp", "base", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(compact(result.out())).matches("\\{\"from\":\\[\"1975ea83b712\"],\"to\":\\[],\"steps\":\\[\\{"
				+ "\"revision\":\"base\",\"operation\":\"stamp\",\"durationMs\":\\d+}]}");
		cli(db).run("stamp", "head");
		CliRun.Result purge = cli(db).run("stamp", "--purge", "ae10", "--format", "json");
		assertThat(purge.exitCode()).as(purge.toString()).isZero();
		assertThat(compact(purge.out())).contains("\"steps\":[{\"revision\":\"base\",\"operation\":\"stamp\"")
			.contains("{\"revision\":\"ae1027a6acf3\",\"operation\":\"stamp\"");
	}

	@Test
	void aMistypedTargetWordIsRefusedWithTheWordSuggested(TestDatabase db) {
		CliRun.Result head = cli(db).run("upgrade", "Head");
		assertThat(head.exitCode()).as(head.toString()).isEqualTo(2);
		assertThat(head.err()).isEqualTo("ERROR: No revision or branch label 'Head' is known. Did you mean head?"
				+ " 'retort history' lists the revisions.\n");
		assertThat(db.tableExists("retort_version")).isFalse();
		cli(db).run("upgrade");
		CliRun.Result base = cli(db).run("downgrade", "bas");
		assertThat(base.exitCode()).as(base.toString()).isEqualTo(2);
		assertThat(base.err()).isEqualTo("ERROR: No revision or branch label 'bas' is known; a partial revision id"
				+ " needs at least four characters. Did you mean base?\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aProfileThatSelectsNothingIsSaidBeforeTheCommandRuns(TestDatabase db) throws IOException {
		Files.writeString(this.project.resolve("src/main/resources/application.yml"), "retort:\n  history-table:"
				+ " retort_history\n---\nspring:\n  config:\n    activate:\n      on-profile: prod & !eu\nretort:\n"
				+ "  lock:\n    wait-timeout: 1m\n");
		Files.writeString(this.project.resolve("src/main/resources/application-staging.properties"),
				"retort.lock.wait-timeout=2m\n");
		cli(db).run("upgrade");
		// 'prd' for 'prod': the settings without the profile, another database's in a real project.
		CliRun.Result typo = cli(db).run("current", "--profile", "prd");
		assertThat(typo.exitCode()).as(typo.toString()).isZero();
		assertThat(typo.err()).isEqualTo("Profile 'prd' (--profile) selects nothing in application.yml: no document is"
				+ " activated by it (spring.config.activate.on-profile) and no application-prd.yml or .properties exists,"
				+ " so the settings are those without it; profiles named there: eu, prod, staging.\n");
		CliRun.Result fromEnvironment = cli(db).env("SPRING_PROFILES_ACTIVE", "prod,aws").run("current");
		assertThat(fromEnvironment.err()).startsWith("Profile 'aws' (SPRING_PROFILES_ACTIVE) selects nothing");
		for (String profile : new String[] { "prod", "staging", "eu" }) {
			CliRun.Result known = cli(db).run("current", "--profile", profile);
			assertThat(known.err()).as(profile).isEmpty();
		}
		assertThat(cli(db).run("current", "--profile", "prd", "-q").err()).isEmpty();
	}

	@Test
	void everyTargetWordIsSuggestedForItsNearMissesAndNothingForAFarOne(TestDatabase db) {
		cli(db).run("upgrade", "ae1027a6acf3");
		String[][] cases = { { "heds", "heads" }, { "hedas", "heads" }, { "HEADS", "heads" }, { "bsae", "base" },
				{ "Base", "base" } };
		for (String[] mistyped : cases) {
			CliRun.Result result = cli(db).run("upgrade", mistyped[0]);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).as(mistyped[0]).isEqualTo("ERROR: No revision or branch label '" + mistyped[0]
					+ "' is known. Did you mean " + mistyped[1] + "? 'retort history' lists the revisions.\n");
		}
		// 'current' starts a range: mistyped there it is suggested, and named where it means nothing, it says where it does.
		CliRun.Result range = cli(db).run("upgrade", "curent:heads", "--sql");
		assertThat(range.exitCode()).as(range.toString()).isEqualTo(2);
		assertThat(range.err()).startsWith("ERROR: No revision or branch label 'curent' is known. Did you mean current?");
		assertThat(range.out()).isEmpty();
		CliRun.Result current = cli(db).run("downgrade", "current");
		assertThat(current.exitCode()).as(current.toString()).isEqualTo(2);
		assertThat(current.err()).isEqualTo("ERROR: 'current' (the database's revisions) is read only as the start of an"
				+ " offline range ('current:heads --sql'), in 'history -r' and in 'show current'; here name a revision,"
				+ " 'heads', 'head' or 'base'.\n");
		CliRun.Result far = cli(db).run("upgrade", "newest");
		assertThat(far.exitCode()).as(far.toString()).isEqualTo(2);
		assertThat(far.err()).isEqualTo("ERROR: No revision or branch label 'newest' is known. 'retort history' lists"
				+ " the revisions.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
	}

	@Test
	void quietWithVerboseIsAUsageErrorThatChangesNothing(TestDatabase db) {
		for (String[] args : new String[][] { { "upgrade", "-q", "-v" }, { "-v", "upgrade", "--quiet" },
				{ "-q", "upgrade", "-vv" } }) {
			CliRun.Result result = cli(db).run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).startsWith("ERROR: -q (--quiet) and -v (--verbose) cannot be combined: -q prints"
					+ " results only, -v prints more. Leave out one of them.\n").contains("Usage: retort upgrade");
			assertThat(result.out()).isEmpty();
		}
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(CliRun.in(this.project).run("upgrade", "-q", "-v", "--help").exitCode()).isZero();
	}

	@Test
	void upgradeInJsonPrintsOneDocumentOnStandardOutputAndStepsOnStandardError(TestDatabase db) {
		CliRun.Result result = cli(db).run("upgrade", "ae10", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(compact(result.out())).matches("\\{\"from\":\\[],\"to\":\\[\"ae1027a6acf3\"],\"steps\":\\[\\{"
				+ "\"revision\":\"ae1027a6acf3\",\"operation\":\"upgrade\",\"durationMs\":\\d+}]}");
		assertThat(result.err()).startsWith("Running upgrade <base> -> ae1027a6acf3");
	}

	@Test
	void quietLeavesOnlyTheResult(TestDatabase db) {
		CliRun.Result result = cli(db).run("upgrade", "-q");
		assertThat(result.exitCode()).isZero();
		assertThat(result.err()).isEmpty();
		assertThat(result.out()).startsWith("Done: ");
	}

	@Test
	void currentShowsTheDatabaseRevisionMarkedHead(TestDatabase db) {
		CliRun.Result empty = cli(db).run("current");
		assertThat(empty.exitCode()).isZero();
		assertThat(empty.out()).isEmpty();
		assertThat(empty.err()).contains("No revision applied: the database is at base.");
		cli(db).run("upgrade", "ae1027a6acf3");
		CliRun.Result behind = cli(db).run("current");
		assertThat(behind.out()).isEqualTo("ae1027a6acf3\n");
		assertThat(behind.err()).contains("Not up to date: the heads are 1975ea83b712");
		cli(db).run("upgrade");
		assertThat(cli(db).run("current").out()).isEqualTo("1975ea83b712 (head)\n");
	}

	@Test
	void currentWarnsOfAnAppliedFileEditedSinceAsTheNextUpgradeRefusesIt(TestDatabase db) {
		cli(db).run("upgrade");
		this.revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id bigint;", "ALTER TABLE coffee_logs DROP COLUMN user_id;");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("1975ea83b712 (head)\n");
		assertThat(current.err()).matches("Applied revision 1975ea83b712 \\(.*1975ea83b712_add_user_column\\.sql\\) changed"
				+ " on disk since it was applied \\(checksum [0-9a-f]{64} != [0-9a-f]{64}\\)\\. Applied revisions are never"
				+ " edited: revert the file and add a new revision\\. Until then 'retort upgrade' and 'retort downgrade'"
				+ " refuse to run\\.\n");
		CliRun.Result json = cli(db).run("current", "--format", "json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		assertThat(json.out()).contains("\"changed\": [\n    {\n      \"revision\": \"1975ea83b712\",")
			.contains("\"kind\": \"sql\"");
		// What current warned of: the upgrade and validate that follow refuse the file.
		assertThat(cli(db).run("upgrade").exitCode()).isEqualTo(2);
		assertThat(cli(db).run("validate").exitCode()).isEqualTo(3);
		this.revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", "ALTER TABLE coffee_logs DROP COLUMN user_id;");
		CliRun.Result reverted = cli(db).run("current");
		assertThat(reverted.err()).isEmpty();
		assertThat(cli(db).run("current", "--format", "json").out()).contains("\"changed\": []");
	}

	@Test
	void currentShowsOverlappingRowsMarkedAndSaysHowToReplaceThem(TestDatabase db) {
		cli(db).run("upgrade");
		// Left by a hand edit or an older tool: the row of the first revision beside its child's.
		db.execute("INSERT INTO retort_version VALUES ('ae1027a6acf3')");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("1975ea83b712 (head)\nae1027a6acf3 (an ancestor of 1975ea83b712: this row"
				+ " should not be there)\n");
		assertThat(current.err()).isEqualTo("The version table holds both ae1027a6acf3 and 1975ea83b712, but ae1027a6acf3"
				+ " is an ancestor of 1975ea83b712: its row should not be there (a hand edit, or a tool that inserted a row"
				+ " instead of moving one).\nupgrade, downgrade and stamp refuse these rows. If the schema is at"
				+ " 1975ea83b712 (as the rows above say), replace the rows: retort stamp --purge 1975ea83b712\n");
		CliRun.Result json = cli(db).run("current", "--format", "json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		assertThat(json.out()).contains("\"upToDate\": false").contains("\"overlapping\": [\n    \"ae1027a6acf3\"\n  ]");
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1")).containsExactly("1975ea83b712",
				"ae1027a6acf3");
		assertThat(cli(db).run("stamp", "--purge", "1975ea83b712").exitCode()).isZero();
		assertThat(cli(db).run("current").out()).isEqualTo("1975ea83b712 (head)\n");
	}

	@Test
	void currentOnASchemaBuiltWithoutRetortSaysItNeedsABaselineNotThatEveryRevisionRuns(TestDatabase db) {
		// A database another tool (Flyway) migrated: its tables, its own history table, no retort_version.
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text, user_id integer)",
				"CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY)");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).contains("No revision applied, but the schema holds tables and sequences Retort did not create"
				+ " (built by hand or by another tool, such as Flyway): 'retort upgrade' would run every revision from"
				+ " base on them. Record the revision that describes the existing schema first: 'retort stamp REV', or"
				+ " 'retort.baseline: REV'")
			.doesNotContain("applies every revision");
		CliRun.Result withBaseline = cli(db).env("RETORT_BASELINE", "1975ea83b712").run("current");
		assertThat(withBaseline.err()).contains("'retort upgrade' stamps the baseline 1975ea83b712 ('retort.baseline':"
				+ " recorded as applied, not run), then applies the revisions after it.");
		assertThat(db.tableExists("retort_version")).isFalse();
		// What it says is what upgrade does.
		CliRun.Result upgrade = cli(db).env("RETORT_BASELINE", "1975ea83b712").run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		// Downgraded to base, it is no longer a schema built without Retort: the tables left are others'.
		cli(db).run("downgrade", "base");
		assertThat(cli(db).run("current").err()).contains("No revision applied: the database is at base.");
	}

	@Test
	void currentNamesWhatASchemaBuiltWithoutRetortHoldsWhenItHoldsNoTable(TestDatabase db) {
		// Types and functions alone make a schema one to baseline: the note must not speak of tables.
		db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
				"CREATE FUNCTION answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).contains("No revision applied, but the schema holds types and functions Retort did"
				+ " not create (built by hand or by another tool, such as Flyway)")
			.doesNotContain("tables");
		CliRun.Result withBaseline = cli(db).env("RETORT_BASELINE", "1975ea83b712").run("current");
		assertThat(withBaseline.err()).contains("No revision applied, but the schema holds types and functions Retort"
				+ " did not create: 'retort upgrade' stamps the baseline 1975ea83b712");
		db.execute("DROP TYPE mood");
		assertThat(cli(db).run("current").err()).contains("the schema holds functions Retort did not create");
	}

	@Test
	void aDatabaseAlembicMigratedIsNotUpgradedFromBaseWhenTheVersionTableIsNotSet(TestDatabase db) {
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)",
				"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
						+ " PRIMARY KEY (version_num))",
				"INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf3')");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).contains("No revision applied in retort_version, but the schema holds alembic_version"
				+ " at ae1027a6acf3: Alembic migrated this database. To take it over, set retort.version-table:"
				+ " alembic_version");
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(upgrade.err()).contains("holds alembic_version at ae1027a6acf3: Alembic migrated this database,"
				+ " but the configured version table retort_version holds no revision, so this upgrade would run every"
				+ " revision from base again. Nothing was run.");
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("ae1027a6acf3");
		// A script read from where the database stands would start at base as well; any other start is heard.
		CliRun.Result script = cli(db).run("upgrade", "current:heads", "--sql");
		assertThat(script.exitCode()).as(script.toString()).isEqualTo(2);
		assertThat(script.out()).isEmpty();
		assertThat(script.err()).contains("holds alembic_version at ae1027a6acf3: Alembic migrated this database");
		assertThat(cli(db).run("upgrade", "base:heads", "--sql").out()).contains("CREATE TABLE coffee_logs");
		assertThat(cli(db).run("upgrade", "--sql").out()).contains("CREATE TABLE coffee_logs");
		// Taken over, it continues from where Alembic left it.
		CliRun.Result takenOver = cli(db).env("RETORT_VERSION_TABLE", "alembic_version").run("upgrade");
		assertThat(takenOver.exitCode()).as(takenOver.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void takingOverAnAlembicDatabaseAtAnIdNoFileDeclaresRunsNothingFromBase(TestDatabase db) {
		// The revisions were converted to SQL under new ids: Alembic's 'deadbeef1234' is coffee_logs.
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)",
				"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
						+ " PRIMARY KEY (version_num))",
				"INSERT INTO alembic_version (version_num) VALUES ('deadbeef1234')");
		CliRun takeOver = cli(db).env("RETORT_VERSION_TABLE", "alembic_version");
		// Not a newer version's row: current says what upgrade will say, rather than to run a newer version.
		CliRun.Result current = takeOver.run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("deadbeef1234\n");
		assertThat(current.err()).isEqualTo("The database holds deadbeef1234, which no revision file declares and the"
				+ " history does not record: another tool (such as Alembic) or a hand-written row put it in the version"
				+ " table, not a newer version of the application. 'retort upgrade' refuses to start there, since it would"
				+ " run every revision from base. Give the revision that describes deadbeef1234 its id ('Revision ID:"
				+ " deadbeef1234'), or record where the database is with 'retort stamp --purge REV...'.\n");
		assertThat(takeOver.run("history", "-i").err()).isEqualTo("The database is at deadbeef1234, which no revision"
				+ " file here declares, so no line above is marked (current): another tool (such as Alembic) or a"
				+ " hand-written row put it in the version table, and the history does not record it either. 'retort"
				+ " current' says more.\n");
		CliRun.Result show = takeOver.run("show", "current");
		assertThat(show.exitCode()).as(show.toString()).isEqualTo(2);
		assertThat(show.err()).isEqualTo("ERROR: The database is at deadbeef1234, which no revision file declares and"
				+ " the history does not record: another tool (such as Alembic) or a hand-written row put it in the"
				+ " version table, not a newer version of the application, so there is no file to show. Give the"
				+ " revision that describes deadbeef1234 its id ('Revision ID: deadbeef1234'), or record where the"
				+ " database is with 'retort stamp --purge REV...'.\n");
		CliRun.Result upgrade = takeOver.run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(upgrade.err()).isEqualTo("ERROR: The database is at deadbeef1234, which no revision file declares and"
				+ " the history does not record (another tool, such as Alembic, or a hand-written row put it in the"
				+ " version table), so 'upgrade heads' would run every revision from base though the database holds"
				+ " some of them already. Nothing was changed. Give the revision that describes deadbeef1234 its id ('Revision"
				+ " ID: deadbeef1234'), or record where the database is with 'retort stamp --purge REV...'.\n");
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("deadbeef1234");
		assertThat(db.tableExists("retort_history")).isFalse();
		assertThat(takeOver.run("stamp", "--purge", "ae10").exitCode()).isZero();
		CliRun.Result continued = takeOver.run("upgrade");
		assertThat(continued.exitCode()).as(continued.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void takingOverAnAlembicDatabaseAtAnIdTooLongForAFileOffersOnlyTheStamp(TestDatabase db) {
		// The team widened alembic_version for hand-written ids; Retort's files cannot take such an id back.
		String id = "add_orders_table_2024_01_15_customer_fk";
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)",
				"CREATE TABLE alembic_version (version_num varchar(64) NOT NULL PRIMARY KEY)",
				"INSERT INTO alembic_version (version_num) VALUES ('" + id + "')");
		CliRun takeOver = cli(db).env("RETORT_VERSION_TABLE", "alembic_version");
		assertThat(takeOver.run("current").err()).contains("which no revision file declares and the history does not"
				+ " record").endsWith(" Record where the database is with 'retort stamp --purge REV...', REV the revision"
				+ " that describes it here (" + id + " cannot be a revision file's id: it has 39 characters, and Retort's"
				+ " have at most 32).\n");
		CliRun.Result upgrade = takeOver.run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(upgrade.err()).endsWith(" Nothing was changed. " + id + " cannot be a revision file's id (39 characters;"
				+ " Retort's ids have at most 32, the varchar(32) of Alembic's own version table, which was widened here):"
				+ " record where the database is with 'retort stamp --purge REV...', REV the revision that describes it"
				+ " here.\n");
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly(id);
		assertThat(takeOver.run("stamp", "--purge", "ae10").exitCode()).isZero();
		assertThat(takeOver.run("upgrade").exitCode()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void overlappingVersionRowsAreRefusedByStampTooAndPurgeReplacesThem(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "1975ea83b712", "add price", "SELECT 1;", "SELECT 1;");
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)",
				"INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf3'), ('1975ea83b712')");
		CliRun alembic = cli(db).env("RETORT_VERSION_TABLE", "alembic_version");
		CliRun.Result stamp = alembic.run("stamp", "heads");
		assertThat(stamp.exitCode()).as(stamp.toString()).isEqualTo(2);
		assertThat(stamp.err()).isEqualTo("ERROR: The version table holds both ae1027a6acf3 and 1975ea83b712, but"
				+ " ae1027a6acf3 is an ancestor of 1975ea83b712; its row should not be there. Nothing was changed."
				+ " Replace the rows with 'retort stamp --purge REV...', naming the revisions the database is at:"
				+ " 'retort stamp --purge 1975ea83b712' if it is at 1975ea83b712 ('retort current' shows the rows).\n");
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version ORDER BY 1")).containsExactly("1975ea83b712",
				"ae1027a6acf3");
		assertThat(alembic.run("stamp", "--purge", "1975ea83b712").exitCode()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aStampDownOneBranchAcrossAMergeKeepsTheOtherSideSoUpgradeDoesNotRunItAgain(TestDatabase db) {
		// Alembic's G3 on top of the linear project: c1 -> d1 and c2 (payments) -> d2, merged by e.
		this.revisions.write("c1c1c1c1c1c1", "1975ea83b712", "add origin", "ALTER TABLE coffee_logs ADD COLUMN origin text;",
				"ALTER TABLE coffee_logs DROP COLUMN origin;");
		this.revisions.write("d1d1d1d1d1d1", "c1c1c1c1c1c1", "add roast", "ALTER TABLE coffee_logs ADD COLUMN roast text;",
				"ALTER TABLE coffee_logs DROP COLUMN roast;");
		this.revisions.write("c2c2c2c2c2c2", "1975ea83b712", "payments", "add price",
				"ALTER TABLE coffee_logs ADD COLUMN price numeric;", "ALTER TABLE coffee_logs DROP COLUMN price;");
		this.revisions.write("d2d2d2d2d2d2", "c2c2c2c2c2c2", "add currency",
				"ALTER TABLE coffee_logs ADD COLUMN currency text;", "ALTER TABLE coffee_logs DROP COLUMN currency;");
		this.revisions.write("e5e5e5e5e5e5", "d1d1d1d1d1d1, d2d2d2d2d2d2", "merge", "SELECT 1;", "SELECT 1;");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result stamp = cli(db).run("stamp", "payments@d2d2d2d2d2d2");
		assertThat(stamp.exitCode()).as(stamp.toString()).isZero();
		assertThat(stamp.out()).startsWith("Done: e5e5e5e5e5e5 -> d1d1d1d1d1d1, d2d2d2d2d2d2 (1 step, ");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1")).containsExactly("d1d1d1d1d1d1",
				"d2d2d2d2d2d2");
		// What 'downgrade payments@d2d2d2d2d2d2' would have left: the upgrade runs the merge alone,
		// not d1's 'ADD COLUMN roast' again (which fails: the column exists).
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(upgrade.err()).startsWith("Running upgrade d1d1d1d1d1d1, d2d2d2d2d2d2 -> e5e5e5e5e5e5, merge (")
			.doesNotContain("add roast");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("e5e5e5e5e5e5");
	}

	@Test
	void aRepeatedVersionRowIsRefusedBeforeAnythingRuns(TestDatabase db) {
		// Alembic's version_table_pk=False (and tables older than 0.8.10) have no primary key.
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)",
				"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)",
				"INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf3'), ('ae1027a6acf3')");
		CliRun alembic = cli(db).env("RETORT_VERSION_TABLE", "alembic_version");
		CliRun.Result current = alembic.run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).contains("The version table holds ae1027a6acf3 more than once (it has no primary"
				+ " key): upgrade, downgrade and stamp refuse to move such rows. 'retort stamp --purge REV...' replaces"
				+ " them.");
		for (String[] command : new String[][] { { "upgrade" }, { "stamp", "heads" }, { "downgrade", "base" } }) {
			CliRun.Result result = alembic.run(command);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).isEqualTo("ERROR: The version table holds ae1027a6acf3 more than once: a version"
					+ " table without a primary key (Alembic's version_table_pk=False, or one created before Alembic"
					+ " 0.8.10) lets a row repeat, and each step would move every copy. Nothing was changed. Replace the"
					+ " rows with 'retort stamp --purge ae1027a6acf3'.\n");
		}
		assertThat(db.tableExists("coffee_logs")).isTrue();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("ae1027a6acf3",
				"ae1027a6acf3");
		assertThat(alembic.run("stamp", "--purge", "ae1027a6acf3").exitCode()).isZero();
		CliRun.Result upgrade = alembic.run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aLongerIdThanRetortsTablesHoldIsRefusedEvenWhereAlembicVersionWasWidened(TestDatabase db) {
		String id = "0003_add_origin_column_to_coffee_logs";
		this.revisions.write(id, "1975ea83b712", "add origin", "SELECT 1;", "SELECT 1;");
		db.execute("CREATE TABLE alembic_version (version_num varchar(255) NOT NULL PRIMARY KEY)",
				"INSERT INTO alembic_version (version_num) VALUES ('1975ea83b712')");
		CliRun.Result result = cli(db).env("RETORT_VERSION_TABLE", "alembic_version").run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains(id + "_add_origin.sql:3: revision id '" + id + "' is 37 characters long; Retort's version"
				+ " tables hold ids of at most 32 (varchar(32), as Alembic's), even where alembic_version was widened.");
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("1975ea83b712");
	}

	@Test
	void stampRecordsAnotherVersionTableBesideAlembicsWhenAskedTo(TestDatabase db) {
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)",
				"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)",
				"INSERT INTO alembic_version (version_num) VALUES ('0ther0000001')");
		assertThat(cli(db).run("stamp", "ae1027a6acf3").exitCode()).isZero();
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void currentAfterAFailedRunSaysWhatFailedAndWhatItSaid(TestDatabase db) {
		cli(db).run("upgrade", "ae1027a6acf3");
		db.execute("ALTER TABLE coffee_logs ADD COLUMN user_id integer");
		CliRun.Result failed = cli(db).run("upgrade");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("ae1027a6acf3\n");
		assertThat(current.err()).contains("Not up to date: the heads are 1975ea83b712")
			.containsPattern("The last run failed \\(upgrade of 1975ea83b712, started \\S+ by "
					+ db.user() + "\\); what it said:\n  Revision 1975ea83b712 \\(\\S+:\\d+\\) failed and was rolled back:"
					+ " ERROR: column \"user_id\" of relation \"coffee_logs\" already exists")
			.contains("\n    in statement: ALTER TABLE coffee_logs ADD COLUMN user_id integer");
		// Once it is fixed and applied, current says nothing of the old failure.
		db.execute("ALTER TABLE coffee_logs DROP COLUMN user_id");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		assertThat(cli(db).run("current").err()).isEmpty();
		// A failed downgrade: its row's heads are those before it; the revision says what ran.
		db.execute("ALTER TABLE coffee_logs DROP COLUMN user_id");
		assertThat(cli(db).run("downgrade", "ae1027a6acf3").exitCode()).isEqualTo(1);
		assertThat(cli(db).run("current").err())
			.contains("The last run failed (downgrade of 1975ea83b712, started ");
	}

	@Test
	void currentWhileAnotherRunnerHoldsTheLockSaysAMigrationRunsRatherThanToUpgrade(TestDatabase db)
			throws SQLException {
		cli(db).run("upgrade", "ae1027a6acf3");
		try (Connection runner = db.connect(); Statement statement = runner.createStatement()) {
			// Held as a deploy's runner holds it while it applies 1975ea83b712.
			statement.execute("SET application_name = 'coffee-deploy'");
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(new TableNames("public", "retort_version",
					"retort_history")) + ")");
			ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()");
			pid.next();
			CliRun.Result current = cli(db).run("current");
			assertThat(current.exitCode()).as(current.toString()).isZero();
			assertThat(current.out()).isEqualTo("ae1027a6acf3\n");
			// No session holds the work lock for it: it runs nothing, and 'current' does not say a migration runs.
			assertThat(current.err()).contains("Not up to date: the heads are 1975ea83b712; the migration lock is held by"
					+ " pid " + pid.getInt(1) + " (application_name 'coffee-deploy', connected since ")
				.contains(", and no session migrates for it (a runner that hangs, or a session opened by hand, keeps"
						+ " it until its session ends). 'retort upgrade' would wait for it;")
				.doesNotContain("applies what is pending");
		}
		// Once it is done, the advice is back.
		assertThat(cli(db).run("current").err()).contains("; 'retort upgrade' applies what is pending.");
	}

	@Test
	void currentAtBaseWhileAnotherRunnerHoldsTheLockSaysSoInOneSentence(TestDatabase db) throws SQLException {
		try (Connection runner = db.connect(); Statement statement = runner.createStatement()) {
			// A first deploy's runner holds the lock before it has applied anything.
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(new TableNames("public", "retort_version",
					"retort_history")) + ")");
			CliRun.Result current = cli(db).run("current");
			assertThat(current.exitCode()).as(current.toString()).isZero();
			assertThat(current.err()).startsWith("No revision applied: the database is at base; the migration lock is"
					+ " held by pid ")
				.contains("'retort upgrade' would wait for it;");
		}
	}

	@Test
	void upgradeOfADatabaseAheadOfTheFilesSaysSoRatherThanThatItIsAtItsRevision(TestDatabase db) throws IOException {
		// A newer version of the application migrated it; this one does not have its revision file.
		Path newer = this.revisions.write("ffff00000001", "1975ea83b712", "add price",
				"ALTER TABLE coffee_logs ADD COLUMN price int;", "ALTER TABLE coffee_logs DROP COLUMN price;");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		Files.delete(newer);
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("Nothing to upgrade: the database is at ffff00000001, ahead of this version:"
				+ " no revision file here declares ffff00000001 (a newer version of the application migrated it)."
				+ " Nothing was done.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ffff00000001");
	}

	@Test
	void currentOfADatabaseAheadOfTheFilesSaysSoRatherThanToUpgrade(TestDatabase db) {
		cli(db).run("upgrade");
		newerVersionMoved(db, "ffff00000001");
		CliRun.Result ahead = cli(db).run("current");
		assertThat(ahead.exitCode()).isZero();
		assertThat(ahead.out()).isEqualTo("ffff00000001\n");
		assertThat(ahead.err()).contains("The database holds ffff00000001, which no revision file declares")
			// A Migration bean the command line cannot see leaves the database looking ahead too.
			.contains("(A Migration bean is read by the application only: then run 'java -jar app.jar retort current'.)")
			.doesNotContain("retort upgrade")
			.doesNotContain("rename");
		// As the Actuator endpoint says it: nothing to do here, and the database is ahead.
		assertThat(cli(db).run("current", "--format", "json").out()).contains("\"upToDate\": true")
			.contains("\"databaseAhead\": true");
	}

	/** What a newer version's upgrade leaves: its row, and the step the history recorded. */
	private static void newerVersionMoved(TestDatabase db, String revision) {
		db.execute("UPDATE retort_version SET version_num = '" + revision + "'", "INSERT INTO retort_history (revision,"
				+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('" + revision + "', 'upgrade', '{}',"
				+ " '{" + revision + "}', 1, true)");
	}

	@Test
	void aHandWrittenRowBesideKnownRowsIsSaidToBeOneAndUpgradeRefusesIt(TestDatabase db) {
		cli(db).run("upgrade", "ae1027a6acf3");
		// No revision file declares it and the history never recorded it: not a newer version's row.
		db.execute("INSERT INTO retort_version VALUES ('fake')");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).isEqualTo("The database holds fake, which no revision file declares and the history"
				+ " does not record: another tool (such as Alembic) or a hand-written row put it in the version table,"
				+ " not a newer version of the application. 'retort upgrade' refuses to start there, since nothing"
				+ " tells which revisions the database holds beside the rows the files declare. Give the revision"
				+ " that describes fake its id ('Revision ID: fake'), or record where the database is with 'retort"
				+ " stamp --purge REV...'.\n");
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(upgrade.out()).isEmpty();
		assertThat(upgrade.err()).isEqualTo("ERROR: The database is at fake, which no revision file declares and the"
				+ " history does not record (another tool, such as Alembic, or a hand-written row put it in the version"
				+ " table), so 'upgrade heads' cannot tell which revisions the database holds beside ae1027a6acf3 (the"
				+ " row may stand above any of them). Nothing was changed. Give the revision that describes fake its"
				+ " id ('Revision ID: fake'), or record where the database is with 'retort stamp --purge REV...'.\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("ae1027a6acf3", "fake");
		CliRun.Result validate = cli(db).run("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
		assertThat(validate.out()).contains("- Revision fake is in retort_version but no revision file declares it and"
				+ " retort_history does not record it: another tool (such as Alembic) or a hand-written row put it"
				+ " there, not a newer version of the application.")
			.doesNotContain("newer version.");
		// At the head too: not 'Nothing to upgrade, ahead of this version'.
		cli(db).run("stamp", "--purge", "1975ea83b712");
		db.execute("INSERT INTO retort_version VALUES ('fake')");
		CliRun.Result atHead = cli(db).run("upgrade");
		assertThat(atHead.exitCode()).as(atHead.toString()).isEqualTo(2);
		assertThat(atHead.out()).doesNotContain("ahead of this version");
		assertThat(atHead.err()).contains("ERROR: The database is at fake, which no revision file declares and the"
				+ " history does not record");
		// What it says to do puts the database right.
		assertThat(cli(db).run("stamp", "--purge", "1975ea83b712").exitCode()).isZero();
		assertThat(cli(db).run("upgrade").out()).isEqualTo("Nothing to upgrade: the database is at 1975ea83b712.\n");
	}

	@Test
	void aHandWrittenRowIsSaidToBeOneByDowngradeAndTheScriptsThatReadTheDatabase(TestDatabase db) {
		cli(db).run("upgrade");
		db.execute("INSERT INTO retort_version VALUES ('fake')");
		String handWritten = "The database is at fake, which no revision file declares and the history does not record"
				+ " (another tool, such as Alembic, or a hand-written row put it in the version table), so ";
		String whatToDo = " Nothing was changed. Give the revision that describes fake its id ('Revision ID: fake'), or"
				+ " record where the database is with 'retort stamp --purge REV...'.\n";
		CliRun.Result downgrade = cli(db).run("downgrade", "-1");
		assertThat(downgrade.exitCode()).as(downgrade.toString()).isEqualTo(2);
		assertThat(downgrade.err()).isEqualTo("ERROR: " + handWritten + "'downgrade -1' cannot tell which revisions the"
				+ " database holds beside 1975ea83b712 (the row may stand above any of them)." + whatToDo);
		assertThat(cli(db).run("downgrade", "base").err()).startsWith("ERROR: " + handWritten + "'downgrade base'")
			.doesNotContain("newer version");
		CliRun.Result script = cli(db).run("upgrade", "--sql", "current:heads");
		assertThat(script.exitCode()).as(script.toString()).isEqualTo(2);
		assertThat(script.out()).isEmpty();
		assertThat(script.err()).isEqualTo("ERROR: " + handWritten + "a script cannot tell which revisions the database"
				+ " holds beside 1975ea83b712 (the row may stand above any of them)." + whatToDo);
		assertThat(cli(db).run("downgrade", "--sql", "current:base").err()).startsWith("ERROR: " + handWritten)
			.doesNotContain("newer version");
		// Alone in the version table, as Alembic's row taken over under a new id.
		db.execute("DELETE FROM retort_version WHERE version_num <> 'fake'");
		assertThat(cli(db).run("downgrade", "-1").err()).isEqualTo("ERROR: " + handWritten + "'downgrade -1' cannot"
				+ " tell which revisions the database holds." + whatToDo);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("fake");
		assertThat(db.tableExists("coffee_logs")).isTrue();
		// What it says to do puts the database right for both.
		assertThat(cli(db).run("stamp", "--purge", "1975ea83b712").exitCode()).isZero();
		assertThat(cli(db).run("upgrade", "--sql", "current:heads").exitCode()).isZero();
		assertThat(cli(db).run("downgrade", "-1").exitCode()).isZero();
	}

	@Test
	void downgradeOfADatabaseANewerVersionMovedStillSaysSo(TestDatabase db) {
		cli(db).run("upgrade");
		newerVersionMoved(db, "ffff00000001");
		CliRun.Result downgrade = cli(db).run("downgrade", "-1");
		assertThat(downgrade.exitCode()).as(downgrade.toString()).isEqualTo(2);
		assertThat(downgrade.err()).contains("(a newer version of the application migrated it)");
		assertThat(cli(db).run("upgrade", "--sql", "current:heads").err())
			.contains("(a newer version of the application migrated it)");
	}

	@Test
	void historyIndicatingTheCurrentRevisionOfADatabaseAheadSaysWhyNoLineIsMarked(TestDatabase db) {
		cli(db).run("upgrade");
		newerVersionMoved(db, "ffff00000001");
		CliRun.Result history = cli(db).run("history", "--indicate-current");
		assertThat(history.exitCode()).isZero();
		assertThat(history.out()).doesNotContain("(current)");
		assertThat(history.err()).contains("The database is at ffff00000001, which no revision file here declares, so no"
				+ " line above is marked (current): a newer version of the application (or another branch of the code)"
				+ " migrated it.");
		db.execute("DELETE FROM retort_version");
		assertThat(cli(db).run("history", "--indicate-current").err())
			.contains("No revision is applied: the database is at base.");
		assertThat(cli(db).run("history").err()).isEmpty();
	}

	@Test
	void currentOfARowNoFileDeclaresSaysARebaseMayHaveRenamedItWhenAFileHoldsItsUpgradeSql(TestDatabase db)
			throws IOException {
		cli(db).run("upgrade");
		// A rebase gave the applied head a new id: same SQL, another file.
		Files.delete(this.revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", "ALTER TABLE coffee_logs DROP COLUMN user_id;"));
		this.revisions.write("5a5a5a5a5a5a", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", "ALTER TABLE coffee_logs DROP COLUMN user_id;");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.err()).contains("The database holds 1975ea83b712, which no revision file declares")
			.contains("\nThe history shows applied what no file declares but a file holds under another id (same"
					+ " upgrade SQL): 1975ea83b712 as 5a5a5a5a5a5a. A rebase or a rename may have changed an id;"
					+ " 'retort validate' says what to do.\n");
	}

	@Test
	void currentOfADatabaseAheadInsideTheApplicationDoesNotAskToRunItInsideTheApplication(TestDatabase db) {
		cli(db).run("upgrade");
		newerVersionMoved(db, "ffff00000001");
		// java -jar app.jar retort current: the application's configuration, Migration beans included, is the base.
		RetortConfig application = RetortConfig.builder()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + this.project.resolve("src/main/resources/db/revisions"))
			.build();
		CliRun.Result ahead = CliRun.in(this.project).base(application).run("current");
		assertThat(ahead.exitCode()).as(ahead.toString()).isZero();
		assertThat(ahead.err()).contains("The database holds ffff00000001, which no revision file declares")
			.doesNotContain("java -jar app.jar retort current");
	}

	@Test
	void currentVerboseNamesTheDatabaseWithoutItsPassword(TestDatabase db) {
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("current", "--verbose");
		assertThat(result.out()).startsWith("Current revision(s) for " + db.jdbcUrl() + " as " + db.user() + ":\n"
				+ "Rev: 1975ea83b712 (head) (current)\nParent: ae1027a6acf3\n");
	}

	@Test
	void currentMarksBranchPointsAndMergePointsAsAlembicDoes(TestDatabase db) {
		// Alembic's current prints each revision with its tree markers: 'ae10 (branchpoint)',
		// 'c0ff (head) (mergepoint)'.
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		cli(db).run("upgrade", "ae10");
		assertThat(cli(db).run("current").out()).isEqualTo("ae1027a6acf3 (branchpoint)\n");
		this.revisions.write("c0ffee000001", "1975ea83b712, 9c2d55e0aa41", "merge", "SELECT 1;", "SELECT 1;");
		cli(db).run("upgrade");
		assertThat(cli(db).run("current").out()).isEqualTo("c0ffee000001 (head) (mergepoint)\n");
	}

	@Test
	void showLabelMinusOneCountsDownFromTheBranchHeadAsAlembicShowDoes(TestDatabase db) {
		// Alembic's show resolves with get_revisions: 'payments@-1' is one below the payments head,
		// whatever the database holds (show does not read it).
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		this.revisions.write("9c2e00000002", "9c2d55e0aa41", "refunds", "CREATE TABLE refunds (id int);",
				"DROP TABLE refunds;");
		CliRun.Result show = cli(db).run("show", "payments@-1");
		assertThat(show.exitCode()).as(show.toString()).isZero();
		assertThat(show.out()).startsWith("Rev: 9c2d55e0aa41\nParent: ae1027a6acf3\n");
		assertThat(cli(db).run("show", "payments@-2").out()).startsWith("Rev: ae1027a6acf3 (branchpoint)\n");
	}

	@Test
	void currentInJsonIsTheShapeOfTheSpec(TestDatabase db) {
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("--format", "json", "current");
		assertThat(compact(result.out()))
			.isEqualTo("{\"current\":[\"1975ea83b712\"],\"heads\":[\"1975ea83b712\"],\"upToDate\":true,"
					+ "\"databaseAhead\":false,\"overlapping\":[],\"changed\":[]}");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void historyListsNewestFirstAsAlembicDoes(TestDatabase db) {
		cli(db).run("upgrade", "ae10");
		CliRun.Result result = cli(db).run("history", "--indicate-current");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).isEqualTo("""
				ae1027a6acf3 -> 1975ea83b712 (head), add user column
				<base> -> ae1027a6acf3 (current), create coffee logs
				""");
	}

	@Test
	void historyInJsonCarriesEachRevisionsStateWhenTheDatabaseIsRead(TestDatabase db) {
		cli(db).run("upgrade", "ae10");
		CliRun.Result result = cli(db).run("history", "--indicate-current", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(compact(result.out())).startsWith("{\"revisions\":[{\"revision\":\"1975ea83b712\"")
			.contains("\"state\":\"pending\"", "\"state\":\"applied\"");
		assertThat(compact(cli(db).run("history", "--format", "json").out())).doesNotContain("\"state\"");
	}

	@Test
	void downgradeAcrossAnIrreversibleRevisionIsRefusedBeforeAnythingRuns(TestDatabase db) {
		this.revisions.write("0ddba11c0ffe", "1975ea83b712", "drop coffee type",
				"ALTER TABLE coffee_logs DROP COLUMN coffee_type;", null);
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("downgrade", "base");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: ").contains("0ddba11c0ffe");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("0ddba11c0ffe");
		assertThat(db.tableExists("coffee_logs")).isTrue();
	}

	@Test
	void historyGraphDrawsBranchesAndMerges(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("c0ffee5ca1ab", "1975ea83b712, 9c2d55e0aa41", "merge price and users", "", "");
		CliRun.Result result = cli(db).run("history", "--graph");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out().lines().map(String::stripTrailing).toList()).containsExactly(
				"*   c0ffee5ca1ab (head) (mergepoint), merge price and users",
				"|\\",
				"* | 1975ea83b712, add user column",
				"| * 9c2d55e0aa41, add price",
				"|/",
				"* ae1027a6acf3 (branchpoint), create coffee logs");
	}

	@Test
	void historyOneBelowACurrentMergeListsWhatDowngradeMinusOneReverts(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("c0ffee5ca1ab", "1975ea83b712, 9c2d55e0aa41", "merge price and users", "", "");
		cli(db).run("upgrade");
		CliRun.Result history = cli(db).run("history", "-r-1:current");
		assertThat(history.exitCode()).as(history.toString()).isZero();
		assertThat(history.out()).isEqualTo("""
				1975ea83b712, 9c2d55e0aa41 -> c0ffee5ca1ab (head) (mergepoint), merge price and users
				ae1027a6acf3 -> 1975ea83b712, add user column
				ae1027a6acf3 -> 9c2d55e0aa41, add price
				""");
		CliRun.Result downgrade = cli(db).run("downgrade", "-1");
		assertThat(downgrade.exitCode()).as(downgrade.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("1975ea83b712", "9c2d55e0aa41");
	}

	@Test
	void anUpgradeToOneBelowAMergeAppliesBothParents(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("c0ffee5ca1ab", "1975ea83b712, 9c2d55e0aa41", "merge price and users", "", "");
		CliRun.Result upgrade = cli(db).run("upgrade", "c0ffee5ca1ab-1");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("1975ea83b712", "9c2d55e0aa41");
	}

	@Test
	void aRelativeMoveFromTwoCurrentRevisionsNamesTheMoveAlongEachBranch(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "pricing", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("c0ffee5ca1ab", "1975ea83b712, 9c2d55e0aa41", "merge price and users", "", "");
		cli(db).run("upgrade", "1975ea83b712");
		cli(db).run("upgrade", "9c2d55e0aa41");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("1975ea83b712", "9c2d55e0aa41");
		CliRun.Result up = cli(db).run("upgrade", "+1");
		assertThat(up.exitCode()).as(up.toString()).isEqualTo(2);
		assertThat(up.err()).isEqualTo("ERROR: Relative upgrade '+1' is ambiguous from multiple current revisions"
				+ " (1975ea83b712, 9c2d55e0aa41); name the branch: '1975ea83b712@+1' or 'pricing@+1'.\n");
		CliRun.Result down = cli(db).run("downgrade", "-1");
		assertThat(down.exitCode()).as(down.toString()).isEqualTo(2);
		assertThat(down.err()).contains("name the branch: '1975ea83b712@-1' or 'pricing@-1'.");
		CliRun.Result followed = cli(db).run("upgrade", "pricing@+1");
		assertThat(followed.exitCode()).as(followed.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("c0ffee5ca1ab");
	}

	@Test
	void historyRangeAndVerbose(TestDatabase db) {
		CliRun.Result result = cli(db).run("history", "-r", "ae10:1975", "--verbose");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("Rev: 1975ea83b712 (head)\nParent: ae1027a6acf3\nPath: ")
			.contains("\nRev: ae1027a6acf3\nParent: <base>\n", "    Revision ID: ae1027a6acf3\n");
	}

	@Test
	void headsAndBranchesShowTheShapeOfTheGraph(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		CliRun.Result heads = cli(db).run("heads");
		assertThat(heads.out()).isEqualTo("1975ea83b712 (head)\n9c2d55e0aa41 (payments) (head)\n");
		assertThat(heads.err()).contains("2 heads: join them with 'retort merge -m \"merge\" heads'.");
		assertThat(cli(db).run("heads", "--verbose").out()).contains("Rev: 9c2d55e0aa41 (head)\n", "Branch names: payments\n");
		// A second branch point: as alembic branches, each block ends with a blank line.
		this.revisions.write("9c2d00000001", "9c2d55e0aa41", "refunds", "SELECT 1;", "SELECT 1;");
		this.revisions.write("9c2d00000002", "9c2d55e0aa41", "payouts", "SELECT 1;", "SELECT 1;");
		CliRun.Result branches = cli(db).run("branches");
		assertThat(branches.out()).isEqualTo("""
				9c2d55e0aa41 (payments) (branchpoint)
				             -> 9c2d00000001 (payments) (head)
				             -> 9c2d00000002 (payments) (head)

				ae1027a6acf3 (branchpoint)
				             -> 1975ea83b712 (head)
				             -> 9c2d55e0aa41 (payments) (branchpoint)

				""");
		assertThat(cli(db).run("branches", "--verbose").out()).startsWith("Rev: 9c2d55e0aa41 (branchpoint)\n")
			.contains("             -> 9c2d00000002 (payments) (head), payouts\n\nRev: ae1027a6acf3 (branchpoint)\n",
					"Branches into: 1975ea83b712, 9c2d55e0aa41\n")
			.endsWith("             -> 9c2d55e0aa41 (payments) (branchpoint), payments\n\n");
		// The payments branch has two heads now: 'payments@head' is what fails, so the error offers
		// one head or 'payments@heads', not the 'label@head' it offers for a plain 'head'.
		CliRun.Result upgrade = cli(db).run("upgrade", "payments@head");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(upgrade.err()).startsWith("ERROR: Multiple heads match 'payments@head' (9c2d00000001, 9c2d00000002):"
				+ " the branch 'payments' has several heads; name one, or 'payments@heads' for all of them.");
		assertThat(cli(db).run("upgrade", "payments@heads").exitCode()).isZero();
	}

	@Test
	void branchesListsTheNewestBranchPointFirstAsHistoryDoes(TestDatabase db) {
		// f00d… branches from a revision above the branch point ae10…, yet its file name sorts after
		// it: alembic branches walks down from the heads, so the newer branch point comes first.
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "SELECT 1;", "SELECT 1;");
		this.revisions.write("f00d00000001", "1975ea83b712", "split", "SELECT 1;", "SELECT 1;");
		this.revisions.write("0c0c00000001", "f00d00000001", "left", "SELECT 1;", "SELECT 1;");
		this.revisions.write("0c0c00000002", "f00d00000001", "right", "SELECT 1;", "SELECT 1;");
		CliRun.Result branches = cli(db).run("branches");
		assertThat(branches.exitCode()).as(branches.toString()).isZero();
		assertThat(branches.out()).isEqualTo("""
				f00d00000001 (branchpoint)
				             -> 0c0c00000001 (head)
				             -> 0c0c00000002 (head)

				ae1027a6acf3 (branchpoint)
				             -> 1975ea83b712
				             -> 9c2d55e0aa41 (head)

				""");
		assertThat(compact(cli(db).run("branches", "--format", "json").out()))
			.containsSubsequence("\"revision\":\"f00d00000001\"", "\"revision\":\"ae1027a6acf3\"");
	}

	@Test
	void aHeadOnlyDependedOnIsAnEffectiveHeadAndNeedsNoMerge(TestDatabase db) throws IOException {
		// The payments branch ends at 9c2d; 5e8b depends on it instead of merging it, so 5e8b's
		// version row implies it: Alembic marks it "(effective head)", and no merge is due.
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		Path dependent = this.revisions.write("5e8b7c6d4f21", "1975ea83b712", "index payments", "SELECT 1;", "SELECT 1;");
		Files.writeString(dependent, Files.readString(dependent).replace("-- Depends On:", "-- Depends On: payments"));
		CliRun.Result heads = cli(db).run("heads");
		assertThat(heads.exitCode()).as(heads.toString()).isZero();
		assertThat(heads.out()).isEqualTo("5e8b7c6d4f21 (head)\n9c2d55e0aa41 (payments) (effective head)\n");
		assertThat(heads.err()).doesNotContain("merge");
		// As alembic heads --resolve-dependencies: the heads an upgrade to 'heads' aims at.
		CliRun.Result resolved = cli(db).run("heads", "--resolve-dependencies");
		assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
		assertThat(resolved.out()).isEqualTo("5e8b7c6d4f21 (head)\n");
		assertThat(compact(cli(db).run("heads", "--resolve-dependencies", "--format", "json").out()))
			.startsWith("{\"heads\":[{\"revision\":\"5e8b7c6d4f21\"").doesNotContain("9c2d55e0aa41");
		assertThat(cli(db).run("history").out())
			.contains("ae1027a6acf3 -> 9c2d55e0aa41 (payments) (effective head), payments\n");
		assertThat(cli(db).run("branches").out()).contains("-> 9c2d55e0aa41 (payments) (effective head)\n");
		// JSON marks what the text marks: both are heads, one an effective head.
		for (String[] command : new String[][] { { "heads", "--format", "json" }, { "history", "--format", "json" } }) {
			String json = compact(cli(db).run(command).out());
			assertThat(revisionEntry(json, "9c2d55e0aa41")).as(String.join(" ", command))
				.contains("\"isHead\":true,\"isEffectiveHead\":true,");
			assertThat(revisionEntry(json, "5e8b7c6d4f21")).as(String.join(" ", command))
				.contains("\"isHead\":true,\"isEffectiveHead\":false,");
		}
		assertThat(revisionEntry(compact(cli(db).run("history", "--format", "json").out()), "ae1027a6acf3"))
			.contains("\"isHead\":false,\"isEffectiveHead\":false,");
	}

	/** One revision's object in a compacted JSON document: from its id to the next revision's. */
	private static String revisionEntry(String json, String id) {
		int start = json.indexOf("{\"revision\":\"" + id + "\"");
		assertThat(start).as(id + " in " + json).isNotNegative();
		int end = json.indexOf("{\"revision\":", start + 1);
		return json.substring(start, (end < 0) ? json.length() : end);
	}

	@Test
	void currentShowsTheBranchTipADependencyKeepsAppliedAsAlembicDoes(TestDatabase db) throws IOException {
		// 5e8b depends on 9c2d of the payments branch: after 'upgrade 5e8b' the only row is 5e8b,
		// yet 9c2d is applied too (its branch stops there), and Alembic's current lists it.
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "payments", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		this.revisions.write("9c2e00000002", "9c2d55e0aa41", "refunds", "CREATE TABLE refunds (id int);",
				"DROP TABLE refunds;");
		Path dependent = this.revisions.write("5e8b7c6d4f21", "1975ea83b712", "index payments", "SELECT 1;", "SELECT 1;");
		Files.writeString(dependent, Files.readString(dependent).replace("-- Depends On:", "-- Depends On: 9c2d55e0aa41"));
		assertThat(cli(db).run("upgrade", "5e8b").exitCode()).isZero();
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("5e8b7c6d4f21 (head)\n9c2d55e0aa41\n");
		assertThat(current.err()).contains("Not up to date: the heads are 5e8b7c6d4f21, 9c2e00000002");
		assertThat(cli(db).run("current", "--verbose").out()).contains("Rev: 5e8b7c6d4f21 (head) (current)\n",
				"Rev: 9c2d55e0aa41 (current)\n");
	}

	@Test
	void branchesWithoutBranchPointsSaysWhetherTheHistoryIsALine(TestDatabase db) {
		assertThat(cli(db).run("branches").err()).contains("No branch points: the history is a straight line.");
		// A second base, merged in: a graph, but still no revision with two children.
		this.revisions.write("9c2d55e0aa41", "", "payments", "payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		this.revisions.write("5e1ec7ed0001", "1975ea83b712, 9c2d55e0aa41", "merge", "SELECT 1;", "SELECT 1;");
		CliRun.Result branches = cli(db).run("branches");
		assertThat(branches.exitCode()).as(branches.toString()).isZero();
		assertThat(branches.out()).isEmpty();
		assertThat(branches.err()).contains("No branch points: no revision has more than one child.");
	}

	@Test
	void showPrintsTheRevisionAndItsSql(TestDatabase db) {
		CliRun.Result result = cli(db).run("show", "1975");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("Rev: 1975ea83b712 (head)\n")
			.contains("-- +upgrade\nALTER TABLE coffee_logs ADD COLUMN user_id integer;\n",
					"-- +downgrade\nALTER TABLE coffee_logs DROP COLUMN user_id;\n");
		CliRun.Result json = cli(db).run("show", "1975", "--format", "json");
		assertThat(compact(json.out())).startsWith("{\"revision\":\"1975ea83b712\",\"revises\":[\"ae1027a6acf3\"],")
			.contains("\"upgradeSql\":\"ALTER TABLE coffee_logs ADD COLUMN user_id integer;")
			.doesNotContain("\"state\"");
	}

	@Test
	void showOfARangeSaysThatHistoryShowsARangeInFull(TestDatabase db) {
		// It said "No revision or branch label 'ae10:1975' is known. Did you mean ae1027a6acf3?".
		CliRun.Result result = cli(db).run("show", "ae10:1975");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: 'ae10:1975' is a range, and show prints one revision (or those"
				+ " one identifier names, such as 'heads'): 'retort history -r ae10:1975 --verbose' prints each"
				+ " revision of the range in full, as 'alembic history -r ae10:1975 -v' does.\n");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void showCurrentShowsTheRevisionTheDatabaseIsAt(TestDatabase db) {
		CliRun.Result atBase = cli(db).run("show", "current");
		assertThat(atBase.exitCode()).isEqualTo(2);
		assertThat(atBase.err()).isEqualTo("ERROR: The database is at base (no revision applied): there is no current"
				+ " revision to show. 'retort upgrade' applies the revisions.\n");
		cli(db).run("upgrade", "ae10");
		CliRun.Result result = cli(db).run("show", "current");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("Rev: ae1027a6acf3 (current)\nParent: <base>\n")
			.contains("-- +upgrade\nCREATE TABLE coffee_logs");
		CliRun.Result json = cli(db).run("show", "current", "--format", "json");
		assertThat(compact(json.out())).startsWith("{\"revision\":\"ae1027a6acf3\",")
			.contains("\"state\":\"applied\"", "\"upgradeSql\":\"CREATE TABLE coffee_logs");
	}

	@Test
	void historyRangeWithoutAColonIsMalformedBeforeAnyDatabaseIsNeeded() {
		// '-r current' lacks its colon: say so, rather than ask for a database first.
		CliRun.Result result = CliRun.in(this.project).run("history", "-r", "current");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: History range 'current' requires [start]:[end], [start]:, or :[end]");
		// A label that merely contains the word reads no database either.
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "concurrent", "concurrent", "SELECT 1;", "SELECT 1;");
		CliRun.Result labelled = CliRun.in(this.project).run("history", "-r", "concurrent@head:");
		assertThat(labelled.exitCode()).as(labelled.toString()).isZero();
		assertThat(labelled.out()).isEqualTo("ae1027a6acf3 -> 9c2d55e0aa41 (concurrent) (head), concurrent\n");
	}

	@Test
	void historyRangeEndingBelowItsStartSaysHowARangeCounts() {
		CliRun.Result result = CliRun.in(this.project).run("history", "-r", "1975:-1");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: Relative revision -1 didn't produce 1 migrations: the end of history"
				+ " range '1975:-1' counts up from its start ('1975:+2'); to count down, start with it ('-1:current'),"
				+ " or name the end.\n");
		assertThat(CliRun.in(this.project).run("history", "-r", "ae10:+1").out())
			.isEqualTo("ae1027a6acf3 -> 1975ea83b712 (head), add user column\n<base> -> ae1027a6acf3, create coffee logs\n");
	}

	@Test
	void showCurrentWithoutADatabaseSaysItNeedsOne() {
		CliRun.Result result = CliRun.in(this.project).run("show", "current");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: No database to connect to for 'show current': give --url");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void showOfSeveralRevisionsShowsEachAsAlembicDoesAndJsonNamesOne(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		// 'show head' sends the user to 'heads'; that shows every head.
		assertThat(cli(db).run("show", "head").err()).contains("name one, use 'label@head', or 'heads'");
		CliRun.Result heads = cli(db).run("show", "heads");
		assertThat(heads.exitCode()).as(heads.toString()).isZero();
		assertThat(heads.out()).startsWith("Rev: 1975ea83b712 (head)\n")
			.contains("\nALTER TABLE coffee_logs DROP COLUMN user_id;\n\nRev: 9c2d55e0aa41 (head)\n")
			.endsWith("-- +downgrade\nALTER TABLE coffee_logs DROP price;\n");
		assertThat(cli(db).run("upgrade", "heads").exitCode()).isZero();
		CliRun.Result current = cli(db).run("show", "current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).contains("Rev: 1975ea83b712 (head) (current)\n", "Rev: 9c2d55e0aa41 (head) (current)\n");
		CliRun.Result json = cli(db).run("show", "heads", "--format", "json");
		assertThat(json.exitCode()).as(json.toString()).isEqualTo(2);
		assertThat(json.err()).contains("'heads' names 2 revisions (", "name it, e.g. 'retort show ");
	}

	@Test
	void showBaseSaysBaseIsNoRevisionAndNamesTheFirst(TestDatabase db) {
		CliRun.Result result = cli(db).run("show", "base");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: 'base' is the empty database before the first revision, not a"
				+ " revision: it has no file to show. The first revision is ae1027a6acf3: 'retort show ae1027a6acf3'.\n");
	}

	@Test
	void showOfALabelledBaseNamesTheFirstRevisionOfThatBranch(TestDatabase db) {
		this.revisions.write("0b111e9a0001", "", "billing", "create invoices", "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		CliRun.Result result = cli(db).run("show", "billing@base");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: 'billing@base' is the empty database before the first revision,"
				+ " not a revision: it has no file to show. The first revision is 0b111e9a0001: 'retort show"
				+ " 0b111e9a0001'.\n");
	}

	@Test
	void jsonWithSqlIsRefusedBeforeAnythingHappens(TestDatabase db) {
		for (String[] args : new String[][] { { "upgrade", "--sql", "--format", "json" },
				{ "--format", "json", "downgrade", "1975ea83b712:ae1027a6acf3", "--sql" },
				{ "stamp", "head", "--sql", "--format", "json" } }) {
			CliRun.Result result = cli(db).run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			// No script: the refusal's JSON document, since JSON was asked for.
			assertThat(compact(result.out())).startsWith("{\"error\":{\"code\":\"CONFIGURATION\"");
			assertThat(result.err()).isEqualTo("ERROR: --format json cannot be combined with --sql: the SQL script,"
					+ " for psql, is the output of '" + ((args[0].startsWith("--")) ? args[2] : args[0])
					+ " --sql'. Leave out --format json.\n");
		}
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void aFirstUpgradeMeetingTablesBuiltWithoutRetortSaysHowToAdoptThem(TestDatabase db) {
		db.execute("CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text)");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("relation \"coffee_logs\" already exists",
				"If the schema was built before Retort managed it, 'retort stamp REV' marks the revision");
	}

	@Test
	void aRevisionThatAddsTheSameColumnTwiceIsNotTakenForASchemaBuiltWithoutRetort(TestDatabase db) {
		Path file = this.revisions.write("c0ffee000004", "1975ea83b712", "add price twice",
				"ALTER TABLE coffee_logs ADD COLUMN price int;\nALTER TABLE coffee_logs ADD COLUMN price int;",
				"ALTER TABLE coffee_logs DROP COLUMN price;");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("column \"price\" of relation \"coffee_logs\" already exists",
				"\n  This run created it already, at " + file + ":" + lineOf(file, "ADD COLUMN price") + " (before this"
						+ " statement): it is created twice, not left from a schema built before Retort. Remove one of the two.")
			.doesNotContain("retort stamp");
	}

	private static int lineOf(Path file, String text) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.indexOf(lines.stream().filter((line) -> line.contains(text)).findFirst().orElseThrow()) + 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aRevisionOutsideATransactionFailingAtItsFirstStatementSaysNothingWasCommitted(TestDatabase db)
			throws IOException {
		Files.writeString(this.revisions.directory().resolve("c0ffee000003_index.sql"), """
				-- index coffee types
				--
				-- Revision ID: c0ffee000003
				-- Revises: 1975ea83b712
				-- Transactional: false
				--

				-- +upgrade
				ALTER TABLE coffee_logz ADD COLUMN kind text;
				CREATE INDEX CONCURRENTLY ix_coffee_kind ON coffee_logs (kind);
				""");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("relation \"coffee_logz\" does not exist",
				"FAILED upgrade 1975ea83b712 -> c0ffee000003, index coffee types after ",
				"; it ran outside a transaction and failed at its first statement, so nothing of it was committed\n",
				"It ran outside a transaction ('Transactional: false') and failed at its first statement: nothing of"
						+ " it was committed; the database stays at 1975ea83b712. Fix the revision and run again.")
			.doesNotContain("stay committed");
	}

	@Test
	void aFailureInTransactionModeAllSaysTheWholeRunWasRolledBack(TestDatabase db) throws IOException {
		Files.writeString(this.revisions.directory().resolve("c0ffee000003_kind.sql"), """
				-- add coffee kind
				--
				-- Revision ID: c0ffee000003
				-- Revises: 1975ea83b712
				--

				-- +upgrade
				ALTER TABLE coffee_logz ADD COLUMN kind text;
				""");
		CliRun.Result result = cli(db).env("RETORT_TRANSACTION_MODE", "all").run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		// Its two revisions before it ran in the same transaction: "this step was rolled back" said they stayed.
		assertThat(result.err()).contains("FAILED upgrade 1975ea83b712 -> c0ffee000003, add coffee kind after ",
				"; the run's one transaction (transaction-mode all) was rolled back, with every step before this one\n",
				"The whole run was rolled back (transaction-mode all): the database stays at base.")
			.doesNotContain("this step was rolled back");
		assertThat(db.tableExists("coffee_logs")).isFalse();
	}

	@Test
	void aConcurrentBuildFailingAsTheFirstStatementIsNotSaidToLeaveStatementsBeforeIt(TestDatabase db)
			throws IOException {
		Files.writeString(this.revisions.directory().resolve("c0ffee000003_index.sql"), """
				-- index coffee types
				--
				-- Revision ID: c0ffee000003
				-- Revises: 1975ea83b712
				-- Transactional: false
				--

				-- +upgrade
				CREATE INDEX CONCURRENTLY ix_coffee_kind ON coffee_logz (kind);
				CREATE INDEX CONCURRENTLY ix_coffee_type ON coffee_logs (coffee_type);
				""");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("relation \"coffee_logz\" does not exist",
				"FAILED upgrade 1975ea83b712 -> c0ffee000003, index coffee types after ",
				"; it ran outside a transaction, and none of its statements before the failing one stays committed\n",
				"It ran outside a transaction ('Transactional: false') and failed at its first statement: no statement"
						+ " of it ran before this one, the version table stays at 1975ea83b712. Fix the failing statement,"
						+ " then run again.")
			.doesNotContain("stay committed");
	}

	@Test
	void aNonTransactionalRevisionWhoseRecordingFailedIsToBeStampedNotUndone(TestDatabase db) throws IOException {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + reader);
		try {
			Files.writeString(this.revisions.directory().resolve("c0ffee000003_role.sql"), """
					-- seed as reader
					--
					-- Revision ID: c0ffee000003
					-- Revises: 1975ea83b712
					-- Transactional: false
					--

					-- +upgrade
					SELECT 1;
					DO $$ BEGIN EXECUTE 'SET ROLE %s'; END $$;
					""".formatted(reader));
			CliRun.Result result = cli(db).run("upgrade");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
			assertThat(result.err()).contains("FAILED upgrade 1975ea83b712 -> c0ffee000003, seed as reader after ",
					"; it ran outside a transaction, so all its statements stay committed, but it is not recorded as"
							+ " applied: 'retort stamp' records it once Retort can write its rows\n")
				.doesNotContain("before the failing one");
		}
		finally {
			db.execute("DROP OWNED BY " + reader, "DROP ROLE " + reader);
		}
	}

	@Test
	void aNonTransactionalRevisionSaysHowManyOfItsStatementsStayCommitted(TestDatabase db) throws IOException {
		Files.writeString(this.revisions.directory().resolve("c0ffee000003_index.sql"), """
				-- index coffee types
				--
				-- Revision ID: c0ffee000003
				-- Revises: 1975ea83b712
				-- Transactional: false
				--

				-- +upgrade
				CREATE INDEX CONCURRENTLY ix_coffee_type ON coffee_logs (coffee_type);
				CREATE INDEX CONCURRENTLY ix_coffee_kind ON coffee_logz (kind);
				""");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains(
				"; it ran outside a transaction, so its 1 statement before the failing one stays committed\n",
				"It ran outside a transaction ('Transactional: false'): its 1 statement before this one stays committed,"
						+ " the version table stays at 1975ea83b712.");
	}

	@Test
	void anIndexLeftByAnInterruptedConcurrentBuildIsDroppedByTheNextUpgradeWhichSaysSoInItsJson(TestDatabase db)
			throws IOException {
		Files.writeString(this.revisions.directory().resolve("c0ffee000003_index.sql"), """
				-- index coffee types
				--
				-- Revision ID: c0ffee000003
				-- Revises: 1975ea83b712
				-- Transactional: false
				--

				-- +upgrade
				CREATE UNIQUE INDEX CONCURRENTLY ix_coffee_type ON coffee_logs (coffee_type);
				""");
		assertThat(cli(db).run("upgrade", "1975ea83b712").exitCode()).isZero();
		// What a build that stopped half-way leaves: an INVALID index of the same name.
		db.execute("INSERT INTO coffee_logs (coffee_type) VALUES ('flat white'), ('flat white')");
		assertThat(cli(db).run("upgrade").exitCode()).isEqualTo(1);
		db.execute("DELETE FROM coffee_logs");
		assertThat(db.queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"))
			.containsExactly("ix_coffee_type");
		// It was every start's failure ('relation "ix_coffee_type" already exists') until a person dropped it.
		CliRun.Result result = cli(db).run("upgrade", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		// The WARN naming it goes to the log (standard error of the retort process), not through the CLI's writer.
		assertThat(result.err()).doesNotContain("already exists");
		assertThat(result.out()).contains("""
				      "revision": "c0ffee000003",
				      "operation": "upgrade",
				""", """
				      "droppedInvalidIndexes": [
				        "ix_coffee_type"
				      ]
				""");
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_coffee_type'::regclass"))
			.containsExactly("true");
	}

	@Test
	void showAndVerboseHistoryPrintTheHeadersNotesAfterTheMessageAndJsonCarriesThem(TestDatabase db)
			throws IOException {
		Files.writeString(this.revisions.directory().resolve("5e1ec7ed0001_backfill.sql"), """
				-- backfill user ids
				--
				-- Revision ID: 5e1ec7ed0001
				-- Revises: 1975ea83b712
				--
				-- Notes:
				-- - run after the deploy that writes user_id
				--   (old instances still insert NULL)
				--
				-- Ask #payments first.

				-- +upgrade
				UPDATE coffee_logs SET user_id = 0 WHERE user_id IS NULL;
				""");
		String notes = """

				    Notes:
				    - run after the deploy that writes user_id
				      (old instances still insert NULL)

				    Ask #payments first.
				""";
		CliRun.Result show = cli(db).run("show", "5e1e");
		assertThat(show.exitCode()).as(show.toString()).isZero();
		assertThat(show.out()).contains("    Kind: sql, irreversible (no downgrade)\n" + notes + "\n-- +upgrade\n");
		assertThat(cli(db).run("history", "--verbose").out()).contains("irreversible (no downgrade)\n" + notes + "\nRev: 1975");
		assertThat(compact(cli(db).run("show", "5e1e", "--format", "json").out())).contains("\"notes\":\"- run after the "
				+ "deploy that writes user_id\\n  (old instances still insert NULL)\\n\\nAsk #payments first.\"");
		// A revision without notes has none to show.
		assertThat(cli(db).run("show", "1975").out()).doesNotContain("Notes:");
		assertThat(compact(cli(db).run("show", "1975", "--format", "json").out())).contains("\"notes\":null");
	}

	@Test
	void downgradeMinusOneRevertsTheLastRevision(TestDatabase db) {
		cli(db).run("upgrade");
		CliRun.Result result = cli(db).run("downgrade", "-1");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err())
			.matches("Running downgrade 1975ea83b712 -> ae1027a6acf3, add user column \\(\\d+ ms\\)\\n");
		assertThat(result.out()).matches("Done: 1975ea83b712 -> ae1027a6acf3 \\(1 step, \\d+ ms\\)\\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'coffee_logs'")).doesNotContain("user_id");
	}

	@Test
	void stampMovesTheVersionWithoutRunningAnything(TestDatabase db) {
		CliRun.Result result = cli(db).run("stamp", "head");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		assertThat(db.tableExists("coffee_logs")).isFalse();
		CliRun.Result purged = cli(db).run("stamp", "--purge", "ae10");
		assertThat(purged.exitCode()).as(purged.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
	}

	@Test
	void stampDownOneBranchKeepsTheRowOfAnotherBranchThatIsApplied(TestDatabase db) {
		this.revisions.write("27c6a30d7c24", "1975ea83b712", "billing", "create invoices",
				"CREATE TABLE invoices (id int);", "DROP TABLE invoices;");
		this.revisions.write("4d2a9f1c0b55", "1975ea83b712", "search", "create search",
				"CREATE TABLE search (id int);", "DROP TABLE search;");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result stamp = cli(db).run("stamp", "billing@-1");
		assertThat(stamp.exitCode()).as(stamp.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("4d2a9f1c0b55");
		// The search branch is still recorded as applied: upgrading re-runs only billing's revision.
		db.execute("DROP TABLE invoices");
		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(upgrade.err()).contains("Running upgrade 1975ea83b712 -> 27c6a30d7c24").doesNotContain("search");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1")).containsExactly("27c6a30d7c24",
				"4d2a9f1c0b55");
	}

	@Test
	void aDowngradeWithinALabelThatCoversEveryBranchRevertsThemAll(TestDatabase db) throws IOException {
		Path first = this.project.resolve("src/main/resources/db/revisions/ae1027a6acf3_create_coffee_logs.sql");
		Files.writeString(first, Files.readString(first).replace("-- Branch Labels: ", "-- Branch Labels: core"));
		this.revisions.write("27c6a30d7c24", "1975ea83b712", "create invoices", "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		this.revisions.write("4d2a9f1c0b55", "1975ea83b712", "create search", "CREATE TABLE search (id int);",
				"DROP TABLE search;");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result result = cli(db).run("downgrade", "core@1975");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		assertThat(db.tableExists("invoices")).isFalse();
		assertThat(db.tableExists("search")).isFalse();
	}

	@Test
	void stampFromARevisionTheFilesDoNotKnowIsRefused(TestDatabase db) {
		cli(db).run("stamp", "head");
		db.execute("UPDATE retort_version SET version_num = 'deadbeef0000'");
		CliRun.Result unknown = cli(db).run("stamp", "ae10");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("ERROR: The database is at deadbeef0000, which no revision file declares");
		CliRun.Result purged = cli(db).run("stamp", "--purge", "heads");
		assertThat(purged.exitCode()).as(purged.toString()).isZero();
		assertThat(purged.err()).startsWith("Running stamp --purge: every row of the version table deleted (");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		// The history keeps what the purge threw away.
		assertThat(db.queryStrings("SELECT array_to_string(from_heads, ',') || ' -> ' || array_to_string(to_heads, ',')"
				+ " FROM retort_history WHERE operation = 'stamp' AND revision IS NULL")).containsExactly("deadbeef0000 -> ");
	}

	@Test
	void offlineUpgradeNeedsNoDatabase(TestDatabase db) {
		CliRun.Result result = CliRun.in(this.project).run("upgrade", "head", "--sql");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("BEGIN;", "CREATE TABLE coffee_logs", "COMMIT;",
				"INSERT INTO retort_version (version_num) VALUES ('ae1027a6acf3');");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void anOfflineUpgradeRangeThatLeadsDownSaysOnStandardErrorThatItHasNothingToUpgrade(TestDatabase db) {
		CliRun.Result result = CliRun.in(this.project).run("upgrade", "heads:base", "--sql");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		String note = "Nothing to upgrade: base is below 1975ea83b712, where this script starts, and an upgrade never"
				+ " moves down (to write that, use 'retort downgrade 1975ea83b712:base --sql'). This script only"
				+ " creates the version tables when they are missing.";
		assertThat(result.err()).isEqualTo(note + "\n");
		assertThat(result.out()).contains("-- " + note + "\n", "CREATE TABLE IF NOT EXISTS retort_version")
			.doesNotContain("coffee_logs");
		assertThat(CliRun.in(this.project).run("-q", "upgrade", "heads:base", "--sql").err()).isEmpty();
	}

	@Test
	void offlineDowngradeOfARange(TestDatabase db) {
		CliRun.Result result = CliRun.in(this.project).run("downgrade", "1975ea83b712:ae1027a6acf3", "--sql");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("ALTER TABLE coffee_logs DROP COLUMN user_id;",
				"UPDATE retort_version SET version_num = 'ae1027a6acf3' WHERE version_num = '1975ea83b712';");
	}

	@Test
	void validatePassesAndThenFindsAnEditedAppliedRevision(TestDatabase db) throws IOException {
		cli(db).run("upgrade");
		CliRun.Result valid = cli(db).run("validate");
		assertThat(valid.exitCode()).isZero();
		assertThat(valid.out()).isEqualTo("No problems found.\n");
		Path file = this.revisions.directory().resolve("1975ea83b712_add_user_column.sql");
		Files.writeString(file, Files.readString(file).replace("user_id integer", "user_id bigint"));
		CliRun.Result invalid = cli(db).run("validate");
		assertThat(invalid.exitCode()).isEqualTo(3);
		assertThat(invalid.out()).contains("1975ea83b712", "1 problem found.");
	}

	@Test
	void validateWarnsOfAnInvalidIndexAndStillExitsZeroAndCurrentNotesIt(TestDatabase db) {
		cli(db).run("upgrade");
		// What a CREATE UNIQUE INDEX CONCURRENTLY that failed on duplicates leaves behind.
		db.execute("INSERT INTO coffee_logs (coffee_type) VALUES ('espresso'), ('espresso')");
		assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_coffee_type ON coffee_logs (coffee_type)"))
			.hasMessageContaining("could not create unique index");
		CliRun.Result result = cli(db).run("validate");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("- warning: Index ux_coffee_type on coffee_logs is INVALID: a CREATE INDEX"
				+ " CONCURRENTLY (or REINDEX CONCURRENTLY) that was killed or failed left it behind; no query uses it,"
				+ " yet every write updates it. No revision file names it. Drop it (DROP INDEX CONCURRENTLY"
				+ " ux_coffee_type), then build it again if it is needed.\nNo problems found, 1 warning.\n");
		CliRun.Result current = cli(db).run("current");
		assertThat(current.exitCode()).isZero();
		assertThat(current.err()).isEqualTo("Index ux_coffee_type on coffee_logs is INVALID, left by a CREATE INDEX"
				+ " CONCURRENTLY that was killed or failed: drop it (DROP INDEX CONCURRENTLY ux_coffee_type); 'retort"
				+ " validate' names the revision that creates it and how to build it again.\n");
	}

	@Test
	void validateWithTheConfiguredDatabaseUnreachableChecksTheFilesAndWarnsWhatItDidNotCheck(TestDatabase db)
			throws IOException {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		// A CI job without a database, where the project's configuration names a developer's.
		String url = "jdbc:postgresql://localhost:" + closedPort + "/app";
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"spring:\n  datasource:\n    url: " + url + "\n");
		CliRun unreachable = CliRun.in(this.project);
		CliRun.Result result = unreachable.run("validate");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("- warning: The database was not read, so the checks that need it were not"
				+ " made (applied revisions changed on disk, applied revisions missing on disk, the version rows, INVALID"
				+ " indexes): Could not connect to '" + url + "?loginTimeout=30': Connection to localhost:" + closedPort
				+ " refused.")
			.contains("Connection settings used: the URL from spring.datasource.url in application.yml; no user")
			.endsWith(" Run 'retort validate' where the database can be reached for them.\nNo problems found, 1"
					+ " warning.\n");
		CliRun.Result json = unreachable.run("validate", "--format", "json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		assertThat(compact(json.out())).startsWith("{\"problems\":[],\"warnings\":[\"The database was not read");
		// The files' problems are still found, and fail the job.
		this.revisions.write("0badc0ffee00", "ae1027a6acfX", "orphan", "SELECT 1;", "SELECT 1;");
		CliRun.Result broken = unreachable.run("validate");
		assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(3);
		assertThat(broken.out()).contains("Did you mean ae1027a6acf3?");
		Files.delete(this.revisions.directory().resolve(
				Files.list(this.revisions.directory()).filter((f) -> f.getFileName().toString().startsWith("0badc0ffee00"))
					.findFirst().orElseThrow().getFileName()));
		// A database given for this run, as a job that checks production's, fails when it cannot be
		// reached: passing without its checks would be a green build that checked less than it says.
		CliRun.Result given = CliRun.in(this.project).env("SPRING_DATASOURCE_URL", url).run("validate");
		assertThat(given.exitCode()).as(given.toString()).isEqualTo(1);
		assertThat(given.err()).contains("Connection to localhost:" + closedPort + " refused")
			.contains("the URL from environment variable SPRING_DATASOURCE_URL");
		assertThat(CliRun.in(this.project).run("validate", "--url", url).exitCode()).isEqualTo(1);
		// A server that answers and refuses is a configuration to fix, as for every command.
		CliRun.Result refused = CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1"))
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password())
			.run("validate");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.err()).contains("database \"no_such_database\" does not exist");
	}

	@Test
	void validateNamesTheMergeWhenTwoMergedPullRequestsLeftTwoHeads(TestDatabase db) {
		// Two pull requests each added a revision on 1975ea83b712; git merged both files without a conflict.
		this.revisions.write("9c2d55e0aa41", "1975ea83b712", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("3f1c0b7e9a21", "1975ea83b712", "add origin", "ALTER TABLE coffee_logs ADD origin text;",
				"ALTER TABLE coffee_logs DROP origin;");
		CliRun.Result result = cli(db).run("validate");
		// Not a problem (upgrade applies both heads, as Alembic's does), but the CI log says how to join them.
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("No problems found.\n");
		assertThat(result.err()).isEqualTo("2 heads (3f1c0b7e9a21, 9c2d55e0aa41): 'retort upgrade' applies both,"
				+ " 'retort upgrade head' refuses them, and the test kit's assertSingleHead fails. Join them with: retort"
				+ " merge -m \"merge\" 3f1c0b7e9a21 9c2d55e0aa41 ('retort.fail-on-multiple-heads',"
				+ " RETORT_FAIL_ON_MULTIPLE_HEADS=true, makes validate fail on them).\n");
		CliRun.Result json = cli(db).run("validate", "--format", "json");
		assertThat(compact(json.out())).isEqualTo("{\"problems\":[],\"warnings\":[]}");
		assertThat(json.err()).isEqualTo(result.err());
		assertThat(cli(db).run("-q", "validate").err()).isEmpty();
		// With the setting, several heads are the problem itself, named once, on standard output.
		CliRun.Result refused = cli(db).env("RETORT_FAIL_ON_MULTIPLE_HEADS", "true").run("validate");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
		assertThat(refused.out()).contains("Join them with: retort merge -m \"merge\" 3f1c0b7e9a21 9c2d55e0aa41");
		assertThat(refused.err()).isEmpty();
		// Merged, one head: nothing to say.
		assertThat(cli(db).run("merge", "-m", "merge", "heads").exitCode()).isZero();
		CliRun.Result merged = cli(db).run("validate");
		assertThat(merged.exitCode()).as(merged.toString()).isZero();
		assertThat(merged.err()).isEmpty();
	}

	@Test
	void upgradeToEveryHeadOfTheFilesNamesTheMergeAsValidateDoes(TestDatabase db) {
		// Two pull requests each added a revision on 1975ea83b712; git merged both files without a conflict.
		this.revisions.write("9c2d55e0aa41", "1975ea83b712", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("3f1c0b7e9a21", "1975ea83b712", "add origin", "ALTER TABLE coffee_logs ADD origin text;",
				"ALTER TABLE coffee_logs DROP origin;");
		String note = "2 heads (3f1c0b7e9a21, 9c2d55e0aa41): 'retort upgrade' applies both, 'retort upgrade head'"
				+ " refuses them, and the test kit's assertSingleHead fails. Join them with: retort merge -m \"merge\""
				+ " 3f1c0b7e9a21 9c2d55e0aa41 ('retort.fail-on-multiple-heads', RETORT_FAIL_ON_MULTIPLE_HEADS=true,"
				+ " makes validate fail on them).";
		assertThat(cli(db).run("validate").err()).isEqualTo(note + "\n");

		CliRun.Result script = cli(db).run("upgrade", "--sql");
		assertThat(script.exitCode()).as(script.toString()).isZero();
		assertThat(script.err()).startsWith(note + "\n");
		assertThat(script.out()).contains("-- Running upgrade 1975ea83b712 -> 9c2d55e0aa41")
			.contains("-- Running upgrade 1975ea83b712 -> 3f1c0b7e9a21")
			.doesNotContain("2 heads");
		// Asked for every head by name: what the user meant, nothing to say.
		CliRun.Result named = cli(db).run("upgrade", "base:heads", "--sql");
		assertThat(named.exitCode()).as(named.toString()).isZero();
		assertThat(named.err()).doesNotContain("2 heads");
		assertThat(cli(db).run("-q", "upgrade", "--sql").err()).isEmpty();

		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		// Said first, before the steps, on standard error; the result on standard output as before.
		assertThat(upgrade.err()).startsWith(note + "\nRunning upgrade <base> -> ae1027a6acf3");
		assertThat(upgrade.out()).matches("Done: <base> -> 3f1c0b7e9a21, 9c2d55e0aa41 \\(4 steps, \\d+ ms\\)\\n");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("3f1c0b7e9a21", "9c2d55e0aa41");
		// At both heads, nothing to do: the files still hold two heads, and the note still names the merge.
		CliRun.Result noOp = cli(db).run("upgrade");
		assertThat(noOp.out()).isEqualTo("Nothing to upgrade: the database is at 3f1c0b7e9a21, 9c2d55e0aa41.\n");
		assertThat(noOp.err()).isEqualTo(note + "\n");
		assertThat(cli(db).run("upgrade", "heads").err()).isEmpty();
		assertThat(cli(db).run("-q", "upgrade").err()).isEmpty();
		CliRun.Result json = cli(db).run("upgrade", "--format", "json");
		assertThat(json.out()).startsWith("{").doesNotContain("2 heads");
		assertThat(json.err()).isEqualTo(note + "\n");
		// With the setting, upgrade refuses the heads with its own error, which names the merge: no note besides.
		CliRun.Result refused = cli(db).env("RETORT_FAIL_ON_MULTIPLE_HEADS", "true").run("upgrade");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).doesNotContain("'retort upgrade' applies both");
		// Merged, one head: nothing to say.
		assertThat(cli(db).run("merge", "-m", "merge", "heads").exitCode()).isZero();
		CliRun.Result merged = cli(db).run("upgrade");
		assertThat(merged.exitCode()).as(merged.toString()).isZero();
		assertThat(merged.err()).startsWith("Running upgrade 3f1c0b7e9a21, 9c2d55e0aa41 -> ").doesNotContain("heads (");
	}

	@Test
	void validateReportsABrokenGraphAsAProblem(TestDatabase db) {
		this.revisions.write("0badc0ffee00", "ae1027a6acfX", "orphan", "SELECT 1;", "SELECT 1;");
		CliRun.Result result = cli(db).run("validate");
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.out()).contains("ae1027a6acfX", "Did you mean ae1027a6acf3?");
	}

	@Test
	void downgradeBelowAMergeThatIsNotAppliedIsANoOpAtItsParents(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		this.revisions.write("5eed5eed5eed", "1975ea83b712, 9c2d55e0aa41", "merge", "", "");
		assertThat(cli(db).run("upgrade", "1975ea83b712").exitCode()).isZero();
		CliRun.Result oneParent = cli(db).run("downgrade", "5eed-1");
		assertThat(oneParent.exitCode()).as(oneParent.toString()).isEqualTo(2);
		assertThat(oneParent.err()).isEqualTo("ERROR: Destination 5eed-1 is not a valid downgrade target from current"
				+ " head(s) (1975ea83b712): it stands for the parents of the merge 5eed5eed5eed (1975ea83b712,"
				+ " 9c2d55e0aa41), and they are not all applied, so nothing lies above them.\n");
		assertThat(cli(db).run("upgrade", "9c2d").exitCode()).isZero();
		CliRun.Result atParents = cli(db).run("downgrade", "5eed-1");
		assertThat(atParents.exitCode()).as(atParents.toString()).isZero();
		assertThat(atParents.out()).isEqualTo("Nothing to downgrade: the database is at 1975ea83b712, 9c2d55e0aa41.\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result merged = cli(db).run("downgrade", "5eed-1");
		assertThat(merged.exitCode()).as(merged.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1")).containsExactly("1975ea83b712",
				"9c2d55e0aa41");
	}

	@Test
	void unknownRevisionIsBadInput(TestDatabase db) {
		CliRun.Result result = cli(db).run("upgrade", "zzzz9999");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: ").contains("'zzzz9999'");
		assertThat(result.out()).isEmpty();
		assertThat(db.tableExists("coffee_logs")).isFalse();
	}

	@Test
	void unknownBranchNamesTheBranchLabelsThereAre(TestDatabase db) {
		CliRun.Result none = cli(db).run("upgrade", "payments@head");
		assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
		assertThat(none.err()).isEqualTo("ERROR: No branch label or revision 'payments' is known (in 'payments@head')."
				+ " No revision declares a branch label; before '@' name a label or a revision id.\n");
		this.revisions.write("ed5172e6be82", "", "payments", "create payments", "CREATE TABLE payments (id int);",
				"DROP TABLE payments;");
		CliRun.Result typo = cli(db).run("upgrade", "paymnts@head");
		assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
		assertThat(typo.err()).isEqualTo("ERROR: No branch label or revision 'paymnts' is known (in 'paymnts@head')."
				+ " Did you mean payments? The branch labels are payments; a revision id works before '@' too.\n");
		assertThat(db.tableExists("coffee_logs")).isFalse();
	}

	@Test
	void aBranchTargetMissingItsRevisionAfterTheAtChangesNothing(TestDatabase db) {
		this.revisions.write("ed5172e6be82", "1975ea83b712", "payments", "create payments",
				"CREATE TABLE payments (id int);", "DROP TABLE payments;");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		String noRevision = "ERROR: 'payments@' names no revision after '@': write 'payments@head', 'payments@base',"
				+ " 'payments@-1' or 'payments@REV'.\n";
		for (String command : List.of("downgrade", "stamp")) {
			CliRun.Result result = cli(db).run(command, "payments@");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).isEqualTo(noRevision);
		}
		CliRun.Result script = CliRun.in(this.project).run("downgrade", "heads:payments@", "--sql");
		assertThat(script.exitCode()).as(script.toString()).isEqualTo(2);
		assertThat(script.out()).isEmpty();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ed5172e6be82");
		assertThat(db.tableExists("payments")).isTrue();
	}

	@Test
	void ambiguousPrefixListsTheCandidates(TestDatabase db) {
		this.revisions.write("1975ea830000", "ae1027a6acf3", "another", "SELECT 1;", "SELECT 1;");
		CliRun.Result result = cli(db).run("show", "1975");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: Revision prefix '1975' is ambiguous").contains("1975ea83b712",
				"1975ea830000");
	}

	@Test
	void upgradeHeadWithMultipleHeadsNamesEveryHeadAndTheMerge(TestDatabase db) {
		this.revisions.write("9c2d55e0aa41", "ae1027a6acf3", "add price", "ALTER TABLE coffee_logs ADD price int;",
				"ALTER TABLE coffee_logs DROP price;");
		CliRun.Result result = cli(db).run("upgrade", "head");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: Multiple heads are present (1975ea83b712, 9c2d55e0aa41); name "
				+ "one, use 'label@head', or 'heads'. To join them: retort merge -m \"merge\" 1975ea83b712 "
				+ "9c2d55e0aa41\n");
		assertThat(db.tableExists("coffee_logs")).isFalse();
	}

	@Test
	void failingRevisionExits1AndLeavesTheDatabaseAtTheStepBefore(TestDatabase db) {
		this.revisions.write("5eed5eed5eed", "1975ea83b712", "broken", "ALTER TABLE coffee_logs ADD COLUMN x nosuchtype;",
				"SELECT 1;");
		CliRun.Result result = cli(db).run("upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("Running upgrade ae1027a6acf3 -> 1975ea83b712",
				"FAILED upgrade 1975ea83b712 -> 5eed5eed5eed, broken after", "ERROR: ", "nosuchtype");
		assertThat(result.out()).isEmpty();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aPasswordThatIsPartOfAnIdentifierLeavesTheScriptRunnable() {
		// A development database's password is often a word of the project: the sample app's is
		// 'coffee'. Masking it inside coffee_logs or retort_version would hand psql a broken script.
		for (String password : new String[] { "coffee", "retort" }) {
			CliRun.Result result = CliRun.in(this.project)
				.env("DATABASE_URL", "postgresql://app:" + password + "@127.0.0.1:1/coffee")
				.run("upgrade", "base:heads", "--sql");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).as(password)
				.contains("CREATE TABLE IF NOT EXISTS retort_version", "CREATE TABLE coffee_logs",
						"INSERT INTO retort_history")
				.doesNotContain(Secrets.MASK + "_", "_" + Secrets.MASK);
		}
	}

	@Test
	void aDeletedFileOfAnAppliedRevisionIsNamedWithWhatToDo(TestDatabase db) throws IOException {
		this.revisions.write("c0ffee000003", "1975ea83b712", "add origin", "ALTER TABLE coffee_logs ADD COLUMN origin text;",
				"ALTER TABLE coffee_logs DROP COLUMN origin;");
		cli(db).run("upgrade", "1975");
		try (var files = Files.list(this.revisions.directory())) {
			Files.delete(files.filter((file) -> file.getFileName().toString().startsWith("1975ea83b712")).findFirst().get());
		}
		for (String[] args : new String[][] { { "upgrade" }, { "stamp", "heads" }, { "downgrade", "-1" } }) {
			CliRun.Result result = cli(db).run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).as(result.toString()).contains("revises 1975ea83b712, which does not exist. Name an"
					+ " existing revision (retort history lists them), or restore the file that declared 1975ea83b712.");
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'coffee_logs'"
				+ " AND column_name = 'origin'")).isEmpty();
	}

	@Test
	void aPasswordThatIsAnOrdinaryWordLeavesRetortsOwnTextAlone(TestDatabase db) {
		// With the password 'retort', 'retort upgrade' in a note printed as '*** upgrade'; with
		// 'coffee', the revision 'create coffee logs' as 'create *** logs'. A password stands only
		// in a URL, a configuration file's text or a driver's message: only those are masked.
		for (String password : new String[] { "retort", "coffee" }) {
			String role = "word_pw_" + password + "_" + ProcessHandle.current().pid();
			db.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + password + "'");
			try {
				CliRun cli = CliRun.in(this.project)
					.env("DATABASE_URL", "postgresql://" + role + ":" + password + "@" + db.server().host() + ":"
							+ db.server().port() + "/" + db.name());
				CliRun.Result upgrade = cli.run("upgrade", "ae10");
				assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
				assertThat(upgrade.err()).as(password).contains("Running upgrade <base> -> ae1027a6acf3, create coffee logs");
				CliRun.Result current = cli.run("current");
				assertThat(current.err()).as(password)
					.contains("Not up to date: the heads are 1975ea83b712; 'retort upgrade' applies what is pending.");
				CliRun.Result history = cli.run("history", "--verbose", "--indicate-current");
				assertThat(history.out()).as(password).contains("    create coffee logs\n", "(current)");
				CliRun.Result json = cli.run("history", "--format", "json");
				assertThat(json.out()).as(password).contains("\"message\": \"create coffee logs\"");
				// A failure's stack trace (-v) keeps its frames: 'dev.retort.cli' is a package name.
				CliRun.Result failed = cli.run("upgrade", "zzzz9999", "-v");
				assertThat(failed.exitCode()).isEqualTo(2);
				assertThat(failed.err()).as(password).contains("'retort history' lists the revisions", "\tat dev.retort.")
					.doesNotContain(Secrets.MASK);
				assertThat(upgrade.toString() + current + history + json).doesNotContain(Secrets.MASK);
			}
			finally {
				db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
			}
		}
	}

	@Test
	void aFailingConnectionWithAnOrdinaryWordAsPasswordNeverShowsIt() {
		for (String[] args : new String[][] { { "current", "-v" }, { "upgrade", "--format", "json", "-vv" } }) {
			CliRun.Result result = CliRun.in(this.project)
				.env("DATABASE_URL", "postgresql://app:retort@127.0.0.1:1/coffee")
				.run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
			assertThat(result.toString()).contains("127.0.0.1:1").doesNotContain(":retort@", "retort@127");
		}
		CliRun.Result verbose = CliRun.in(this.project)
			.run("current", "--verbose", "--url", "jdbc:postgresql://127.0.0.1:1/coffee?user=app&password=retort");
		assertThat(verbose.toString()).doesNotContain("password=retort", "=retort");
	}

	@Test
	void anUnencodedAmpersandInAUrlsPasswordIsRefusedWithoutQuotingAnyOfIt(TestDatabase db) {
		// pgjdbc splits the query at every '&': 'p@ss:w/rd%20?' went to the server as the password
		// (a wrong one, with no hint), and the message quoted the rest, '?=;&loginTimeout=30'.
		String url = db.jdbcUrl().replaceFirst("\\?.*", "") + "?user=" + db.user() + "&password=p@ss:w/rd%20?&=;";
		for (String[] args : new String[][] { { "current", "--url", url }, { "current", "-v", "--format", "json", "--url",
				url } }) {
			CliRun.Result result = CliRun.in(this.project).run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.toString()).contains("Invalid database URL '", "?user=" + db.user() + "&password=***' (--url)",
					"Write an '&' in a password inside a URL as %26", "--password, RETORT_PASSWORD")
				.doesNotContain("=;", "w/rd", "p@ss", "rd%20");
		}
		// Encoded, it is the password (the test server trusts every login, so any password connects).
		CliRun.Result encoded = CliRun.in(this.project)
			.run("current", "--url", url.replace("p@ss:w/rd%20?&=;", "p%40ss%3Aw%2Frd%2520%3F%26%3D%3B"));
		assertThat(encoded.exitCode()).as(encoded.toString()).isZero();
	}

	@Test
	void aUnixSocketUrlAsPsqlWritesItIsRefusedWithTheTcpFormAndALibpqHostParameterIsRead(TestDatabase db) {
		java.net.URI server = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
		// psql's and Alembic's (psycopg2's) way to reach a local server over its socket: pgjdbc, TCP
		// only, looked the directory up as a host and failed with "The connection attempt failed".
		for (String url : new String[] { "postgresql:///" + db.name() + "?host=/var/run/postgresql&user=app",
				"postgresql://%2Fvar%2Frun%2Fpostgresql/" + db.name() + "?user=app" }) {
			CliRun.Result result = CliRun.in(this.project).run("current", "--url", url);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).as(url).startsWith("ERROR: Invalid database URL '" + url + "' (--url): the host"
					+ " '/var/run/postgresql' is a directory of Unix-domain sockets, as psql and libpq read it, but the"
					+ " driver here (pgjdbc) connects over TCP only. Give the server's TCP address instead, as"
					+ " postgresql://USER@localhost:5432/DATABASE;");
		}
		// libpq's host and port parameters naming a TCP address reach the server they name.
		CliRun.Result tcp = CliRun.in(this.project)
			.env("RETORT_PASSWORD", db.password())
			.run("upgrade", "--url", "postgresql:///" + db.name() + "?host=" + server.getHost() + "&port="
					+ server.getPort() + "&user=" + db.user());
		assertThat(tcp.exitCode()).as(tcp.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aUrlThatCannotBeReadDoesNotQuoteItsPassword() {
		// An unencoded '/' ends the host early: what looked like a port was part of the password.
		CliRun.Result result = CliRun.in(this.project)
			.run("current", "--url", "postgresql://app:hunter/secret2@127.0.0.1:1/coffee", "-v");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: Invalid database URL 'postgresql://app:***@127.0.0.1:1/coffee' (--url):")
			.contains("%2F");
		assertThat(result.toString()).doesNotContain("hunter", "secret2");
	}

	@Test
	void aPasswordWithAnUnencodedAtSlashOrQuestionMarkIsRefusedWithoutQuotingAnyOfIt() {
		// 'p@ss/w:rd#1?x=y&z' read as user 'app', password 'p', host 'ss': the rest of the password
		// became the database name and parameters, and the message quoted it.
		for (String url : new String[] { "postgresql://app:p@ss/w:rd#1?x=y&z@127.0.0.1:1/coffee",
				"postgresql://app:hun?ter2@127.0.0.1:1/coffee", "postgresql://app:hun#ter2/x@127.0.0.1:1/coffee" }) {
			for (CliRun.Result result : new CliRun.Result[] {
					CliRun.in(this.project).run("current", "--url", url, "-v"),
					CliRun.in(this.project).env("DATABASE_URL", url).run("--format", "json", "current", "-vv") }) {
				assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
				assertThat(result.err()).as(url).startsWith("ERROR: Invalid database URL 'postgresql://app:***@127.0.0.1:1/coffee'")
					.contains("%40, %2F, %3F or %23");
				assertThat(result.toString()).as(url).doesNotContain("ss/w", "rd#1", "x=y", "hun", "ter2");
			}
		}
	}

	@Test
	void aConfigurationFileThatIsNotYamlDoesNotQuoteItsPassword() throws IOException {
		// SnakeYAML quotes the line it stopped at: here, the password's.
		Path resources = this.project.resolve("src/main/resources");
		Files.writeString(resources.resolve("application.yml"), """
				spring:
				  datasource:
				    url: jdbc:postgresql://127.0.0.1:1/coffee
				    password: hunter2-secret: oops
				""");
		for (String[] args : new String[][] { { "current" }, { "current", "-v", "--format", "json" } }) {
			CliRun.Result result = CliRun.in(this.project).run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.err()).startsWith("ERROR: Configuration file ").contains("is not valid YAML", "password: ***");
			assertThat(result.toString()).doesNotContain("hunter2");
		}
	}

	@Test
	void anOfflineScriptIsPrintedAsItWouldRunWhateverThePassword() {
		// The script records each revision's message in the history: masked, an offline upgrade
		// would record 'create *** logs' where an online one records 'create coffee logs'.
		CliRun.Result result = CliRun.in(this.project)
			.env("DATABASE_URL", "postgresql://app:coffee@127.0.0.1:1/coffee")
			.run("upgrade", "base:heads", "--sql");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("'create coffee logs'").doesNotContain(Secrets.MASK);
	}

	@Test
	void unreachableDatabaseNeverShowsThePassword() {
		for (String[] args : new String[][] { { "current" }, { "current", "-v" }, { "upgrade", "-vv" },
				{ "--format", "json", "history", "-i" } }) {
			CliRun.Result result = CliRun.in(this.project)
				.env("DATABASE_URL", "postgresql://app:hunter2-secret@127.0.0.1:1/coffee")
				.run(args);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
			assertThat(result.err()).startsWith("ERROR: ").contains("127.0.0.1:1").doesNotContain("hunter2-secret");
			assertThat(result.out()).doesNotContain("hunter2-secret");
		}
		CliRun.Result option = CliRun.in(this.project)
			.run("current", "--url", "jdbc:postgresql://127.0.0.1:1/coffee?password=hunter2-secret", "-v");
		assertThat(option.exitCode()).isEqualTo(1);
		assertThat(option.err()).doesNotContain("hunter2-secret");
	}

	@Test
	void wrongPasswordIsReportedWithoutThePassword(TestDatabase db) {
		db.execute("CREATE ROLE cli_tester LOGIN PASSWORD 'right-secret'");
		try {
			CliRun.Result result = CliRun.in(this.project)
				.run("current", "--url", db.jdbcUrl(), "--user", "cli_tester", "--password", "wrong-secret", "-v");
			assertThat(result.toString()).doesNotContain("wrong-secret").doesNotContain("right-secret");
		}
		finally {
			db.execute("DROP ROLE cli_tester");
		}
	}

	@Test
	void insideAnApplicationTheBaseConfigurationIsUsedAndOptionsOverrideIt(TestDatabase db) throws SQLException {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA app");
		}
		dev.retort.config.RetortConfig base = dev.retort.config.RetortConfig.builder()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.revisions.directory())
			.build();
		java.io.StringWriter out = new java.io.StringWriter();
		java.io.StringWriter err = new java.io.StringWriter();
		int exit = RetortCommandLine.execute(new String[] { "upgrade", "--schema", "app", "-q" }, base, out, err);
		assertThat(exit).as(err.toString()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM app.retort_version")).containsExactly("1975ea83b712");
		assertThat(db.tableExists("app.coffee_logs")).isTrue();
	}

	private CliRun cli(TestDatabase db) {
		return CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
	}

	/** JSON without the whitespace between tokens (none of the values here hold spaces that matter). */
	static String compact(String json) {
		return json.replaceAll("\\s*([{}\\[\\],:])\\s*", "$1").strip();
	}

}
