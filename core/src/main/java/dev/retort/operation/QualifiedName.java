package dev.retort.operation;

/**
 * A name with an optional schema, read from the {@code "schema.table"} form the operations accept.
 *
 * @param schema the schema, or {@code null} for the search path's
 * @param name the unqualified name
 */
public record QualifiedName(String schema, String name) {

	public QualifiedName {
		Names.require(name, "name");
		if (schema != null && schema.isBlank()) {
			throw new IllegalArgumentException("'schema' must not be blank");
		}
	}

	/**
	 * Reads {@code "table"} or {@code "schema.table"}. A dot inside a name cannot be written this
	 * way: such names are not supported.
	 */
	public static QualifiedName parse(String qualified) {
		Names.require(qualified, "name");
		int dot = qualified.indexOf('.');
		if (dot < 0) {
			return new QualifiedName(null, qualified);
		}
		if (dot == 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
			throw new IllegalArgumentException(
					"Name '" + qualified + "' is not of the form 'name' or 'schema.name'");
		}
		return new QualifiedName(qualified.substring(0, dot), qualified.substring(dot + 1));
	}

	/** A sibling in the same schema: {@code s.old} → {@code s.new}. */
	public QualifiedName sibling(String otherName) {
		return new QualifiedName(this.schema, otherName);
	}

	@Override
	public String toString() {
		return (this.schema != null) ? this.schema + "." + this.name : this.name;
	}

}
