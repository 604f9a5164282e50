package dev.retort.operation;

import java.util.List;

/**
 * {@code ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY (…) REFERENCES …}. With {@code notValid} the
 * existing rows are not checked, so the statement is quick; validate later with
 * {@link ValidateConstraint}.
 *
 * @param name the constraint name, or {@code null}
 * @param table the referencing (source) table, optionally schema-qualified
 * @param referredTable the referenced table, optionally schema-qualified
 * @param columns the referencing columns
 * @param referredColumns the referenced columns
 * @param onDelete the {@code ON DELETE} action, or {@code null}
 * @param onUpdate the {@code ON UPDATE} action, or {@code null}
 * @param deferrable whether to add {@code DEFERRABLE}
 * @param initiallyDeferred whether to add {@code INITIALLY DEFERRED}
 * @param notValid whether to add {@code NOT VALID}
 */
public record CreateForeignKey(String name, String table, String referredTable, List<String> columns,
		List<String> referredColumns, ReferentialAction onDelete, ReferentialAction onUpdate, boolean deferrable,
		boolean initiallyDeferred, boolean notValid) implements AddConstraint {

	public CreateForeignKey {
		Names.require(table, "table");
		Names.require(referredTable, "referredTable");
		columns = Names.requireAll(columns, "columns");
		referredColumns = Names.requireAll(referredColumns, "referredColumns");
		if (columns.size() != referredColumns.size()) {
			throw new IllegalArgumentException("Foreign key " + ((name != null) ? "'" + name + "' " : "") + "has "
					+ columns.size() + " columns " + columns + " but refers to " + referredColumns.size() + " "
					+ referredColumns);
		}
	}

	/** A plain foreign key with no options. */
	public static CreateForeignKey of(String name, String table, String referredTable, List<String> columns,
			List<String> referredColumns) {
		return new CreateForeignKey(name, table, referredTable, columns, referredColumns, null, null, false, false,
				false);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateForeignKey(this);
	}

	/** The options of {@code op.createForeignKey(…, fk -> fk.onDelete(CASCADE).notValid())}. */
	public static final class Builder {

		private ReferentialAction onDelete;

		private ReferentialAction onUpdate;

		private boolean deferrable;

		private boolean initiallyDeferred;

		private boolean notValid;

		Builder() {
		}

		/** {@code ON DELETE action}. */
		public Builder onDelete(ReferentialAction action) {
			this.onDelete = action;
			return this;
		}

		/** {@code ON UPDATE action}. */
		public Builder onUpdate(ReferentialAction action) {
			this.onUpdate = action;
			return this;
		}

		/** {@code DEFERRABLE}. */
		public Builder deferrable() {
			this.deferrable = true;
			return this;
		}

		/** {@code DEFERRABLE INITIALLY DEFERRED}. */
		public Builder initiallyDeferred() {
			this.deferrable = true;
			this.initiallyDeferred = true;
			return this;
		}

		/** {@code NOT VALID}: skip checking existing rows now; validate in a later revision. */
		public Builder notValid() {
			this.notValid = true;
			return this;
		}

		CreateForeignKey build(String name, String table, String referredTable, List<String> columns,
				List<String> referredColumns) {
			return new CreateForeignKey(name, table, referredTable, columns, referredColumns, this.onDelete,
					this.onUpdate, this.deferrable, this.initiallyDeferred, this.notValid);
		}

	}

}
