package dev.retort.operation;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code COMMENT ON TABLE … IS '…'} (Alembic's {@code create_table_comment}): sets or replaces a
 * table's comment.
 *
 * @param table the table, optionally schema-qualified
 * @param comment the new comment
 * @param existingComment the comment the table had, which makes this reversible; {@code null}
 * when it had none (as in Alembic: the reverse then drops the comment)
 */
public record CreateTableComment(String table, String comment, String existingComment) implements Operation {

	public CreateTableComment {
		Names.require(table, "table");
		Objects.requireNonNull(comment, "'comment' must not be null: to remove a comment, use DropTableComment");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateTableComment(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of((this.existingComment != null)
				? new CreateTableComment(this.table, this.existingComment, this.comment)
				: new DropTableComment(this.table, this.comment));
	}

}
