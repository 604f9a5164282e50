package dev.retort.schema;

/**
 * A table constraint.
 *
 * @param name its name
 * @param type {@code p} primary key, {@code u} unique, {@code f} foreign key, {@code c} check,
 * {@code x} exclusion
 * @param definition as PostgreSQL prints it ({@code pg_get_constraintdef})
 */
public record ConstraintModel(String name, String type, String definition) {

	public boolean isForeignKey() {
		return "f".equals(this.type);
	}

}
