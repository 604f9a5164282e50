package dev.retort.command;

import java.time.Duration;
import java.util.List;

import dev.retort.revision.Step;

/** {@link MigrationListener#all}: tells every listener, in order. */
record AllListeners(List<MigrationListener> listeners) implements MigrationListener {

	@Override
	public void versionRowsRead(List<String> rows) {
		this.listeners.forEach((listener) -> listener.versionRowsRead(rows));
	}

	@Override
	public void stepStarting(Step step) {
		this.listeners.forEach((listener) -> listener.stepStarting(step));
	}

	@Override
	public void stepFinished(Step step, long durationMs, Throwable error) {
		this.listeners.forEach((listener) -> listener.stepFinished(step, durationMs, error));
	}

	@Override
	public void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
		this.listeners.forEach((listener) -> listener.stepRetrying(step, attempt, backoff, cause));
	}

	@Override
	public void invalidIndexDropped(Step step, String index) {
		this.listeners.forEach((listener) -> listener.invalidIndexDropped(step, index));
	}

	@Override
	public void lockAcquired(Duration waited) {
		this.listeners.forEach((listener) -> listener.lockAcquired(waited));
	}

	@Override
	public void lockWaitTimedOut(Duration waited) {
		this.listeners.forEach((listener) -> listener.lockWaitTimedOut(waited));
	}

	@Override
	public void lockWaitStopped(Duration waited) {
		this.listeners.forEach((listener) -> listener.lockWaitStopped(waited));
	}

	@Override
	public void waitingForLock(String notice) {
		this.listeners.forEach((listener) -> listener.waitingForLock(notice));
	}

	@Override
	public void waitingForDatabase(String notice) {
		this.listeners.forEach((listener) -> listener.waitingForDatabase(notice));
	}

	@Override
	public boolean stopWaitingForLock() {
		// A loop, not a stream: asked at every try.
		for (MigrationListener listener : this.listeners) {
			if (listener.stopWaitingForLock()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public MigrationListener inSchema(String schema) {
		return new AllListeners(this.listeners.stream().map((listener) -> listener.inSchema(schema)).toList());
	}

}
