package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … ALTER COLUMN} (Alembic's {@code alter_column}): any of a new type (with
 * {@code USING}), nullability, server default and comment, then a rename. A {@code null}
 * component leaves that property alone.
 *
 * <p>The reverse needs to know what the column was: pass {@code existing} (Alembic's
 * {@code existing_type}, {@code existing_nullable}, …). A pure rename is always reversible. The
 * reverse of a type change carries no {@code USING}: when converting back needs one, write the
 * downgrade explicitly.
 *
 * @param table the table, optionally schema-qualified
 * @param column the column's current name
 * @param newName the new name, or {@code null}
 * @param type the new type, or {@code null}
 * @param using the {@code USING} expression converting old values to the new type, or {@code null}
 * @param nullable whether the column accepts NULL from now on, or {@code null}
 * @param serverDefault the new server default (SQL) or its removal, or {@code null}
 * @param comment the new comment or its removal, or {@code null}
 * @param existing the column before this change, or {@code null}
 */
public record AlterColumn(String table, String column, String newName, Type type, String using, Boolean nullable,
		Change<String> serverDefault, Change<String> comment, Column existing) implements Operation {

	public AlterColumn {
		Names.require(table, "table");
		Names.require(column, "column");
		if (using != null && type == null) {
			throw new IllegalArgumentException("'using' needs a new type for column '" + column + "'");
		}
		if (newName == null && type == null && nullable == null && serverDefault == null && comment == null) {
			throw new IllegalArgumentException("Alter of column '" + column + "' of '" + table + "' changes nothing");
		}
	}

	/** A rename and nothing else. */
	public static AlterColumn rename(String table, String column, String newName) {
		return new AlterColumn(table, column, Names.require(newName, "newName"), null, null, null, null, null, null);
	}

	/** The column's name once this change is applied. */
	public String finalName() {
		return (this.newName != null) ? this.newName : this.column;
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitAlterColumn(this);
	}

	@Override
	public Optional<Operation> reverse() {
		boolean changesMore = this.type != null || this.nullable != null || this.serverDefault != null
				|| this.comment != null;
		if (changesMore && this.existing == null) {
			return Optional.empty();
		}
		Column before = this.existing;
		return Optional.of(new AlterColumn(this.table, finalName(), (this.newName != null) ? this.column : null,
				(this.type != null) ? before.type() : null, null, (this.nullable != null) ? before.isNullable() : null,
				(this.serverDefault != null) ? Change.of(before.defaultValue()) : null,
				(this.comment != null) ? Change.of(before.comment()) : null, reversedExisting()));
	}

	private Column reversedExisting() {
		if (this.existing == null) {
			return null;
		}
		Column after = this.existing.withName(finalName());
		if (this.type != null) {
			after = new Column(after.name(), this.type, after.isNullable(), after.isPrimaryKey(), after.identityKind(),
					after.defaultValue(), after.references(), after.isUnique(), after.comment());
		}
		if (this.nullable != null) {
			after = this.nullable ? after.nullable() : after.notNull();
		}
		if (this.serverDefault != null) {
			after = new Column(after.name(), after.type(), after.isNullable(), after.isPrimaryKey(), after.identityKind(),
					this.serverDefault.value(), after.references(), after.isUnique(), after.comment());
		}
		if (this.comment != null) {
			after = new Column(after.name(), after.type(), after.isNullable(), after.isPrimaryKey(), after.identityKind(),
					after.defaultValue(), after.references(), after.isUnique(), this.comment.value());
		}
		return after;
	}

	/**
	 * Collects the changes of one {@code op.alterColumn(table, column, changes -> …)} call.
	 */
	public static final class Builder {

		private final String table;

		private final String column;

		private String newName;

		private Type type;

		private String using;

		private Boolean nullable;

		private Change<String> serverDefault;

		private Change<String> comment;

		private Column existing;

		Builder(String table, String column) {
			this.table = table;
			this.column = column;
		}

		/** Renames the column. */
		public Builder rename(String newName) {
			this.newName = newName;
			return this;
		}

		/** Changes the type; PostgreSQL casts the old values implicitly where it can. */
		public Builder type(Type type) {
			this.type = type;
			return this;
		}

		/** Changes the type, converting old values with {@code using} ({@code "amount::numeric(10,2)"}). */
		public Builder type(Type type, String using) {
			this.type = type;
			this.using = using;
			return this;
		}

		/** {@code SET NOT NULL} (scans the table) or {@code DROP NOT NULL}. */
		public Builder nullable(boolean nullable) {
			this.nullable = nullable;
			return this;
		}

		/** {@code SET NOT NULL}. */
		public Builder notNull() {
			return nullable(false);
		}

		/** {@code SET DEFAULT sql}. */
		public Builder serverDefault(String sql) {
			this.serverDefault = Change.to(sql);
			return this;
		}

		/** {@code DROP DEFAULT}. */
		public Builder dropServerDefault() {
			this.serverDefault = Change.remove();
			return this;
		}

		/** {@code COMMENT ON COLUMN … IS 'text'}. */
		public Builder comment(String text) {
			this.comment = Change.to(text);
			return this;
		}

		/** {@code COMMENT ON COLUMN … IS NULL}. */
		public Builder dropComment() {
			this.comment = Change.remove();
			return this;
		}

		/** What the column was before, so that the change can be reversed. */
		public Builder existing(Column existing) {
			this.existing = existing;
			return this;
		}

		AlterColumn build() {
			return new AlterColumn(this.table, this.column, this.newName, this.type, this.using, this.nullable,
					this.serverDefault, this.comment, this.existing);
		}

	}

}
