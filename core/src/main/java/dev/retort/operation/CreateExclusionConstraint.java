package dev.retort.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE … ADD CONSTRAINT … EXCLUDE USING gist (room WITH =, during WITH &&)}: no two
 * rows for which every operator holds. Its index is built under an {@code ACCESS EXCLUSIVE}
 * lock, and no {@code USING INDEX} form exists (lint PG108). The reverse drops it by name.
 *
 * @param name the constraint name, or {@code null} to let PostgreSQL name it
 * @param table the table, optionally schema-qualified
 * @param method the index method ({@code gist}, {@code btree}, …), or {@code null} for
 * PostgreSQL's default ({@code btree})
 * @param elements the elements, at least one
 * @param where a predicate limiting the rows it applies to, as SQL, or {@code null}
 * @param deferrable whether to add {@code DEFERRABLE}
 * @param initiallyDeferred whether to add {@code INITIALLY DEFERRED}
 */
public record CreateExclusionConstraint(String name, String table, String method, List<Element> elements,
		String where, boolean deferrable, boolean initiallyDeferred) implements AddConstraint {

	public CreateExclusionConstraint {
		Names.require(table, "table");
		Objects.requireNonNull(elements, "'elements' must not be null");
		if (elements.isEmpty()) {
			throw new IllegalArgumentException("Exclusion constraint on '" + table
					+ "' needs at least one element: element(column, operator)");
		}
		elements = List.copyOf(elements);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateExclusionConstraint(this);
	}

	/**
	 * One {@code expression WITH operator}.
	 *
	 * @param expression a column, quoted as needed, or anything else written as given (an
	 * expression in parentheses, {@code (lower(name))}, or a column with an operator class)
	 * @param operator the operator, written as given ({@code =}, {@code &&})
	 */
	public record Element(String expression, String operator) {

		public Element {
			Names.require(expression, "expression");
			Names.require(operator, "operator");
		}

	}

	/**
	 * The parts of {@code op.addExclusionConstraint(name, table, ex -> ex.using("gist").element("room", "=")
	 * .element("during", "&&"))}.
	 */
	public static final class Builder {

		private String method;

		private final List<Element> elements = new ArrayList<>();

		private String where;

		private boolean deferrable;

		private boolean initiallyDeferred;

		Builder() {
		}

		/** {@code USING method}: {@code gist} for ranges and geometry (with {@code btree_gist} for scalars). */
		public Builder using(String method) {
			this.method = Names.require(method, "method");
			return this;
		}

		/** {@code expression WITH operator}, in order. */
		public Builder element(String expression, String operator) {
			this.elements.add(new Element(expression, operator));
			return this;
		}

		/** {@code WHERE (predicate)}: only the rows it holds for are constrained. */
		public Builder where(String predicate) {
			this.where = Names.require(predicate, "predicate");
			return this;
		}

		/** {@code DEFERRABLE}. */
		public Builder deferrable() {
			this.deferrable = true;
			return this;
		}

		/** {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
		public Builder initiallyDeferred() {
			this.deferrable = true;
			this.initiallyDeferred = true;
			return this;
		}

		CreateExclusionConstraint build(String name, String table) {
			return new CreateExclusionConstraint(name, table, this.method, this.elements, this.where,
					this.deferrable, this.initiallyDeferred);
		}

	}

}
