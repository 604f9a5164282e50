package dev.retort.operation;

/**
 * One schema directive as data (Alembic's {@code ops}): rendered to PostgreSQL by the dialect,
 * inspected by lint, emitted by autogenerate.
 *
 * <p>SKELETON: the family of records is the Operations issue (issue 4).
 */
public interface Operation {

	/** Raw SQL, run as written. */
	record Execute(String sql) implements Operation {
	}

}
