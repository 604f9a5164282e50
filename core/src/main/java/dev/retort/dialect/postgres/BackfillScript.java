package dev.retort.dialect.postgres;

import dev.retort.operation.Backfill;

/**
 * The offline form of a {@link Backfill}: a {@code DO} block that finds the key (the
 * single-column primary key unless one is named), walks it in ranges of the batch size and
 * commits after each range. A {@code DO} block may commit only outside a transaction block
 * (PostgreSQL 11+), so the script must not wrap it in {@code BEGIN}/{@code COMMIT}.
 */
final class BackfillScript {

	private BackfillScript() {
	}

	static String render(Backfill backfill) {
		String table = PostgresIdentifiers.qualified(backfill.table());
		String update = "UPDATE " + table + " SET " + backfill.setClause() + " WHERE %1$I >= $1 AND %1$I < $2"
				+ ((backfill.whereClause() != null) ? " AND (" + backfill.whereClause() + ")" : "");
		String body = String.join("\n", "DECLARE",
				"\tkey_column name := "
						+ ((backfill.keyColumn() != null) ? PostgresLiterals.string(backfill.keyColumn()) : "NULL") + ";",
				"\tbatch_start bigint;", "\tlast_key bigint;", "\tbatch_size constant bigint := " + backfill.batchSize() + ";",
				"\tupdated bigint;", "\ttotal bigint := 0;", "BEGIN", "\tIF key_column IS NULL THEN",
				"\t\tSELECT a.attname INTO key_column FROM pg_index i",
				"\t\t\tJOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]",
				"\t\t\tWHERE i.indrelid = " + PostgresLiterals.string(table)
						+ "::regclass AND i.indisprimary AND i.indnkeyatts = 1",
				"\t\t\t\tAND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype);",
				"\t\tIF NOT FOUND THEN",
				"\t\t\tRAISE EXCEPTION 'Backfill of % needs a single-column integer primary key to batch by', "
						+ PostgresLiterals.string(table) + ";",
				"\t\tEND IF;", "\tEND IF;",
				"\tEXECUTE format(" + PostgresLiterals.string("SELECT min(%1$I), max(%1$I) FROM " + formatEscaped(table))
						+ ", key_column) INTO batch_start, last_key;",
				"\tWHILE batch_start <= last_key LOOP",
				"\t\tEXECUTE format(" + PostgresLiterals.string(formatEscapedExceptKey(update))
						+ ", key_column) USING batch_start, batch_start + batch_size;",
				"\t\tGET DIAGNOSTICS updated = ROW_COUNT;", "\t\ttotal := total + updated;", "\t\tCOMMIT;",
				"\t\tRAISE NOTICE 'Backfill of %: % rows updated, keys up to % of %', "
						+ PostgresLiterals.string(table) + ", total, batch_start + batch_size - 1, last_key;",
				"\t\tbatch_start := batch_start + batch_size;", "\tEND LOOP;", "END");
		String tag = dollarTag(body);
		return "DO " + tag + "\n" + body + "\n" + tag;
	}

	/** Doubles every {@code %} so that {@code format()} leaves user SQL alone. */
	private static String formatEscaped(String sql) {
		return sql.replace("%", "%%");
	}

	/** As {@link #formatEscaped}, keeping the {@code %1$I} placeholders of the key. */
	private static String formatEscapedExceptKey(String sql) {
		return formatEscaped(sql).replace("%%1$I", "%1$I");
	}

	/** A dollar-quote tag that the body does not contain. */
	private static String dollarTag(String body) {
		String tag = "$backfill$";
		for (int i = 1; body.contains(tag); i++) {
			tag = "$backfill" + i + "$";
		}
		return tag;
	}

}
