package dev.retort.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.autogenerate.LeftOut;
import dev.retort.autogenerate.SchemaChange;
import dev.retort.autogenerate.SchemaDiff;
import dev.retort.command.LintResult;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.error.RetortException;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.ConnectionFactory;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.SecondSessionUnavailableException;

/**
 * Proves a project's revisions on a real PostgreSQL, in a test of the project's own:
 *
 * <pre>{@code
 * @Test
 * void revisionsAreSafe() {
 *     MigrationTestKit.of(Retort.configure().dataSource(dataSource).locations("classpath:db/revisions"))
 *         .assertAll();
 * }
 * }</pre>
 *
 * The database must be one the kit may empty: the round trip drops every schema in it (Retort's
 * tables included) before it starts and whenever it moves to another branch of the graph. It
 * refuses a database that holds objects no run of the kit made, unless its Retort history was
 * all written in this test run ({@link #mayEmptyAnyDatabase()} lifts that). Each assertion
 * throws an {@link AssertionError} naming the revision, its file and what went wrong.
 */
public final class MigrationTestKit {

	/** The {@code application_name} of the kit's sessions, in the history's {@code client}: the rows are the kit's. */
	static final String APPLICATION_NAME = "retort-test-kit";

	/** Said by a failure after which the kit emptied its database ({@link #emptyAfterFailure()}). */
	private static final String EMPTIED = "\n  The kit emptied the database, so that the next run (or an application"
			+ " context starting on it) does not meet what the downgrade left behind.";

	/**
	 * The statements that drop every publication and give every role's default privileges for the
	 * whole database (ALTER DEFAULT PRIVILEGES without IN SCHEMA) back their built-in values, at
	 * which PostgreSQL forgets them: all revoked, then the owner's and PUBLIC's defaults granted.
	 */
	private static final String DATABASE_WIDE_RESETS = "SELECT 'DROP PUBLICATION ' || quote_ident(pubname)"
			+ " FROM pg_publication WHERE pg_has_role(pubowner, 'MEMBER')"
			+ " UNION ALL SELECT * FROM (SELECT 'ALTER DEFAULT PRIVILEGES FOR ROLE '"
			+ " || quote_ident(pg_get_userbyid(d.defaclrole))"
			+ " || a.verb || CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'"
			+ " WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' WHEN 'L' THEN 'LARGE OBJECTS' END || a.whom"
			+ " FROM pg_default_acl d, LATERAL (SELECT 1 AS step, ' REVOKE ALL ON ' AS verb, ' FROM '"
			+ " || CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(e.grantee)) END AS whom"
			+ " FROM (SELECT DISTINCT grantee FROM aclexplode(d.defaclacl)) e"
			+ " UNION ALL SELECT 2, ' GRANT ALL ON ', ' TO ' || quote_ident(pg_get_userbyid(d.defaclrole))"
			+ " UNION ALL SELECT 3, ' GRANT ALL ON ', ' TO PUBLIC' WHERE d.defaclobjtype IN ('f', 'T')) a"
			+ " WHERE d.defaclnamespace = 0 AND pg_has_role(d.defaclrole, 'MEMBER') ORDER BY d.oid, a.step) resets";

	/** The kit's lock on its database, held while an assertion runs ({@link #exclusively(Runnable)}). */
	private static final String LOCK = "SELECT pg_advisory_lock(hashtext('" + APPLICATION_NAME + "'), 0)";

	private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('" + APPLICATION_NAME + "'), 0)";

	private final RetortConfig config;

	private final Retort retort;

	/** Whether the database may be emptied: told so, or found so before the first time. */
	private boolean mayEmpty;

	/** The session holding the kit's lock while an assertion runs; null between assertions. */
	private Connection lockSession;

	/**
	 * A lock for the kits of each {@code DataSource} of this JVM ({@link #exclusively}); weakly held,
	 * so that a test context closed and its pool dropped takes its entry along.
	 */
	private static final Map<DataSource, ReentrantLock> KITS_OF_A_POOL = Collections.synchronizedMap(new WeakHashMap<>());

	private MigrationTestKit(RetortConfig config, Retort retort, boolean mayEmpty) {
		this.config = config;
		this.retort = retort;
		this.mayEmpty = mayEmpty;
	}

	/** A kit whose sessions say they are the kit's, so its history rows can be told from others'. */
	private static MigrationTestKit create(RetortConfig config) {
		RetortConfig kit = config.toBuilder().applicationName(APPLICATION_NAME).build();
		return new MigrationTestKit(kit, Retort.load(kit), false);
	}

	/**
	 * A kit for the revisions and database of a configuration.
	 * @param configuration the same configuration the application uses ({@code Retort.configure()…})
	 * @return the kit
	 */
	public static MigrationTestKit of(RetortConfig.Builder<Retort> configuration) {
		return create(configuration.build());
	}

	/**
	 * A kit for the revisions and database of a Retort already configured: in a
	 * {@code @SpringBootTest}, the application's own (autowire it), so the kit proves exactly what
	 * the application runs: its {@code retort.*} properties, its customizers and its {@code Migration}
	 * beans, which a configuration written again in the test would miss.
	 * @param retort the configured Retort
	 * @return the kit
	 */
	public static MigrationTestKit of(Retort retort) {
		// Loaded again, without the application's listeners: the round trip's steps need no log lines.
		return create(retort.config());
	}

	/**
	 * The same kit, told that its database may be emptied whatever it holds. Without it, the kit
	 * refuses to empty a database that holds objects it did not make and whose Retort history
	 * (if any) was written before this test run: a test pointed by mistake at a developer's own
	 * database would otherwise drop it whole.
	 * @return a kit that empties its database without asking
	 */
	public MigrationTestKit mayEmptyAnyDatabase() {
		return new MigrationTestKit(this.config, this.retort, true);
	}

	/** Every check, in the order that makes the first failure the one to fix first. */
	public synchronized void assertAll() {
		exclusively(this::all);
	}

	private void all() {
		assertSingleHead();
		assertLintPasses();
		everyRevisionRoundTrips();
		// The round trip emptied the database and left it at every head: no need to do it again.
		nothingInvalidAtHeads();
	}

	/** One head: parallel branches are merged ({@code retort merge}) before they ship. */
	public void assertSingleHead() {
		requireRevisions();
		// As retort heads counts them: an effective head (only depended on) needs no merge, the row
		// of the revision depending on it implies it.
		List<Revision> heads = this.retort.graph().realHeads();
		if (heads.size() > 1) {
			StringBuilder message = new StringBuilder("The revisions have " + heads.size() + " heads: " + describe(heads)
					+ ". Join them with: retort merge -m \"merge\" heads");
			for (Revision head : heads) {
				if (head.isBase() && head.dependsOn().isEmpty()) {
					// A lone revision is far more often a forgotten parent than a branch to merge.
					message.append("\n  ").append(head.id()).append(" (").append(head.origin().source())
						.append(") revises nothing and nothing revises it: if it follows another revision, name that one in ")
						.append(revisesOf(head)).append(" instead of merging.");
				}
			}
			throw new AssertionError(message);
		}
	}

	/** {@code retort lint} finds nothing at error severity (or any acknowledged). */
	public void assertLintPasses() {
		assertLintPasses(Severity.ERROR);
	}

	/**
	 * {@code retort lint} finds nothing that fails at {@code failOn}.
	 * @param failOn the lowest severity that fails
	 */
	public void assertLintPasses(Severity failOn) {
		LintResult result = this.retort.lint(null, failOn);
		if (result.failed()) {
			StringBuilder message = new StringBuilder("retort lint found what fails at " + failOn + ":");
			for (LintFinding finding : result.findings()) {
				if (finding.failsAt(failOn)) {
					message.append("\n  ").append(finding.source()).append(": ").append(finding.severity()).append(' ')
						.append(finding.rule()).append(' ').append(finding.name()).append(": ").append(finding.message());
					if (!finding.severity().atLeast(failOn)) {
						// A destructive change (PG114): below the threshold, yet failing; say why.
						message.append(" (fails until acknowledged)");
					}
					// What to write instead, as 'retort lint' prints it: the rule's name alone does not say.
					message.append("\n      fix: ").append(finding.fix());
				}
			}
			// An acknowledgement edits the upgrade section: on an applied revision, a checksum mismatch.
			message.append("\nFix them, or acknowledge one with -- lint:ack <RULE> <reason> in a revision no database"
					+ " has applied yet (the line is part of its checksum); for an applied one, call the other checks one"
					+ " by one instead of assertAll() (docs/lint.md).");
			if (result.findings().stream().anyMatch((finding) -> finding.failsAt(failOn)
					&& finding.message().startsWith("In the downgrade, "))) {
				// The checksum covers the upgrade alone: an applied revision takes this one as it is.
				message.append(" A finding in a downgrade is acknowledged in the downgrade section, which no checksum"
						+ " covers: an applied revision can take it too.");
			}
			if (result.findings().stream().anyMatch((finding) -> finding.failsAt(failOn) && isJava(finding.revision()))) {
				// Its operations render SQL with no comment line in it: the advice above has no place there.
				message.append(" A Java revision acknowledges only in SQL it runs itself, the comment line first:"
						+ " op.execute(\"-- lint:ack <RULE> <reason>\\n…\"); for a finding on an operation (op.createIndex…),"
						+ " call the other checks one by one.");
			}
			throw new AssertionError(message);
		}
	}

	private boolean isJava(String revision) {
		return this.retort.graph().find(revision).filter((found) -> found.kind() == Revision.Kind.JAVA).isPresent();
	}

	/**
	 * Every revision, base first: its upgrade runs, its downgrade (when it has one) gives back
	 * exactly the schema the upgrade started from, and its upgrade runs again to exactly the schema
	 * it gave the first time. The schemas compared are read from the catalog: columns, types,
	 * defaults, constraints and whether they are validated, indexes and whether they are valid,
	 * enums with their labels in order, views, functions, triggers, comments, privileges and owners,
	 * publications, event triggers. The database is left at every head.
	 */
	public synchronized void assertEveryRevisionRoundTrips() {
		exclusively(this::everyRevisionRoundTrips);
	}

	private void everyRevisionRoundTrips() {
		requireRevisions();
		RevisionGraph graph = this.retort.graph();
		empty();
		// The schema the previous revision left, when the next one starts on it: read once, not twice.
		SchemaSnapshot left = null;
		for (Revision revision : graph.upgradeOrder()) {
			Set<String> requirements = new HashSet<>(graph.applied(List.of(revision.id())));
			requirements.remove(revision.id());
			if (!graph.applied(this.retort.current().current()).equals(requirements)) {
				// Another branch is applied: start again from an empty database.
				empty();
				for (String required : requirements) {
					this.retort.upgrade(required);
				}
				left = null;
			}
			SchemaSnapshot before = (left != null) ? left : snapshot();
			run(revision, "its upgrade failed", upgradeAdvice(revision, graph), () -> this.retort.upgrade(revision.id()));
			SchemaSnapshot after = snapshot();
			// Whether or not it is undone and done again, the revision leaves exactly this (checked below).
			left = after;
			if (!revision.reversible()) {
				continue;
			}
			// One step down along the revision's own lineage: exactly it, every requirement kept. Its first
			// parent as the target would also take away a dependency built on that parent, or another
			// base it depends on.
			run(revision, "its downgrade failed",
					"Fix its downgrade: it ran right after its upgrade, on exactly the schema that upgrade gave.",
					() -> this.retort.downgrade(revision.id() + "@-1"));
			String restored = before.difference(snapshot());
			if (!restored.isEmpty()) {
				emptyAfterFailure();
				throw failure(revision, "its downgrade did not give back the schema its upgrade started from "
						+ "(+ left behind, - not restored, ~ not as it was):" + restored
						+ "\n  Make its downgrade " + whatToUndo(restored) + ". (A revision that cannot be undone "
						+ ((revision.kind() == Revision.Kind.JAVA) ? "does not override downgrade(Operations)"
								: "has no downgrade section")
						+ ": the kit then only upgrades it.)" + EMPTIED);
			}
			try {
				run(revision, "its upgrade failed when run again after its downgrade",
						"Its downgrade gave back the schema but left something its upgrade trips over (rows, or what"
								+ " the kit does not compare: statistics targets, the database's own grants): make the"
								+ " downgrade undo it too." + EMPTIED,
						() -> this.retort.upgrade(revision.id()));
			}
			catch (AssertionError ex) {
				emptyAfterFailure();
				throw ex;
			}
			String again = after.difference(snapshot());
			if (!again.isEmpty()) {
				throw failure(revision, "its upgrade, run again after its downgrade, gave another schema "
						+ "(+ now there, - there the first time, ~ not as the first time):" + again
						+ "\n  Its downgrade gave back the schema but left something that changes what its upgrade does"
						+ " (rows, or what the kit does not compare): make the downgrade undo it too.");
			}
		}
		// The walk ends on the last revision's branch: the other heads too, so that a Spring context's
		// beans find every table.
		upgradeToEveryHead();
	}

	/**
	 * What the downgrade must do about the differences there are, and only those: advice on what
	 * is "not restored" beside a list of things left behind sent its reader looking for them.
	 */
	private static String whatToUndo(String difference) {
		List<String> steps = new ArrayList<>();
		if (difference.contains("\n    + ")) {
			steps.add("drop what is left behind (+)");
		}
		if (difference.contains("\n    - ")) {
			steps.add("create again, as it was, what is not restored (-)");
		}
		if (difference.contains("\n    ~ ")) {
			steps.add("set back what is not as it was (~)");
		}
		if (steps.size() <= 2) {
			return String.join(" and ", steps);
		}
		return String.join(", ", steps.subList(0, steps.size() - 1)) + ", and " + steps.get(steps.size() - 1);
	}

	/** One head at a time, as 'heads' is refused with retort.fail-on-multiple-heads. */
	private void upgradeToEveryHead() {
		for (Revision head : this.retort.graph().realHeads()) {
			this.retort.upgrade(head.id());
		}
	}

	/**
	 * Empties the database and upgrades it to every head, as the round trip starts: a kit database
	 * last used with other revisions (another branch of the project, a revision file edited under
	 * the same id) would otherwise fail on its old rows ("Applied revision … changed on disk") or be
	 * checked with what those left.
	 */
	private void emptyAndUpgradeToEveryHead() {
		empty();
		upgradeToEveryHead();
	}

	/**
	 * Empties the database, as the round trip does (and refusing as it does a database the kit may
	 * not empty), and upgrades it to every head: what a {@code @SpringBootTest}'s context does as it
	 * starts, in a Spring Boot {@code RetortMigrationStrategy} bean of the test's own,
	 * {@code (retort) -> MigrationTestKit.of(retort).emptyAndUpgrade()}. The context otherwise
	 * upgrades the test database the last run left, before the kit can empty it, and fails to
	 * start on a revision edited since ("Applied revision … changed since it was applied"), another
	 * branch's revision under the same id, or one no longer there.
	 */
	public synchronized void emptyAndUpgrade() {
		exclusively(this::emptyAndUpgradeToEveryHead);
	}

	/**
	 * Upgraded to every head, the database has exactly the schema the model describes: what
	 * {@code retort check} compares (pytest-alembic's "model definitions match DDL"), and what
	 * autogenerate does not compare but lists (functions, triggers, materialized views, policies,
	 * rules, statistics, comments), each named with the statement a revision writes for it.
	 * @param location the model, a SQL file creating the whole schema: {@code classpath:db/schema.sql},
	 * or a file path (optionally {@code filesystem:})
	 */
	public synchronized void assertMatchesModel(String location) {
		assertMatchesModel(location, new AcceptedDifference[0]);
	}

	/**
	 * As {@link #assertMatchesModel(String)}, every difference on the objects accepted left aside:
	 * what the database has by design and the revisions do not write (an object a DBA or an
	 * extension creates, a trigger not yet written as a revision). An accepted difference that no
	 * longer differs fails the check, naming it, so that the list does not outlive its reasons.
	 * @param location the model, as {@link #assertMatchesModel(String)} reads it
	 * @param accepted the differences accepted, by the kind and name of their object:
	 * {@code AcceptedDifference.of("trigger", "orders_audit")}
	 */
	public synchronized void assertMatchesModel(String location, AcceptedDifference... accepted) {
		List<AcceptedDifference> accepting = List.of(accepted);
		// Read first: a model that is not there changes nothing in the database.
		String model = readModel(location);
		exclusively(() -> matchesModel(location, model, accepting));
	}

	private void matchesModel(String location, String model, List<AcceptedDifference> accepted) {
		emptyAndUpgradeToEveryHead();
		SchemaDiff diff = this.retort.check(location, model);
		// What autogenerate does not compare counts too: a trigger or function of the model that no revision
		// creates passed the check, and the application shipped without it.
		List<String> differences = new ArrayList<>();
		diff.changes().forEach((change) -> differences.add(change.description()));
		diff.leftOut().forEach((object) -> differences.add(object.object()));
		List<SchemaChange> changes = diff.changes().stream()
			.filter((change) -> !acceptedAmong(accepted, change.description()))
			.toList();
		List<LeftOut> leftOut = diff.leftOut().stream().filter((object) -> !acceptedAmong(accepted, object.object())).toList();
		// Accepted and no longer there: the reason went away (the revision was written), the acceptance stays.
		List<String> noLongerDiffer = accepted.stream()
			.filter((difference) -> differences.stream().noneMatch(difference::accepts))
			.map(AcceptedDifference::toString)
			.toList();
		if (changes.isEmpty() && leftOut.isEmpty() && noLongerDiffer.isEmpty()) {
			return;
		}
		String remove = String.join(", ", noLongerDiffer) + ": the revisions and the model agree on "
				+ ((noLongerDiffer.size() == 1) ? "it" : "them") + " now. Remove "
				+ ((noLongerDiffer.size() == 1) ? "it" : "them") + " from assertMatchesModel(…).";
		if (changes.isEmpty() && leftOut.isEmpty()) {
			throw new AssertionError("The model check accepts differences from the model " + location
					+ " that no longer differ: " + remove);
		}
		StringBuilder message = new StringBuilder("The revisions do not give the schema of the model " + location + ":");
		changes.forEach((change) -> message.append("\n  - ").append(change.description()));
		if (!leftOut.isEmpty()) {
			message.append("\n  Not compared by autogenerate, and not the same in the database the revisions gave as in"
					+ " the model, by their definitions as PostgreSQL prints them:");
			leftOut.forEach((object) -> message.append(leftOut(object)));
		}
		if (!noLongerDiffer.isEmpty()) {
			message.append("\n  Accepted, and no longer different: ").append(remove);
		}
		String autogenerate = "retort revision --autogenerate -m \"MESSAGE\" --model " + modelFile(location);
		int count = leftOut.size();
		String them = (count == 1) ? "it" : "them";
		String asComments = ((count == 1) ? "as a comment, with the statement" : "as comments, each with the statement")
				+ " to write in its upgrade and the one that undoes it in its downgrade";
		if (leftOut.isEmpty()) {
			message.append("\nWrite the difference as a revision: " + autogenerate + ", or correct the model.");
		}
		else if (changes.isEmpty()) {
			message.append("\nAdd " + them + " to a revision: " + autogenerate + " writes one that lists " + them + " "
					+ asComments + "; or correct the model.");
		}
		else {
			message.append("\nWrite the difference as a revision: " + autogenerate + " writes one that also lists "
					+ ((count == 1) ? "the one" : "those") + " it does not compare " + asComments
					+ "; or correct the model.");
		}
		throw new AssertionError(message);
	}

	private static boolean acceptedAmong(List<AcceptedDifference> accepted, String difference) {
		return accepted.stream().anyMatch((acceptance) -> acceptance.accepts(difference));
	}

	/** An object autogenerate does not compare, with the statement a revision's upgrade writes for it. */
	private static String leftOut(LeftOut object) {
		String statement = (object.upgrade() != null) ? object.upgrade().stripTrailing() + ";"
				: "(PostgreSQL prints no statement for it: write it from its definition)";
		return "\n  - " + object.object() + ":" + statement.lines().map((line) -> "\n      " + line).collect(Collectors.joining());
	}

	/**
	 * The model as the command line names it: a file, and for a {@code classpath:} model its source
	 * in a Maven or Gradle project, where the command line also reads {@code classpath:} locations.
	 */
	private static String modelFile(String location) {
		String file = location.startsWith("classpath:")
				? "src/main/resources/" + location.substring("classpath:".length()).replaceAll("^/+", "")
				: location.replaceFirst("^filesystem:", "");
		return file.matches("[A-Za-z0-9_./:=@%+-]+") ? file : "'" + file.replace("'", "'\\''") + "'";
	}

	private String readModel(String location) {
		try {
			if (location.startsWith("classpath:")) {
				ClassLoader loader = (this.config.classLoader() != null) ? this.config.classLoader()
						: Thread.currentThread().getContextClassLoader();
				String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
				try (InputStream in = loader.getResourceAsStream(resource)) {
					if (in == null) {
						throw new IllegalArgumentException("No model at " + location + " on the class path.");
					}
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			return Files.readString(Path.of(location.replaceFirst("^filesystem:", "")), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the model " + location, ex);
		}
	}

	/** Upgraded to every head from an empty database, no index is left invalid and no constraint unvalidated. */
	public synchronized void assertNothingInvalidAtHead() {
		exclusively(() -> {
			emptyAndUpgradeToEveryHead();
			nothingInvalidAtHeads();
		});
	}

	/**
	 * Runs an assertion holding the kit's lock on its database (a session-level advisory lock, of a
	 * key of two integers, which Retort's own lock never uses): test classes run in parallel
	 * (JUnit's {@code junit.jupiter.execution.parallel.*}) or in several forks, sharing the kit's
	 * database, would otherwise empty it under each other's round trip. One waits for the other.
	 * Kits of one {@code DataSource} in this JVM wait for each other here first, holding no
	 * connection: each waiting on the advisory lock with a connection of the pool took it from the
	 * one running, which then waited for the pool's timeout and failed for a pool too small.
	 */
	private void exclusively(Runnable assertion) {
		if (this.lockSession != null) {
			// assertAll(): the lock is held already.
			assertion.run();
			return;
		}
		DataSource dataSource = this.config.dataSource();
		if (dataSource != null) {
			// Before any wait: a pool too small waited its connection timeout (30 s) before failing.
			String shortfall = PoolCapacity.shortfall(dataSource);
			if (shortfall != null) {
				throw new IllegalStateException(shortfall);
			}
		}
		ReentrantLock pool = (dataSource != null) ? KITS_OF_A_POOL.computeIfAbsent(dataSource, (key) -> new ReentrantLock(true))
				: null;
		if (pool != null) {
			pool.lock();
		}
		try {
			lockedInTheDatabase(assertion);
		}
		finally {
			if (pool != null) {
				pool.unlock();
			}
		}
	}

	private void lockedInTheDatabase(Runnable assertion) {
		try (Connection session = connect()) {
			try (Statement statement = session.createStatement()) {
				statement.execute(LOCK);
			}
			this.lockSession = session;
			try {
				assertion.run();
			}
			finally {
				this.lockSession = null;
				// Explicitly: a pool's connection goes back to the pool with its session, and its lock.
				try (Statement statement = session.createStatement()) {
					statement.execute(UNLOCK);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not lock the test database: " + ex.getMessage(), ex);
		}
	}

	private void nothingInvalidAtHeads() {
		List<String> invalid = snapshot().invalidObjects();
		if (!invalid.isEmpty()) {
			throw new AssertionError("At the head, objects are left invalid:" + leftBy(invalid)
					+ "\n  Validate each constraint (ALTER TABLE … VALIDATE CONSTRAINT) and rebuild each index in a "
					+ "later revision.");
		}
	}

	/**
	 * Each object with the revision that left it, found only once the check fails: the database
	 * emptied and upgraded again one revision at a time, to end at the heads as before.
	 */
	private String leftBy(List<String> objects) {
		empty();
		List<String> left = new ArrayList<>(objects);
		StringBuilder text = new StringBuilder();
		for (Revision revision : this.retort.graph().upgradeOrder()) {
			this.retort.upgrade(revision.id());
			List<String> now = snapshot().invalidObjects();
			for (String object : List.copyOf(left)) {
				if (now.contains(object)) {
					text.append("\n    ").append(object).append(", left by revision ").append(revision.id()).append(" (")
						.append(revision.origin().source()).append(')');
					left.remove(object);
				}
			}
		}
		left.forEach((object) -> text.append("\n    ").append(object));
		return text.toString();
	}

	/**
	 * A location with a typo, or revisions not on the test class path, would otherwise pass every
	 * check having proved nothing; a Java package with a typo, having left its revisions out.
	 */
	private void requireRevisions() {
		if (this.retort.graph().upgradeOrder().isEmpty()) {
			throw new AssertionError("No revision found in " + String.join(", ", this.config.locations())
					+ " (Java packages: " + (this.config.javaPackages().isEmpty() ? "none"
							: String.join(", ", this.config.javaPackages()))
					+ "): the kit has nothing to prove. Give it the application's locations and javaPackages"
					+ " (retort.locations, retort.java-packages), and check that the revisions are on the test"
					+ " class path.");
		}
		for (String javaPackage : this.config.javaPackages()) {
			boolean found = this.retort.graph().revisions().stream().anyMatch((revision) ->
					revision.kind() == Revision.Kind.JAVA && revision.origin().source().startsWith(javaPackage + "."));
			if (!found) {
				// Its revisions, often the newest, would otherwise go untested without a word.
				throw new AssertionError("No Java revision found in package " + javaPackage + " (a class annotated "
						+ "@Revision implementing Migration): give the kit the application's retort.java-packages.");
			}
		}
	}

	/**
	 * Runs a step of the round trip; a revision that fails is reported with what to do about it in
	 * a test, not with the runner's advice for a real database (where it stays, {@code retort
	 * stamp}, run again): the kit's database is thrown away.
	 */
	private void run(Revision revision, String what, String advice, Runnable step) {
		try {
			step.run();
		}
		catch (MigrationFailedException ex) {
			AssertionError error = failure(revision, what + " at " + ex.location() + ": " + ex.problem() + "\n  " + advice);
			error.initCause(ex);
			throw error;
		}
		catch (SecondSessionUnavailableException ex) {
			// Not the revision's fault, and Retort's own advice ("2 or more") is one short with the kit's lock.
			// Its words of the pool stay in the cause.
			throw new IllegalStateException(PoolCapacity.exhausted("it had none for Retort's lock, beside the kit's lock"
					+ " and the migration's session"), ex);
		}
		catch (RuntimeException ex) {
			AssertionError error = failure(revision, what + ": " + ex.getMessage());
			error.initCause(ex);
			throw error;
		}
	}

	private static String upgradeAdvice(Revision revision, RevisionGraph graph) {
		if (revision.isBase() && revision.dependsOn().isEmpty() && graph.revisions().size() > 1) {
			// Its parent forgotten, it meets an empty database rather than the tables it was written for.
			return "Fix its upgrade: it revises nothing, so it ran on an empty database. If it builds on another revision,"
					+ " name that one in " + revisesOf(revision) + ".";
		}
		return "Fix its upgrade: it ran on exactly the schema its ancestors give.";
	}

	private static String revisesOf(Revision revision) {
		return (revision.kind() == Revision.Kind.JAVA) ? "@Revision(revises = \"…\")" : "its '-- Revises:' header";
	}

	private static AssertionError failure(Revision revision, String what) {
		return new AssertionError("Revision " + revision.id() + " (" + revision.origin().source() + "): " + what);
	}

	private static String describe(List<Revision> revisions) {
		return String.join(", ", revisions.stream().map((r) -> r.id() + " (" + r.origin().source() + ")").toList());
	}

	private SchemaSnapshot snapshot() {
		try (Connection connection = connect()) {
			Set<String> retortTables = Set.of(this.config.versionTable(), this.config.historyTable(),
					this.config.historyTable() + "_id_seq");
			return SchemaSnapshot.read(connection, retortTables);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the schema: " + ex.getMessage(), ex);
		}
	}

	/**
	 * After a downgrade that left something behind, the version table says the parent while the
	 * schema still holds what the revision made: an application context starting on this database
	 * in the next test run would fail upgrading it again ("already exists"), before the kit could
	 * empty it, and go on failing after the downgrade is fixed. The database is the kit's to empty.
	 */
	private void emptyAfterFailure() {
		try {
			empty();
		}
		catch (RuntimeException ex) {
			// The revision's failure is what the test reports; the next run empties it anyway.
		}
	}

	/**
	 * Drops every schema and publication of the database (and gives default privileges for the
	 * whole database back their built-in values) and creates {@code public} again as a new database
	 * has it, and the configured {@code schema}: Retort creates that one for its own tables, and no
	 * downgrade removes it, so a database emptied without it would never look the same again after
	 * a revision's round trip.
	 */
	private void empty() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			if (!this.mayEmpty) {
				Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
				String refusal = EmptyingGuard.refusal(connection, jvmStart);
				if (refusal != null) {
					throw new IllegalStateException(refusal);
				}
				this.mayEmpty = true;
			}
			List<String> schemas = new ArrayList<>();
			try (var rows = statement.executeQuery("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname "
					+ "NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' "
					+ "AND nspname NOT LIKE 'pg_temp%'")) {
				while (rows.next()) {
					schemas.add(rows.getString(1));
				}
			}
			for (String schema : schemas) {
				statement.execute("DROP SCHEMA " + schema + " CASCADE");
			}
			// What the round trip compares that no schema holds (an event trigger goes with its function):
			// left by a downgrade that failed the check, it would fail the same revision's upgrade once its
			// downgrade is fixed ("already exists"), or its comparison (a default privilege not restored).
			for (String reset : statements(statement, DATABASE_WIDE_RESETS)) {
				statement.execute(reset);
			}
			createPublicAsANewDatabaseHasIt(connection, statement);
			if (this.config.schema() != null) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + PostgresIdentifiers.quote(this.config.schema()));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not empty the test database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The revisions were written for a database made by {@code CREATE DATABASE}, whose {@code public}
	 * the round trip compares like any schema: its owner ({@code pg_database_owner} from PostgreSQL
	 * 15 on), its privileges ({@code USAGE} for PUBLIC; before 15, {@code CREATE} too) and its
	 * comment. A downgrade giving back what the upgrade revoked from it would otherwise leave
	 * "more" than the kit's bare {@code CREATE SCHEMA public} had.
	 */
	private static void createPublicAsANewDatabaseHasIt(Connection connection, Statement statement) throws SQLException {
		statement.execute("CREATE SCHEMA public");
		boolean pg15 = connection.getMetaData().getDatabaseMajorVersion() >= 15;
		if (pg15) {
			// The database's owner, or a superuser: another user of the kit keeps the schema its own.
			try (var rows = statement.executeQuery("SELECT pg_has_role('pg_database_owner', 'MEMBER')")) {
				if (rows.next() && rows.getBoolean(1)) {
					statement.execute("ALTER SCHEMA public OWNER TO pg_database_owner");
				}
			}
		}
		statement.execute(pg15 ? "GRANT USAGE ON SCHEMA public TO PUBLIC"
				: "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC");
		statement.execute("COMMENT ON SCHEMA public IS 'standard public schema'");
	}

	private static List<String> statements(Statement statement, String query) throws SQLException {
		List<String> statements = new ArrayList<>();
		try (var rows = statement.executeQuery(query)) {
			while (rows.next()) {
				statements.add(rows.getString(1));
			}
		}
		return statements;
	}

	private Connection connect() throws SQLException {
		if (this.config.dataSource() != null) {
			try {
				return this.config.dataSource().getConnection();
			}
			catch (SQLException ex) {
				if (this.lockSession == null) {
					throw ex;
				}
				// The lock's session reached the database a moment ago: the pool said no, not the server.
				throw new SQLException(PoolCapacity.exhausted(ex.getMessage()), ex);
			}
		}
		if (this.config.url() == null) {
			// Not the driver's "The url cannot be null", under "Could not empty the test database".
			throw new IllegalStateException("The kit has no database: give its configuration one it may empty, "
					+ "Retort.configure().dataSource(dataSource) or .url(\"jdbc:postgresql://…\").");
		}
		// As the migrations connect: 'postgresql://user:password@host/db' too, its credentials sent to the
		// driver as properties. Handed on as written, the driver refused it with a message quoting it whole.
		try {
			return new ConnectionFactory(null, this.config.url(), this.config.user(), this.config.password(),
					APPLICATION_NAME, 0, Duration.ZERO)
				.open()
				.connection();
		}
		catch (RetortException ex) {
			// Its message names the URL without the password: the callers say what could not be done.
			throw new SQLException(ex.getMessage(), ex);
		}
	}

}
