package dev.retort.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.retort.dialect.postgres.Keywords;
import dev.retort.revision.EditDistance;
import dev.retort.revision.Revision;
import dev.retort.revision.Revision.Kind;
import dev.retort.revision.Revision.Origin;
import dev.retort.revision.Sha256;

/**
 * Reads a SQL revision file (SPEC §2.1): the header of leading {@code --} lines (the message, then
 * {@code Key: value} lines with case-insensitive keys, then free {@code Notes:}), and the
 * {@code -- +upgrade} and {@code -- +downgrade} sections. A file without a downgrade section is
 * irreversible; an empty section is a valid no-op.
 *
 * <p>The parser keeps going after a problem so that one load reports every problem of every
 * file; {@link #read} returns the revision (when its id could be read) together with the
 * problems, {@link #parse} throws on any problem.
 */
public final class SqlRevisionParser {

	/** The header keys, as shown to users. */
	public static final List<String> KEYS = List.of("Revision ID", "Revises", "Create Date", "Branch Labels",
			"Depends On", "Transactional", "Notes");

	// The index of each key in KEYS: what a header's values and lines are kept by.
	private static final int REVISION_ID = 0;

	private static final int REVISES = 1;

	private static final int CREATE_DATE = 2;

	private static final int BRANCH_LABELS = 3;

	private static final int DEPENDS_ON = 4;

	private static final int TRANSACTIONAL = 5;

	private static final int NOTES = 6;

	/** Per key of {@link #KEYS} that takes a list, what one entry names, for messages. */
	private static final String[] ENTRY_WORDS = { null, "revision", null, "label", "revision or label", null, null };

	/** Normalised key (lower case, single spaces) → its index in {@link #KEYS}. */
	private static final Map<String, Integer> KEY_INDEXES = keyIndexes();

	private SqlRevisionParser() {
	}

	private static Map<String, Integer> keyIndexes() {
		Map<String, Integer> indexes = new HashMap<>();
		for (int i = 0; i < KEYS.size(); i++) {
			indexes.put(KEYS.get(i).toLowerCase(Locale.ROOT), i);
		}
		return Map.copyOf(indexes);
	}

	/**
	 * Parses a revision file.
	 * @param source where the text comes from, as shown in messages (e.g.
	 * {@code db/revisions/1975ea83b712_add_user_column.sql})
	 * @param text the file content
	 * @return the revision and its statements
	 * @throws InvalidRevisionFileException listing every problem of the file
	 */
	public static RevisionScript parse(String source, String text) {
		Result result = read(source, text);
		if (!result.problems().isEmpty()) {
			throw new InvalidRevisionFileException(result.problems());
		}
		return result.script();
	}

	/**
	 * Reads a revision file, collecting its problems instead of throwing.
	 * @param source where the text comes from, as shown in messages
	 * @param text the file content
	 * @return the revision ({@code null} when it has no readable {@code Revision ID}) and the
	 * problems found
	 */
	public static Result read(String source, String text) {
		return new Reader(source, text, true).read();
	}

	/**
	 * Reads a revision file as {@link #read} does, but leaves splitting its sections into
	 * statements to their first use ({@link SqlSection}): what loading a directory does, since a
	 * start with nothing pending runs none of the files it reads. A quote never closed is then
	 * reported when the revision is about to run, or by {@code validate}.
	 * @param source where the text comes from, as shown in messages
	 * @param text the file content
	 * @return the revision ({@code null} when it has no readable {@code Revision ID}) and the
	 * problems of its header and sections
	 */
	public static Result readDeferringSplit(String source, String text) {
		return new Reader(source, text, false).read();
	}

	/** SHA-256 (lower-case hex) of a section, with line endings normalised to {@code \n}. */
	public static String checksum(String sectionText) {
		String normalised = sectionText;
		if (sectionText.indexOf('\r') >= 0) {
			Lines lines = Lines.of(sectionText);
			normalised = lines.join(0, lines.count());
		}
		return Sha256.hex(normalised.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What reading one file gave.
	 *
	 * @param script the revision, or {@code null} when no {@code Revision ID} could be read
	 * @param problems every problem found, each starting with {@code file:line}
	 */
	public record Result(RevisionScript script, List<String> problems) {

		public Result {
			problems = List.copyOf(problems);
		}

	}

	/** The state of reading one file. */
	private static final class Reader {

		private final String source;

		/** The lines of the file, without a byte order mark. */
		private final Lines lines;

		/** Whether to split the sections into statements now (see {@link #readDeferringSplit}). */
		private final boolean splitNow;

		private final List<String> problems = new ArrayList<>();

		/**
		 * The header lines that are not {@code Key: value}: problems of a revision file, but only
		 * comments in a file that is none (see {@link #read}).
		 */
		private final List<String> notKeyValue = new ArrayList<>(0);

		/** Per key of {@link #KEYS}, the line it is on, 0 when the file does not have it. */
		private final int[] keyLines = new int[KEYS.size()];

		/** Per key of {@link #KEYS}, its value, trimmed; {@code null} when the file does not have it. */
		private final String[] values = new String[KEYS.size()];

		private String message = "";

		private int messageLine;

		/** The lines of {@code Notes:}, each without its {@code --} and the one space after it. */
		private final List<String> notes = new ArrayList<>();

		Reader(String source, String text, boolean splitNow) {
			this.source = source;
			this.splitNow = splitNow;
			this.lines = Lines.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
		}

		private Marker marker(int index) {
			return marker(this.lines.text(), this.lines.start(index), this.lines.end(index));
		}

		Result read() {
			Result result = readParts();
			int conflict = conflictMarkerLine();
			if (conflict < 0) {
				return result;
			}
			// Git's markers read as a header cut short and SQL outside any section: a problem for every
			// line below them, none of which names the cause. The one problem is the conflict; what
			// could be read (the id) still takes its place in the graph, as for other problems.
			this.problems.clear();
			problem(conflict + 1, "'" + lineText(conflict) + "' is a merge conflict marker: git left this file"
					+ " half-merged. Resolve the conflict before running retort. When two branches wrote a revision"
					+ " with the same id, keep both revisions, each under an id of its own (a file each), and join"
					+ " them with 'retort merge' if both are heads.");
			return new Result(result.script(), this.problems);
		}

		private Result readParts() {
			int next = readHeader();
			Section upgrade = null;
			Section downgrade = null;
			List<Integer> markers = new ArrayList<>();
			// The first line of SQL above every marker (0: none), and how deep in /* */ comments the scan is there.
			int strayLine = 0;
			int[] commentDepth = new int[1];
			// Whether the lines read are in the downgrade section, where '-- down' is only a comment.
			boolean inDowngrade = false;
			for (int i = next; i < this.lines.count(); i++) {
				Marker marker = marker(i);
				if (marker != null) {
					markers.add(i);
					inDowngrade = marker == Marker.DOWNGRADE;
				}
				else if (looksLikeMarker(i)) {
					// Read as a comment, it would leave the statements below it in the section above it:
					// '-- + downgrade' would run the downgrade on the way up.
					problem(i + 1, "'" + lineText(i) + "' is not a section marker (those are '-- +upgrade' and "
							+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
							+ "section above it. Write the marker as one of those, or leave out the '+' if the line is "
							+ "a comment.");
				}
				else if (looksLikeMarkerWithoutPlus(i, inDowngrade)) {
					// Another tool's marker, or ours without its '+': the downgrade's DROP would run on the way up
					// right after the CREATE, and the revision would have no downgrade.
					problem(i + 1, "'" + lineText(i) + "' is not a section marker (those are '-- +upgrade' and "
							+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
							+ "section above it" + (inDowngrade ? "" : " and run on the way up") + ". Write the marker as "
							+ "one of those, or reword the line if it is a comment.");
				}
				else if (markers.isEmpty() && strayLine == 0 && holdsSql(i, commentDepth)) {
					strayLine = i + 1;
				}
				else if (markers.isEmpty() && this.lines.isComment(i)) {
					// A key after a blank line would be silently ignored: a lost 'Revises' makes a new base.
					String key = headerKeyAt(i);
					if (key != null) {
						problem(i + 1, "header key '" + key + "' stands after the end of the header (line " + (next + 1)
								+ " ends it), so it would be ignored. Keep the header one block of '--' lines: write '--'"
								+ " alone for a blank line inside it.");
					}
				}
			}
			for (int m = 0; m < markers.size(); m++) {
				int marker = markers.get(m);
				int endExclusive = (m + 1 < markers.size()) ? markers.get(m + 1) : this.lines.count();
				boolean isUpgrade = marker(marker) == Marker.UPGRADE;
				Section previous = isUpgrade ? upgrade : downgrade;
				if (previous != null) {
					problem(marker + 1, "a second '-- +" + (isUpgrade ? "upgrade" : "downgrade")
							+ "' section (the first is at line " + previous.markerLine()
							+ "). Keep one section of each kind.");
					continue;
				}
				Section section = section(marker, endExclusive);
				if (isUpgrade) {
					upgrade = section;
				}
				else {
					downgrade = section;
				}
			}
			if (markers.isEmpty() && this.problems.isEmpty() && !hasHeaderKeys()) {
				// Nothing of a revision file: a script that ended up in the folder. One problem, not one per
				// part it lacks (no id, no section, SQL outside a section).
				problem(firstHeaderLine(), "not a revision file: it has no header (a first comment line with the"
						+ " message, then '-- Revision ID: …') and no '-- +upgrade' section. Move it out of the revisions"
						+ " folder, or add the header and the sections (retort revision -m \"message\" writes a new file"
						+ " with both).");
				return new Result(null, this.problems);
			}
			this.problems.addAll(this.notKeyValue);
			if (markers.isEmpty() && strayLine != 0) {
				// One cause: without a marker, every statement is outside a section.
				problem(strayLine, "no '-- +upgrade' section, so the SQL from this line on belongs to none. Put a line"
						+ " '-- +upgrade' above the upgrade statements (an empty section is a valid no-op).");
			}
			else if (markers.isEmpty()) {
				problem(lastNonBlankLine(), "no '-- +upgrade' section. Add a line '-- +upgrade' after the header, with"
						+ " the upgrade statements under it (an empty section is a valid no-op).");
			}
			else if (strayLine != 0) {
				problem(strayLine, "SQL before '-- +upgrade'. Statements belong in the '-- +upgrade' or '-- +downgrade' "
						+ "section; start the upgrade with a line '-- +upgrade'.");
			}
			if (upgrade == null && !markers.isEmpty()) {
				problem(markers.get(0) + 1, "no '-- +upgrade' section, only '-- +downgrade'. Add a line '-- +upgrade' "
						+ "above the upgrade statements (an empty section is a valid no-op).");
			}
			RevisionScript script = build(upgrade, downgrade);
			return new Result(script, inLineOrder(this.problems));
		}

		/**
		 * The first line that opens a merge conflict ({@code <<<<<<< HEAD}, alone or with a name after
		 * it), or -1. No SQL statement starts a line with seven '<'.
		 */
		private int conflictMarkerLine() {
			for (int i = 0; i < this.lines.count(); i++) {
				String line = lineText(i);
				if (line.equals("<<<<<<<") || line.startsWith("<<<<<<< ")) {
					return i;
				}
			}
			return -1;
		}

		private String lineText(int index) {
			return this.lines.text().substring(this.lines.start(index), this.lines.end(index)).strip();
		}

		/** Whether the header holds any {@code Key: value} line. */
		private boolean hasHeaderKeys() {
			for (int line : this.keyLines) {
				if (line != 0) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether a line above every marker holds SQL: something outside {@code --} and
		 * {@code /* *}{@code /} comments, which may span lines and nest as in PostgreSQL
		 * ({@code depth} carries the nesting from one line to the next).
		 */
		private boolean holdsSql(int index, int[] depth) {
			String text = this.lines.text();
			int end = this.lines.end(index);
			for (int i = this.lines.start(index); i < end; i++) {
				char c = text.charAt(i);
				boolean pair = i + 1 < end;
				if (pair && c == '/' && text.charAt(i + 1) == '*') {
					depth[0]++;
					i++;
				}
				else if (depth[0] > 0) {
					if (pair && c == '*' && text.charAt(i + 1) == '/') {
						depth[0]--;
						i++;
					}
				}
				else if (pair && c == '-' && text.charAt(i + 1) == '-') {
					return false;
				}
				else if (c > ' ') {
					return true;
				}
			}
			return false;
		}

		/**
		 * The problems sorted by their line, so a file reads top to bottom (the header, the sections
		 * and the values are checked in passes of their own); stable, so one line keeps its order.
		 */
		private List<String> inLineOrder(List<String> problems) {
			if (problems.size() < 2) {
				return problems;
			}
			List<String> sorted = new ArrayList<>(problems);
			sorted.sort(Comparator.comparingInt(this::lineOf));
			return sorted;
		}

		/** The line of a problem of this file ({@code source:line: …}). */
		private int lineOf(String problem) {
			int from = this.source.length() + 1;
			int to = problem.indexOf(':', from);
			try {
				return Integer.parseInt(problem, from, to, 10);
			}
			catch (RuntimeException ex) {
				return Integer.MAX_VALUE;
			}
		}

		/**
		 * Reads the leading block of {@code --} lines; returns the index of the first line after it.
		 * By positions in the text rather than a trimmed string per line: every start reads the
		 * header of every file.
		 */
		private int readHeader() {
			String text = this.lines.text();
			int i = 0;
			while (i < this.lines.count() && this.lines.isBlank(i)) {
				i++;
			}
			boolean first = true;
			boolean inNotes = false;
			for (; i < this.lines.count(); i++) {
				// The line trimmed as String.trim() does, then the content after its "--".
				int start = this.lines.start(i);
				int end = this.lines.end(i);
				while (start < end && text.charAt(start) <= ' ') {
					start++;
				}
				while (end > start && text.charAt(end - 1) <= ' ') {
					end--;
				}
				if (end - start < 2 || text.charAt(start) != '-' || text.charAt(start + 1) != '-' || marker(i) != null
						|| (!first && !inNotes && looksLikeMarker(i))) {
					break;
				}
				if (inNotes) {
					// Kept as written, indentation too; only the space that follows '--' by convention goes.
					int after = start + 2;
					this.notes.add(text.substring((after < end && text.charAt(after) <= ' ') ? after + 1 : after, end));
					continue;
				}
				int from = start + 2;
				while (from < end && text.charAt(from) <= ' ') {
					from++;
				}
				if (from == end) {
					continue;
				}
				if (first) {
					// SPEC 2.1: the first line is the message, whatever it looks like ("Notes: …" too).
					this.message = text.substring(from, end);
					this.messageLine = i + 1;
					first = false;
					continue;
				}
				int colon = text.indexOf(':', from);
				if (colon <= from || colon >= end) {
					this.notKeyValue.add(located(i + 1, "header line '" + text.substring(from, end) + "' is not 'Key:"
							+ " value'. Valid keys are " + String.join(", ", KEYS) + "; free text goes after 'Notes:'."));
					continue;
				}
				int key = keyIndex(text, from, colon);
				if (key < 0) {
					String unknown = text.substring(from, colon).trim();
					String near = nearestKey(unknown);
					problem(i + 1, "unknown header key '" + unknown + "'"
							+ ((near != null) ? " (did you mean '" + near + "'?)" : "") + ". Valid keys are "
							+ String.join(", ", KEYS) + "; free text goes after 'Notes:'.");
					continue;
				}
				if (this.keyLines[key] != 0) {
					problem(i + 1, "header key '" + KEYS.get(key) + "' appears twice (first at line "
							+ this.keyLines[key] + "). Keep one.");
					continue;
				}
				this.keyLines[key] = i + 1;
				this.values[key] = text.substring(colon + 1, end).trim();
				inNotes = key == NOTES;
				if (inNotes && !this.values[key].isEmpty()) {
					this.notes.add(this.values[key]);
				}
			}
			return i;
		}

		private Section section(int marker, int endExclusive) {
			int from = marker + 1;
			int to = endExclusive;
			while (from < to && this.lines.isBlank(from)) {
				from++;
			}
			while (to > from && this.lines.isBlank(to - 1)) {
				to--;
			}
			SqlSection section = SqlSection.of(this.source, this.lines.join(from, to).stripTrailing(), from + 1);
			if (this.splitNow) {
				String problem = section.splitProblem();
				if (problem != null) {
					this.problems.add(problem);
				}
			}
			return new Section(marker + 1, section);
		}

		private RevisionScript build(Section upgrade, Section downgrade) {
			String id = this.values[REVISION_ID];
			if (id == null || id.isEmpty()) {
				int line = (this.keyLines[REVISION_ID] != 0) ? this.keyLines[REVISION_ID] : firstHeaderLine();
				if (this.messageLine > 0 && normaliseKey(this.message).startsWith("revision id:")) {
					problem(this.messageLine, "the first header line is the message, so '" + this.message
							+ "' is read as the message and the file has no 'Revision ID'. Add a message line above it.");
					return null;
				}
				problem(line, "missing 'Revision ID' header. Add a line '-- Revision ID: <id>' under the message "
						+ "(retort revision -m \"message\" writes a new file with a fresh id).");
				return null;
			}
			int idLine = this.keyLines[REVISION_ID];
			String idProblem = RevisionIds.problem(id);
			if (idProblem != null) {
				problem(idLine, idProblem);
			}
			// In the order the template writes them, so that their problems come in line order.
			List<String> revises = list(REVISES);
			List<String> labels = list(BRANCH_LABELS);
			List<String> dependsOn = list(DEPENDS_ON);
			boolean transactional = transactional();
			String createDate = this.values[CREATE_DATE];
			createDate = (createDate == null || createDate.isEmpty()) ? null : createDate;
			Origin origin = new Origin(this.source, idLine, this.keyLines[REVISES], this.keyLines[DEPENDS_ON],
					this.keyLines[BRANCH_LABELS]);
			SqlSection up = (upgrade != null) ? upgrade.section() : SqlSection.split("", List.of());
			String checksum = checksum(up.text());
			Revision revision = new Revision(id, revises, dependsOn, labels, this.message, createDate, notes(),
					origin, Kind.SQL, transactional, downgrade != null, checksum);
			RevisionScript.SqlBody body = new RevisionScript.SqlBody(up,
					(downgrade != null) ? downgrade.section() : null);
			return new RevisionScript(revision, body);
		}

		private List<String> list(int key) {
			String value = this.values[key];
			List<String> items = new ArrayList<>();
			if (value == null) {
				return items;
			}
			boolean emptyReported = false;
			for (String item : value.split(",", -1)) {
				String trimmed = item.trim();
				if (trimmed.isEmpty()) {
					// An empty value is a base (or no labels); an empty entry among values is a typo, and
					// dropping it quietly could lose a parent: a merge becomes a plain revision, or a new base.
					if (!value.isEmpty() && !emptyReported) {
						problem(this.keyLines[key], "'" + KEYS.get(key) + "' value '" + value + "' has an empty entry "
								+ "(a comma with nothing before or after it). Write the " + ENTRY_WORDS[key]
								+ " that is missing, or remove the extra comma.");
						emptyReported = true;
					}
					continue;
				}
				if (hasWhitespace(trimmed)) {
					problem(this.keyLines[key], "'" + KEYS.get(key) + "' value '" + trimmed
							+ "' holds a space. Separate several values with commas.");
					continue;
				}
				items.add(trimmed);
			}
			return items;
		}

		/** The notes as one text without leading or trailing blank lines, {@code null} when there are none. */
		private String notes() {
			int from = 0;
			int to = this.notes.size();
			while (from < to && this.notes.get(from).isBlank()) {
				from++;
			}
			while (to > from && this.notes.get(to - 1).isBlank()) {
				to--;
			}
			return (from < to) ? String.join("\n", this.notes.subList(from, to)) : null;
		}

		private boolean transactional() {
			String value = this.values[TRANSACTIONAL];
			if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
				return true;
			}
			if (value.equalsIgnoreCase("false")) {
				return false;
			}
			problem(this.keyLines[TRANSACTIONAL],
					"'Transactional' is '" + value + "'; it takes 'true' or 'false'.");
			return true;
		}

		private int lastNonBlankLine() {
			for (int i = this.lines.count() - 1; i >= 0; i--) {
				if (!this.lines.isBlank(i)) {
					return i + 1;
				}
			}
			return 1;
		}

		private int firstHeaderLine() {
			for (int i = 0; i < this.lines.count(); i++) {
				if (!this.lines.isBlank(i)) {
					return i + 1;
				}
			}
			return 1;
		}

		private void problem(int line, String text) {
			this.problems.add(located(line, text));
		}

		private String located(int line, String text) {
			return this.source + ":" + line + ": " + text;
		}

		/**
		 * The section a line starts: {@code -- +upgrade} or {@code -- +downgrade}, any case, any
		 * spaces around and after the dashes. A plain scan: every line of every file passes here.
		 */
		private static Marker marker(String text, int from, int to) {
			int i = skipWhitespace(text, from, to);
			if (i + 2 > to || text.charAt(i) != '-' || text.charAt(i + 1) != '-') {
				return null;
			}
			return markerAfterDashes(text, i + 2, to);
		}

		// Apart from marker(), which every line passes: a new JVM compiles that early, and small.
		private static Marker markerAfterDashes(String text, int from, int to) {
			int i = skipWhitespace(text, from, to);
			if (i >= to || text.charAt(i) != '+') {
				return null;
			}
			i++;
			Marker marker;
			if (startsWithIgnoreCase(text, i, to, "upgrade")) {
				marker = Marker.UPGRADE;
				i += 7;
			}
			else if (startsWithIgnoreCase(text, i, to, "downgrade")) {
				marker = Marker.DOWNGRADE;
				i += 9;
			}
			else {
				return null;
			}
			return (skipWhitespace(text, i, to) == to) ? marker : null;
		}

		/** Where the text of a {@code --} comment line starts, its blanks skipped; -1 for any other line. */
		private int commentText(int index) {
			String text = this.lines.text();
			int to = this.lines.end(index);
			int i = skipWhitespace(text, this.lines.start(index), to);
			if (i + 2 > to || text.charAt(i) != '-' || text.charAt(i + 1) != '-') {
				return -1;
			}
			return skipWhitespace(text, i + 2, to);
		}

		/**
		 * Whether the line, not a marker, reads like one written wrong: {@code -- +} and a word that
		 * starts with {@code up} or {@code down} ({@code -- + downgrade}, {@code -- +downgrade:},
		 * {@code -- +Down}), or sql-migrate's and goose's {@code -- +migrate Down}, {@code -- +goose Up}.
		 */
		private boolean looksLikeMarker(int index) {
			String text = this.lines.text();
			int to = this.lines.end(index);
			int i = commentText(index);
			if (i < 0 || i >= to || text.charAt(i) != '+') {
				return false;
			}
			i = skipWhitespace(text, i + 1, to);
			String word = wordAt(text, i, to);
			if (word.equalsIgnoreCase("migrate") || word.equalsIgnoreCase("goose")) {
				word = wordAt(text, skipWhitespace(text, i + word.length(), to), to);
			}
			String lower = word.toLowerCase(Locale.ROOT);
			return lower.startsWith("up") || lower.startsWith("down");
		}

		/**
		 * Whether the line, a comment that is neither a marker nor {@link #looksLikeMarker one written
		 * wrong}, is a marker without the {@code +}: another tool's ({@code -- migrate:down} of dbmate,
		 * {@code -- retort:downgrade} by analogy), any {@code name:} and {@code up}, {@code upgrade},
		 * {@code down} or {@code downgrade} alone on the line; or {@code -- down} or
		 * {@code -- downgrade} alone (a colon after it allowed) outside the downgrade section, where the
		 * statements below it would run on the way up. {@code -- upgrade} alone is left a comment: in the
		 * upgrade section it changes nothing, and without any marker the file is refused anyway.
		 */
		private boolean looksLikeMarkerWithoutPlus(int index, boolean inDowngrade) {
			String text = this.lines.text();
			int to = this.lines.end(index);
			int i = commentText(index);
			if (i < 0) {
				return false;
			}
			String word = wordAt(text, i, to);
			i += word.length();
			boolean named = false;
			if (!word.isEmpty() && i < to && text.charAt(i) == ':') {
				String after = wordAt(text, i + 1, to);
				if (!after.isEmpty()) {
					word = after;
					i += 1 + after.length();
					named = true;
				}
			}
			if (i < to && text.charAt(i) == ':') {
				i++;
			}
			if (skipWhitespace(text, i, to) != to) {
				return false;
			}
			String lower = word.toLowerCase(Locale.ROOT);
			if (lower.equals("down") || lower.equals("downgrade")) {
				return named || !inDowngrade;
			}
			return named && (lower.equals("up") || lower.equals("upgrade"));
		}

		/** The letters at {@code at}, possibly none. */
		private static String wordAt(String text, int at, int to) {
			int end = at;
			while (end < to && Character.isLetter(text.charAt(end))) {
				end++;
			}
			return text.substring(at, end);
		}

		/** Whether {@code text} has {@code word} at {@code at}, in any case. */
		private static boolean startsWithIgnoreCase(String text, int at, int to, String word) {
			return at + word.length() <= to && Keywords.matchAt(text, at, word);
		}

		private static int skipWhitespace(String text, int from, int to) {
			int i = from;
			while (i < to && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			return i;
		}

		private static boolean hasWhitespace(String text) {
			for (int i = 0; i < text.length(); i++) {
				if (Character.isWhitespace(text.charAt(i))) {
					return true;
				}
			}
			return false;
		}

		/** The key of a comment line written as a header line ({@code -- Revises: a1}), else {@code null}. */
		private String headerKeyAt(int index) {
			String line = this.lines.text().substring(this.lines.start(index), this.lines.end(index)).strip();
			if (!line.startsWith("--")) {
				return null;
			}
			String content = line.substring(2);
			int colon = content.indexOf(':');
			if (colon <= 0) {
				return null;
			}
			int key = keyIndex(content, 0, colon);
			return (key >= 0) ? KEYS.get(key) : null;
		}

		/**
		 * The index in {@link #KEYS} of the key written at {@code text[from, to)}, or -1: compared
		 * in place when written as shown to users, as {@code retort revision} writes it, else
		 * normalised first.
		 */
		private static int keyIndex(String text, int from, int to) {
			int length = to - from;
			for (int key = 0; key < KEYS.size(); key++) {
				String written = KEYS.get(key);
				if (written.length() == length && text.startsWith(written, from)) {
					return key;
				}
			}
			Integer key = KEY_INDEXES.get(normaliseKey(text.substring(from, to)));
			return (key != null) ? key : -1;
		}

		/**
		 * The key a mistyped one most likely means ({@code Revisess}, {@code Branch Label},
		 * {@code Depends}), or {@code null}: letters compared alone, case aside, at most two edits
		 * apart or one the start of the other. Only on the error path.
		 */
		private static String nearestKey(String written) {
			String wanted = letters(written);
			String best = null;
			int bestDistance = 3;
			for (String key : KEYS) {
				String candidate = letters(key);
				int distance = (wanted.length() >= 4 && (candidate.startsWith(wanted) || wanted.startsWith(candidate)))
						? 1 : EditDistance.between(wanted, candidate);
				if (distance < bestDistance) {
					best = key;
					bestDistance = distance;
				}
			}
			return best;
		}

		private static String letters(String text) {
			StringBuilder letters = new StringBuilder(text.length());
			for (int i = 0; i < text.length(); i++) {
				if (Character.isLetter(text.charAt(i))) {
					letters.append(Character.toLowerCase(text.charAt(i)));
				}
			}
			return letters.toString();
		}

		/** Lower case, each run of whitespace as one space, trimmed. */
		private static String normaliseKey(String key) {
			String trimmed = key.trim();
			StringBuilder normalised = new StringBuilder(trimmed.length());
			boolean space = false;
			for (int i = 0; i < trimmed.length(); i++) {
				char c = trimmed.charAt(i);
				if (Character.isWhitespace(c)) {
					space = true;
					continue;
				}
				if (space) {
					normalised.append(' ');
					space = false;
				}
				normalised.append(c);
			}
			return normalised.toString().toLowerCase(Locale.ROOT);
		}

	}

	/** One section of a file and the line of its marker. */
	private record Section(int markerLine, SqlSection section) {
	}

	private enum Marker {

		UPGRADE, DOWNGRADE

	}

}
