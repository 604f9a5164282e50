package dev.retort.runtime;

/**
 * The migration lock of an offline script: the advisory locks an online run holds
 * ({@link MigrationLock}, the lock and the work lock), taken by the psql session at the start of
 * the script and released at its end. Without them a script run while an application instance
 * migrates the same schema at startup would interleave with it; with them, whichever comes
 * second stops (the script at once, naming the holder; an online run after
 * {@code retort.lock.wait-timeout}, naming psql). Session-level, so they die with psql's
 * session, and held outside any transaction, so {@code CREATE INDEX CONCURRENTLY} does not wait
 * for them.
 */
public final class ScriptLock {

	private ScriptLock() {
	}

	/** The statement that takes both locks, or stops the script naming who holds them. */
	public static String acquire(TableNames names) {
		return "DO $retort$\nDECLARE\n"
				+ "    lock_key bigint := " + key(MigrationLock.LOCK_PREFIX, names) + ";\n"
				+ "    work_key bigint := " + key(MigrationLock.WORK_PREFIX, names) + ";\n"
				+ "    holder text;\n"
				+ "BEGIN\n"
				+ "    IF NOT (pg_try_advisory_lock(lock_key) AND pg_try_advisory_lock(work_key)) THEN\n"
				+ "        SELECT string_agg(DISTINCT 'pid ' || a.pid || ' (application_name ''' || a.application_name"
				+ " || ''')', ', ') INTO holder\n"
				+ "            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid\n"
				+ "            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.pid <> pg_backend_pid()\n"
				+ "                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())\n"
				+ "                AND ((l.classid::bigint << 32) | l.objid::bigint) IN (lock_key, work_key);\n"
				+ "        RAISE EXCEPTION USING MESSAGE = 'Retort: the migration lock of ' || " + schema(names) + " || "
				+ Sql.literal("." + names.versionTable() + " is held by ") + "\n"
				+ "            || coalesce(holder, 'a session that has just ended') || "
				+ Sql.literal(", another run migrating it now. Nothing of this script was run: run it again once that"
						+ " run is done.")
				+ ";\n    END IF;\nEND\n$retort$";
	}

	/** The statement that releases both locks, for a session that goes on after the script. */
	public static String release(TableNames names) {
		return "DO $retort$\nBEGIN\n"
				+ "    PERFORM pg_advisory_unlock(" + key(MigrationLock.LOCK_PREFIX, names) + ");\n"
				+ "    PERFORM pg_advisory_unlock(" + key(MigrationLock.WORK_PREFIX, names) + ");\n"
				+ "END\n$retort$";
	}

	/**
	 * The key as {@link MigrationLock#key} derives it: a literal when the schema is configured;
	 * else computed by the server from its current schema, the one an online run resolves.
	 */
	private static String key(String prefix, TableNames names) {
		if (names.schema() != null) {
			return String.valueOf(MigrationLock.key(prefix, names));
		}
		return "('x' || left(encode(sha256(convert_to(" + Sql.literal(prefix) + " || " + schema(names) + " || "
				+ Sql.literal("." + names.versionTable()) + ", 'UTF8')), 'hex'), 16))::bit(64)::bigint";
	}

	/** The schema of the version table, as an online run resolves it. */
	private static String schema(TableNames names) {
		return (names.schema() != null) ? Sql.literal(names.schema()) : "coalesce(current_schema(), 'public')";
	}

}
