package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Maps a list on every core, keeping its order: reading and parsing revision files are
 * independent of each other, and waiting for the file system on one thread leaves the others
 * work. Short lists stay on the calling thread, where starting a thread costs more than it saves.
 */
final class Parallel {

	/** Fewer items than this per thread: one thread does it all. */
	static final int MIN_ITEMS_PER_THREAD = 250;

	private Parallel() {
	}

	/**
	 * {@code function} applied to each item, in the items' order. The first share runs on the
	 * calling thread, each other share on a daemon thread of its own.
	 * @throws RuntimeException the first failure in the items' order, unchanged
	 */
	static <T, R> List<R> map(List<T> items, Function<T, R> function) {
		int threads = Math.min(Runtime.getRuntime().availableProcessors(), items.size() / MIN_ITEMS_PER_THREAD);
		if (threads <= 1) {
			return mapHere(items, function);
		}
		int share = (items.size() + threads - 1) / threads;
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		List<FutureTask<List<R>>> others = new ArrayList<>(threads - 1);
		for (int from = share; from < items.size(); from += share) {
			List<T> part = items.subList(from, Math.min(items.size(), from + share));
			FutureTask<List<R>> task = new FutureTask<>(() -> mapHere(part, function));
			Thread thread = new Thread(task, "retort-read-revisions");
			thread.setDaemon(true);
			thread.setContextClassLoader(loader);
			thread.start();
			others.add(task);
		}
		List<R> results = new ArrayList<>(items.size());
		results.addAll(mapHere(items.subList(0, share), function));
		for (FutureTask<List<R>> task : others) {
			results.addAll(await(task));
		}
		return results;
	}

	private static <T, R> List<R> mapHere(List<T> items, Function<T, R> function) {
		List<R> results = new ArrayList<>(items.size());
		for (T item : items) {
			results.add(function.apply(item));
		}
		return results;
	}

	/**
	 * The result of a task run on a thread of its own, once done; what it threw is thrown again
	 * unchanged (a {@code RetortException} keeps its code and message).
	 */
	static <R> R await(FutureTask<R> task) {
		try {
			return task.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetortException(ErrorCode.RUNTIME, "Interrupted while waiting for the revision files to be read:"
					+ " the thread was interrupted, as when the application shuts down. Nothing was run.", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}
