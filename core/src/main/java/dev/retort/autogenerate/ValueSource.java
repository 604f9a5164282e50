package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.PostgresLiterals;
import dev.retort.schema.ColumnModel;
import dev.retort.schema.IdentitySequence;

/**
 * Where a column's value comes from when an {@code INSERT} leaves it out: an identity, the
 * sequence of a {@code serial}, another default, or nothing. Going from one to another is
 * written as taking the first away and putting the second in place, on a table that has rows:
 * an identity or a serial sequence put in place is restarted past the highest value of the
 * column, so that the next insert does not collide with a row already there.
 *
 * @param kind which of the four
 * @param table the table's name
 * @param column the column
 * @param sequence the serial sequence's name, for {@link Kind#SERIAL}
 */
record ValueSource(Kind kind, String table, ColumnModel column, String sequence) {

	enum Kind {

		NONE, DEFAULT, SERIAL, IDENTITY

	}

	/**
	 * Where the column's value comes from; a default calling {@code nextval} of the sequence
	 * PostgreSQL names for a serial of that column is a serial, unless that sequence is one of
	 * the schema's free-standing ones (which the comparison keeps or drops on its own).
	 */
	static ValueSource of(String table, ColumnModel column, Set<String> freeStandingSequences) {
		if (!column.identity().isEmpty()) {
			return new ValueSource(Kind.IDENTITY, table, column, null);
		}
		String expression = column.defaultExpression();
		if (expression == null) {
			return new ValueSource(Kind.NONE, table, column, null);
		}
		String sequence = SchemaComparator.serialSequence(table, column.name());
		if (SchemaComparator.SERIAL_TYPES.containsKey(column.type()) && !freeStandingSequences.contains(sequence)
				&& expression.equals(nextval(sequence))) {
			return new ValueSource(Kind.SERIAL, table, column, sequence);
		}
		return new ValueSource(Kind.DEFAULT, table, column, null);
	}

	/** The default of a serial column, as PostgreSQL prints it. */
	static String nextval(String sequence) {
		return "nextval(" + PostgresLiterals.string(PostgresIdentifiers.quote(sequence)) + "::regclass)";
	}

	/** Whether the column gets the same value from both, as far as autogenerate compares. */
	boolean sameAs(ValueSource other) {
		if (this.kind != other.kind) {
			return false;
		}
		return switch (this.kind) {
			case NONE -> true;
			case DEFAULT -> this.column.defaultExpression().equals(other.column.defaultExpression());
			case SERIAL -> this.sequence.equals(other.sequence);
			case IDENTITY -> this.column.identity().equals(other.column.identity())
					&& this.column.identitySequence().equals(other.column.identitySequence());
		};
	}

	/** As the change's description names it: {@code identity GENERATED ALWAYS}, {@code serial sequence users_id_seq}, … */
	String describe() {
		return switch (this.kind) {
			case NONE -> "no default";
			case DEFAULT -> "default " + this.column.defaultExpression();
			case SERIAL -> "serial sequence " + this.sequence;
			case IDENTITY -> "identity " + generated(this.column.identity())
					+ (this.column.identitySequence().equals(IdentitySequence.DEFAULT) ? ""
							: " (" + this.column.identitySequence().options() + ")");
		};
	}

	/** The statements that take it away, leaving the column without a default. */
	List<String> takeAway() {
		return switch (this.kind) {
			case NONE -> List.of();
			case DEFAULT -> List.of(alterColumn() + " DROP DEFAULT");
			// The serial's sequence goes with it: an identity put in its place takes its name.
			case SERIAL -> List.of(alterColumn() + " DROP DEFAULT", "DROP SEQUENCE " + id(this.sequence));
			// Drops the identity's sequence too.
			case IDENTITY -> List.of(alterColumn() + " DROP IDENTITY");
		};
	}

	/** The statements that put it in place on a column without a default, and restart its sequence. */
	List<String> putInPlace() {
		List<String> statements = new ArrayList<>();
		switch (this.kind) {
			case NONE -> {
			}
			case DEFAULT -> statements.add(alterColumn() + " SET DEFAULT " + this.column.defaultExpression());
			case SERIAL -> {
				statements.add("CREATE SEQUENCE " + id(this.sequence) + " AS " + this.column.type() + " OWNED BY "
						+ id(this.table) + "." + id(this.column.name()));
				statements.add(alterColumn() + " SET DEFAULT " + nextval(this.sequence));
				statements.add(restart(IdentitySequence.DEFAULT));
			}
			case IDENTITY -> {
				IdentitySequence options = this.column.identitySequence();
				// No table rewrite: the column is NOT NULL already (PostgreSQL refuses it otherwise).
				statements.add(alterColumn() + " ADD " + generated(this.column.identity()) + " AS IDENTITY"
						+ (options.equals(IdentitySequence.DEFAULT) ? "" : " (" + options.options() + ")"));
				statements.add(restart(options));
			}
		}
		return statements;
	}

	/**
	 * The statements changing an identity into another: {@code SET GENERATED}, and the options
	 * that differ (the sequence keeps its current value).
	 */
	List<String> changeIdentityTo(ValueSource other) {
		List<String> actions = new ArrayList<>();
		if (!this.column.identity().equals(other.column.identity())) {
			actions.add("SET " + generated(other.column.identity()));
		}
		IdentitySequence from = this.column.identitySequence();
		IdentitySequence to = other.column.identitySequence();
		if (from.start() != to.start()) {
			actions.add("SET START WITH " + to.start());
		}
		if (from.increment() != to.increment()) {
			actions.add("SET INCREMENT BY " + to.increment());
		}
		return List.of(alterColumn() + " " + String.join(" ", actions));
	}

	/**
	 * Moves the column's sequence past the rows already there, so that the next value does not
	 * collide with one of them; leaves it at its start when no row is past it (an empty table).
	 */
	private String restart(IdentitySequence options) {
		String column = id(this.column.name());
		boolean ascending = options.increment() > 0;
		String last = (ascending ? "max(" : "min(") + column + ")";
		return "SELECT setval(pg_get_serial_sequence(" + PostgresLiterals.string(id(this.table)) + ", "
				+ PostgresLiterals.string(this.column.name()) + "), " + last + ") FROM " + id(this.table) + " HAVING "
				+ last + (ascending ? " >= " : " <= ") + options.start();
	}

	private String alterColumn() {
		return "ALTER TABLE " + id(this.table) + " ALTER COLUMN " + id(this.column.name());
	}

	static String generated(String identity) {
		return identity.equals("a") ? "GENERATED ALWAYS" : "GENERATED BY DEFAULT";
	}

	private static String id(String name) {
		return PostgresIdentifiers.quote(name);
	}

}
