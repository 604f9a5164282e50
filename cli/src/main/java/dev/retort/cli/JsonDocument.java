package dev.retort.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.retort.command.Json;

/**
 * The one JSON document a run prints under {@code --format json} (SPEC §5): its result, its
 * failure, or, when the process is ended while a migration runs (SIGTERM, Ctrl-C), the failure
 * document of a shutdown hook. Whichever comes first is printed, and nothing after it: the
 * main thread may finish and print at the moment the hook runs.
 *
 * <p>Printing holds this object's lock, so that a hook that comes second waits for the main
 * thread's document to be written out before the JVM halts, and does not cut it off.
 */
final class JsonDocument {

	private final PrintWriter out;

	private boolean printed;

	private Thread onExit;

	JsonDocument(PrintWriter out) {
		this.out = out;
	}

	/**
	 * Prints {@code document} unless one was printed already.
	 * @return whether it was printed
	 */
	synchronized boolean print(Object document) {
		if (this.printed) {
			return false;
		}
		this.printed = true;
		this.out.println(Json.write(document));
		this.out.flush();
		forgetExit();
		return true;
	}

	/**
	 * Until a document is printed, a process that ends prints {@code document}: what the run
	 * applied so far and why it stopped, read when the process ends.
	 */
	synchronized void printOnExit(Supplier<Object> document) {
		if (this.printed || this.onExit != null) {
			return;
		}
		// The document's exitCode is the process's: 130 after Ctrl-C, 143 after SIGTERM.
		ExitSignals.watch();
		this.onExit = new Thread(() -> print(document.get()), "retort-interrupted-json");
		Runtime.getRuntime().addShutdownHook(this.onExit);
	}

	private void forgetExit() {
		if (this.onExit == null || Thread.currentThread() == this.onExit) {
			return;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.onExit);
		}
		catch (IllegalStateException ex) {
			// The process is ending already: the hook runs, finds the document printed, and prints nothing.
		}
		this.onExit = null;
	}

}
