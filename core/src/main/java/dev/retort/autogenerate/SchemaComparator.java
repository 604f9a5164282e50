package dev.retort.autogenerate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.PostgresLiterals;
import dev.retort.schema.ColumnModel;
import dev.retort.schema.ConstraintModel;
import dev.retort.schema.EnumModel;
import dev.retort.schema.IdentitySequence;
import dev.retort.schema.IndexModel;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SequenceModel;
import dev.retort.schema.TableModel;
import dev.retort.schema.ViewModel;

/**
 * Compares the database's schema with the model's: enum types, tables, columns (type, NOT NULL,
 * default, identity, serial), constraints, indexes, views and free-standing sequences. The
 * changes come in an order that applies: new sequences and tables first, then columns, then constraints dropped before constraints
 * added (foreign keys last, once every table they name exists), columns and tables dropped at the
 * end. As in Alembic, a renamed table or column shows as one dropped and one added: edit the
 * revision into a rename.
 */
public final class SchemaComparator {

	/** PostgreSQL's NAMEDATALEN - 1. */
	private static final int MAX_IDENTIFIER_BYTES = 63;

	static final Map<String, String> SERIAL_TYPES = Map.of("integer", "serial", "bigint", "bigserial",
			"smallint", "smallserial");

	private final SchemaModel database;

	private final SchemaModel model;

	private final TypeCasts casts;

	private final List<SchemaChange> changes = new ArrayList<>();

	/** The changes adding an enum label, with the literal that uses the label ({@code 'happy'::mood}). */
	private final Map<SchemaChange, String> addedLabels = new IdentityHashMap<>();

	private SchemaComparator(SchemaModel database, SchemaModel model, TypeCasts casts) {
		this.database = database;
		this.model = model;
		this.casts = casts;
	}

	/**
	 * The changes that take {@code database} to {@code model}.
	 * @param database the schema the database is in
	 * @param model the schema it should be in
	 * @return the differences, in an order that applies
	 */
	public static SchemaDiff compare(SchemaModel database, SchemaModel model) {
		return compare(database, model, TypeCasts.ALL_AUTOMATIC);
	}

	/**
	 * The changes that take {@code database} to {@code model}, a type change written with
	 * {@code USING} where PostgreSQL needs one.
	 * @param database the schema the database is in
	 * @param model the schema it should be in
	 * @param casts which type changes PostgreSQL makes on its own
	 * @return the differences, in an order that applies
	 */
	public static SchemaDiff compare(SchemaModel database, SchemaModel model, TypeCasts casts) {
		SchemaComparator comparator = new SchemaComparator(database, model, casts);
		comparator.run();
		comparator.labelsUsedBeforeCommit();
		return new SchemaDiff(comparator.changes);
	}

	private void run() {
		// Views go first and come back last: a column a view reads can be neither dropped nor retyped.
		for (ViewModel view : this.database.views().values()) {
			if (!view.equals(this.model.views().get(view.name()))) {
				change("drop view " + view.name(), "DROP VIEW " + id(view.name()), createView(view));
			}
		}
		for (EnumModel type : this.model.enums().values()) {
			EnumModel existing = this.database.enums().get(type.name());
			if (existing == null) {
				change("add enum type " + type.name(), createEnum(type), "DROP TYPE " + id(type.name()));
			}
			else if (!existing.labels().equals(type.labels())) {
				enumLabels(existing, type);
			}
		}
		for (SequenceModel sequence : this.model.sequences().values()) {
			if (!this.database.sequences().containsKey(sequence.name())) {
				change("add sequence " + sequence.name(), createSequence(sequence), "DROP SEQUENCE " + id(sequence.name()));
			}
		}
		for (TableModel table : added(this.model.tables(), this.database.tables().keySet())) {
			List<String> create = new ArrayList<>();
			create.add(createTable(table, false));
			create.addAll(comments(table));
			this.changes.add(new SchemaChange("add table " + table.name(), create, List.of("DROP TABLE " + id(table.name()))));
		}
		for (TableModel table : this.model.tables().values()) {
			TableModel existing = this.database.tables().get(table.name());
			if (existing != null) {
				if (!Objects.equals(existing.comment(), table.comment())) {
					change("change comment of table " + table.name(), commentOnTable(table, table.comment()),
							commentOnTable(table, existing.comment()));
				}
				addedColumns(existing, table);
				changedColumns(existing, table);
			}
		}
		for (TableModel existing : this.database.tables().values()) {
			TableModel table = this.model.tables().get(existing.name());
			if (table != null) {
				droppedConstraintsAndIndexes(existing, table);
			}
		}
		addedConstraintsAndIndexes(false);
		addedConstraintsAndIndexes(true);
		for (TableModel existing : this.database.tables().values()) {
			TableModel table = this.model.tables().get(existing.name());
			if (table != null) {
				droppedColumns(existing, table);
			}
		}
		List<TableModel> dropped = added(this.database.tables(), this.model.tables().keySet());
		// Foreign keys of the tables dropped go first, so that the tables can go in any order; the
		// downgrade puts them back once every table is back.
		for (TableModel existing : dropped) {
			for (ConstraintModel constraint : existing.constraints()) {
				if (constraint.isForeignKey()) {
					change("drop constraint " + constraint.name() + " of " + existing.name(),
							alter(existing) + " DROP CONSTRAINT " + id(constraint.name()), addConstraint(existing, constraint));
				}
			}
		}
		for (TableModel existing : dropped) {
			List<String> recreate = new ArrayList<>();
			recreate.add(createTable(existing, false));
			recreate.addAll(comments(existing));
			existing.indexes().forEach((index) -> recreate.add(index.definition()));
			this.changes.add(new SchemaChange("drop table " + existing.name(), List.of("DROP TABLE " + id(existing.name())),
					recreate));
		}
		for (SequenceModel sequence : this.database.sequences().values()) {
			if (!this.model.sequences().containsKey(sequence.name())) {
				change("drop sequence " + sequence.name(), "DROP SEQUENCE " + id(sequence.name()), createSequence(sequence));
			}
		}
		for (EnumModel type : this.database.enums().values()) {
			if (!this.model.enums().containsKey(type.name())) {
				change("drop enum type " + type.name(), "DROP TYPE " + id(type.name()), createEnum(type));
			}
		}
		for (ViewModel view : this.model.views().values()) {
			if (!view.equals(this.database.views().get(view.name()))) {
				change("add view " + view.name(), createView(view), "DROP VIEW " + id(view.name()));
			}
		}
	}

	private static String createView(ViewModel view) {
		String query = view.definition();
		// pg_get_viewdef ends the query with a semicolon; the revision adds its own.
		return "CREATE VIEW " + id(view.name()) + " AS\n" + (query.endsWith(";") ? query.substring(0, query.length() - 1) : query);
	}

	/**
	 * New labels of an enum, where they go. PostgreSQL cannot remove a label, so the downgrade
	 * leaves them; labels removed or moved cannot be written as {@code ALTER TYPE} at all, and are
	 * reported for a revision written by hand.
	 */
	private void enumLabels(EnumModel existing, EnumModel type) {
		List<String> kept = type.labels().stream().filter(existing.labels()::contains).toList();
		if (!kept.equals(existing.labels())) {
			this.changes.add(new SchemaChange("labels of enum type " + type.name() + " removed or reordered ("
					+ String.join(", ", existing.labels()) + " to " + String.join(", ", type.labels())
					+ "): PostgreSQL can only add labels; write this change by hand (a new type and a column "
					+ "converted to it)", List.of(), List.of()));
			return;
		}
		List<String> labels = type.labels();
		for (int i = 0; i < labels.size(); i++) {
			String label = labels.get(i);
			if (!existing.labels().contains(label)) {
				// Before the next label the type already has; after the last one otherwise.
				String next = labels.subList(i + 1, labels.size()).stream().filter(existing.labels()::contains)
					.findFirst().orElse(null);
				String where = (next != null) ? " BEFORE " + PostgresLiterals.string(next)
						: (i > 0) ? " AFTER " + PostgresLiterals.string(labels.get(i - 1)) : "";
				SchemaChange added = new SchemaChange("add label " + label + " to enum type " + type.name()
						+ " (a downgrade leaves it: PostgreSQL cannot remove a label)",
						List.of("ALTER TYPE " + id(type.name()) + " ADD VALUE " + PostgresLiterals.string(label) + where), List.of());
				this.changes.add(added);
				this.addedLabels.put(added, PostgresLiterals.string(label) + "::" + id(type.name()));
			}
		}
	}

	/**
	 * PostgreSQL refuses a new label in the transaction that adds it (SQLSTATE 55P04), so a
	 * revision that adds a label and uses it (a default, a check, an index predicate) cannot apply
	 * as one transaction: say so where the change is reported, before the revision fails.
	 */
	private void labelsUsedBeforeCommit() {
		for (int i = 0; i < this.changes.size(); i++) {
			SchemaChange change = this.changes.get(i);
			String literal = this.addedLabels.get(change);
			if (literal == null) {
				continue;
			}
			boolean used = this.changes.stream()
				.filter((other) -> !this.addedLabels.containsKey(other))
				.anyMatch((other) -> other.upgrade().stream().anyMatch((sql) -> sql.contains(literal)));
			if (used) {
				this.changes.set(i, new SchemaChange(change.description() + "; this revision also uses it, which "
						+ "PostgreSQL refuses before the label is committed: move this ALTER TYPE into a revision of "
						+ "its own, applied first", change.upgrade(), change.downgrade()));
			}
		}
	}

	private static String createEnum(EnumModel type) {
		return "CREATE TYPE " + id(type.name()) + " AS ENUM ("
				+ String.join(", ", type.labels().stream().map(PostgresLiterals::string).toList()) + ")";
	}


	private void addedColumns(TableModel existing, TableModel table) {
		for (ColumnModel column : table.columns()) {
			if (existing.column(column.name()) == null) {
				this.changes.add(new SchemaChange("add column " + table.name() + "." + column.name(),
						addColumn(table, column), List.of(alter(table) + " DROP COLUMN " + id(column.name()))));
			}
		}
	}

	private void changedColumns(TableModel existing, TableModel table) {
		for (ColumnModel column : table.columns()) {
			ColumnModel old = existing.column(column.name());
			if (old == null) {
				continue;
			}
			String where = table.name() + "." + column.name();
			String alter = alter(table) + " ALTER COLUMN " + id(column.name());
			boolean plain = column.identity().isEmpty() && old.identity().isEmpty() && !column.generated()
					&& !old.generated();
			boolean defaultChanged = !Objects.equals(old.defaultExpression(), column.defaultExpression());
			// A default PostgreSQL cannot cast with the column is dropped before the type changes and
			// set again after, in the same statement, as its documentation shows.
			boolean defaultWithType = plain && !old.type().equals(column.type())
					&& (needsUsing(old, column) && old.defaultExpression() != null
							|| needsUsing(column, old) && column.defaultExpression() != null);
			if (!old.type().equals(column.type())) {
				change("change type of " + where + " from " + old.type() + " to " + column.type()
						+ ((defaultWithType && defaultChanged) ? ", and its default" : ""),
						retype(table, old, column, defaultWithType), retype(table, column, old, defaultWithType));
			}
			// NOT NULL comes before an identity is added (PostgreSQL requires it) and goes after it is dropped.
			boolean notNullChanged = old.notNull() != column.notNull();
			if (notNullChanged && column.notNull()) {
				change("make " + where + " NOT NULL", alter + " SET NOT NULL", alter + " DROP NOT NULL");
			}
			if (!column.generated() && !old.generated() && !defaultWithType) {
				valueSource(where, ValueSource.of(table.name(), old, this.database.sequences().keySet()),
						ValueSource.of(table.name(), column, this.model.sequences().keySet()));
			}
			if (notNullChanged && !column.notNull()) {
				change("make " + where + " nullable", alter + " DROP NOT NULL", alter + " SET NOT NULL");
			}
			if (!Objects.equals(old.comment(), column.comment())) {
				change("change comment of " + where, commentOnColumn(table, column.name(), column.comment()),
						commentOnColumn(table, column.name(), old.comment()));
			}
		}
	}

	/**
	 * A column's default, identity or serial sequence changed: an identity into another is altered
	 * in place, a default into another set; anything else is taken away and the new one put in
	 * place (an identity or serial sequence restarted past the rows already there).
	 */
	private void valueSource(String where, ValueSource from, ValueSource to) {
		if (from.sameAs(to)) {
			return;
		}
		ValueSource.Kind fromKind = from.kind();
		ValueSource.Kind toKind = to.kind();
		if (fromKind == ValueSource.Kind.IDENTITY && toKind == ValueSource.Kind.IDENTITY) {
			this.changes.add(new SchemaChange("change " + where + " from " + from.describe() + " to " + to.describe(),
					from.changeIdentityTo(to), to.changeIdentityTo(from)));
			return;
		}
		String alter = "ALTER TABLE " + id(from.table()) + " ALTER COLUMN " + id(from.column().name());
		if (plainDefault(fromKind) && plainDefault(toKind)) {
			change("change default of " + where, setDefault(alter, to.column().defaultExpression()),
					setDefault(alter, from.column().defaultExpression()));
			return;
		}
		String description = (fromKind == ValueSource.Kind.NONE) ? "add " + to.describe() + " to " + where
				: (toKind == ValueSource.Kind.NONE) ? "drop " + from.describe() + " of " + where
				: "replace " + from.describe() + " of " + where + " with " + to.describe();
		List<String> upgrade = new ArrayList<>(from.takeAway());
		upgrade.addAll(to.putInPlace());
		List<String> downgrade = new ArrayList<>(to.takeAway());
		downgrade.addAll(from.putInPlace());
		this.changes.add(new SchemaChange(description, upgrade, downgrade));
	}

	private static boolean plainDefault(ValueSource.Kind kind) {
		return kind == ValueSource.Kind.NONE || kind == ValueSource.Kind.DEFAULT;
	}

	private boolean needsUsing(ColumnModel from, ColumnModel to) {
		return !this.casts.automatic(from.type(), to.type());
	}

	/**
	 * {@code ALTER COLUMN … TYPE}, with {@code USING column::type} where PostgreSQL has no
	 * assignment cast (only there: an explicit cast may lose what the assignment cast refuses, as
	 * {@code ::varchar(n)} cuts long values), and the default dropped first and set again when asked.
	 */
	private String retype(TableModel table, ColumnModel from, ColumnModel to, boolean withDefault) {
		String column = "ALTER COLUMN " + id(to.name());
		String type = column + " TYPE " + to.type() + (needsUsing(from, to) ? " USING " + id(to.name()) + "::" + to.type() : "");
		if (!withDefault) {
			return alter(table) + " " + type;
		}
		return alter(table) + " " + column + " DROP DEFAULT, " + type
				+ ((to.defaultExpression() != null) ? ", " + column + " SET DEFAULT " + to.defaultExpression() : "");
	}

	private void droppedConstraintsAndIndexes(TableModel existing, TableModel table) {
		for (ConstraintModel constraint : existing.constraints()) {
			if (!table.constraints().contains(constraint)) {
				change("drop constraint " + constraint.name() + " of " + table.name(),
						alter(table) + " DROP CONSTRAINT " + id(constraint.name()), addConstraint(table, constraint));
			}
		}
		for (IndexModel index : existing.indexes()) {
			if (!table.indexes().contains(index)) {
				change("drop index " + index.name() + " of " + table.name(), "DROP INDEX " + id(index.name()),
						index.definition());
			}
		}
	}

	/** Constraints and indexes the model has and the database not; foreign keys in a pass of their own. */
	private void addedConstraintsAndIndexes(boolean foreignKeys) {
		for (TableModel table : this.model.tables().values()) {
			TableModel existing = this.database.tables().get(table.name());
			for (ConstraintModel constraint : table.constraints()) {
				boolean inCreateTable = existing == null && !constraint.isForeignKey();
				if (constraint.isForeignKey() == foreignKeys && !inCreateTable
						&& (existing == null || !existing.constraints().contains(constraint))) {
					change("add constraint " + constraint.name() + " to " + table.name(), addConstraint(table, constraint),
							alter(table) + " DROP CONSTRAINT " + id(constraint.name()));
				}
			}
			if (foreignKeys) {
				continue;
			}
			for (IndexModel index : table.indexes()) {
				if (existing == null || !existing.indexes().contains(index)) {
					change("add index " + index.name() + " to " + table.name(), index.definition(),
							"DROP INDEX " + id(index.name()));
				}
			}
		}
	}

	private void droppedColumns(TableModel existing, TableModel table) {
		for (ColumnModel column : existing.columns()) {
			if (table.column(column.name()) == null) {
				this.changes.add(new SchemaChange("drop column " + table.name() + "." + column.name(),
						List.of(alter(table) + " DROP COLUMN " + id(column.name())), addColumn(table, column)));
			}
		}
	}

	private void change(String description, String upgrade, String downgrade) {
		this.changes.add(new SchemaChange(description, List.of(upgrade), List.of(downgrade)));
	}

	private static List<TableModel> added(Map<String, TableModel> tables, Set<String> others) {
		return tables.values().stream().filter((table) -> !others.contains(table.name())).toList();
	}

	/**
	 * {@code CREATE TABLE} with its columns and constraints; foreign keys only when asked for (a
	 * new table's, and a dropped table's put back by a downgrade, are added once every table exists).
	 */
	private static String createTable(TableModel table, boolean withForeignKeys) {
		List<String> lines = new ArrayList<>();
		for (ColumnModel column : table.columns()) {
			lines.add(columnDefinition(table.name(), column));
		}
		for (ConstraintModel constraint : table.constraints()) {
			if (withForeignKeys || !constraint.isForeignKey()) {
				lines.add("CONSTRAINT " + id(constraint.name()) + " " + constraint.definition());
			}
		}
		return "CREATE TABLE " + id(table.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)";
	}

	/** A column as {@code CREATE TABLE} and {@code ADD COLUMN} write it; a serial column as serial. */
	static String columnDefinition(String table, ColumnModel column) {
		String type = column.type();
		String defaultExpression = column.defaultExpression();
		String serial = SERIAL_TYPES.get(type);
		if (serial != null && !column.generated()
				&& ValueSource.nextval(serialSequence(table, column.name())).equals(defaultExpression)) {
			type = serial;
			defaultExpression = null;
		}
		StringBuilder definition = new StringBuilder(id(column.name())).append(' ').append(type);
		if (column.generated()) {
			definition.append(" GENERATED ALWAYS AS (").append(defaultExpression).append(") STORED");
		}
		else if (!column.identity().isEmpty()) {
			definition.append(' ').append(ValueSource.generated(column.identity())).append(" AS IDENTITY");
			if (!column.identitySequence().equals(IdentitySequence.DEFAULT)) {
				definition.append(" (").append(column.identitySequence().options()).append(')');
			}
		}
		else if (defaultExpression != null) {
			definition.append(" DEFAULT ").append(defaultExpression);
		}
		if (column.notNull() && column.identity().isEmpty()) {
			definition.append(" NOT NULL");
		}
		return definition.toString();
	}

	/**
	 * The name PostgreSQL gives the sequence of a {@code serial} column ({@code makeObjectName}):
	 * {@code table_column_seq}, the longer of table and column names cut first so that it fits in
	 * 63 bytes.
	 */
	static String serialSequence(String table, String column) {
		byte[] tableBytes = table.getBytes(StandardCharsets.UTF_8);
		byte[] columnBytes = column.getBytes(StandardCharsets.UTF_8);
		int tableLength = tableBytes.length;
		int columnLength = columnBytes.length;
		int available = MAX_IDENTIFIER_BYTES - "_".length() - "_seq".length();
		while (tableLength + columnLength > available) {
			if (tableLength > columnLength) {
				tableLength--;
			}
			else {
				columnLength--;
			}
		}
		return clip(tableBytes, tableLength) + "_" + clip(columnBytes, columnLength) + "_seq";
	}

	/** The first bytes of a name, never cutting a character in two. */
	private static String clip(byte[] name, int length) {
		int end = length;
		while (end > 0 && end < name.length && (name[end] & 0xC0) == 0x80) {
			end--;
		}
		return new String(name, 0, end, StandardCharsets.UTF_8);
	}

	/** {@code ADD COLUMN}, and its comment. */
	private static List<String> addColumn(TableModel table, ColumnModel column) {
		List<String> statements = new ArrayList<>();
		statements.add(alter(table) + " ADD COLUMN " + columnDefinition(table.name(), column));
		if (column.comment() != null) {
			statements.add(commentOnColumn(table, column.name(), column.comment()));
		}
		return statements;
	}

	/** The comments of a table created, its own and its columns'. */
	private static List<String> comments(TableModel table) {
		List<String> statements = new ArrayList<>();
		if (table.comment() != null) {
			statements.add(commentOnTable(table, table.comment()));
		}
		for (ColumnModel column : table.columns()) {
			if (column.comment() != null) {
				statements.add(commentOnColumn(table, column.name(), column.comment()));
			}
		}
		return statements;
	}

	private static String commentOnTable(TableModel table, String comment) {
		return "COMMENT ON TABLE " + id(table.name()) + " IS " + commentLiteral(comment);
	}

	private static String commentOnColumn(TableModel table, String column, String comment) {
		return "COMMENT ON COLUMN " + id(table.name()) + "." + id(column) + " IS " + commentLiteral(comment);
	}

	private static String commentLiteral(String comment) {
		return (comment != null) ? PostgresLiterals.string(comment) : "NULL";
	}

	private static String createSequence(SequenceModel sequence) {
		return "CREATE SEQUENCE " + id(sequence.name()) + " INCREMENT BY " + sequence.increment() + " START WITH "
				+ sequence.start();
	}

	private static String addConstraint(TableModel table, ConstraintModel constraint) {
		return alter(table) + " ADD CONSTRAINT " + id(constraint.name()) + " " + constraint.definition();
	}

	private static String setDefault(String alterColumn, String expression) {
		return alterColumn + ((expression != null) ? " SET DEFAULT " + expression : " DROP DEFAULT");
	}

	private static String alter(TableModel table) {
		return "ALTER TABLE " + id(table.name());
	}

	private static String id(String name) {
		return PostgresIdentifiers.quote(name);
	}

}
