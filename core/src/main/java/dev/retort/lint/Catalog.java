package dev.retort.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

/**
 * What the revisions linted so far declared, for the rules that depend on what came before:
 * column types (from {@code CREATE TABLE}, {@code ADD COLUMN}, {@code ALTER COLUMN ... TYPE}),
 * {@code CHECK (c IS NOT NULL)} constraints with whether they were validated, the columns declared
 * {@code NOT NULL}, the columns of each index, which tables are partitioned and by which column,
 * the default partition of each and the bound each partition was added with, the {@code CHECK}
 * constraints of each table with whether they are valid, and the routines whose body is read at a call.
 */
final class Catalog {

	/** Column types by {@code table.column}. */
	private final Map<String, String> columnTypes = new HashMap<>();

	/** The column of each {@code CHECK (c IS NOT NULL)} constraint, by {@code table.constraint}. */
	private final Map<String, String> notNullChecks = new HashMap<>();

	/** {@code table.column} holding a validated {@code CHECK (c IS NOT NULL)}. */
	private final Set<String> provenNotNull = new HashSet<>();

	/** {@code table.column} declared NOT NULL (or a primary key, an identity, a serial). */
	private final Set<String> notNull = new HashSet<>();

	/** {@code table.column} declared a virtual generated column (PostgreSQL 18): nothing of it is stored. */
	private final Set<String> virtual = new HashSet<>();

	/** Tables the linted revisions created and have not dropped since. */
	private final Set<String> tables = new HashSet<>();

	/** Tables a linted revision dropped and none created again since: known not to be there. */
	private final Set<String> dropped = new HashSet<>();

	/** Tables created {@code PARTITION BY}. */
	private final Set<String> partitioned = new HashSet<>();

	/** The key column of each table partitioned by one plain column, by table. */
	private final Map<String, String> partitionKeys = new HashMap<>();

	/** The bound each partition was created or attached with, from FOR VALUES on, by partition. */
	private final Map<String, List<Token>> partitionBounds = new HashMap<>();

	/** The table each partition is attached to, by partition, from its CREATE … PARTITION OF or ATTACH until its DETACH. */
	private final Map<String, String> partitionParents = new HashMap<>();

	/** The default partition of each partitioned table that has one, by table. */
	private final Map<String, String> defaultPartitions = new HashMap<>();

	/** The CHECK constraints of each table, by {@code table.constraint} ({@code table.#n} for one without a name). */
	private final Map<String, Check> checks = new HashMap<>();

	/** How many CHECK constraints without a name were recorded, which numbers their keys. */
	private int unnamedChecks;

	/** The routines created so far whose body PostgreSQL reads at a call (PG118 follows those calls). */
	private CalledRoutines routines = new CalledRoutines();

	/** The plain columns of each index, by index name. */
	private final Map<String, Index> indexes = new HashMap<>();

	/** Records a column's type; the type it had before, or {@code null} when it was not declared. */
	String declareColumn(String table, String column, String type) {
		return this.columnTypes.put(table + "." + column, type);
	}

	/**
	 * The columns (their names alone) declared of type {@code type} (its last part, as PostgreSQL
	 * folds it; not an array of it), in any table.
	 */
	Set<String> columnsOfType(String type) {
		Set<String> columns = new HashSet<>();
		this.columnTypes.forEach((column, declared) -> {
			if (isOfType(declared, type)) {
				columns.add(column.substring(column.indexOf('.') + 1));
			}
		});
		return columns;
	}

	/** Whether {@code table} has a column declared of type {@code type}. */
	boolean hasColumnOfType(String table, String type) {
		return this.columnTypes.entrySet().stream()
			.anyMatch((entry) -> entry.getKey().startsWith(table + ".") && isOfType(entry.getValue(), type));
	}

	/** Whether a declared type ({@code order_status}, {@code public. order_status}) names {@code type}. */
	private static boolean isOfType(String declared, String type) {
		return declared != null && declared.substring(declared.lastIndexOf('.') + 1).strip().equals(type);
	}

	/** Records a {@code CHECK (column IS NOT NULL)} constraint named {@code constraint}, or PostgreSQL 18's {@code NOT NULL column NOT VALID}: validated, it proves the column holds no null. */
	void notNullCheck(String table, String constraint, String column) {
		this.notNullChecks.put(table + "." + constraint, column);
	}

	/** Records that a validated check proves {@code column} holds no null. */
	void provenNotNull(String table, String column) {
		this.provenNotNull.add(table + "." + column);
	}

	/** Records that {@code constraint} was validated. */
	void validated(String table, String constraint) {
		this.checks.computeIfPresent(table + "." + constraint, (key, check) -> new Check(check.condition(), true));
		String column = this.notNullChecks.get(table + "." + constraint);
		if (column != null) {
			provenNotNull(table, column);
		}
	}

	boolean isProvenNotNull(String table, String column) {
		return this.provenNotNull.contains(table + "." + column);
	}

	/** Records whether {@code column} is declared NOT NULL. */
	void declareNotNull(String table, String column, boolean notNull) {
		if (notNull) {
			this.notNull.add(table + "." + column);
		}
		else {
			this.notNull.remove(table + "." + column);
		}
	}

	/** The type declared of {@code column}, or {@code null}. */
	String columnType(String table, String column) {
		return this.columnTypes.get(table + "." + column);
	}

	/** Whether the linted revisions declared {@code column}. */
	boolean isDeclared(String table, String column) {
		return this.columnTypes.containsKey(table + "." + column);
	}

	/** Records whether {@code column} is a virtual generated column. */
	void declareVirtual(String table, String column, boolean isVirtual) {
		if (isVirtual) {
			this.virtual.add(table + "." + column);
		}
		else {
			this.virtual.remove(table + "." + column);
		}
	}

	boolean isVirtual(String table, String column) {
		return this.virtual.contains(table + "." + column);
	}

	/** Whether making {@code column} NOT NULL needs no scan: it is NOT NULL already, or a validated check proves it. */
	boolean holdsNoNull(String table, String column) {
		return this.notNull.contains(table + "." + column) || isProvenNotNull(table, column);
	}

	void tableCreated(String table) {
		this.tables.add(table);
		this.dropped.remove(table);
	}

	void tableDropped(String table) {
		this.tables.remove(table);
		this.dropped.add(table);
		this.defaultPartitions.remove(table);
		this.defaultPartitions.values().remove(table);
		this.partitionParents.remove(table);
		this.partitionParents.values().removeIf(table::equals);
	}

	/** Whether a linted revision dropped {@code table} and none created it again since. */
	boolean wasDropped(String table) {
		return this.dropped.contains(table);
	}

	/**
	 * Whether a linted revision created {@code table} and none dropped it since. Not knowing it
	 * does not mean it is absent: the range linted may start after the revision that made it.
	 */
	boolean hasTable(String table) {
		return this.tables.contains(table);
	}

	/**
	 * Records that {@code table} is partitioned, by {@code keyColumn}, or by an expression or
	 * several columns ({@code null}).
	 */
	void partitioned(String table, String keyColumn) {
		this.partitioned.add(table);
		if (keyColumn != null) {
			this.partitionKeys.put(table, keyColumn);
		}
	}

	/** The column {@code table} is partitioned by, or {@code null} when unknown or not one plain column. */
	String partitionKey(String table) {
		return this.partitionKeys.get(table);
	}

	/** Records that {@code partition} is the default partition of {@code table}, created or attached so. */
	void defaultPartition(String table, String partition) {
		this.defaultPartitions.put(table, partition);
	}

	/** Records that {@code partition} was created or attached as a partition of {@code table}. */
	void partitionAttached(String table, String partition) {
		this.partitionParents.put(partition, table);
	}

	/** Records that {@code partition} was detached from {@code table}: if it was the default, there is none now. */
	void partitionDetached(String table, String partition) {
		this.defaultPartitions.remove(table, partition);
		this.partitionParents.remove(partition, table);
	}

	/** The table {@code partition} is attached to, or {@code null} when no linted revision attached it. */
	String partitionParent(String partition) {
		return this.partitionParents.get(partition);
	}

	/** The default partition of {@code table}, or {@code null} when it has none the linted revisions made. */
	String defaultPartition(String table) {
		return this.defaultPartitions.get(table);
	}

	/**
	 * Records a CHECK constraint of {@code table}: its condition's tokens, and whether it is valid
	 * (added without NOT VALID).
	 * @param constraint its name, or {@code null}
	 */
	void check(String table, String constraint, List<Token> condition, boolean valid) {
		String key = table + "." + ((constraint != null) ? constraint : "#" + this.unnamedChecks++);
		this.checks.put(key, new Check(List.copyOf(condition), valid));
	}

	/** Forgets the CHECK {@code constraint} of {@code table}, dropped. */
	void constraintDropped(String table, String constraint) {
		this.checks.remove(table + "." + constraint);
	}

	/**
	 * The conditions of the valid CHECK constraints of {@code table}, which PostgreSQL reads
	 * together to find a partition's bound implied or excluded (PG126); an empty one for a check
	 * whose text is not known here.
	 */
	List<List<Token>> validChecks(String table) {
		return this.checks.entrySet().stream()
			.filter((entry) -> entry.getKey().startsWith(table + ".") && entry.getValue().valid())
			.map((entry) -> entry.getValue().condition())
			.toList();
	}

	/** Records the bound {@code partition} was created or attached with (its tokens from FOR VALUES on). */
	void partitionBound(String partition, List<Token> bound) {
		this.partitionBounds.put(partition, List.copyOf(bound));
	}

	/** The bound {@code partition} was created or attached with, or {@code null} when unknown. */
	List<Token> partitionBound(String partition) {
		return this.partitionBounds.get(partition);
	}

	boolean isPartitioned(String table) {
		return this.partitioned.contains(table);
	}

	/** The routines the linted revisions created whose body PostgreSQL reads at a call. */
	CalledRoutines routines() {
		return this.routines;
	}

	/** Records an index on plain columns. */
	void index(String name, String table, List<String> columns) {
		this.indexes.put(name, new Index(table, List.copyOf(columns)));
	}

	/** The columns of index {@code name} of {@code table}, or {@code null} when unknown (or not plain columns). */
	List<String> indexColumns(String name, String table) {
		Index index = this.indexes.get(name);
		return (index != null && index.table().equals(table)) ? index.columns() : null;
	}

	/** The table of index {@code name}, or {@code null} when no linted revision created it. */
	String indexTable(String name) {
		Index index = this.indexes.get(name);
		return (index != null) ? index.table() : null;
	}

	/**
	 * What is known so far, apart: a downgrade is read against the schema its upgrade left, and
	 * what it undoes must not reach the revisions after it, which run after the upgrade.
	 */
	Catalog copy() {
		Catalog copy = new Catalog();
		copy.columnTypes.putAll(this.columnTypes);
		copy.notNullChecks.putAll(this.notNullChecks);
		copy.provenNotNull.addAll(this.provenNotNull);
		copy.notNull.addAll(this.notNull);
		copy.virtual.addAll(this.virtual);
		copy.tables.addAll(this.tables);
		copy.dropped.addAll(this.dropped);
		copy.partitioned.addAll(this.partitioned);
		copy.partitionKeys.putAll(this.partitionKeys);
		copy.defaultPartitions.putAll(this.defaultPartitions);
		copy.partitionParents.putAll(this.partitionParents);
		copy.partitionBounds.putAll(this.partitionBounds);
		copy.checks.putAll(this.checks);
		copy.unnamedChecks = this.unnamedChecks;
		copy.indexes.putAll(this.indexes);
		copy.routines = this.routines.copy();
		return copy;
	}

	/** Carries what is known of {@code table.from} to {@code table.to}, after RENAME COLUMN. */
	void renameColumn(String table, String from, String to) {
		move(this.columnTypes, table + "." + from, table + "." + to);
		move(this.notNull, table + "." + from, table + "." + to);
		move(this.provenNotNull, table + "." + from, table + "." + to);
		move(this.virtual, table + "." + from, table + "." + to);
		this.notNullChecks.replaceAll((key, column) -> key.startsWith(table + ".") && column.equals(from) ? to : column);
		this.indexes.replaceAll((name, index) -> !index.table().equals(table) ? index : new Index(table,
				index.columns().stream().map((column) -> column.equals(from) ? to : column).toList()));
	}

	/** Carries what is known of table {@code from} to {@code to}, after RENAME TO. */
	void renameTable(String from, String to) {
		for (Map<String, String> map : List.of(this.columnTypes, this.notNullChecks)) {
			for (String key : List.copyOf(map.keySet())) {
				if (key.startsWith(from + ".")) {
					move(map, key, to + key.substring(from.length()));
				}
			}
		}
		for (Set<String> set : List.of(this.notNull, this.provenNotNull, this.virtual)) {
			for (String key : List.copyOf(set)) {
				if (key.startsWith(from + ".")) {
					move(set, key, to + key.substring(from.length()));
				}
			}
		}
		for (String key : List.copyOf(this.checks.keySet())) {
			if (key.startsWith(from + ".")) {
				move(this.checks, key, to + key.substring(from.length()));
			}
		}
		this.indexes.replaceAll((name, index) -> index.table().equals(from) ? new Index(to, index.columns()) : index);
		move(this.partitioned, from, to);
		move(this.partitionKeys, from, to);
		move(this.defaultPartitions, from, to);
		move(this.partitionBounds, from, to);
		this.defaultPartitions.replaceAll((table, partition) -> partition.equals(from) ? to : partition);
		move(this.partitionParents, from, to);
		this.partitionParents.replaceAll((partition, table) -> table.equals(from) ? to : table);
		// The rename succeeded: the table is there under its new name, and not under the old one.
		this.tables.remove(from);
		this.tables.add(to);
		this.dropped.remove(to);
		this.dropped.add(from);
	}

	private static <V> void move(Map<String, V> map, String from, String to) {
		if (map.containsKey(from)) {
			map.put(to, map.remove(from));
		}
	}

	private static void move(Set<String> set, String from, String to) {
		if (set.remove(from)) {
			set.add(to);
		}
	}

	private record Index(String table, List<String> columns) {
	}

	/** A CHECK constraint: its condition, and whether it is valid. */
	private record Check(List<Token> condition, boolean valid) {
	}

}
