package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.parenthesized;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * PG126's way out for {@code ALTER TABLE parent ATTACH PARTITION child FOR VALUES …}: the
 * partition's bound written as a CHECK on the child, added NOT VALID, validated without blocking
 * its rows, so that the ATTACH finds the bound implied and reads no row (PostgreSQL's "partition
 * constraint … is implied by existing constraints"; LockClaimsTests shows it).
 */
final class PartitionBound {

	private PartitionBound() {
	}

	/**
	 * The fix of an ATTACH of {@code child} to {@code parent}, with their names, the check's
	 * condition where the bound is one of a plain key column, and the ATTACH as written.
	 * @param keyColumn the parent's partition key, or {@code null} when unknown
	 * @param bound the tokens of the bound, from FOR VALUES (or DEFAULT) on
	 */
	static String fix(String parent, String child, String keyColumn, List<Token> bound) {
		String condition = (keyColumn != null) ? condition(keyColumn, bound) : null;
		String constraint = child + "_partition_bound";
		return "In a revision of its own: ALTER TABLE " + child + " ADD CONSTRAINT " + constraint + " CHECK ("
				+ ((condition != null) ? condition
						: "what the bound says of the partition key, and that the key IS NOT NULL")
				+ ") NOT VALID. In the next: ALTER TABLE " + child + " VALIDATE CONSTRAINT " + constraint
				+ " (it reads the rows without blocking them), then ALTER TABLE " + parent + " ATTACH PARTITION " + child
				+ " …, which finds the bound implied by the check and reads no row, then ALTER TABLE " + child
				+ " DROP CONSTRAINT " + constraint + ".";
	}

	/**
	 * The fix of adding the partition {@code child} of {@code parent} beside its default partition
	 * {@code defaultPartition}: a CHECK of the default that excludes the bound, added NOT VALID and
	 * validated without blocking its rows, so that PostgreSQL finds the default's new constraint
	 * implied and reads none of them ("updated partition constraint for default partition … is
	 * implied by existing constraints").
	 * @param created whether the partition is added by CREATE TABLE … PARTITION OF rather than ATTACH
	 */
	static String defaultPartitionFix(String parent, String defaultPartition, String child, String keyColumn,
			List<Token> bound, boolean created) {
		String condition = (keyColumn != null) ? condition(keyColumn, bound) : null;
		String constraint = defaultPartition + "_excludes_" + child;
		String add = created ? "CREATE TABLE " + child + " PARTITION OF " + parent + " …"
				: "ALTER TABLE " + parent + " ATTACH PARTITION " + child + " …";
		return "In a revision of its own: ALTER TABLE " + defaultPartition + " ADD CONSTRAINT " + constraint
				+ " CHECK (NOT (" + ((condition != null) ? condition : "what the bound says of the partition key")
				+ ")) NOT VALID. In the next: ALTER TABLE " + defaultPartition + " VALIDATE CONSTRAINT " + constraint
				+ " (it reads the rows without blocking them, and fails on a row that belongs in the bound, as the "
				+ (created ? "CREATE" : "ATTACH") + " would: move those first), then " + add + ", which finds the bound"
				+ " excluded by the check and reads no row of " + defaultPartition + ", then ALTER TABLE "
				+ defaultPartition + " DROP CONSTRAINT " + constraint + ".";
	}

	/**
	 * The bound as a CHECK condition ({@code at IS NOT NULL AND at >= '2023-01-01' AND at <
	 * '2024-01-01'}, {@code region IS NOT NULL AND region IN ('eu', 'us')}), or {@code null} for one
	 * not written here (DEFAULT, a hash bound, a list with NULL, an expression): without IS NOT
	 * NULL a nullable key's bound is not implied, and PostgreSQL reads every row.
	 */
	static String condition(String key, List<Token> bound) {
		List<String> parts = new ArrayList<>();
		parts.add(key + " IS NOT NULL");
		if (startsWith(bound, 0, "FOR", "VALUES", "FROM")) {
			int to = indexOfWord(bound, "TO", 3);
			String from = literal(parenthesized(bound, 3));
			String upTo = (to >= 0) ? literal(parenthesized(bound, to + 1)) : null;
			if (from == null || upTo == null) {
				return null;
			}
			if (!from.isEmpty()) {
				parts.add(key + " >= " + from);
			}
			if (!upTo.isEmpty()) {
				parts.add(key + " < " + upTo);
			}
			return String.join(" AND ", parts);
		}
		if (startsWith(bound, 0, "FOR", "VALUES", "IN")) {
			List<Token> values = parenthesized(bound, 3);
			List<String> literals = new ArrayList<>();
			for (List<Token> value : split(values, 0, values.isEmpty() ? 0 : values.get(0).depth())) {
				String literal = (value.size() == 1 && !value.get(0).is("NULL")) ? literal(value) : null;
				if (literal == null || literal.isEmpty()) {
					return null;
				}
				literals.add(literal);
			}
			parts.add(key + " IN (" + String.join(", ", literals) + ")");
			return String.join(" AND ", parts);
		}
		return null;
	}

	/**
	 * A one-value range bound as SQL: a string or a number; empty for MINVALUE or MAXVALUE, which
	 * bound nothing; {@code null} for anything else.
	 */
	private static String literal(List<Token> value) {
		if (value.size() != 1) {
			return null;
		}
		Token token = value.get(0);
		return switch (token.kind()) {
			case STRING -> "'" + token.text().replace("'", "''") + "'";
			case NUMBER -> token.text();
			case WORD -> (token.is("MINVALUE") || token.is("MAXVALUE")) ? ""
					: (token.is("TRUE") || token.is("FALSE")) ? token.text().toLowerCase(Locale.ROOT) : null;
			default -> null;
		};
	}

}
