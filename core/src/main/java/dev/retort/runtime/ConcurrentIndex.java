package dev.retort.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index a {@code CREATE INDEX CONCURRENTLY} statement names, and the table it is on, as
 * written (quoted or not). A build interrupted half-way leaves its index behind, INVALID (used
 * by no query, still updated by every write), and {@code IF NOT EXISTS} then skips it without a
 * word: the statement succeeds while the index is unusable, so the runner asks the catalog.
 *
 * @param index the index name as written (an index takes its table's schema)
 * @param table the table, schema-qualified or not, as written
 */
record ConcurrentIndex(String index, String table) {

	private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";

	private static final Pattern BUILD = Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\s+concurrently\\s+"
			+ "(?:if\\s+not\\s+exists\\s+)?(" + IDENTIFIER + ")\\s+on\\s+(?:only\\s+)?(" + IDENTIFIER + "(?:\\s*\\.\\s*"
			+ IDENTIFIER + ")?)");

	/** A concurrent build that leaves the name to the server ({@code IF NOT EXISTS} needs one). */
	private static final Pattern UNNAMED_BUILD = Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\s+"
			+ "concurrently\\s+on\\s+(?:only\\s+)?(" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?)");

	private static final Pattern IF_NOT_EXISTS = Pattern.compile("(?is)^\\s*create\\s+(?:unique\\s+)?index\\s+"
			+ "concurrently\\s+if\\s+not\\s+exists\\b");

	/** Any concurrent index build, named or not, or a {@code REINDEX … CONCURRENTLY}. */
	private static final Pattern ANY_BUILD = Pattern
		.compile("(?is)^\\s*(create\\s+(unique\\s+)?index\\s+concurrently|reindex\\b.*\\bconcurrently)\\b.*");

	/**
	 * Whether a statement builds an index concurrently, named or not: stopped half-way, it leaves
	 * an INVALID index behind.
	 */
	static boolean buildsConcurrently(String sql) {
		return sql != null && ANY_BUILD.matcher(sql).matches();
	}

	/** The index a statement builds concurrently under a name, or empty for any other statement. */
	static Optional<ConcurrentIndex> builtBy(String sql) {
		Matcher matcher = BUILD.matcher(sql);
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of(new ConcurrentIndex(matcher.group(1), matcher.group(2).replaceAll("\\s*\\.\\s*", ".")));
	}

	/**
	 * The table of a concurrent build that names no index, or empty: the server chooses the name
	 * ({@code orders_customer_id_idx}, then {@code …_idx1} when taken), so an INVALID index such a
	 * build leaves is found among the table's indexes, against those it had before.
	 */
	static Optional<String> unnamedBuildOn(String sql) {
		Matcher matcher = UNNAMED_BUILD.matcher(sql);
		return matcher.find() ? Optional.of(matcher.group(1).replaceAll("\\s*\\.\\s*", ".")) : Optional.empty();
	}

	/**
	 * One row: the oids of the INVALID indexes of {@code table}, comma-separated (empty for none),
	 * what an unnamed build is compared with after it failed.
	 */
	static String invalidIndexesQuery(String table) {
		return "SELECT coalesce(string_agg(i.indexrelid::text, ','), '') FROM pg_catalog.pg_index i"
				+ " WHERE i.indrelid = to_regclass(" + Sql.literal(table) + ") AND NOT i.indisvalid";
	}

	/**
	 * One row when {@code table} has an INVALID index that is not among {@code before} (oids as
	 * {@link #invalidIndexesQuery} gives them): {@code false} and its name, in the shape of
	 * {@link #validityQuery()}.
	 */
	static String newInvalidIndexQuery(String table, String before) {
		return "SELECT i.indisvalid::text, i.indexrelid::regclass::text FROM pg_catalog.pg_index i"
				+ " WHERE i.indrelid = to_regclass(" + Sql.literal(table) + ") AND NOT i.indisvalid"
				+ " AND i.indexrelid <> ALL (" + Sql.literal("{" + before + "}") + "::oid[])"
				+ " ORDER BY i.indexrelid DESC LIMIT 1";
	}

	/**
	 * One row, when the index exists: whether it is valid, and its name as the server prints it
	 * (schema-qualified when outside the {@code search_path}). {@code to_regclass} reads the names
	 * as SQL does, quoted or folded to lower case.
	 */
	String validityQuery() {
		return "SELECT i.indisvalid::text, i.indexrelid::regclass::text FROM pg_catalog.pg_class t"
				+ " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
				+ " JOIN pg_catalog.pg_index i ON i.indexrelid = to_regclass(quote_ident(n.nspname) || '.' || "
				+ Sql.literal(this.index) + ") WHERE t.oid = to_regclass(" + Sql.literal(this.table) + ")";
	}

	/** {@code REINDEX [(options)] INDEX CONCURRENTLY name}: it builds {@code name_ccnew} beside the index. */
	private static final Pattern REINDEX_INDEX = Pattern.compile("(?is)^\\s*reindex\\s+(?:\\([^)]*\\)\\s*)?index\\s+"
			+ "concurrently\\s+(" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?)");

	/**
	 * No other session builds an index on the table {@code t} (or the index {@code i}) right now:
	 * a concurrent build marks its index INVALID until it is done. The progress view shows
	 * another role's builds only to a role allowed to read them ({@code pg_read_all_stats}), so
	 * the {@code SHARE UPDATE EXCLUSIVE} lock a build holds on its table all along (a session lock)
	 * counts too, autovacuum's apart: it takes that lock on any table at any time, and yields it.
	 */
	private static final String NOT_BEING_BUILT = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p"
			+ " WHERE p.pid <> pg_backend_pid() AND (p.relid = t.oid OR p.index_relid = i.indexrelid))"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
			+ " WHERE l.locktype = 'relation' AND l.relation = t.oid AND l.mode = 'ShareUpdateExclusiveLock' AND l.granted"
			+ " AND l.pid <> pg_backend_pid() AND a.backend_type IS DISTINCT FROM 'autovacuum worker'"
			+ " AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database()))";

	/** The first character of a {@link #leftoversQuery} row: the index is a leftover to drop. */
	static final char DROP = '+';

	/** The first character of a {@link #leftoversQuery} row: an index of the name, to be left alone. */
	static final char KEEP = '-';

	/**
	 * The INVALID indexes an earlier, interrupted run of {@code sql} left behind and that a run of
	 * it may drop before it builds anew, one name a row (as the server prints it, after
	 * {@link #DROP}; an index of the build's name that is no such leftover comes after
	 * {@link #KEEP}): for a named
	 * {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS]}, the index of that name in its
	 * table's schema, on that table; for {@code REINDEX INDEX CONCURRENTLY name}, the
	 * {@code name_ccnew} (and {@code _ccold}) copies of that index on its table. Only those no
	 * session is building now; empty (no query) for any other statement.
	 */
	static Optional<String> leftoversQuery(String sql) {
		Optional<ConcurrentIndex> built = builtBy(sql);
		if (built.isPresent()) {
			// Also the index of that name that is not to be dropped: a lock timeout of the build is then not
			// its own, and the index not its leftover.
			return Optional.of("SELECT CASE WHEN i.indrelid = t.oid AND NOT i.indisvalid AND " + NOT_BEING_BUILT
					+ " THEN '" + DROP + "' ELSE '" + KEEP + "' END || i.indexrelid::regclass::text FROM pg_catalog.pg_class t"
					+ " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
					+ " JOIN pg_catalog.pg_index i ON i.indexrelid = to_regclass(quote_ident(n.nspname) || '.' || "
					+ Sql.literal(built.get().index) + ") WHERE t.oid = to_regclass(" + Sql.literal(built.get().table) + ")");
		}
		Matcher reindex = REINDEX_INDEX.matcher(sql);
		if (!reindex.find()) {
			return Optional.empty();
		}
		String index = reindex.group(1).replaceAll("\\s*\\.\\s*", ".");
		// PostgreSQL names the copies <index>_ccnew and <index>_ccold, then ..._ccnew1 and on.
		return Optional.of("SELECT '" + DROP + "' || i.indexrelid::regclass::text FROM pg_catalog.pg_index o"
				+ " JOIN pg_catalog.pg_class oc ON oc.oid = o.indexrelid"
				+ " JOIN pg_catalog.pg_class t ON t.oid = o.indrelid"
				+ " JOIN pg_catalog.pg_index i ON i.indrelid = o.indrelid"
				+ " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid AND c.relnamespace = oc.relnamespace"
				+ " WHERE o.indexrelid = to_regclass(" + Sql.literal(index) + ") AND NOT i.indisvalid"
				+ " AND left(c.relname, length(oc.relname) + 3) = oc.relname || '_cc'"
				+ " AND substr(c.relname, length(oc.relname) + 4) ~ '^(new|old)[0-9]*$' AND " + NOT_BEING_BUILT
				+ " ORDER BY c.relname");
	}

	/**
	 * Whether a concurrent build says {@code IF NOT EXISTS}: the one kind that succeeds without
	 * building anything when it meets an INVALID leftover.
	 */
	static boolean keepsExisting(String sql) {
		return IF_NOT_EXISTS.matcher(sql).find();
	}

	/**
	 * The offline form of the check online runs after such a build ({@link #validityQuery()}): a
	 * {@code DO} block that stops the script, before the step is recorded, when the index is
	 * INVALID, with the message and SQLSTATE of {@link InvalidException}.
	 */
	String offlineValidityCheck() {
		return "DO $retort$\nDECLARE\n    invalid text;\nBEGIN\n"
				+ "    SELECT v.name INTO invalid FROM (" + validityQuery() + ") AS v (valid, name) WHERE v.valid = 'false';\n"
				+ "    IF invalid IS NOT NULL THEN\n"
				+ "        RAISE EXCEPTION USING ERRCODE = " + Sql.literal(MigrationRunner.INVALID_INDEX) + ", MESSAGE = "
				+ "'Retort: index ' || invalid || ' exists but is INVALID, left by an interrupted CREATE INDEX"
				+ " CONCURRENTLY (''IF NOT EXISTS'' kept it): no query can use it. Drop it (DROP INDEX CONCURRENTLY '"
				+ " || invalid || ') and run the script again: this step is not recorded.';\n"
				+ "    END IF;\nEND\n$retort$";
	}

	/**
	 * The offline check before a build without {@code IF NOT EXISTS}: a {@code DO} block that stops
	 * the script, before the build, when the index is there already. Online, the runner drops an
	 * INVALID leftover of an earlier run and builds it anew, and names a valid one in its failure;
	 * a script run again after a failure half-way met only PostgreSQL's 'relation already exists',
	 * which says neither what left it nor what to do. A script does not drop it by itself: a
	 * reviewed script runs what was reviewed, and {@code DROP INDEX CONCURRENTLY} cannot run in the
	 * {@code DO} block that would decide it.
	 */
	String offlineLeftoverCheck() {
		return "DO $retort$\nDECLARE\n    is_valid text;\n    leftover text;\nBEGIN\n"
				+ "    SELECT v.valid, v.name INTO is_valid, leftover FROM (" + validityQuery() + ") AS v (valid, name);\n"
				+ "    IF is_valid = 'false' THEN\n"
				+ "        RAISE EXCEPTION USING ERRCODE = " + Sql.literal(MigrationRunner.INVALID_INDEX) + ", MESSAGE = "
				+ "'Retort: index ' || leftover || ' exists but is INVALID, left by a CREATE INDEX CONCURRENTLY that was"
				+ " interrupted or failed (an earlier run of this revision, as a rule): no query can use it, and this build"
				+ " would stop on it (already exists). An online run drops such a leftover and builds it anew; a script"
				+ " runs only what was reviewed. Drop it (DROP INDEX CONCURRENTLY ' || leftover || '), then write the script"
				+ " again from where the database stands (''current'' as FROM): this step is not recorded.';\n"
				+ "    ELSIF is_valid = 'true' THEN\n"
				+ "        RAISE EXCEPTION USING ERRCODE = '42P07', MESSAGE = "
				+ "'Retort: index ' || leftover || ' exists and is valid: an earlier run of this revision built it before a"
				+ " later statement failed (its statements outside a transaction stay committed), or it was built by hand,"
				+ " and this build would stop on it (already exists). Keep it by writing ''CREATE INDEX CONCURRENTLY IF NOT"
				+ " EXISTS'' in the revision, or drop it (DROP INDEX CONCURRENTLY ' || leftover || '); then write the script"
				+ " again from where the database stands (''current'' as FROM): this step is not recorded.';\n"
				+ "    END IF;\nEND\n$retort$";
	}

	/**
	 * The index a concurrent build names, found in the catalog after the build failed.
	 *
	 * @param name the index as the server prints it (schema-qualified outside the search path)
	 * @param valid whether queries can use it
	 * @param before whether it was there before the statement ran, and not dropped
	 */
	record Found(String name, boolean valid, boolean before) {

		Found(String name, boolean valid) {
			this(name, valid, false);
		}

		/** The same index, known to have been there before the statement ran: not its own leftover. */
		Found thereBefore() {
			return new Found(this.name, this.valid, true);
		}

	}

	/** The index a concurrent build names exists, INVALID. */
	static final class InvalidException extends java.sql.SQLException {

		/** The index, as the server prints it. */
		final String found;

		InvalidException(String found) {
			super("Index " + found + " exists but is INVALID, left by an interrupted CREATE INDEX CONCURRENTLY"
					+ " ('IF NOT EXISTS' kept it): no query can use it", MigrationRunner.INVALID_INDEX);
			this.found = found;
		}

	}

}
