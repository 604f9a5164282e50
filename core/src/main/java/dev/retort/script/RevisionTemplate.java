package dev.retort.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The template of a new SQL revision file: {@value #FILE_NAME} in the revisions directory
 * (written by {@code retort init}, the user's to edit), else the built-in one. Placeholders are
 * {@code ${message}}, {@code ${rev}}, {@code ${revises}}, {@code ${create_date}},
 * {@code ${branch_labels}}, {@code ${depends_on}}, {@code ${transactional}}, {@code ${upgrade}}
 * and {@code ${downgrade}}.
 *
 * @param source where the template comes from, for messages
 * @param text the template
 */
public record RevisionTemplate(String source, String text) {

	/** The template's file name inside a revisions directory. */
	public static final String FILE_NAME = "script.sql.template";

	/** The placeholders a template may use. */
	public static final Set<String> PLACEHOLDERS = Set.of("message", "rev", "revises", "create_date", "branch_labels",
			"depends_on", "transactional", "upgrade", "downgrade");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

	private static final String BUILT_IN = """
			-- ${message}
			--
			-- Revision ID: ${rev}
			-- Revises: ${revises}
			-- Create Date: ${create_date}
			-- Branch Labels: ${branch_labels}
			-- Depends On: ${depends_on}
			-- Transactional: ${transactional}
			--
			-- Notes:

			-- +upgrade
			${upgrade}

			-- +downgrade
			${downgrade}
			""";

	/** The built-in template, in the layout of SPEC §2.1. */
	public static RevisionTemplate builtIn() {
		return new RevisionTemplate("built-in template", BUILT_IN);
	}

	/** The template of {@code directory} ({@value #FILE_NAME}) when there is one, else the built-in one. */
	public static RevisionTemplate in(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		if (!Files.isRegularFile(file)) {
			return builtIn();
		}
		try {
			return new RevisionTemplate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE,
					"Cannot read the revision template '" + file + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Fills the placeholders. Header lines lose trailing spaces (an empty {@code Revises:} reads
	 * as a base either way); the section placeholders are put in as given.
	 * @throws RetortException ({@link ErrorCode#INVALID_REVISION_FILE}) for an unknown placeholder,
	 * naming its line
	 */
	public String render(Map<String, String> values) {
		StringBuilder out = new StringBuilder();
		String[] lines = this.text.split("\r\n|\r|\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			boolean section = line.contains("${upgrade}") || line.contains("${downgrade}");
			Matcher matcher = PLACEHOLDER.matcher(line);
			StringBuilder rendered = new StringBuilder();
			while (matcher.find()) {
				String name = matcher.group(1).trim();
				if (!PLACEHOLDERS.contains(name)) {
					throw new RetortException(ErrorCode.INVALID_REVISION_FILE, this.source + ":" + (i + 1)
							+ ": unknown placeholder '${" + matcher.group(1) + "}'. Known placeholders are "
							+ String.join(", ", PLACEHOLDERS.stream().sorted().map((p) -> "${" + p + "}").toList()) + ".");
				}
				matcher.appendReplacement(rendered, Matcher.quoteReplacement(values.getOrDefault(name, "")));
			}
			matcher.appendTail(rendered);
			out.append(section ? rendered : rendered.toString().stripTrailing());
			if (i < lines.length - 1) {
				out.append('\n');
			}
		}
		return out.toString();
	}

}
