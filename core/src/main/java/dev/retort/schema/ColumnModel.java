package dev.retort.schema;

/**
 * A column.
 *
 * @param name its name
 * @param type its type as PostgreSQL prints it ({@code format_type})
 * @param notNull whether it is NOT NULL
 * @param defaultExpression its default, or the expression of a generated column, or {@code null}
 * @param identity {@code "a"} (always), {@code "d"} (by default) or {@code ""}
 * @param generated whether it is a generated column, stored or virtual
 * @param comment its comment, or {@code null}
 * @param identitySequence the options of an identity column's sequence, {@code null} for other columns
 * @param collation its collation as {@code COLLATE} names it ({@code "C"}), {@code null} for its type's default
 * @param virtual whether a generated column is virtual (PostgreSQL 18: computed when read), not stored
 * @param notValidNotNull the name of its not-null constraint when that was added {@code NOT VALID} and is
 * not validated yet (PostgreSQL 18: it refuses new NULLs, old rows may still hold some; {@code notNull}
 * is then true), else {@code null}
 * @param settings its statistics target, options, storage and compression
 */
public record ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
		boolean generated, String comment, IdentitySequence identitySequence, String collation, boolean virtual,
		String notValidNotNull, ColumnSettings settings) {

	/** A column with nothing set by {@code ALTER COLUMN} but its type and value. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated, String comment, IdentitySequence identitySequence, String collation, boolean virtual,
			String notValidNotNull) {
		this(name, type, notNull, defaultExpression, identity, generated, comment, identitySequence, collation, virtual,
				notValidNotNull, ColumnSettings.DEFAULT);
	}

	/** A column whose NOT NULL, if any, is validated. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated, String comment, IdentitySequence identitySequence, String collation, boolean virtual) {
		this(name, type, notNull, defaultExpression, identity, generated, comment, identitySequence, collation, virtual,
				null);
	}

	/** A column that is not a virtual generated column. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated, String comment, IdentitySequence identitySequence, String collation) {
		this(name, type, notNull, defaultExpression, identity, generated, comment, identitySequence, collation, false);
	}

	/** A column with its type's collation. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated, String comment, IdentitySequence identitySequence) {
		this(name, type, notNull, defaultExpression, identity, generated, comment, identitySequence, null);
	}

	/** A column whose identity, if any, has the default options. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated, String comment) {
		this(name, type, notNull, defaultExpression, identity, generated, comment,
				identity.isEmpty() ? null : IdentitySequence.DEFAULT);
	}

	/** A column without a comment. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated) {
		this(name, type, notNull, defaultExpression, identity, generated, null);
	}

}
