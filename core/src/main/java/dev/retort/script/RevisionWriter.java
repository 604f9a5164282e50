package dev.retort.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;

/**
 * Writes new revision files: SQL ones from the directory's {@link RevisionTemplate} under a
 * name made from the file name template ({@code {rev}_{slug}.sql} by default; tokens
 * {@code {rev}}, {@code {slug}}, {@code {epoch}}, {@code {year}}, {@code {month}}, {@code {day}},
 * {@code {hour}}, {@code {minute}}, {@code {second}}), and Java revision skeletons. A file is
 * never overwritten, and a SQL file is read back before it is written, so a template that
 * loses a header fails here rather than at the next load.
 */
public final class RevisionWriter {

	/** The slug is cut at a word boundary past this length, as Alembic's. */
	public static final int SLUG_LENGTH = 40;

	private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");

	private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

	private final String fileTemplate;

	private final Clock clock;

	/** A writer naming files with {@code fileTemplate}, dated by the system clock. */
	public RevisionWriter(String fileTemplate) {
		this(fileTemplate, Clock.systemDefaultZone());
	}

	public RevisionWriter(String fileTemplate, Clock clock) {
		this.fileTemplate = Objects.requireNonNull(fileTemplate, "'fileTemplate' must not be null");
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
	}

	/**
	 * Writes a SQL revision file into {@code directory} (created when missing).
	 * @return the file written
	 * @throws RetortException when the id holds characters outside {@code [A-Za-z0-9_]}, the file
	 * exists, or the template does not give back the revision's headers
	 */
	public Path writeSql(Path directory, NewRevisionFile revision) {
		RevisionIds.requireWritable(revision.id());
		LocalDateTime now = LocalDateTime.now(this.clock);
		Path file = directory.resolve(fileName(revision, now));
		RevisionTemplate template = RevisionTemplate.in(directory);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("message", revision.message());
		values.put("rev", revision.id());
		values.put("revises", String.join(", ", revision.revises()));
		values.put("create_date", CREATE_DATE.format(now));
		values.put("branch_labels", String.join(", ", revision.branchLabels()));
		values.put("depends_on", String.join(", ", revision.dependsOn()));
		values.put("transactional", String.valueOf(revision.transactional()));
		values.put("upgrade", revision.upgrade().strip());
		values.put("downgrade", revision.downgrade().strip());
		String text = template.render(values);
		checkReadsBack(template, file, text, revision);
		write(file, text);
		return file;
	}

	/**
	 * Writes a Java revision skeleton for {@code className} below {@code sourceRoot} (e.g.
	 * {@code src/main/java}), in the directories of its package. SQL given in the sections
	 * becomes {@code op.execute(…)} calls, one per statement.
	 * @return the file written
	 */
	public Path writeJava(Path sourceRoot, String className, NewRevisionFile revision) {
		RevisionIds.requireWritable(revision.id());
		if (className == null || !SourceVersion.isName(className) || !className.contains(".")) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "'" + className + "' is not a class name in a "
					+ "package. Give a fully qualified name such as 'com.example.db.AddUserColumn'.");
		}
		String text = JavaRevisionRenderer.render(className, revision, CREATE_DATE.format(LocalDateTime.now(this.clock)));
		Path file = sourceRoot.resolve(className.replace('.', '/') + ".java");
		write(file, text);
		return file;
	}

	/** The file name of a SQL revision written at {@code now}, from the file name template. */
	String fileName(NewRevisionFile revision, LocalDateTime now) {
		Matcher matcher = TOKEN.matcher(this.fileTemplate);
		StringBuilder name = new StringBuilder();
		while (matcher.find()) {
			String value = switch (matcher.group(1)) {
				case "rev" -> revision.id();
				case "slug" -> slug(revision.message());
				case "epoch" -> String.valueOf(now.atZone(this.clock.getZone()).toEpochSecond());
				case "year" -> String.format("%04d", now.getYear());
				case "month" -> String.format("%02d", now.getMonthValue());
				case "day" -> String.format("%02d", now.getDayOfMonth());
				case "hour" -> String.format("%02d", now.getHour());
				case "minute" -> String.format("%02d", now.getMinute());
				case "second" -> String.format("%02d", now.getSecond());
				default -> throw new RetortException(ErrorCode.CONFIGURATION, "Unknown token '{" + matcher.group(1)
						+ "}' in the file template '" + this.fileTemplate + "'. Use {rev}, {slug}, {epoch}, {year}, "
						+ "{month}, {day}, {hour}, {minute}, {second}.");
			};
			matcher.appendReplacement(name, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(name);
		String result = name.toString();
		if (result.startsWith("/") || List.of(result.split("/")).contains("..") || result.isBlank()) {
			throw new RetortException(ErrorCode.CONFIGURATION, "The file template '" + this.fileTemplate
					+ "' gives '" + result + "', which is not a file inside the revisions directory.");
		}
		// Only *.sql files are read as revisions.
		return result.endsWith(".sql") ? result : result + ".sql";
	}

	/** Alembic's slug: the words of the message joined by {@code _}, lower case, cut near 40. */
	static String slug(String message) {
		List<String> words = WORD.matcher(message).results().map(java.util.regex.MatchResult::group).toList();
		String slug = String.join("_", words).toLowerCase(java.util.Locale.ROOT);
		if (slug.length() > SLUG_LENGTH) {
			String cut = slug.substring(0, SLUG_LENGTH);
			int boundary = cut.lastIndexOf('_');
			slug = ((boundary > 0) ? cut.substring(0, boundary) : cut) + "_";
		}
		return slug;
	}

	private static void checkReadsBack(RevisionTemplate template, Path file, String text, NewRevisionFile expected) {
		SqlRevisionParser.Result result = SqlRevisionParser.read(file.toString(), text);
		if (!result.problems().isEmpty()) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "The revision template (" + template.source()
					+ ") gives a file that does not read back: " + String.join("; ", result.problems())
					+ ". Fix the template; nothing was written.");
		}
		Revision revision = result.script().revision();
		boolean same = revision.id().equals(expected.id()) && revision.parents().equals(expected.revises())
				&& revision.branchLabels().equals(expected.branchLabels())
				&& revision.dependsOn().equals(expected.dependsOn())
				&& revision.transactional() == expected.transactional();
		if (!same) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "The revision template (" + template.source()
					+ ") loses headers: the file would read as id " + revision.id() + ", revises " + revision.parents()
					+ ", branch labels " + revision.branchLabels() + ", depends on " + revision.dependsOn()
					+ ", transactional " + revision.transactional() + " instead of id " + expected.id() + ", revises "
					+ expected.revises() + ", branch labels " + expected.branchLabels() + ", depends on "
					+ expected.dependsOn() + ", transactional " + expected.transactional()
					+ ". Make sure the template uses ${rev}, ${revises}, ${branch_labels}, ${depends_on} and "
					+ "${transactional}; nothing was written.");
		}
	}

	/** Writes a new file; an existing file is never replaced. */
	static void write(Path file, String text) {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new RevisionFileExistsException(file);
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Cannot write '" + file + "': " + ex.getMessage(), ex);
		}
	}

}
