package dev.retort.script;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The revisions of a configuration, read on a thread of their own while the caller goes on.
 *
 * <p>Why: a start with nothing pending pays for reading every revision file and for opening a
 * connection (in a new JVM, mostly loading the JDBC driver's classes), and neither needs the
 * other until the plan is made. Reading in the background lets {@code upgrade} connect, take
 * the lock and read the version table meanwhile, on a second core. {@link #get()} waits for
 * the revisions and throws what reading them threw, unchanged.
 */
public final class ScriptLoad {

	private final FutureTask<ScriptDirectory> task;

	private ScriptLoad(FutureTask<ScriptDirectory> task) {
		this.task = task;
	}

	/**
	 * Starts reading on a daemon thread (its context class loader is {@code classLoader}), with
	 * the arguments of {@link ScriptDirectory#load}.
	 */
	public static ScriptLoad inBackground(List<String> locations, List<String> javaPackages, List<Migration> migrations,
			ClassLoader classLoader) {
		FutureTask<ScriptDirectory> task = new FutureTask<>(
				() -> ScriptDirectory.load(locations, javaPackages, migrations, classLoader));
		Thread thread = new Thread(task, "retort-load-revisions");
		thread.setDaemon(true);
		if (classLoader != null) {
			thread.setContextClassLoader(classLoader);
		}
		thread.start();
		return new ScriptLoad(task);
	}

	/** Revisions already read. */
	public static ScriptLoad of(ScriptDirectory scripts) {
		FutureTask<ScriptDirectory> task = new FutureTask<>(() -> scripts);
		task.run();
		return new ScriptLoad(task);
	}

	/**
	 * The revisions, once read.
	 * @throws RetortException what reading them threw ({@link InvalidRevisionFileException},
	 * {@link dev.retort.revision.InvalidGraphException}, {@link ScriptLocationException}, …)
	 */
	public ScriptDirectory get() {
		try {
			return this.task.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetortException(ErrorCode.RUNTIME, "Interrupted while waiting for the revisions to load", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	/** Whether reading has finished, well or not. */
	public boolean isDone() {
		return this.task.isDone();
	}

}
