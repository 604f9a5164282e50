package dev.retort.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE INDEX}. Each element of {@code columns} is a column name, quoted as needed, or
 * anything else (an expression such as {@code "lower(email)"}, or {@code "created_at DESC"}),
 * rendered as written. {@code UserId} and {@code order} are quoted for you; a name that does not
 * read as one ({@code my col}) is given with its quotes. {@code include} takes plain column names.
 *
 * <p>{@code concurrently} builds the index without blocking writes, but cannot run inside a
 * transaction: the revision must be {@code transactional = false}.
 *
 * @param name the index name (unqualified: an index lives in its table's schema)
 * @param table the table, optionally schema-qualified
 * @param columns the indexed columns and expressions, in order
 * @param unique whether to add {@code UNIQUE}
 * @param where the predicate of a partial index, or {@code null}
 * @param include covering columns ({@code INCLUDE}), possibly empty
 * @param method the access method ({@code gin}, {@code brin}, …), or {@code null} for btree
 * @param concurrently whether to add {@code CONCURRENTLY}
 * @param ifNotExists whether to add {@code IF NOT EXISTS}
 */
public record CreateIndex(String name, String table, List<String> columns, boolean unique, String where,
		List<String> include, String method, boolean concurrently, boolean ifNotExists) implements Operation {

	public CreateIndex {
		Names.require(name, "name");
		Names.require(table, "table");
		if (name.contains(".")) {
			throw new IllegalArgumentException("Index name '" + name
					+ "' must not be schema-qualified: an index is created in its table's schema");
		}
		columns = Names.requireAll(columns, "columns");
		include = Names.copy(include);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateIndex(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropIndex(this.name, this.table, this.concurrently, false, this));
	}

	/**
	 * The options of {@code op.createIndex(name, table, index -> index.on("a", "b").unique())}.
	 */
	public static final class Builder {

		private final List<String> columns = new ArrayList<>();

		private final List<String> include = new ArrayList<>();

		private boolean unique;

		private String where;

		private String method;

		private boolean concurrently;

		private boolean ifNotExists;

		Builder() {
		}

		/** Adds columns (or expressions) to the index. */
		public Builder on(String... columns) {
			this.columns.addAll(nonNull(columns));
			return this;
		}

		/** {@code UNIQUE}. */
		public Builder unique() {
			this.unique = true;
			return this;
		}

		/** A partial index: {@code WHERE predicate}. */
		public Builder where(String predicate) {
			this.where = predicate;
			return this;
		}

		/** Covering columns: {@code INCLUDE (…)}. */
		public Builder include(String... columns) {
			this.include.addAll(nonNull(columns));
			return this;
		}

		/** The access method: {@code USING gin}. */
		public Builder using(String method) {
			this.method = method;
			return this;
		}

		/** {@code CONCURRENTLY}; the revision must be {@code transactional = false}. */
		public Builder concurrently() {
			this.concurrently = true;
			return this;
		}

		/** {@code IF NOT EXISTS}. */
		public Builder ifNotExists() {
			this.ifNotExists = true;
			return this;
		}

		List<String> columns() {
			return this.columns;
		}

		private static List<String> nonNull(String... columns) {
			for (String column : columns) {
				// List.of would throw a NullPointerException without a message.
				Objects.requireNonNull(column, "An index column or expression must not be null");
			}
			return List.of(columns);
		}

		CreateIndex build(String name, String table) {
			return new CreateIndex(name, table, this.columns, this.unique, this.where, this.include, this.method,
					this.concurrently, this.ifNotExists);
		}

	}

}
