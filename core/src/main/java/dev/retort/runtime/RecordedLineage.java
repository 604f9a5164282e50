package dev.retort.runtime;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parents of each revision as the history recorded them: the heads an upgrade of it replaced
 * and the heads a downgrade of it gave back. For revisions no file declares any more, the only
 * account of their ancestry there is. It can miss a parent (one that was not a head when its
 * child was applied, because another child of it was applied first), never invent one.
 *
 * @param parents recorded parents by revision
 */
public record RecordedLineage(Map<String, Set<String>> parents) {

	public RecordedLineage {
		parents = Map.copyOf(parents);
	}

	/** From successful steps (revision, operation, heads before, heads after), oldest first. */
	static RecordedLineage of(List<HistoryTable.Step> steps) {
		Map<String, Set<String>> parents = new LinkedHashMap<>();
		for (HistoryTable.Step step : steps) {
			List<String> replaced = "upgrade".equals(step.operation()) ? minus(step.fromHeads(), step.toHeads())
					: "downgrade".equals(step.operation()) ? minus(step.toHeads(), step.fromHeads()) : List.of();
			parents.computeIfAbsent(step.revision(), (revision) -> new LinkedHashSet<>()).addAll(replaced);
		}
		return new RecordedLineage(parents);
	}

	/**
	 * The ancestors of {@code heads} (without them) as recorded, not walked past the revisions
	 * {@code known} accepts: the revision files tell those revisions' ancestry better.
	 */
	public Set<String> ancestors(Collection<String> heads, Predicate<String> known) {
		Set<String> found = new LinkedHashSet<>();
		Deque<String> next = new ArrayDeque<>(heads);
		while (!next.isEmpty()) {
			for (String parent : this.parents.getOrDefault(next.pop(), Set.of())) {
				if (!heads.contains(parent) && found.add(parent) && !known.test(parent)) {
					next.push(parent);
				}
			}
		}
		return found;
	}

	private static List<String> minus(List<String> heads, List<String> others) {
		return heads.stream().filter((head) -> !others.contains(head)).toList();
	}

}
