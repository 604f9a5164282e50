package dev.retort.test;

import java.util.List;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.lint.Severity;

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

	private final RetortConfig config;

	private final Retort retort;

	private final KitLock lock;

	private final RevisionsCheck revisions;

	private final LintCheck lint;

	private final RoundTrip roundTrip;

	private final InvalidObjectsCheck invalidObjects;

	private final ModelCheck model;

	private final Heads heads;

	private MigrationTestKit(RetortConfig config, Retort retort, boolean mayEmpty) {
		this.config = config;
		this.retort = retort;
		KitSessions sessions = new KitSessions(config);
		DatabaseEmptier emptier = new DatabaseEmptier(config, sessions, mayEmpty);
		this.lock = new KitLock(config.dataSource(), sessions);
		this.heads = new Heads(retort, emptier);
		this.revisions = new RevisionsCheck(config, retort);
		this.lint = new LintCheck(retort);
		this.roundTrip = new RoundTrip(config, retort, sessions, emptier, this.heads);
		this.invalidObjects = new InvalidObjectsCheck(config, retort, sessions, emptier);
		this.model = new ModelCheck(config, retort, this.heads);
	}

	/** A kit whose sessions say they are the kit's, so its history rows can be told from others'. */
	private static MigrationTestKit create(RetortConfig config) {
		RetortConfig kit = config.toBuilder().applicationName(KitSessions.APPLICATION_NAME).build();
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
		this.lock.exclusively(() -> {
			assertSingleHead();
			assertLintPasses();
			this.roundTrip.everyRevision();
			// The round trip emptied the database and left it at every head: no need to do it again.
			this.invalidObjects.nothingInvalid();
		});
	}

	/** One head: parallel branches are merged ({@code retort merge}) before they ship. */
	public void assertSingleHead() {
		this.revisions.singleHead();
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
		this.lint.passes(failOn);
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
		this.lock.exclusively(() -> {
			this.revisions.requireRevisions();
			this.roundTrip.everyRevision();
		});
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
		this.lock.exclusively(this.heads::emptyAndUpgradeToEveryHead);
	}

	/**
	 * Upgraded to every head, the database has exactly the schema the model describes: what
	 * {@code retort check} compares (pytest-alembic's "model definitions match DDL"), and what
	 * autogenerate does not compare but lists (functions, triggers, materialized views,
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
		String text = this.model.read(location);
		this.lock.exclusively(() -> this.model.matches(location, text, accepting));
	}

	/** Upgraded to every head from an empty database, no index is left invalid and no constraint unvalidated. */
	public synchronized void assertNothingInvalidAtHead() {
		this.lock.exclusively(() -> {
			this.heads.emptyAndUpgradeToEveryHead();
			this.invalidObjects.nothingInvalid();
		});
	}

}
