package dev.retort.dialect.postgres;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.dialect.postgres.StatementSplitter.UnterminatedSqlException;
import dev.retort.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StatementSplitterTests {

	@Test
	void splitsOnSemicolonsAndDropsTheSemicolon() {
		assertThat(sqls("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"))
			.containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
	}

	@Test
	void keepsATrailingStatementWithoutSemicolon() {
		assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void dropsEmptyAndCommentOnlyStatements() {
		assertThat(sqls(";;\n-- only a comment\n/* and a block */;\n  \n")).isEmpty();
		assertThat(sqls("")).isEmpty();
	}

	@Test
	void reportsTheLineOfEachStatementsFirstToken() {
		String sql = "-- leading comment\n\nCREATE TABLE a (\n  id int\n);\n/* note */ INSERT INTO a\nVALUES (1);";
		assertThat(StatementSplitter.split(sql, 10)).containsExactly(
				new SqlStatement("CREATE TABLE a (\n  id int\n)", 12),
				new SqlStatement("INSERT INTO a\nVALUES (1)", 15));
	}

	@Test
	void semicolonInsideStringDoesNotSplit() {
		assertThat(sqls("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT 1;"))
			.containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT 1");
	}

	@Test
	void backslashIsLiteralInStandardStrings() {
		// With standard_conforming_strings on, 'C:\' is a complete string.
		assertThat(sqls("SELECT 'C:\\'; SELECT 2;")).containsExactly("SELECT 'C:\\'", "SELECT 2");
	}

	@Test
	void backslashEscapesQuoteInEStrings() {
		assertThat(sqls("SELECT E'it\\'s; fine', e'x\\\\'; SELECT 2;"))
			.containsExactly("SELECT E'it\\'s; fine', e'x\\\\'", "SELECT 2");
	}

	@Test
	void identifierEndingInEIsNotAnEString() {
		assertThat(sqls("SELECT name FROM t WHERE name = 'a\\'; SELECT 2;"))
			.containsExactly("SELECT name FROM t WHERE name = 'a\\'", "SELECT 2");
	}

	@Test
	void semicolonInsideQuotedIdentifierDoesNotSplit() {
		assertThat(sqls("CREATE TABLE \"a;b\" (\"x\"\"y;\" int); SELECT 1"))
			.containsExactly("CREATE TABLE \"a;b\" (\"x\"\"y;\" int)", "SELECT 1");
	}

	@Test
	void dollarQuotedBodyWithAnyTagIsOneStatement() {
		String function = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  PERFORM 1;\n  RETURN 2;\nEND;\n$$ LANGUAGE plpgsql";
		String tagged = "CREATE FUNCTION g() RETURNS text AS $fn$ SELECT '$$;'::text; $fn$ LANGUAGE sql";
		assertThat(sqls(function + ";\n" + tagged + ";\nSELECT 3;")).containsExactly(function, tagged, "SELECT 3");
	}

	@Test
	void dollarQuoteClosesOnlyOnItsOwnTag() {
		String sql = "DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END $outer$";
		assertThat(sqls(sql + "; SELECT 2")).containsExactly(sql, "SELECT 2");
	}

	@Test
	void positionalParameterIsNotADollarQuote() {
		String sql = "CREATE FUNCTION add(int, int) RETURNS int AS 'SELECT $1 + $2' LANGUAGE sql";
		assertThat(sqls(sql + "; PREPARE p AS SELECT $1; SELECT 3")).containsExactly(sql, "PREPARE p AS SELECT $1",
				"SELECT 3");
	}

	@Test
	void dollarInsideIdentifierIsNotADollarQuote() {
		assertThat(sqls("SELECT a$b$ FROM t; SELECT 2")).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
	}

	@Test
	void nestedBlockCommentsDoNotSplit() {
		assertThat(sqls("SELECT 1 /* outer /* inner; */ still; comment */ + 1; SELECT 2"))
			.containsExactly("SELECT 1 /* outer /* inner; */ still; comment */ + 1", "SELECT 2");
	}

	@Test
	void lineCommentHidesSemicolonsAndQuotes() {
		assertThat(sqls("SELECT 1 -- not here; nor ' here\n + 1;\nSELECT 2"))
			.containsExactly("SELECT 1 -- not here; nor ' here\n + 1", "SELECT 2");
	}

	@Test
	void semicolonsInsideParenthesesStayInTheStatementAsInPsql() {
		String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2))";
		assertThat(sqls(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
	}

	@Test
	void beginAtomicBodyIsOneStatement() {
		String function = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
				+ "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT a + 1;\nEND";
		assertThat(sqls(function + ";\nSELECT 2;")).containsExactly(function, "SELECT 2");
	}

	@Test
	void everyRoutineHeaderOpensABeginAtomicBodyInAnyCase() {
		for (String header : List.of("create function f()", "Create Procedure p()", "CREATE OR REPLACE PROCEDURE p()",
				"create or replace function f()")) {
			String routine = header + " LANGUAGE sql\nbegin atomic\n  INSERT INTO t VALUES (1);\n  SELECT 2;\nend";
			assertThat(sqls(routine + ";\nSELECT 3;")).as(header).containsExactly(routine, "SELECT 3");
		}
	}

	@Test
	void wordsThatOnlyResembleARoutineHeaderDoNotOpenABody() {
		assertThat(sqls("CREATE OR FUNCTION begin; SELECT 1;")).containsExactly("CREATE OR FUNCTION begin", "SELECT 1");
		assertThat(sqls("CREATE TABLE function (begin int); SELECT 1;"))
			.containsExactly("CREATE TABLE function (begin int)", "SELECT 1");
		assertThat(sqls("créate function begin; SELECT 1;")).containsExactly("créate function begin", "SELECT 1");
	}

	@Test
	void beginOutsideRoutinesStillEndsAtSemicolon() {
		assertThat(sqls("BEGIN; SELECT 1; END;")).containsExactly("BEGIN", "SELECT 1", "END");
	}

	@Test
	void countsLinesInsideQuotesAndComments() {
		String sql = "SELECT 'a\nb';\n/* x\n y */\nSELECT $$\n$$;\nSELECT \"q\nr\";\nSELECT 4;";
		assertThat(StatementSplitter.split(sql, 1)).extracting(SqlStatement::line).containsExactly(1, 5, 7, 9);
	}

	@Test
	void crlfLineEndingsCountOnce() {
		assertThat(StatementSplitter.split("SELECT 1;\r\n\r\nSELECT 2;\r\n", 1)).extracting(SqlStatement::line)
			.containsExactly(1, 3);
	}

	@Test
	void unterminatedDollarQuoteNamesItsLineAndTag() {
		assertThatExceptionOfType(UnterminatedSqlException.class)
			.isThrownBy(() -> StatementSplitter.split("SELECT 1;\nCREATE FUNCTION f() AS $fn$\nBEGIN\n", 20))
			.withMessage("Unterminated dollar-quoted string starting at line 21: it is never closed, so the rest of "
					+ "the script would belong to it. Add the closing $fn$.")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(21))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE));
	}

	@Test
	void unterminatedStringCommentAndIdentifierAreReported() {
		assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> StatementSplitter.split("SELECT 'a;", 1))
			.withMessageStartingWith("Unterminated string starting at line 1");
		assertThatExceptionOfType(UnterminatedSqlException.class)
			.isThrownBy(() -> StatementSplitter.split("SELECT 1 /* /* */", 1))
			.withMessageStartingWith("Unterminated block comment starting at line 1");
		assertThatExceptionOfType(UnterminatedSqlException.class)
			.isThrownBy(() -> StatementSplitter.split("SELECT \"a", 1))
			.withMessageStartingWith("Unterminated quoted identifier starting at line 1");
		assertThatExceptionOfType(UnterminatedSqlException.class)
			.isThrownBy(() -> StatementSplitter.split("SELECT E'a\\'", 1))
			.withMessageStartingWith("Unterminated E'' string starting at line 1");
	}

	private static List<String> sqls(String sql) {
		return StatementSplitter.split(sql, 1).stream().map(SqlStatement::sql).toList();
	}

}
