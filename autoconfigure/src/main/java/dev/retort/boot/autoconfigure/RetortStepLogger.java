package dev.retort.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.retort.command.MigrationListener;
import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.revision.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each step as Alembic does ({@code Running upgrade ae1027a6acf3 -> 1975ea83b712, Add user
 * column}), so the application's log shows what its startup did to the database. Failures are
 * not logged here: they stop startup and the failure analyzer reports them; a retry on a lock is
 * logged by core, at WARN. A step that runs long gets a line every {@code progressEvery} while it
 * runs, as the CLI prints one: the pod that migrates, and the log of one killed under the step,
 * name the revision rather than fall silent after the steps before it.
 */
class RetortStepLogger implements MigrationListener {

	static final Duration DEFAULT_PROGRESS_EVERY = Duration.ofSeconds(15);

	private static final Logger logger = LoggerFactory.getLogger(RetortMigrationInitializer.class);

	private final Duration progressEvery;

	/**
	 * {@code " in schema tenant_01"} for the runs of one tenant ({@code retort.forSchema}), which
	 * all run the same steps; empty for the bean's own runs.
	 */
	private final String where;

	/** The bean's logger, which a shutdown asks, for a tenant's; {@code this} for the bean's own. */
	private final RetortStepLogger root;

	/** The step under way, for a shutdown that arrives while it runs; {@code null} between steps. */
	private volatile Step running;

	private volatile long runningSince;

	/** Whether a step has started: before that, this instance has changed nothing in the database. */
	private volatile boolean anyStepStarted;

	/** Set by a shutdown before any step: the startup migration no longer waits for the lock. */
	private volatile boolean shutdownBeforeAnyStep;

	/** Created by the first step: an application with nothing to migrate starts no thread. */
	private ScheduledThreadPoolExecutor ticker;

	private ScheduledFuture<?> progress;

	RetortStepLogger() {
		this(DEFAULT_PROGRESS_EVERY);
	}

	RetortStepLogger(Duration progressEvery) {
		this.progressEvery = progressEvery;
		this.where = "";
		this.root = this;
	}

	private RetortStepLogger(RetortStepLogger root, String schema) {
		this.progressEvery = root.progressEvery;
		this.where = " in schema " + PostgresIdentifiers.quote(schema);
		this.root = root;
	}

	/**
	 * A logger of its own for a tenant's runs: its lines name the schema, and tenants migrated
	 * in parallel each have their own step under way, so one's start does not cancel another's
	 * progress lines. A shutdown still reaches the wait for the lock through the bean's logger.
	 */
	@Override
	public MigrationListener inSchema(String schema) {
		return new RetortStepLogger(this.root, schema);
	}

	@Override
	public synchronized void stepStarting(Step step) {
		cancelProgress();
		this.runningSince = System.nanoTime();
		this.running = step;
		this.anyStepStarted = true;
		this.root.anyStepStarted = true;
		if (logger.isInfoEnabled()) {
			long every = this.progressEvery.toMillis();
			this.progress = this.root.ticker().scheduleAtFixedRate(() -> stillRunning(step), every, every,
					TimeUnit.MILLISECONDS);
		}
	}

	/** The bean's ticker, which its tenants' loggers share: a hundred tenants need no thread each. */
	private synchronized ScheduledThreadPoolExecutor ticker() {
		if (this.ticker == null) {
			this.ticker = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "retort-progress");
				thread.setDaemon(true);
				return thread;
			});
			// Its thread ends once the startup migration is over; the next step starts another.
			this.ticker.setKeepAliveTime(1, TimeUnit.SECONDS);
			this.ticker.allowCoreThreadTimeOut(true);
			this.ticker.setRemoveOnCancelPolicy(true);
		}
		return this.ticker;
	}

	private synchronized void stillRunning(Step step) {
		if (this.running == step) {
			logger.info("Still running {}{} (for {} s)", step.describe("<base>"), this.where,
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.runningSince));
		}
	}

	/** Whether a progress line is still scheduled: never once the last step has ended. */
	synchronized boolean ticking() {
		return this.ticker != null && !this.ticker.getQueue().isEmpty();
	}

	private void cancelProgress() {
		if (this.progress != null) {
			this.progress.cancel(false);
			this.progress = null;
		}
	}

	@Override
	public synchronized void stepFinished(Step step, long durationMs, Throwable error) {
		cancelProgress();
		this.running = null;
		if (error == null && logger.isInfoEnabled()) {
			// As Alembic and 'retort upgrade' name a step: from the revision's parents.
			logger.info("Running {}{} ({} ms)", step.describe("<base>"), this.where, durationMs);
		}
	}

	@Override
	public void lockAcquired(Duration waited) {
		// Who it waited for is logged while it waits (core); how long it waited, once it has the
		// lock, as 'retort upgrade' prints it: an instance that waited on another's migration says so.
		if (waited.toMillis() >= 1000) {
			logger.info("Acquired the migration lock{} after waiting {} ms", this.where, waited.toMillis());
		}
	}

	/**
	 * Core asks this while the startup migration waits for the lock: Spring Boot closes the
	 * context only once its refresh has ended, so an instance that waits for another's migration
	 * would otherwise sit out a SIGTERM for up to 'retort.lock.wait-timeout' and be killed.
	 */
	@Override
	public boolean stopWaitingForLock() {
		return this.root.shutdownBeforeAnyStep;
	}

	/**
	 * Says what a shutdown (SIGTERM) that arrives during the startup migration will do, and ends
	 * a wait for the migration lock: before any step nothing has changed, so startup may fail
	 * now. A step that runs is never stopped; the operator who then kills the process needs to
	 * know where the database stands.
	 */
	void shutdownRequested() {
		if (!this.anyStepStarted) {
			// Most often an instance waiting for another's migration lock (a rollout scaled down
			// under it): it stops waiting, and what matters is that nothing changed. A step that
			// starts meanwhile (the lock came free just now) runs to its end, as below.
			this.shutdownBeforeAnyStep = true;
			logger.warn("Shutdown requested before Retort changed anything at startup (this instance waits for the "
					+ "migration lock while another instance migrates, or reads where the database stands): it stops "
					+ "waiting for the lock within a second and startup fails, leaving the database as it is; killing "
					+ "it is safe too. With nothing to migrate, it stops once its context is built.");
			return;
		}
		Step step = this.running;
		String now = (step != null) ? "while '" + step.describe("<base>") + "' runs (for "
				+ (System.nanoTime() - this.runningSince) / 1_000_000 + " ms)" : "while Retort migrates at startup";
		// Not "finishes starting": Spring Boot's shutdown hook waits for the refresh to end, unless it
		// finds the main thread WAITING (on a log appender's lock, say); it then marks the context
		// inactive, and the refresh stops at the web server ('Failed to start bean webServerStartStop').
		logger.warn("Shutdown requested {}: the migration runs to its end, then the application stops (Spring Boot "
				+ "either finishes starting it first or cancels the rest of its start). A process killed before that "
				+ "leaves the database at the last revision that finished: PostgreSQL rolls the running one back (not a "
				+ "'Transactional: false' one).", now);
	}

}
