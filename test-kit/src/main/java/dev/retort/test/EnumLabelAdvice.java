package dev.retort.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.retort.revision.Revision;

/**
 * What a downgrade does about labels its upgrade added to an enum: PostgreSQL has no
 * {@code ALTER TYPE … DROP VALUE}, so "set back what is not as it was" alone named a statement
 * that does not exist. The type has to be created again without them, or the revision is one that
 * cannot be undone.
 */
final class EnumLabelAdvice {

	private EnumLabelAdvice() {
	}

	/**
	 * The advice for each enum the downgrade left with labels added (and none taken away, which a
	 * {@code RENAME VALUE} undoes); empty when there is none.
	 * @param before the schema the upgrade started from
	 * @param after the schema the downgrade gave
	 * @param revision the revision, for where it says that it cannot be undone
	 */
	static String of(SchemaSnapshot before, SchemaSnapshot after, Revision revision) {
		Map<String, List<String>> was = labels(before);
		StringBuilder text = new StringBuilder();
		int added = 0;
		for (Map.Entry<String, List<String>> now : labels(after).entrySet()) {
			List<String> old = was.get(now.getKey());
			if (old == null || !now.getValue().containsAll(old) || now.getValue().size() == old.size()) {
				continue;
			}
			List<String> left = now.getValue().stream().filter((label) -> !old.contains(label)).toList();
			added += left.size();
			String type = now.getKey();
			String renamed = type.substring(type.indexOf('.') + 1) + "_old";
			text.append("\n  PostgreSQL cannot take a label out of an enum (ALTER TYPE … ADD VALUE has no undo): to give ")
				.append(type).append(" back without ").append(quoted(left))
				.append(", its downgrade creates the type again: ALTER TYPE ").append(type).append(" RENAME TO ")
				.append(renamed).append("; CREATE TYPE ").append(type).append(" AS ENUM (").append(quoted(old))
				.append("); ALTER TABLE … ALTER COLUMN … TYPE ").append(type).append(" USING …::text::").append(type)
				.append(" for each column of that type (its rows changed first where they hold ").append(quoted(left))
				.append(", its default dropped and set again, the views that read it dropped and created again); DROP TYPE ")
				.append(type, 0, type.indexOf('.') + 1).append(renamed).append('.');
		}
		if (added == 0) {
			return "";
		}
		return text.append(" Where the ").append((added == 1) ? "label" : "labels")
			.append(" may stay, the revision cannot be undone: ")
			.append((revision.kind() == Revision.Kind.JAVA) ? "do not override downgrade(Operations)."
					: "remove its downgrade section.")
			.toString();
	}

	/**
	 * Each enum's labels in order, by type, from its line ("enum public.order_status new, paid"):
	 * a label that itself holds ", " is read as two, and only makes the advice name them so.
	 */
	private static Map<String, List<String>> labels(SchemaSnapshot snapshot) {
		Map<String, List<String>> labels = new LinkedHashMap<>();
		for (String line : snapshot.lines()) {
			String[] words = line.split(" ", 3);
			if (words.length == 3 && words[0].equals("enum")) {
				labels.put(words[1], List.of(words[2].split(", ")));
			}
		}
		return labels;
	}

	private static String quoted(List<String> labels) {
		return labels.stream().map((label) -> "'" + label.replace("'", "''") + "'").collect(Collectors.joining(", "));
	}

}
