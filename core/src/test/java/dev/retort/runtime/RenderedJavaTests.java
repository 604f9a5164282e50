package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.retort.operation.Operations;
import dev.retort.script.Migration;

/** What a Java revision renders offline: its script, and the line each statement starts on. */
class RenderedJavaTests {

	@Test
	void eachStatementIsTracedFromTheLineItStartsOn() {
		RenderedJava rendered = MigrationRunner.renderJava(new Plans().java("j1", true, new Migration() {

			@Override
			public void upgrade(Operations op) {
				op.execute("CREATE TABLE a (\n\tid int\n)");
				op.execute("SELECT 1");
				op.execute("CREATE TABLE b (\n\tid int,\n\tname text\n)");
			}

		}).script("j1"), true);
		List<String> lines = rendered.sql().lines().toList();
		List<Integer> starts = List.of(lines.indexOf("CREATE TABLE a (") + 1, lines.indexOf("SELECT 1;") + 1,
				lines.indexOf("CREATE TABLE b (") + 1);
		assertThat(starts).allMatch((line) -> line > 0);
		assertThat(rendered.calls().keySet()).containsExactlyElementsOf(starts);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void renderingTakesTimeInProportionToTheStatements() {
		// Counting the whole script's lines for each statement took five minutes for 100,000 statements
		// (a large data migration); counted on from the last statement, this takes seconds.
		int count = 100_000;
		RenderedJava rendered = MigrationRunner.renderJava(new Plans().java("j1", true, new Migration() {

			@Override
			public void upgrade(Operations op) {
				for (int i = 0; i < count; i++) {
					op.execute("INSERT INTO items (id, name) VALUES (" + i + ", 'item " + i + "')");
				}
			}

		}).script("j1"), true);
		assertThat(rendered.statements()).hasSize(count);
		assertThat(rendered.calls()).hasSize(count);
		assertThat(rendered.sql().lines().skip(rendered.calls().lastKey() - 1).findFirst())
			.hasValue("INSERT INTO items (id, name) VALUES (" + (count - 1) + ", 'item " + (count - 1) + "');");
	}

}
