package dev.retort.dialect.postgres;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements begin or end a transaction block. */
class TransactionControlTests {

	@Test
	void blockCommandsAreNamedAndSavepointsAreNot() {
		assertThat(TransactionControl.of("-- done\ncommit")).isEqualTo("COMMIT");
		assertThat(TransactionControl.of("BEGIN ISOLATION LEVEL SERIALIZABLE")).isEqualTo("BEGIN");
		assertThat(TransactionControl.of("START TRANSACTION")).isEqualTo("START TRANSACTION");
		assertThat(TransactionControl.of("END")).isEqualTo("END");
		assertThat(TransactionControl.of("ROLLBACK")).isEqualTo("ROLLBACK");
		assertThat(TransactionControl.of("ROLLBACK TO SAVEPOINT s")).isNull();
		assertThat(TransactionControl.of("SAVEPOINT s")).isNull();
		assertThat(TransactionControl.of("PREPARE plan AS SELECT 1")).isNull();
		assertThat(TransactionControl.of("CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END")).isNull();
	}

	@Test
	void anUnclosedBeginAndWhatStaysCommittedAreCounted() {
		List<SqlStatement> statements = List.of(new SqlStatement("CREATE TABLE x (id int)", 1),
				new SqlStatement("BEGIN", 2), new SqlStatement("INSERT INTO x VALUES (1)", 3), new SqlStatement("COMMIT", 4),
				new SqlStatement("BEGIN", 5), new SqlStatement("INSERT INTO x VALUES (2)", 6));
		assertThat(TransactionControl.unclosedBegin(statements)).isEqualTo(4);
		assertThat(TransactionControl.unclosedBegin(statements.subList(0, 4))).isEqualTo(-1);
		assertThat(TransactionControl.committedBefore(statements, 6)).isEqualTo(2);
		assertThat(TransactionControl.committedBefore(statements, 3)).isEqualTo(1);
	}

}
