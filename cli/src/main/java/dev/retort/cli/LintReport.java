package dev.retort.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.command.LintResult;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;

/**
 * {@code retort lint}'s result as the command line prints it: each finding with the file and line
 * of the project it is on, so that a CI annotation (a GitHub problem matcher, docs/ci.md) can
 * place it in the diff. A SQL revision's finding is on its file already; a Java revision's names
 * the class whose call rendered the statement, whose source is read from {@code src/main/java}.
 *
 * @param revisions how many revisions were linted
 * @param failOn the failing severity
 * @param failed whether a finding fails the lint
 * @param findings the findings, in the result's order
 */
record LintReport(int revisions, Severity failOn, boolean failed, List<Finding> findings) {

	/**
	 * A Java revision's finding as core names it: the class and line of the call, then where it
	 * is in the SQL the revision renders ({@code com.example.db.AddIndex:12 (rendered SQL:1)}).
	 */
	private static final Pattern JAVA_CALL = Pattern
		.compile("([\\p{javaJavaIdentifierPart}.$]+):(\\d+) \\((rendered (?:downgrade )?SQL:\\d+)\\)");

	static LintReport of(LintResult result, Path project) {
		return new LintReport(result.revisions(), result.failOn(), result.failed(),
				result.findings().stream().map((finding) -> Finding.of(finding, project)).toList());
	}

	/**
	 * One finding: {@link LintFinding}'s members, with {@code file} and {@code line} where a
	 * reader changes it, {@code null} when no file of the project holds it (a Java revision
	 * compiled from sources elsewhere, or one whose rendering stopped before its first statement).
	 */
	record Finding(String revision, String source, String file, Integer line, String rule, String name,
			Severity severity, String message, String fix, boolean fails) {

		static Finding of(LintFinding finding, Path project) {
			String source = finding.source();
			String file = null;
			Integer line = null;
			Matcher java = JAVA_CALL.matcher(source);
			if (java.matches()) {
				Path sourceFile = JavaRevisionSources.sourceOf(project, java.group(1));
				if (sourceFile != null) {
					file = sourceFile.toString();
					line = Integer.valueOf(java.group(2));
				}
			}
			else if (!source.contains(" (rendered ")) {
				// A SQL revision's file:line.
				int colon = source.lastIndexOf(':');
				String digits = source.substring(colon + 1);
				if (colon > 0 && !digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
					file = source.substring(0, colon);
					line = Integer.valueOf(source.substring(colon + 1));
				}
			}
			return new Finding(finding.revision(), source, file, line, finding.rule(), finding.name(),
					finding.severity(), finding.message(), finding.fix(), finding.fails());
		}

		/**
		 * Where the text output says the finding is: {@code file:line} first, as a problem matcher
		 * reads it; a Java revision's class and rendered SQL line follow in parentheses
		 * ({@code …/AddIndex.java:12 (com.example.db.AddIndex, rendered SQL:1)}). Without a source
		 * file, the finding's own {@code source}.
		 */
		String place() {
			Matcher java = JAVA_CALL.matcher(this.source);
			if (this.file == null || !java.matches()) {
				return this.source;
			}
			return this.file + ":" + this.line + " (" + java.group(1) + ", " + java.group(3) + ")";
		}

	}

}
