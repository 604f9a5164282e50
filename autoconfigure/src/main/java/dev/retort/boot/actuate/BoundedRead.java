package dev.retort.boot.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * A gauge's read of the database, given at most {@link #BUDGET} of a scrape. With the server
 * down a read waits for the pool to give up (Hikari's {@code connection-timeout}, 30 s by
 * default), and a scrape that reads several such gauges one after the other outlasts Prometheus'
 * {@code scrape_timeout}: the scrape fails and the instance's other metrics go missing for the
 * whole outage. So the read runs on a thread of its own and the gauge says {@code NaN}
 * ("unknown") once the budget is spent; the read goes on, and the next scrapes neither start
 * another nor wait for it again: the budget is the read's, not each scrape's, so an outage holds
 * at most one thread per read and costs a scrape {@link #BUDGET} only when a new read starts.
 * Gauges that share one read (the last failure's two) each take a {@link #gauge() view}: a read
 * that ended answers each view once, within {@link #BUDGET} of its end, so one scrape of them all
 * reads the database once, and the next reads anew.
 */
final class BoundedRead {

	/** Well inside Prometheus' default {@code scrape_timeout} of 10 s for both reads together (4 s). */
	static final Duration BUDGET = Duration.ofSeconds(2);

	private static final ExecutorService READERS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "retort-metrics");
		// Nothing to finish at exit: a read in flight is only a gauge's value.
		thread.setDaemon(true);
		return thread;
	});

	private final DoubleSupplier read;

	private final Executor executor;

	private CompletableFuture<Double> inFlight;

	/** {@link System#nanoTime()} after which nobody waits for {@link #inFlight} any more. */
	private long deadline;

	/** {@link System#nanoTime()} when {@link #inFlight} ended. */
	private volatile long endedAt;

	/**
	 * @param read the read, which returns {@code NaN} itself when the database cannot be read
	 */
	BoundedRead(DoubleSupplier read) {
		this(read, READERS);
	}

	BoundedRead(DoubleSupplier read, Executor executor) {
		this.read = read;
		this.executor = executor;
	}

	/**
	 * A view for a gauge: the value, or {@code NaN} when the read takes longer than {@link #BUDGET};
	 * several views share one read.
	 */
	DoubleSupplier gauge() {
		return new View();
	}

	/**
	 * Makes the next view read anew rather than take the value of a read that ended: what it read
	 * has changed (a schema added to those a read covers). A read still in flight is shared as before.
	 */
	synchronized void renew() {
		if (this.inFlight != null && this.inFlight.isDone()) {
			this.inFlight = null;
		}
	}

	private double value(View view) {
		CompletableFuture<Double> current;
		long until;
		synchronized (this) {
			// A read still in flight is waited for, until its own deadline only. One that ended
			// answers a gauge that has not taken its value yet, in the same scrape (within BUDGET of
			// its end); otherwise the gauge reads anew.
			boolean shared = this.inFlight != null && (!this.inFlight.isDone()
					|| (view.seen != this.inFlight && System.nanoTime() - this.endedAt <= BUDGET.toNanos()));
			if (!shared) {
				CompletableFuture<Double> started = CompletableFuture.supplyAsync(this.read::getAsDouble, this.executor);
				started.whenComplete((value, ex) -> this.endedAt = System.nanoTime());
				this.inFlight = started;
				this.deadline = System.nanoTime() + BUDGET.toNanos();
			}
			current = this.inFlight;
			until = this.deadline;
			view.seen = current;
		}
		try {
			return current.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/** One gauge's side of the read: the read whose value it last took. */
	private final class View implements DoubleSupplier {

		private CompletableFuture<Double> seen;

		@Override
		public double getAsDouble() {
			return value(this);
		}

	}

}
