package dev.retort.operation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.revision.Sha256;

/**
 * How {@link Operations} names an index or constraint that the revision author did not name,
 * with SQLAlchemy's template tokens: {@code %(table_name)s}, {@code %(column_0_name)s},
 * {@code %(column_0_label)s} ({@code table_column}), {@code %(column_0_N_name)s} (every column,
 * joined by {@code _}), {@code %(referred_table_name)s}, {@code %(referred_column_0_name)s} and
 * {@code %(constraint_name)s}. Explicit names are always used as given.
 *
 * <p>Names longer than PostgreSQL's 63 bytes are shortened to 54 characters plus {@code _} and
 * eight hex digits of their SHA-256, so that two long names stay distinct.
 *
 * @param index the template for indexes
 * @param unique the template for unique constraints
 * @param check the template for check constraints (it needs {@code %(constraint_name)s})
 * @param foreignKey the template for foreign keys
 * @param primaryKey the template for primary keys
 */
public record NamingConvention(String index, String unique, String check, String foreignKey, String primaryKey) {

	/** SQLAlchemy's recommended convention, as in Alembic's documentation. */
	public static final NamingConvention DEFAULT = new NamingConvention("ix_%(column_0_label)s",
			"uq_%(table_name)s_%(column_0_name)s", "ck_%(table_name)s_%(constraint_name)s",
			"fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk_%(table_name)s");

	/** PostgreSQL's longest identifier, in bytes. */
	public static final int MAX_IDENTIFIER_LENGTH = 63;

	private static final Pattern TOKEN = Pattern.compile("%\\((\\w+)\\)s");

	public NamingConvention {
		Names.require(index, "index");
		Names.require(unique, "unique");
		Names.require(check, "check");
		Names.require(foreignKey, "foreignKey");
		Names.require(primaryKey, "primaryKey");
	}

	/** The name of an index on {@code columns} of {@code table}. */
	public String indexName(String table, List<String> columns) {
		return apply(this.index, table, columns, null, List.of(), null);
	}

	/** The name of a unique constraint on {@code columns} of {@code table}. */
	public String uniqueName(String table, List<String> columns) {
		return apply(this.unique, table, columns, null, List.of(), null);
	}

	/** The name of a check constraint called {@code constraintName} on {@code table}. */
	public String checkName(String table, String constraintName) {
		return apply(this.check, table, List.of(), null, List.of(), constraintName);
	}

	/** The name of a foreign key from {@code columns} of {@code table} to {@code referredTable}. */
	public String foreignKeyName(String table, List<String> columns, String referredTable,
			List<String> referredColumns) {
		return apply(this.foreignKey, table, columns, referredTable, referredColumns, null);
	}

	/** The name of the primary key of {@code table}. */
	public String primaryKeyName(String table, List<String> columns) {
		return apply(this.primaryKey, table, columns, null, List.of(), null);
	}

	private static String apply(String template, String table, List<String> columns, String referredTable,
			List<String> referredColumns, String constraintName) {
		String tableName = QualifiedName.parse(table).name();
		Map<String, String> values = new java.util.HashMap<>();
		values.put("table_name", tableName);
		if (!columns.isEmpty()) {
			values.put("column_0_name", columns.get(0));
			values.put("column_0_label", tableName + "_" + columns.get(0));
			values.put("column_0_N_name", String.join("_", columns));
			values.put("column_0N_name", String.join("", columns));
		}
		if (referredTable != null) {
			values.put("referred_table_name", QualifiedName.parse(referredTable).name());
		}
		if (!referredColumns.isEmpty()) {
			values.put("referred_column_0_name", referredColumns.get(0));
			values.put("referred_column_0_N_name", String.join("_", referredColumns));
		}
		if (constraintName != null) {
			values.put("constraint_name", constraintName);
		}
		Matcher matcher = TOKEN.matcher(template);
		StringBuilder name = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("Naming convention '" + template + "' uses %(" + matcher.group(1)
						+ ")s, which is unknown or has no value for table '" + table + "'; give the name explicitly");
			}
			matcher.appendReplacement(name, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(name);
		return shorten(name.toString());
	}

	static String shorten(String name) {
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_LENGTH) {
			return name;
		}
		byte[] digest = Sha256.digest(name.getBytes(StandardCharsets.UTF_8));
		String prefix = name;
		while ((prefix + "_12345678").getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_LENGTH) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		return prefix + "_" + Sha256.hex(digest, 4);
	}

}
