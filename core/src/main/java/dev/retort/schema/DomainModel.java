package dev.retort.schema;

import java.util.List;

/**
 * A domain: a type with a default and constraints of its own.
 *
 * @param name its name
 * @param baseType its base type as PostgreSQL prints it ({@code format_type})
 * @param notNull whether it is NOT NULL
 * @param defaultExpression its default, or {@code null}
 * @param constraints its check constraints (type {@code c})
 */
public record DomainModel(String name, String baseType, boolean notNull, String defaultExpression,
		List<ConstraintModel> constraints) {

	public DomainModel {
		constraints = List.copyOf(constraints);
	}

}
