package dev.retort.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.retort.dialect.postgres.StatementSplitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The precision of the rules on what users write: corpus.sql holds revisions as they come,
 * the risky patterns of shared/reference/migration-safety.md and their safe rewrites, each with
 * the findings it must raise. A safe rewrite flagged, or a risky pattern passed, fails here with
 * the case's name. Where PostgreSQL decides (a lock, a rewrite, a scan), LockClaimsTests shows it.
 */
class LintCorpusTests {

	private static final Pattern CASE = Pattern.compile("(?m)^-- case: (\\S+) (tx|non-tx) expect: (.+)$");

	@Test
	void eachCaseRaisesExactlyTheFindingsItExpects() throws IOException {
		String corpus;
		try (InputStream in = LintCorpusTests.class.getResourceAsStream("corpus.sql")) {
			corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher matcher = CASE.matcher(corpus);
		List<LintedRevision> revisions = new ArrayList<>();
		Map<String, List<String>> expected = new LinkedHashMap<>();
		List<int[]> bounds = new ArrayList<>();
		while (matcher.find()) {
			bounds.add(new int[] { matcher.start(), matcher.end() });
			String name = matcher.group(1);
			expected.put(name, matcher.group(3).equals("none") ? List.of()
					: Arrays.stream(matcher.group(3).split(",\\s*")).sorted().toList());
		}
		matcher.reset();
		int i = 0;
		while (matcher.find()) {
			int end = (i + 1 < bounds.size()) ? bounds.get(i + 1)[0] : corpus.length();
			String sql = corpus.substring(matcher.end() + 1, end);
			revisions.add(LintedRevision.of(matcher.group(1), matcher.group(1) + ".sql", matcher.group(2).equals("tx"),
					StatementSplitter.split(sql, 1), sql, 1));
			i++;
		}
		assertThat(expected).hasSizeGreaterThanOrEqualTo(40);
		Map<String, List<String>> found = new LinkedHashMap<>();
		expected.keySet().forEach((name) -> found.put(name, new ArrayList<>()));
		for (LintFinding finding : Linter.lint(revisions)) {
			found.get(finding.revision()).add(finding.rule());
		}
		List<String> wrong = new ArrayList<>();
		expected.forEach((name, rules) -> {
			List<String> got = found.get(name).stream().sorted().toList();
			if (!got.equals(rules)) {
				wrong.add(name + ": expected " + rules + ", got " + got);
			}
		});
		assertThat(wrong).isEmpty();
	}

}
