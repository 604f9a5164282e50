package dev.retort.operation;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the operation records, so every message names the argument. */
final class Names {

	private Names() {
	}

	static String require(String value, String argument) {
		Objects.requireNonNull(value, () -> "'" + argument + "' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("'" + argument + "' must not be blank");
		}
		return value;
	}

	static List<String> requireAll(List<String> values, String argument) {
		Objects.requireNonNull(values, () -> "'" + argument + "' must not be null");
		if (values.isEmpty()) {
			throw new IllegalArgumentException("'" + argument + "' must name at least one column");
		}
		values.forEach((value) -> require(value, argument));
		return List.copyOf(values);
	}

	static List<String> copy(List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

}
