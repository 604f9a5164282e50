package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

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

}
