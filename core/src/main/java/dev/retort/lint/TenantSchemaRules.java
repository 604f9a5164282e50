package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.quote;

/**
 * PG125: what a revision run for a configured schema ({@code --schema}, {@code retort.schema}),
 * which may be one tenant's of many, makes, changes or writes outside it, where every other
 * schema's run reaches the same object ({@link OtherSchemaNames}). Part of {@link RevisionLint},
 * whose findings it adds to.
 */
final class TenantSchemaRules {

	private final RevisionLint lint;

	/** The configured schema other than public, or {@code null} when none is: then nothing is flagged. */
	private final String schema;

	TenantSchemaRules(RevisionLint lint, String schema) {
		this.lint = lint;
		this.schema = schema;
	}

	void otherSchema(List<Token> tokens) {
		String extension = (this.schema != null) ? OtherSchemaNames.extension(tokens, this.schema) : null;
		if (extension != null) {
			this.lint.find(LintRule.PG125, "CREATE EXTENSION makes " + extension + " for the whole database, not for schema "
					+ quote(this.schema) + " that these revisions run for (--schema, retort.schema): the first schema's"
					+ " run creates it in that schema, and the run of every other schema (a schema per tenant) finds it"
					+ " there, off its search_path (with IF NOT EXISTS its types and functions are not found; without,"
					+ " the extension already exists). Create it once WITH SCHEMA a schema every tenant reads, with IF"
					+ " NOT EXISTS, and name its types and functions with that schema.");
			return;
		}
		String name = (this.schema != null) ? OtherSchemaNames.of(tokens, this.schema) : null;
		if (name == null) {
			return;
		}
		String does = switch (tokens.get(0).text()) {
			case "CREATE" -> "makes";
			case "ALTER" -> "changes";
			case "DROP" -> "drops";
			default -> "writes";
		};
		this.lint.find(LintRule.PG125, "this statement " + does + " " + name + ", outside schema " + quote(this.schema)
				+ " that these revisions run for (--schema, retort.schema): the run of every other schema they run for"
				+ " (a schema per tenant) reaches the same " + name + ", so the second run fails on what the first"
				+ " did, or does it once more (an INSERT's rows once per schema).");
	}

}
