package dev.retort.operation;

import java.util.Optional;

/**
 * {@code COMMENT ON TABLE … IS NULL} (Alembic's {@code drop_table_comment}): removes a table's
 * comment.
 *
 * @param table the table, optionally schema-qualified
 * @param existingComment the comment the table had, which makes this reversible; or {@code null}
 */
public record DropTableComment(String table, String existingComment) implements Operation {

	public DropTableComment {
		Names.require(table, "table");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropTableComment(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.existingComment)
			.map((comment) -> new CreateTableComment(this.table, comment, null));
	}

}
