package dev.retort.operation;

import java.util.Objects;
import java.util.Optional;

/**
 * Raw SQL, run as written (Alembic's {@code op.execute}). It has no reverse: write the downgrade
 * by hand.
 *
 * @param sql the SQL text
 */
public record Execute(String sql) implements Operation {

	public Execute {
		Objects.requireNonNull(sql, "'sql' must not be null");
		if (sql.isBlank()) {
			throw new IllegalArgumentException("'sql' must not be blank");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitExecute(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

}
