package dev.retort.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements built from every quoting construct, each hiding semicolons, quotes and line
 * breaks, joined with {@code ;}: the splitter gives back exactly those statements and lines.
 */
class StatementSplitterPropertyTests {

	@Property(tries = 500)
	void splitGivesBackTheStatementsThatWereJoined(@ForAll("scripts") List<String> statements) {
		String script = String.join(";\n", statements) + ";";

		List<SqlStatement> split = StatementSplitter.split(script, 1);

		assertThat(split).extracting(SqlStatement::sql).containsExactlyElementsOf(statements);
		assertThat(split).extracting(SqlStatement::line).containsExactlyElementsOf(expectedLines(statements));
	}

	@Provide
	Arbitrary<List<String>> scripts() {
		return statement().list().ofMinSize(1).ofMaxSize(6);
	}

	private static List<Integer> expectedLines(List<String> statements) {
		List<Integer> lines = new ArrayList<>();
		int line = 1;
		for (String statement : statements) {
			lines.add(line);
			line += (int) statement.chars().filter((c) -> c == '\n').count() + 1;
		}
		return lines;
	}

	private static Arbitrary<String> statement() {
		Arbitrary<List<String>> middle = fragment().list().ofMaxSize(8);
		return Combinators.combine(word(), middle, word())
			.as((first, fragments, last) -> first + " " + String.join(" ", fragments) + (fragments.isEmpty() ? "" : " ")
					+ last);
	}

	private static Arbitrary<String> word() {
		return Arbitraries.of("SELECT", "a", "x1", "t_2", "42", "now()", "e", "E", "a$b$");
	}

	private static Arbitrary<String> fragment() {
		return Arbitraries.oneOf(word(), Arbitraries.of(",", "+", "=", "::", "$1"), string(), escapeString(),
				quotedIdentifier(), dollarQuoted(), blockComment(), lineComment(), parenthesised());
	}

	private static Arbitrary<String> content(String extra) {
		return Arbitraries.strings().withChars("ab ;\n" + extra).ofMaxLength(12);
	}

	private static Arbitrary<String> string() {
		return content("'\"$").map((text) -> "'" + text.replace("'", "''") + "'");
	}

	private static Arbitrary<String> escapeString() {
		return content("'\\").map((text) -> "E'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'");
	}

	private static Arbitrary<String> quotedIdentifier() {
		return content("\"'").map((text) -> "\"" + text.replace("\"", "\"\"") + "\"");
	}

	private static Arbitrary<String> dollarQuoted() {
		return Combinators.combine(Arbitraries.of("", "fn", "x_1"), content("'\"$"))
			.as((tag, text) -> "$" + tag + "$" + text.replace("$", "") + "$" + tag + "$");
	}

	private static Arbitrary<String> blockComment() {
		return content("'\"*").map((text) -> "/* " + text.replace("*", "") + " /* nested; */ */");
	}

	private static Arbitrary<String> lineComment() {
		return content("'\"").map((text) -> "-- " + text.replace("\n", " ") + "\n");
	}

	private static Arbitrary<String> parenthesised() {
		return content("").map((text) -> "(" + text.replace("\n", " ").replace(";", " ; ") + ")");
	}

}
