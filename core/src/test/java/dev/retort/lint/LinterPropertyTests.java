package dev.retort.lint;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.retort.lint.LintedRevision.Comment;
import dev.retort.lint.LintedRevision.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a revision holds (half a statement, stray parentheses, an unclosed quote), the linter
 * answers with findings, never an exception: {@code lint} runs on work in progress.
 */
class LinterPropertyTests {

	private static final List<String> FRAGMENTS = List.of("ALTER", "TABLE", "users", "ADD", "COLUMN", "CONSTRAINT",
			"DROP", "CREATE", "INDEX", "ON", "UNIQUE", "PRIMARY", "KEY", "NOT", "NULL", "VALID", "DEFAULT", "CHECK",
			"FOREIGN", "REFERENCES", "TYPE", "SET", "lock_timeout", "=", "0", "'5s'", "RESET", "VALIDATE", "RENAME",
			"TO", "UPDATE", "DELETE", "FROM", "WHERE", "INSERT", "INTO", "SELECT", "TRUNCATE", "CASCADE", "VALUE",
			"DETACH", "PARTITION", "CONCURRENTLY", "IF", "EXISTS", "json", "varchar(10)", "gen_random_uuid()", "(", ")",
			",", ".", "::", "'", "\"", "$$", "--", "/*", "*/", "IS", "REINDEX", "VACUUM", "FULL", "BEGIN", "COMMIT");

	@Property(tries = 500)
	void anyStatementsGiveFindingsNotExceptions(@ForAll("revisions") List<List<String>> statements) {
		List<Statement> parsed = statements.stream()
			.map((words) -> new Statement(String.join(" ", words), 1,
					List.of(new Comment("lint:ack " + String.join(" ", words), 1))))
			.toList();
		List<LintFinding> findings = Linter.lint(List.of(new LintedRevision("r1", "r1.sql", true, parsed),
				new LintedRevision("r2", "r2.sql", false, parsed)));
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.message()).isNotBlank());
	}

	@Provide
	Arbitrary<List<List<String>>> revisions() {
		return Arbitraries.of(FRAGMENTS).list().ofMaxSize(14).list().ofMaxSize(6);
	}

}
