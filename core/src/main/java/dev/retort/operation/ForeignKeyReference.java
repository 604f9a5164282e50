package dev.retort.operation;

/**
 * The column a column refers to, declared with {@code column(..).references("users", "id")}.
 *
 * @param table the referenced table, optionally schema-qualified
 * @param column the referenced column
 */
public record ForeignKeyReference(String table, String column) {

	public ForeignKeyReference {
		Names.require(table, "table");
		Names.require(column, "column");
	}

}
