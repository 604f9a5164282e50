package dev.retort.schema;

import java.util.List;

/**
 * A composite type ({@code CREATE TYPE … AS (…)}).
 *
 * @param name its name
 * @param attributes its attributes in order, each as {@code name type} ({@code amount numeric(12,2)})
 */
public record CompositeTypeModel(String name, List<String> attributes) {

	public CompositeTypeModel {
		attributes = List.copyOf(attributes);
	}

}
