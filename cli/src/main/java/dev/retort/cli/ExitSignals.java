package dev.retort.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signal that is ending the process, for the {@code exitCode} of the document a shutdown hook
 * prints ({@link JsonDocument#printOnExit}). The JVM exits {@code 128 +} the signal's number (130
 * after Ctrl-C, 143 after {@code SIGTERM}, 129 after {@code SIGHUP}), but a shutdown hook is not
 * told why it runs. So a handler stands in front of the JVM's own: it notes the signal, then
 * hands it on, and the process ends exactly as it did without it.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only way Java has to see a
 * signal. Where it cannot be used (a runtime without that module, {@code -Xrs}, where the JVM
 * runs no hook on a signal anyway, a signal the process ignores, as a shell's background job
 * ignores Ctrl-C), nothing is installed and the
 * document says {@link #DEFAULT_EXIT_CODE}, as it did before this class: the code of
 * {@code SIGTERM}, what a process ended by a deploy tool exits with.
 *
 * <p>The launcher's run that records its class-data archive waits for a JVM that ignores
 * {@code SIGINT}, and passes a Ctrl-C on as {@code SIGTERM}, after it created the file that
 * {@value #INTERRUPT_MARK} names: a {@code SIGTERM} is then noted as the Ctrl-C it stands for, so
 * the document says 130, as the launcher exits.
 */
final class ExitSignals {

	/**
	 * The code a document says when no signal was seen: the JVM's own for {@code SIGTERM}
	 * (128 + 15), what deploy tools and {@code kill} send.
	 */
	static final int DEFAULT_EXIT_CODE = 143;

	/** The signals the JVM ends the process on, with a shutdown (and its hooks). */
	private static final List<String> ENDING = List.of("INT", "TERM", "HUP");

	/** The system property by which {@code cli/bin/retort} names the file that turns a SIGTERM into a Ctrl-C. */
	static final String INTERRUPT_MARK = "retort.launcher.interrupt-mark";

	/** {@code SIGINT}'s number, as this platform numbers it. */
	private static final int SIGINT = 2;

	private static volatile int received;

	private static boolean watched;

	private ExitSignals() {
	}

	/** Starts noting the signals that end the process; once per process, later calls do nothing. */
	static synchronized void watch() {
		if (watched) {
			return;
		}
		watched = true;
		try {
			for (String name : ENDING) {
				Noting noting = new Noting();
				Signal signal = new Signal(name);
				SignalHandler previous = Signal.handle(signal, noting);
				if (previous == SignalHandler.SIG_IGN || previous == SignalHandler.SIG_DFL) {
					// Not the JVM's handler, and not one Java can call: leave the signal as it was.
					Signal.handle(signal, previous);
				}
				else {
					noting.next = previous;
				}
			}
		}
		catch (LinkageError | RuntimeException ex) {
			// No sun.misc.Signal, or a signal the JVM keeps (-Xrs): documents say DEFAULT_EXIT_CODE.
		}
	}

	/** What the process exits with, as far as can be seen: 128 + the signal that ends it. */
	static int exitCode() {
		int signal = received;
		return (signal != 0) ? 128 + signal : DEFAULT_EXIT_CODE;
	}

	/** Whether {@code signal} is a SIGTERM the launcher sent for a Ctrl-C (it created the mark first). */
	private static boolean passedOnCtrlC(Signal signal) {
		String mark = System.getProperty(INTERRUPT_MARK);
		return "TERM".equals(signal.getName()) && mark != null && !mark.isEmpty() && Files.exists(Path.of(mark));
	}

	/** Notes the signal, then does what the handler it replaced does (the JVM's: exit 128 + number). */
	private static final class Noting implements SignalHandler {

		private volatile SignalHandler next;

		@Override
		public void handle(Signal signal) {
			received = passedOnCtrlC(signal) ? SIGINT : signal.getNumber();
			SignalHandler handler = this.next;
			if (handler != null) {
				handler.handle(signal);
			}
			else {
				// Arrived between installing this handler and learning the JVM's: do what the JVM's does.
				Runtime.getRuntime().exit(128 + signal.getNumber());
			}
		}

	}

}
