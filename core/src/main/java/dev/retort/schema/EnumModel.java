package dev.retort.schema;

import java.util.List;

/**
 * An enum type.
 *
 * @param name its name
 * @param labels its labels, in their order
 */
public record EnumModel(String name, List<String> labels) {

	public EnumModel {
		labels = List.copyOf(labels);
	}

}
