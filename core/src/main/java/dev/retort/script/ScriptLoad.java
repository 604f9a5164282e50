package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

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

	/** What was asked for, so a load started early can be matched to a configuration; {@code null} for {@link #of}. */
	private final List<Object> request;

	private ScriptLoad(FutureTask<ScriptDirectory> task, List<Object> request) {
		this.task = task;
		this.request = request;
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
		return new ScriptLoad(task, request(locations, javaPackages, migrations, classLoader));
	}

	/** Revisions already read. */
	public static ScriptLoad of(ScriptDirectory scripts) {
		FutureTask<ScriptDirectory> task = new FutureTask<>(() -> scripts);
		task.run();
		return new ScriptLoad(task, null);
	}

	/**
	 * Whether this load reads what {@link ScriptDirectory#load} would with these arguments: a
	 * load started before the configuration was complete (by the Spring Boot starter, as soon as
	 * the environment is known) serves only the configuration it matches.
	 */
	public boolean loads(List<String> locations, List<String> javaPackages, List<Migration> migrations,
			ClassLoader classLoader) {
		return this.request != null && this.request.equals(request(locations, javaPackages, migrations, classLoader));
	}

	private static List<Object> request(List<String> locations, List<String> javaPackages, List<Migration> migrations,
			ClassLoader classLoader) {
		List<Object> request = new ArrayList<>();
		request.add(List.copyOf((locations != null) ? locations : List.of()));
		request.add(List.copyOf((javaPackages != null) ? javaPackages : List.of()));
		request.add((classLoader != null) ? classLoader : "no class loader");
		// Each migration object by identity: two equal-looking objects are still two revisions' code.
		for (Migration migration : (migrations != null) ? migrations : List.<Migration>of()) {
			request.add(new Identity(migration));
		}
		return request;
	}

	private record Identity(Object object) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.object == this.object;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.object);
		}

	}

	/**
	 * The revisions, once read.
	 * @throws dev.retort.error.RetortException what reading them threw ({@link InvalidRevisionFileException},
	 * {@link dev.retort.revision.InvalidGraphException}, {@link ScriptLocationException}, …)
	 */
	public ScriptDirectory get() {
		return Parallel.await(this.task);
	}

	/** Whether reading has finished, well or not. */
	public boolean isDone() {
		return this.task.isDone();
	}

}
