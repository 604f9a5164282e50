package dev.retort.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.retort.command.MigrationListener;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.runtime.MigrationFailedException;

/**
 * Prints each step of an upgrade, downgrade or stamp as it ends, with its duration, the way
 * Alembic logs it: {@code Running upgrade ae1027a6acf3 -> 1975ea83b712, add user column (12 ms)}.
 * A step that runs long (an index built on a large table) gets a progress line every
 * {@code progressEvery}, so an operator can tell it from a hang.
 */
final class StepPrinter implements MigrationListener, AutoCloseable {

	static final Duration DEFAULT_PROGRESS_EVERY = Duration.ofSeconds(15);

	private final PrintWriter err;

	private final Duration progressEvery;

	private ScheduledExecutorService ticker;

	private ScheduledFuture<?> progress;

	private final StepStarts starts = new StepStarts();

	/** The step running now and when it started, for a process ended under it; else {@code null}. */
	private volatile Running running;

	/**
	 * {@link System#nanoTime()} when the run began to wait for the migration lock, while it waits;
	 * else {@code 0}.
	 */
	private volatile long waitingSince;

	/**
	 * Says what was running when the process is ended (Ctrl-C, SIGTERM); registered once the run
	 * waits for the lock or runs a step.
	 */
	private Thread onExit;

	/**
	 * Whether it prints the notices of a wait, for the migration lock or for a database that is
	 * still starting: the standalone tool does, as its own lines (its MigrationLock and
	 * ConnectionFactory loggers are quiet); in an application the notices are logged, as the
	 * application's other lines are, and printing them too would say each twice.
	 */
	private final boolean printsWaits;

	StepPrinter(PrintWriter err, Duration progressEvery) {
		this(err, progressEvery, true);
	}

	StepPrinter(PrintWriter err, Duration progressEvery, boolean printsWaits) {
		this.err = err;
		this.progressEvery = progressEvery;
		this.printsWaits = printsWaits;
	}

	private record Running(Step step, int number, long started) {
	}

	@Override
	public synchronized void stepStarting(Step step) {
		cancelProgress();
		StepStarts.Start start = this.starts.of(step);
		long started = start.nanoTime();
		String description = describe(step);
		int number = start.number();
		if (this.ticker == null) {
			this.ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "retort-progress");
				thread.setDaemon(true);
				return thread;
			});
		}
		this.running = new Running(step, number, started);
		hookExit();
		long every = this.progressEvery.toMillis();
		this.progress = this.ticker.scheduleAtFixedRate(() -> print("  ... step " + number + " still running: "
				+ description + " (" + format(Duration.ofNanos(System.nanoTime() - started).toMillis()) + ")"), every,
				every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stepFinished(Step step, long durationMs, Throwable error) {
		cancelProgress();
		this.running = null;
		if (error == null) {
			print("Running " + describe(step) + " (" + format(durationMs) + ")");
		}
		else {
			print("FAILED " + describe(step) + " after " + format(durationMs) + "; " + undone(step, error));
		}
	}

	/** Asked before each try of the lock: never stops the wait, notes that it waits. */
	@Override
	public synchronized boolean stopWaitingForLock() {
		if (this.waitingSince == 0) {
			this.waitingSince = System.nanoTime();
			hookExit();
		}
		return false;
	}

	@Override
	public void waitingForLock(String notice) {
		if (this.printsWaits) {
			print(notice);
		}
	}

	@Override
	public void waitingForDatabase(String notice) {
		if (this.printsWaits) {
			print(notice);
		}
	}

	@Override
	public void lockAcquired(Duration waited) {
		this.waitingSince = 0;
		if (waited.toMillis() >= 1000) {
			print("Acquired the migration lock after waiting " + format(waited.toMillis()));
		}
	}

	@Override
	public synchronized void close() {
		cancelProgress();
		this.running = null;
		if (this.ticker != null) {
			this.ticker.shutdownNow();
		}
		if (this.onExit != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.onExit);
			}
			catch (IllegalStateException ex) {
				// The process is ending already: the hook runs.
			}
		}
	}

	/**
	 * The process is ending while a step runs: its sessions end with it, and without a word the
	 * operator cannot tell what became of the step. No lock is taken: the main thread may hold it.
	 */
	private void interrupted() {
		Running now = this.running;
		long waiting = this.waitingSince;
		if (now != null) {
			print("INTERRUPTED " + interruption(now.step(), now.number(), now.started()));
		}
		else if (waiting != 0) {
			print("INTERRUPTED " + lockWaitInterruption(waiting));
		}
	}

	/**
	 * {@code while waiting for the migration lock …}: a run ended before it held the lock changed
	 * nothing, and the operator should not have to find that out.
	 * @param since {@link System#nanoTime()} when the wait began
	 */
	static String lockWaitInterruption(long since) {
		return "while waiting for the migration lock after "
				+ format(Duration.ofNanos(System.nanoTime() - since).toMillis()) + "; the process is ending. No"
				+ " revision ran: nothing was changed. 'retort current' shows where the database is.";
	}

	private void hookExit() {
		if (this.onExit == null) {
			this.onExit = new Thread(this::interrupted, "retort-interrupted");
			Runtime.getRuntime().addShutdownHook(this.onExit);
		}
	}

	/**
	 * {@code step 3: upgrade … after 3658 ms; the process is ending …}: what becomes of a step
	 * running when the process ends, for the {@code INTERRUPTED} line and the JSON document.
	 * @param started {@link System#nanoTime()} when the step started
	 */
	static String interruption(Step step, int number, long started) {
		boolean transactional = step.revision() == null || step.revision().transactional();
		return "step " + number + ": " + describe(step) + " after "
				+ format(Duration.ofNanos(System.nanoTime() - started).toMillis()) + "; the process is ending and"
				+ " its sessions with it. " + (transactional ? "The server rolls this step back."
						: "It runs outside a transaction: its statements before the running one stay committed, and an"
								+ " interrupted CREATE INDEX CONCURRENTLY leaves an INVALID index.")
				+ " 'retort current' shows where the database stays.";
	}

	/** {@code upgrade ae1027a6acf3 -> 1975ea83b712, add user column}, as Alembic names a step. */
	static String describe(Step step) {
		if (step.purges()) {
			return step.operation().jsonName() + " --purge: every row of the version table deleted";
		}
		return step.describe(RevisionText.BASE);
	}

	/** What became of a failed step's work: a non-transactional revision keeps what it committed. */
	private static String undone(Step step, Throwable error) {
		if (step.revision() != null && !step.revision().transactional()) {
			if (error instanceof MigrationFailedException failed && failed.recordingFailed()) {
				// Its statements all ran: nothing to undo, only Retort's record of it is missing.
				return "it ran outside a transaction, so all its statements stay committed, but it is not recorded as"
						+ " applied: 'retort stamp' records it once Retort can write its rows";
			}
			if (error instanceof MigrationFailedException failed && failed.committedNothing()) {
				return "it ran outside a transaction and failed at its first statement, so nothing of it was committed";
			}
			if (error instanceof MigrationFailedException failed && failed.statement() == null
					&& failed.sqlState() == null && step.revision().kind() == Revision.Kind.JAVA) {
				// A Java revision's own exception: no statement failed.
				return "it ran outside a transaction, so the statements it ran before it threw stay committed";
			}
			int ranBefore = (error instanceof MigrationFailedException failed) ? failed.statementsRanBefore() : -1;
			if (ranBefore == 0) {
				return "it ran outside a transaction, and none of its statements before the failing one stays committed";
			}
			return (ranBefore > 0)
					? "it ran outside a transaction, so its " + ((ranBefore == 1) ? "1 statement before the failing one stays"
							: ranBefore + " statements before the failing one stay") + " committed"
					: "it ran outside a transaction, so its statements before the failing one stay committed";
		}
		if (error instanceof MigrationFailedException failed && failed.wholeRunRolledBack()) {
			return "the run's one transaction (transaction-mode all) was rolled back, with every step before this one";
		}
		return "this step was rolled back";
	}

	/** {@code 12 ms} below ten seconds, {@code 12.3 s} up to ten minutes, then {@code 14m 05s}. */
	static String format(long millis) {
		if (millis < 10_000) {
			return millis + " ms";
		}
		if (millis < 600_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		return String.format(Locale.ROOT, "%dm %02ds", millis / 60_000, (millis / 1000) % 60);
	}

	private void cancelProgress() {
		if (this.progress != null) {
			this.progress.cancel(false);
			this.progress = null;
		}
	}

	private void print(String line) {
		synchronized (this.err) {
			this.err.println(line);
			this.err.flush();
		}
	}

}
