package dev.retort.dialect.postgres;

import java.util.List;
import java.util.function.Consumer;

import dev.retort.operation.Operations;

/** The SQL that {@link Operations} calls render to offline, for exact-SQL tests. */
final class TestOperationExecutorSql {

	private TestOperationExecutorSql() {
	}

	static List<String> of(Consumer<Operations> revision) {
		TestOperationExecutor executor = TestOperationExecutor.scriptOnly();
		revision.accept(executor.operations());
		return executor.script();
	}

}
