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
 * default), and a scrape that reads two such gauges one after the other outlasts Prometheus'
 * {@code scrape_timeout}: the scrape fails and the instance's other metrics go missing for the
 * whole outage. So the read runs on a thread of its own and the gauge says {@code NaN}
 * ("unknown") once the budget is spent; the read goes on, and the next scrape waits for that one
 * rather than starting another, so an outage holds at most one thread per gauge.
 */
final class BoundedRead {

	/** Well inside Prometheus' default {@code scrape_timeout} of 10 s for the three gauges together (6 s). */
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

	/** The value, or {@code NaN} when the read takes longer than {@link #BUDGET}. */
	double value() {
		CompletableFuture<Double> current;
		synchronized (this) {
			if (this.inFlight == null || this.inFlight.isDone()) {
				this.inFlight = CompletableFuture.supplyAsync(this.read::getAsDouble, this.executor);
			}
			current = this.inFlight;
		}
		try {
			return current.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

}
