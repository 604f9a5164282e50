package dev.retort.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.retort.command.MigrationListener;
import dev.retort.command.StepResult;
import dev.retort.revision.Step;

/**
 * What an upgrade, downgrade or stamp has applied so far, heard step by step: a run that fails at
 * its third revision throws, and its result with the two applied steps is lost with it, while the
 * JSON of the failure must still say where the database went.
 */
final class StepsSoFar implements MigrationListener {

	private final List<StepResult> steps = new ArrayList<>();

	private List<String> from;

	private List<String> to;

	/** Whether a step started: {@code transaction-mode all} starts them all before any finishes. */
	private boolean started;

	/** As {@link StepPrinter} counts them, for the same step and time in its line and in the document. */
	private final StepStarts starts = new StepStarts();

	/** The step running now, else {@code null}; and its first start. */
	private Step running;

	private StepStarts.Start runningStart;

	/** The step that dropped INVALID leftovers of earlier runs last, and those it dropped. */
	private Step droppedIn;

	private List<String> dropped = List.of();

	/** {@link System#nanoTime()} when the run began to wait for the migration lock, while it waits; else 0. */
	private long waitingSince;

	@Override
	public synchronized boolean stopWaitingForLock() {
		if (this.waitingSince == 0) {
			this.waitingSince = System.nanoTime();
		}
		return false;
	}

	@Override
	public synchronized void lockAcquired(Duration waited) {
		this.waitingSince = 0;
	}

	@Override
	public synchronized void versionRowsRead(List<String> rows) {
		// Until a step starts: then the first step's own heads say where the run began.
		if (!this.started) {
			this.from = rows;
			this.to = rows;
		}
	}

	@Override
	public synchronized void stepStarting(Step step) {
		if (!this.started) {
			this.started = true;
			this.from = step.headsBefore();
			this.to = step.headsBefore();
		}
		this.running = step;
		this.runningStart = this.starts.of(step);
	}

	@Override
	public synchronized void invalidIndexDropped(Step step, String index) {
		if (step != this.droppedIn) {
			this.droppedIn = step;
			this.dropped = new ArrayList<>();
		}
		this.dropped.add(index);
	}

	@Override
	public synchronized void stepFinished(Step step, long durationMs, Throwable error) {
		this.running = null;
		// Only a step that ended well is applied; one in a transaction rolled back later is never
		// reported finished (transaction-mode all reports its steps after the commit).
		if (error == null) {
			String revision = (step.revision() != null) ? step.revision().id() : null;
			this.steps.add(new StepResult(revision, step.operation().jsonName(), durationMs,
					(step == this.droppedIn) ? this.dropped : List.of()));
			this.to = step.headsAfter();
		}
	}

	/**
	 * The version rows before the first step; when none started, as the run read them (a plan
	 * refused before it ran anything), or none when it never read them (the database unreachable):
	 * SPEC §5's shape is a list, never {@code null}.
	 */
	synchronized List<String> from() {
		return (this.from != null) ? this.from : List.of();
	}

	/** The version rows after the last applied step ({@link #from()} when none was). */
	synchronized List<String> to() {
		return (this.to != null) ? this.to : List.of();
	}

	/** The steps applied, in order. */
	synchronized List<StepResult> steps() {
		return List.copyOf(this.steps);
	}

	/** Why the run stopped when the process ends now (SIGTERM, Ctrl-C), with the step it ends under. */
	synchronized String interruption() {
		if (this.running == null && this.waitingSince != 0) {
			return "Interrupted " + StepPrinter.lockWaitInterruption(this.waitingSince);
		}
		if (this.running == null) {
			return "Interrupted: the process is ending (SIGTERM or Ctrl-C) while no step runs. 'retort current'"
					+ " shows where the database stays.";
		}
		return "Interrupted " + StepPrinter.interruption(this.running, this.runningStart.number(), this.runningStart.nanoTime());
	}

}
