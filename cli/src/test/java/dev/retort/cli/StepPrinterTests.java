package dev.retort.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.runtime.MigrationFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class StepPrinterTests {

	private final Revision base = new Revision("ae1027a6acf3", List.of(), List.of(), List.of(), "create coffee logs",
			null, null, null, true, true, null);

	private final Revision child = new Revision("1975ea83b712", List.of("ae1027a6acf3"), List.of(), List.of(),
			"add user column", null, null, null, true, true, null);

	@Test
	void stepsAreNamedAsAlembicLogsThem() {
		assertThat(StepPrinter.describe(step(this.base, Step.Operation.UPGRADE, List.of(), List.of("ae1027a6acf3"))))
			.isEqualTo("upgrade <base> -> ae1027a6acf3, create coffee logs");
		assertThat(StepPrinter.describe(step(this.child, Step.Operation.DOWNGRADE, List.of("1975ea83b712"),
				List.of("ae1027a6acf3"))))
			.isEqualTo("downgrade 1975ea83b712 -> ae1027a6acf3, add user column");
		assertThat(StepPrinter.describe(step(this.child, Step.Operation.STAMP, List.of("ae1027a6acf3"),
				List.of("1975ea83b712"))))
			.isEqualTo("stamp ae1027a6acf3 -> 1975ea83b712");
	}

	@Test
	void finishedStepsPrintOneLineWithTheirDuration() {
		StringWriter err = new StringWriter();
		try (StepPrinter printer = new StepPrinter(new PrintWriter(err), Duration.ofHours(1))) {
			Step step = step(this.child, Step.Operation.UPGRADE, List.of("ae1027a6acf3"), List.of("1975ea83b712"));
			printer.stepStarting(step);
			printer.stepFinished(step, 12, null);
			printer.stepStarting(step);
			printer.stepFinished(step, 3, new IllegalStateException("boom"));
		}
		assertThat(err.toString()).isEqualTo("""
				Running upgrade ae1027a6acf3 -> 1975ea83b712, add user column (12 ms)
				FAILED upgrade ae1027a6acf3 -> 1975ea83b712, add user column after 3 ms; this step was rolled back
				""");
	}

	@Test
	void aFailedNonTransactionalStepIsNotSaidToBeRolledBack() {
		Revision concurrently = new Revision("2b7e4f10c3d8", List.of("1975ea83b712"), List.of(), List.of(),
				"index user id", null, null, null, false, true, null);
		StringWriter err = new StringWriter();
		try (StepPrinter printer = new StepPrinter(new PrintWriter(err), Duration.ofHours(1))) {
			Step step = step(concurrently, Step.Operation.UPGRADE, List.of("1975ea83b712"), List.of("2b7e4f10c3d8"));
			printer.stepStarting(step);
			printer.stepFinished(step, 5, new IllegalStateException("boom"));
		}
		assertThat(err.toString()).isEqualTo("FAILED upgrade 1975ea83b712 -> 2b7e4f10c3d8, index user id after 5 ms;"
				+ " it ran outside a transaction, so its statements before the failing one stay committed\n");
	}

	@Test
	void aNonTransactionalJavaRevisionThatThrewIsNotSaidToHaveAFailingStatement() {
		Revision java = new Revision("2b7e4f10c3d8", List.of("1975ea83b712"), List.of(), List.of(), "check nicknames",
				null, Revision.Origin.of("com.example.db.CheckNicknames"), Revision.Kind.JAVA, false, true, null);
		StringWriter err = new StringWriter();
		try (StepPrinter printer = new StepPrinter(new PrintWriter(err), Duration.ofHours(1))) {
			Step step = step(java, Step.Operation.UPGRADE, List.of("1975ea83b712"), List.of("2b7e4f10c3d8"));
			printer.stepStarting(step);
			printer.stepFinished(step, 5, new MigrationFailedException("failed", "2b7e4f10c3d8",
					"com.example.db.CheckNicknames:12", null, null, "java.lang.IllegalStateException: 3 rows", false,
					new IllegalStateException("3 rows")));
		}
		assertThat(err.toString()).isEqualTo("FAILED upgrade 1975ea83b712 -> 2b7e4f10c3d8, check nicknames after 5 ms;"
				+ " it ran outside a transaction, so the statements it ran before it threw stay committed\n");
	}

	@Test
	void aNonTransactionalStepThatCommittedNothingSaysSo() {
		Revision analyze = new Revision("2b7e4f10c3d8", List.of("1975ea83b712"), List.of(), List.of(),
				"analyze coffee logs", null, null, null, false, true, null);
		StringWriter err = new StringWriter();
		try (StepPrinter printer = new StepPrinter(new PrintWriter(err), Duration.ofHours(1))) {
			Step step = step(analyze, Step.Operation.UPGRADE, List.of("1975ea83b712"), List.of("2b7e4f10c3d8"));
			printer.stepStarting(step);
			printer.stepFinished(step, 5, new MigrationFailedException("failed", "2b7e4f10c3d8", "a.sql:9",
					"ANALYZE coffee_logz", "42P01", "relation does not exist", false, true, "relation does not exist",
					null));
		}
		assertThat(err.toString()).isEqualTo("FAILED upgrade 1975ea83b712 -> 2b7e4f10c3d8, analyze coffee logs after"
				+ " 5 ms; it ran outside a transaction and failed at its first statement, so nothing of it was committed\n");
	}

	@Test
	void durationsReadWellFromMillisecondsToMinutes() {
		assertThat(StepPrinter.format(12)).isEqualTo("12 ms");
		assertThat(StepPrinter.format(12_345)).isEqualTo("12.3 s");
		assertThat(StepPrinter.format(845_000)).isEqualTo("14m 05s");
	}

	private static Step step(Revision revision, Step.Operation operation, List<String> before, List<String> after) {
		return new Step(revision, operation, List.of(), before, after);
	}

}
