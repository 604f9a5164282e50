package dev.retort.revision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random revision graphs as people grow them: mostly linear steps, branches from any earlier
 * revision, merges of two current heads, a few new roots, dependencies on earlier revisions
 * (sometimes through their branch label), loaded in a shuffled order as file names would.
 */
final class RandomGraphs {

	private RandomGraphs() {
	}

	static List<Revision> generate(long seed, int size) {
		Random random = new Random(seed);
		List<Revision> revisions = new ArrayList<>();
		Set<String> tips = new LinkedHashSet<>();
		for (int i = 0; i < size; i++) {
			String id = String.format("r%03d", i);
			List<String> parents = new ArrayList<>();
			double shape = random.nextDouble();
			if (i == 0 || shape < 0.08) {
				// a new root
			}
			else if (shape < 0.22 && tips.size() >= 2) {
				List<String> candidates = new ArrayList<>(tips);
				Collections.shuffle(candidates, random);
				parents.add(candidates.get(0));
				parents.add(candidates.get(1));
			}
			else {
				int back = (random.nextDouble() < 0.75) ? 1 : 1 + random.nextInt(Math.min(i, 6));
				parents.add(revisions.get(i - back).id());
			}
			List<String> dependsOn = new ArrayList<>();
			if (i > 1 && random.nextDouble() < 0.15) {
				Revision target = revisions.get(random.nextInt(i));
				boolean byLabel = !target.branchLabels().isEmpty() && random.nextBoolean();
				String dependency = byLabel ? target.branchLabels().get(0) : target.id();
				if (!parents.contains(dependency)) {
					dependsOn.add(dependency);
				}
			}
			List<String> labels = (random.nextDouble() < 0.1) ? List.of("lib" + i) : List.of();
			tips.removeAll(parents);
			tips.add(id);
			revisions.add(new Revision(id, parents, dependsOn, labels, "revision " + i, null, Revision.Origin.UNKNOWN,
					Revision.Kind.SQL, true, true, null));
		}
		Collections.shuffle(revisions, random);
		return revisions;
	}

}
