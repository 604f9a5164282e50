package dev.retort.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import dev.retort.revision.Step;

/** Counts the tries of steps: each try of a step starts it again. */
final class StepStarts implements RunListener {

	private final AtomicInteger starts = new AtomicInteger();

	@Override
	public void stepStarting(Step step) {
		this.starts.incrementAndGet();
	}

	int count() {
		return this.starts.get();
	}

}
