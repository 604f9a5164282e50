package dev.retort.dialect.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@ExtendWith(PostgresExtension.class)
class StatementSplitterPostgresTests {

	@Test
	void everyStatementOfARealisticScriptRunsAloneInPostgres(TestDatabase db) throws Exception {
		List<SqlStatement> statements = StatementSplitter.split(resource("/script/splitter/realistic.sql"), 1);

		assertThat(statements).extracting(SqlStatement::line)
			.containsExactly(4, 6, 15, 17, 24, 28, 39, 41, 46, 56, 60, 61);
		try (Connection connection = db.connect(); Statement jdbc = connection.createStatement()) {
			for (SqlStatement statement : statements) {
				try {
					jdbc.execute(statement.sql());
				}
				catch (SQLException ex) {
					fail("PostgreSQL refused the statement at line " + statement.line() + ": " + ex.getMessage()
							+ "\n" + statement.sql());
				}
			}
		}
		assertThat(db.queryStrings("SELECT note FROM \"coffee;logs\" ORDER BY id")).containsExactly("it's; strong;", "'");
		assertThat(db.queryStrings("SELECT describe_strength(9)")).containsExactly("strong; \"very\";");
		assertThat(db.queryStrings("SELECT path FROM \"coffee;logs\" WHERE id = 1")).containsExactly("C:\\temp\\; x's");
		assertThat(db.queryStrings("SELECT atomic_cups(3) || ',' || cups(1, 2)")).containsExactly("3,3");
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = StatementSplitterPostgresTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
