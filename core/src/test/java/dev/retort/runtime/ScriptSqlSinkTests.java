package dev.retort.runtime;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an offline script holds for each statement a revision runs. */
class ScriptSqlSinkTests {

	@Test
	void everyStatementEndsWithExactlyOneTerminatorThatNoCommentSwallows() {
		ScriptSqlSink sink = new ScriptSqlSink();
		sink.execute(List.of("CREATE TABLE a (id int)", "CREATE TABLE b (id int);  ",
				"CREATE TABLE c (id int) -- the third", "SELECT ';'"), List.of(), List.of());
		assertThat(sink.script()).isEqualTo("""
				CREATE TABLE a (id int);

				CREATE TABLE b (id int);

				CREATE TABLE c (id int) -- the third
				;

				SELECT ';';

				""");
	}

}
