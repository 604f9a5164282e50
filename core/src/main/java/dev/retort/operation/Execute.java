package dev.retort.operation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Raw SQL, run as written (Alembic's {@code op.execute}). It has no reverse: write the downgrade
 * by hand.
 *
 * @param sql the SQL text; with parameters, a {@code ?} for each of them ({@code ??} for the
 * jsonb operator {@code ?})
 * @param parameters the values of its {@code ?} placeholders, in order (any may be {@code null}):
 * bound online, written as literals offline, as a {@link BulkInsert}'s values are; none for SQL
 * run exactly as written
 */
public record Execute(String sql, List<Object> parameters) implements Operation {

	public Execute {
		Objects.requireNonNull(sql, "'sql' must not be null");
		if (sql.isBlank()) {
			throw new IllegalArgumentException("'sql' must not be blank");
		}
		Objects.requireNonNull(parameters, "'parameters' must not be null");
		// Not List.copyOf: a parameter may be null (SQL NULL).
		parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
	}

	/** SQL without parameters, run exactly as written. */
	public Execute(String sql) {
		this(sql, List.of());
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
