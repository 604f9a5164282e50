package dev.retort.script;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Revision ids: fresh ones (12 random hex digits, as Alembic's) and the rules an id obeys. An id
 * read from an existing file must fit the version table (32 characters) and is checked against
 * the identifier grammar by the graph; a new id is held to letters, digits and underscores.
 */
public final class RevisionIds {

	/** {@code version_num varchar(32)}: a longer id could not be recorded. */
	public static final int MAX_LENGTH = 32;

	private RevisionIds() {
	}

	/** A fresh id: 12 lower-case hex digits from a {@link SecureRandom}. */
	public static String newId() {
		byte[] bytes = new byte[6];
		NewFiles.RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Checks an id for a new revision file.
	 * @throws RetortException ({@link ErrorCode#INVALID_REVISION_FILE}) naming the id and the
	 * characters at fault
	 */
	public static String requireWritable(String id) {
		if (id == null || id.isEmpty()) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE,
					"A revision id must not be empty. Leave --rev-id out for a fresh one.");
		}
		if (!NewFiles.WRITABLE.matcher(id).matches()) {
			StringBuilder bad = new StringBuilder();
			id.chars()
				.filter((c) -> !NewFiles.WRITABLE.matcher(String.valueOf((char) c)).matches())
				.distinct()
				.forEach((c) -> bad.append((char) c));
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "Character(s) '" + bad
					+ "' not allowed in revision id '" + id + "'. Use letters, digits and underscores.");
		}
		if (id.length() > MAX_LENGTH) {
			// Alembic writes such an id and fails only when the upgrade records it ("value too long
			// for type character varying(32)"), after its DDL ran: here nothing is written.
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "Revision id '" + id + "' is " + id.length()
					+ " characters long; the version tables hold ids of at most " + MAX_LENGTH + " (varchar(" + MAX_LENGTH
					+ "), as Alembic's). Choose a shorter --rev-id (the message, not the id, describes the change), or"
					+ " leave it out for a fresh one; nothing was written.");
		}
		return id;
	}

	/**
	 * Why an id read from a file or class cannot be stored, or {@code null} when it can. The
	 * characters the identifier grammar reserves are the graph's to report, with the other
	 * graph problems.
	 */
	static String problem(String id) {
		if (id.length() > MAX_LENGTH) {
			// Said of Retort's tables, not 'the' table: a version table taken over from Alembic may
			// have been widened, and still the history table holds no more.
			return "revision id '" + id + "' is " + id.length() + " characters long; Retort's version tables hold ids of"
					+ " at most " + MAX_LENGTH + " (varchar(" + MAX_LENGTH + "), as Alembic's), even where alembic_version"
					+ " was widened. Use a shorter id.";
		}
		return null;
	}

	/**
	 * What only writing a revision needs, made on first use: every command reads ids through
	 * this class, and a {@code SecureRandom} loads the JCA's providers and opens the system's
	 * seed files (milliseconds of a start that never writes a revision).
	 */
	private static final class NewFiles {

		static final SecureRandom RANDOM = new SecureRandom();

		static final Pattern WRITABLE = Pattern.compile("[A-Za-z0-9_]+");

	}

}
