package dev.retort.boot.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.retort.Retort;
import dev.retort.boot.autoconfigure.RetortProperties.OnStartup;
import dev.retort.command.HistoryEntry;
import dev.retort.command.MigrationResult;
import dev.retort.command.StatusReport;
import dev.retort.command.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.Assert;

/**
 * Does what 'retort.on-startup' asks (or what a {@link RetortMigrationStrategy} does instead)
 * while the context refreshes. A {@code DatabaseInitializerDetector} makes every bean that uses
 * the database wait for it, so JPA, {@code JdbcTemplate} and jOOQ meet the migrated schema.
 */
public class RetortMigrationInitializer implements InitializingBean, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(RetortMigrationInitializer.class);

	/** Where the starter reads revision files unless told otherwise. */
	static final String DEFAULT_LOCATION = "classpath:db/revisions";

	/** Where Spring Boot's Flyway support reads migrations unless told otherwise. */
	private static final String FLYWAY_LOCATION = "classpath:db/migration";

	private final Retort retort;

	private final RetortMigrationStrategy migrationStrategy;

	private final OnStartup onStartup;

	private final String target;

	private int order;

	private Runnable shutdownNotice;

	private Supplier<String> strayRevisions;

	/**
	 * Creates an initializer that upgrades to {@code heads}.
	 * @param retort the Retort facade
	 */
	public RetortMigrationInitializer(Retort retort) {
		this(retort, null, OnStartup.UPGRADE, "heads");
	}

	/**
	 * Creates an initializer.
	 * @param retort the Retort facade
	 * @param migrationStrategy replaces {@code onStartup} when not {@code null}
	 * @param onStartup what to do at startup
	 * @param target the upgrade target
	 */
	public RetortMigrationInitializer(Retort retort, RetortMigrationStrategy migrationStrategy, OnStartup onStartup,
			String target) {
		Assert.notNull(retort, "'retort' must not be null");
		Assert.notNull(onStartup, "'onStartup' must not be null");
		this.retort = retort;
		this.migrationStrategy = migrationStrategy;
		this.onStartup = onStartup;
		this.target = target;
	}

	@Override
	public void afterPropertiesSet() {
		// A SIGTERM now waits for the whole refresh: say so while it waits, not after.
		Thread hook = (this.shutdownNotice != null) ? new Thread(this.shutdownNotice, "retort-shutdown-notice") : null;
		if (hook != null) {
			Runtime.getRuntime().addShutdownHook(hook);
		}
		try {
			migrate();
		}
		finally {
			if (hook != null) {
				removeShutdownHook(hook);
			}
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook has run, or runs now.
		}
	}

	/**
	 * Sets what finds Java revisions that are never read (a {@code @Revision} class outside
	 * {@code retort.java-packages}): warned about before migrating.
	 */
	void setStrayRevisions(Supplier<String> strayRevisions) {
		this.strayRevisions = strayRevisions;
	}

	private void migrate() {
		// Only where startup reads the graph anyway: 'none' (or a strategy of its own) may never load it.
		if (this.strayRevisions != null && this.migrationStrategy == null && this.onStartup != OnStartup.NONE) {
			warnStrayRevisions();
		}
		if (this.migrationStrategy != null) {
			this.migrationStrategy.migrate(this.retort);
			return;
		}
		if (this.onStartup != OnStartup.NONE && isTrainingRun()) {
			// Spring exits right after this refresh: the run only records classes, yet the database changes.
			logger.info("Training run ({}={}, which creates a class data sharing archive or an AOT cache): "
					+ "'retort.on-startup={}' {} the database now, as at any start. Train with "
					+ "RETORT_ON_STARTUP=none to leave the database as it is (or to train without one)",
					DefaultLifecycleProcessor.EXIT_PROPERTY_NAME, DefaultLifecycleProcessor.ON_REFRESH_VALUE,
					(this.onStartup == OnStartup.UPGRADE) ? "upgrade" : "validate",
					(this.onStartup == OnStartup.UPGRADE) ? "upgrades" : "reads");
		}
		// Not a switch: one on an enum compiles to a synthetic class, loaded at every start.
		if (this.onStartup == OnStartup.UPGRADE) {
			upgrade();
		}
		else if (this.onStartup == OnStartup.VALIDATE) {
			validate();
		}
		else {
			logger.debug("retort.on-startup=none: leaving the database as it is");
		}
	}

	/** Whether Spring ends the process once the context is refreshed, as a CDS or AOT cache training run does. */
	private static boolean isTrainingRun() {
		return DefaultLifecycleProcessor.ON_REFRESH_VALUE
			.equalsIgnoreCase(SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME));
	}

	private void warnStrayRevisions() {
		String hint;
		try {
			hint = this.strayRevisions.get();
		}
		catch (RuntimeException ex) {
			// Invalid revisions: the upgrade or validation reports them as it always has.
			return;
		}
		if (hint != null) {
			logger.warn(hint);
		}
	}

	private void upgrade() {
		MigrationResult result = this.retort.upgrade(this.target);
		if (result.steps().isEmpty()) {
			List<String> unknown = unknownRevisions(result.to());
			int beyond = unknown.isEmpty() ? notAppliedBeyondTheTarget(result.to()) : 0;
			if (beyond > 0) {
				// Held back on purpose: the health contributor calls the rest pending, so must the log.
				// Worded for a database at the target and for one already past it (an older target).
				logger.info("Database is at {}: nothing to upgrade for 'retort.target={}'; {} revision(s) are not "
						+ "applied, and the health contributor counts them pending", result.to(), this.target, beyond);
			}
			else if (result.to().isEmpty() && this.retort.graph().revisions().isEmpty()) {
				// 'up to date at []' would hide a misspelt location, which contributes no revision
				// and no error (a missing classpath: location is an application with no revisions yet).
				logger.warn("No revisions found in {}{}: nothing to migrate. {}If the application has revisions, "
						+ "check 'retort.locations' and 'retort.java-packages'", this.retort.config().locations(),
						this.retort.config().javaPackages().isEmpty() ? ""
								: " or the packages " + this.retort.config().javaPackages(),
						otherFoldersNote());
			}
			else if (unknown.isEmpty()) {
				logger.info("Database is up to date at {}", result.to());
			}
			else {
				// A newer version migrated it (a rolling deploy): not "up to date" with revisions
				// this version has never seen, and not an error either (SPEC §7).
				logger.info("Database is at {}, ahead of this application's revisions: {} unknown here, "
						+ "so a newer version migrated it; nothing to upgrade, starting", result.to(), unknown);
			}
		}
		else {
			// An empty database is at base, as each step line and 'retort upgrade' name it, not at '[]'.
			logger.info("Upgraded database from {} to {} in {} step(s)",
					result.from().isEmpty() ? "<base>" : result.from(), result.to(), result.steps().size());
		}
	}

	/**
	 * Where revision files are that the locations leave out: the default folder, when
	 * {@code retort.locations} is misspelt ({@code classpath:db/revision}), or Flyway's, where a team
	 * coming from Flyway puts its files. Either way the start would go on to Hibernate's
	 * {@code missing table}, which says nothing of where the revisions are.
	 */
	private String otherFoldersNote() {
		List<String> locations = this.retort.config().locations();
		ClassLoader classLoader = this.retort.config().classLoader();
		String note = defaultLocationNote(locations, classLoader);
		int flyway = sqlFilesIn(FLYWAY_LOCATION, locations, classLoader);
		return (flyway == 0) ? note : note + FLYWAY_LOCATION + " holds " + flyway + " .sql file(s), Flyway's default"
				+ " location, which Retort does not read: put revision files in src/main/resources/db/revisions ('retort init'"
				+ " creates it; a Flyway V<n>__<description>.sql is converted first, see 'Coming from Flyway' in the"
				+ " Spring Boot documentation), or set 'retort.locations: " + FLYWAY_LOCATION + "' if they are"
				+ " Retort revisions. ";
	}

	/**
	 * Where the revision files are when {@code retort.locations} is misspelt
	 * ({@code classpath:db/revision}): the default folder, when the locations leave it out and it
	 * holds files; else empty. Said by the warning of a start that found no revision, and by the
	 * failure report of one whose Java revisions then revise SQL revisions that were never read.
	 */
	static String defaultLocationNote(List<String> locations, ClassLoader classLoader) {
		int revisions = sqlFilesIn(DEFAULT_LOCATION, locations, classLoader);
		return (revisions == 0) ? "" : DEFAULT_LOCATION + " holds " + revisions + " .sql file(s), the default"
				+ " location, which 'retort.locations' leaves out: fix it, or remove it to read " + DEFAULT_LOCATION + ". ";
	}

	/** The {@code .sql} files under a {@code classpath:} folder the locations leave out, else 0. */
	private static int sqlFilesIn(String location, List<String> locations, ClassLoader classLoader) {
		if (locations.contains(location)) {
			return 0;
		}
		try {
			return new PathMatchingResourcePatternResolver(classLoader)
				.getResources("classpath*:" + location.substring("classpath:".length()) + "/**/*.sql").length;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The version rows the application's revisions do not know; a loop, not a stream: it runs at every start. */
	private List<String> unknownRevisions(List<String> rows) {
		List<String> unknown = new ArrayList<>(0);
		for (String row : rows) {
			if (!this.retort.graph().contains(row)) {
				unknown.add(row);
			}
		}
		return unknown;
	}

	/** How many revisions the rows leave out, when 'retort.target' is not the default 'heads'. */
	private int notAppliedBeyondTheTarget(List<String> rows) {
		if ("heads".equals(this.target)) {
			return 0;
		}
		return this.retort.graph().revisions().size() - this.retort.graph().applied(rows).size();
	}

	private void validate() {
		// Pending is what an upgrade at startup would run: with 'retort.target' short of the heads (a
		// label's head in production, every branch in development), the rest is not owed here.
		StatusReport status = this.retort.status(this.target);
		if (status.databaseAhead() && status.pending().isEmpty()) {
			// A newer version migrated the database (a rolling deploy, or a Job that ran first): its
			// revisions are unknown here by design, as for the health contributor and an upgrade at
			// startup, so this version starts rather than report them as missing files (SPEC §7).
			// With revisions of its own still pending it is not behind a newer version but beside
			// another (a rolled-back version's revisions, whose files this one dropped): an upgrade
			// refuses to move past them, and validation names them below.
			logger.info("Database is at {}, ahead of this application's heads {}: a newer version migrated it; "
					+ "starting without validating", status.current(), status.heads());
			return;
		}
		ValidateResult validation = this.retort.validate();
		if (!validation.valid()) {
			throw new RevisionsInvalidException(validation.problems()).ranInSchema(this.retort.config().schema());
		}
		if (!status.pending().isEmpty()) {
			List<String> pending = status.pending().stream().map((revision) -> revision.revision()).toList();
			// A migration Job that failed leaves the database behind too: say so, or the operator reruns it.
			HistoryEntry last = status.history().isEmpty() ? null : status.history().get(0);
			boolean failedOnPending = last != null && !last.success() && pending.contains(last.revision());
			// Of the schema it validated (a tenant's, when a strategy validates each): the advice names it.
			throw new DatabaseBehindException(status.current(), status.heads(), this.target, pending,
					failedOnPending ? last.revision() : null, failedOnPending ? last.error() : null)
				.ranInSchema(this.retort.config().schema());
		}
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	/** What a shutdown that arrives during the migration logs (a JVM shutdown hook while it runs). */
	void setShutdownNotice(Runnable shutdownNotice) {
		this.shutdownNotice = shutdownNotice;
	}

}
