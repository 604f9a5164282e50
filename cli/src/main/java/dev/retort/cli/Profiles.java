package dev.retort.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Spring profile lists and the expressions of {@code spring.config.activate.on-profile}:
 * {@code prod}, {@code prod,staging} (any), {@code !dev}, {@code prod & eu}, {@code prod | staging}.
 */
final class Profiles {

	private Profiles() {
	}

	/** {@code "a, b"} as {@code [a, b]}; {@code null} or blank as no profile. */
	static List<String> split(String profiles) {
		if (profiles == null || profiles.isBlank()) {
			return List.of();
		}
		return Arrays.stream(profiles.split(",")).map(String::trim).filter((each) -> !each.isEmpty()).toList();
	}

	/** Whether the expression holds for the active profiles. */
	static boolean matches(String expression, List<String> active) {
		for (String alternative : expression.split("[,|]")) {
			boolean all = true;
			for (String term : alternative.split("&")) {
				String profile = term.trim().replace("(", "").replace(")", "").trim();
				boolean negated = profile.startsWith("!");
				if (negated) {
					profile = profile.substring(1).trim();
				}
				if (profile.isEmpty()) {
					continue;
				}
				if (active.contains(profile) == negated) {
					all = false;
				}
			}
			if (all && !alternative.isBlank()) {
				return true;
			}
		}
		return false;
	}

}
