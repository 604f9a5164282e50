package dev.retort.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app, run as {@code java -jar target/retort-sample-app.jar …} in a process of
 * its own, as a user or a Kubernetes Job runs it.
 */
final class SampleJar {

	private SampleJar() {
	}

	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/retort-sample-app.jar"));
		assertThat(jar).as("the packaged sample app (mvn package first)").exists();
		return jar;
	}

	static ProcessBuilder java(Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("RETORT_"));
		builder.environment().putAll(environment);
		return builder;
	}

	/** Runs a command to its end: exit code, standard output and standard error, apart. */
	static Result run(Map<String, String> environment, String... args) {
		try {
			Path stdout = Files.createTempFile("retort-sample", ".out");
			Path stderr = Files.createTempFile("retort-sample", ".err");
			Process process = java(environment, args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			boolean ended = process.waitFor(3, TimeUnit.MINUTES);
			if (!ended) {
				process.destroyForcibly();
			}
			assertThat(ended).as("the command ended on its own (no web server kept it alive)").isTrue();
			return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

	/** A running web application; its log is kept to assert on. */
	static final class Server implements AutoCloseable {

		private final Process process;

		private final List<String> log = new ArrayList<>();

		private final CompletableFuture<Void> started = new CompletableFuture<>();

		final int port;

		Server(Map<String, String> environment) {
			this.port = freePort();
			try {
				this.process = java(environment, "--server.port=" + this.port).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread reader = new Thread(this::readLog, "sample-app-log");
			reader.setDaemon(true);
			reader.start();
		}

		private void readLog() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					synchronized (this.log) {
						this.log.add(line);
					}
					if (line.contains("Started CoffeeTrackerApplication")) {
						this.started.complete(null);
					}
				}
				this.started.completeExceptionally(new IllegalStateException("The app stopped:\n" + log()));
			}
			catch (IOException ex) {
				this.started.completeExceptionally(ex);
			}
		}

		void awaitStarted() throws Exception {
			this.started.get(3, TimeUnit.MINUTES);
		}

		String log() {
			synchronized (this.log) {
				return String.join("\n", this.log);
			}
		}

		/** SIGTERM, as {@code kubectl delete pod} sends it, without waiting for the process to end. */
		void terminate() {
			// Through the handle: Process.destroy() also closes the pipes, and the log after it would be lost.
			this.process.toHandle().destroy();
		}

		/** Waits (at most three minutes) for a log line holding {@code text}. */
		void awaitLog(String text) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (!log().contains(text)) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new AssertionError("No '" + text + "' in the log of the app (alive: "
							+ this.process.isAlive() + "):\n" + log());
				}
				Thread.sleep(50);
			}
		}

		/** Waits (at most three minutes) for the process to end; returns its exit code. */
		int awaitExit() throws InterruptedException {
			assertThat(this.process.waitFor(3, TimeUnit.MINUTES)).as("the app stopped:%n%s", log()).isTrue();
			return this.process.exitValue();
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
