package dev.retort.script;

import java.util.concurrent.FutureTask;

import dev.retort.error.RetortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParallelTests {

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void aThreadInterruptedWhileItWaitsForTheRevisionFilesSaysSoAndStaysInterrupted() {
		// Never run: the preloader has not read the files yet when the main thread is interrupted.
		FutureTask<String> reading = new FutureTask<>(() -> "read");
		Thread.currentThread().interrupt();
		RetortException interrupted = catchThrowableOfType(RetortException.class, () -> Parallel.await(reading));
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(interrupted.getMessage()).isEqualTo("Interrupted while waiting for the revision files to be read:"
				+ " the thread was interrupted, as when the application shuts down. Nothing was run.");
	}

}
