package dev.retort.schema;

/**
 * A column.
 *
 * @param name its name
 * @param type its type as PostgreSQL prints it ({@code format_type})
 * @param notNull whether it is NOT NULL
 * @param defaultExpression its default, or the expression of a generated column, or {@code null}
 * @param identity {@code "a"} (always), {@code "d"} (by default) or {@code ""}
 * @param generated whether it is a stored generated column
 * @param comment its comment, or {@code null}
 */
public record ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
		boolean generated, String comment) {

	/** A column without a comment. */
	public ColumnModel(String name, String type, boolean notNull, String defaultExpression, String identity,
			boolean generated) {
		this(name, type, notNull, defaultExpression, identity, generated, null);
	}

}
