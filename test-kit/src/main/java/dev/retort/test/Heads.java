package dev.retort.test;

import dev.retort.Retort;
import dev.retort.revision.Revision;

/**
 * Where every check leaves the kit's database: at every head, so that a Spring context's beans
 * find every table; and, for the checks of the heads alone, from an empty database.
 */
final class Heads {

	private final Retort retort;

	private final DatabaseEmptier emptier;

	Heads(Retort retort, DatabaseEmptier emptier) {
		this.retort = retort;
		this.emptier = emptier;
	}

	/** One head at a time, as 'heads' is refused with retort.fail-on-multiple-heads. */
	void upgradeToEveryHead() {
		for (Revision head : this.retort.graph().realHeads()) {
			this.retort.upgrade(head.id());
		}
	}

	/**
	 * Empties the database and upgrades it to every head, as the round trip starts: a kit database
	 * last used with other revisions (another branch of the project, a revision file edited under
	 * the same id) would otherwise fail on its old rows ("Applied revision … changed on disk") or be
	 * checked with what those left.
	 */
	void emptyAndUpgradeToEveryHead() {
		this.emptier.empty();
		upgradeToEveryHead();
	}

}
