package dev.retort.runtime;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.revision.Step;
import dev.retort.script.RevisionScript;

/**
 * Where this run named, before the failing statement, the object an "already exists" failure
 * names: an earlier statement of the same revision, or a SQL revision run earlier in the run. Then
 * the object is the run's own doing (a revision that adds the same column twice), not a schema
 * built before Retort, and stamping or a baseline is the wrong advice. Read from the revisions'
 * text, not the catalog: the failed transaction is rolled back, and what it created with it.
 */
final class EarlierCreation {

	/** The object's name: the first quoted name of PostgreSQL's message ({@code column "kind" of relation …}). */
	private static final Pattern NAMED = Pattern.compile("\"((?:[^\"]|\"\")+)\"");

	private EarlierCreation() {
	}

	/**
	 * @param databaseMessage PostgreSQL's message (first line)
	 * @param location where the failing statement is, {@code file:line}, or the file alone when
	 * it is not known which statement failed (then only earlier steps are looked at: the first
	 * statement naming the object may be the failing one)
	 * @param step the failed step
	 * @param earlier the steps of this run before it, in order
	 * @return where the object was named earlier ({@code file:line}), or {@code null}
	 */
	static String find(String databaseMessage, String location, Step step, List<Step> earlier,
			Function<String, RevisionScript> scripts) {
		Matcher named = NAMED.matcher(databaseMessage);
		if (!named.find()) {
			return null;
		}
		String name = named.group(1).replace("\"\"", "\"");
		// The name as a word, quoted or not: kind, not kind_id.
		Pattern word = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_$])\"?" + Pattern.quote(name)
				+ "\"?(?![\\p{L}\\p{N}_$])");
		for (Step before : earlier) {
			String at = mention(word, before, Integer.MAX_VALUE, scripts);
			if (at != null) {
				return at;
			}
		}
		Matcher line = LINE.matcher((location != null) ? location : "");
		return line.find() ? mention(word, step, Integer.parseInt(line.group(1)), scripts) : null;
	}

	private static final Pattern LINE = Pattern.compile(":(\\d+)$");

	/** The first statement of the step's section, above line {@code below}, that names the object. */
	private static String mention(Pattern word, Step step, int below, Function<String, RevisionScript> scripts) {
		if (step.revision() == null) {
			return null;
		}
		RevisionScript script = scripts.apply(step.revision().id());
		if (!(script.body() instanceof RevisionScript.SqlBody sql)) {
			return null;
		}
		List<SqlStatement> section = (step.operation() == Step.Operation.UPGRADE) ? sql.upgrade() : sql.downgrade();
		if (section == null) {
			return null;
		}
		for (SqlStatement statement : section) {
			if (statement.line() >= below) {
				return null;
			}
			if (word.matcher(statement.sql()).find()) {
				return script.revision().origin().at(statement.line());
			}
		}
		return null;
	}

}
