package dev.retort.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.SecondSessionUnavailableException;

/**
 * The round trip: every revision, base first, upgraded, downgraded and upgraded again, with the
 * schema compared at each step ({@link SchemaSnapshot}); a revision that fails is named with what
 * to fix in it.
 */
final class RoundTrip {

	/** Said by a failure after which the kit emptied its database ({@link DatabaseEmptier#emptyAfterFailure()}). */
	private static final String EMPTIED = "\n  The kit emptied the database, so that the next run (or an application"
			+ " context starting on it) does not meet what the downgrade left behind.";

	private final RetortConfig config;

	private final Retort retort;

	private final KitSessions sessions;

	private final DatabaseEmptier emptier;

	private final Heads heads;

	RoundTrip(RetortConfig config, Retort retort, KitSessions sessions, DatabaseEmptier emptier, Heads heads) {
		this.config = config;
		this.retort = retort;
		this.sessions = sessions;
		this.emptier = emptier;
		this.heads = heads;
	}

	/**
	 * Every revision, base first: its upgrade runs, its downgrade (when it has one) gives back
	 * exactly the schema the upgrade started from, and its upgrade runs again to exactly the schema
	 * it gave the first time. The database is left at every head.
	 */
	void everyRevision() {
		RevisionGraph graph = this.retort.graph();
		this.emptier.empty();
		// The schema the previous revision left, when the next one starts on it: read once, not twice.
		SchemaSnapshot left = null;
		for (Revision revision : graph.upgradeOrder()) {
			Set<String> requirements = new HashSet<>(graph.applied(List.of(revision.id())));
			requirements.remove(revision.id());
			if (!graph.applied(this.retort.current().current()).equals(requirements)) {
				// Another branch is applied: start again from an empty database.
				this.emptier.empty();
				for (String required : requirements) {
					this.retort.upgrade(required);
				}
				left = null;
			}
			SchemaSnapshot before = (left != null) ? left : snapshot();
			run(revision, "its upgrade failed", upgradeAdvice(revision, graph), () -> this.retort.upgrade(revision.id()));
			SchemaSnapshot after = snapshot();
			// Whether or not it is undone and done again, the revision leaves exactly this (checked below).
			left = after;
			if (!revision.reversible()) {
				continue;
			}
			// One step down along the revision's own lineage: exactly it, every requirement kept. Its first
			// parent as the target would also take away a dependency built on that parent, or another
			// base it depends on.
			run(revision, "its downgrade failed",
					"Fix its downgrade: it ran right after its upgrade, on exactly the schema that upgrade gave.",
					() -> this.retort.downgrade(revision.id() + "@-1"));
			SchemaSnapshot downgraded = snapshot();
			String restored = before.difference(downgraded);
			if (!restored.isEmpty()) {
				this.emptier.emptyAfterFailure();
				throw RevisionNames.failure(revision, "its downgrade did not give back the schema its upgrade started from "
						+ "(+ left behind, - not restored, ~ not as it was):" + restored
						+ "\n  Make its downgrade " + whatToUndo(restored) + ". (A revision that cannot be undone "
						+ ((revision.kind() == Revision.Kind.JAVA) ? "does not override downgrade(Operations)"
								: "has no downgrade section")
						+ ": the kit then only upgrades it.)" + EnumLabelAdvice.of(before, downgraded, revision) + EMPTIED);
			}
			try {
				run(revision, "its upgrade failed when run again after its downgrade",
						"Its downgrade gave back the schema but left something its upgrade trips over (rows, or what"
								+ " the kit does not compare: the database's own grants): make the"
								+ " downgrade undo it too." + EMPTIED,
						() -> this.retort.upgrade(revision.id()));
			}
			catch (AssertionError ex) {
				this.emptier.emptyAfterFailure();
				throw ex;
			}
			String again = after.difference(snapshot());
			if (!again.isEmpty()) {
				throw RevisionNames.failure(revision, "its upgrade, run again after its downgrade, gave another schema "
						+ "(+ now there, - there the first time, ~ not as the first time):" + again
						+ "\n  Its downgrade gave back the schema but left something that changes what its upgrade does"
						+ " (rows, or what the kit does not compare): make the downgrade undo it too.");
			}
		}
		// The walk ends on the last revision's branch: the other heads too, so that a Spring context's
		// beans find every table.
		this.heads.upgradeToEveryHead();
	}

	private SchemaSnapshot snapshot() {
		return SchemaSnapshot.of(this.sessions, this.config);
	}

	/**
	 * What the downgrade must do about the differences there are, and only those: advice on what
	 * is "not restored" beside a list of things left behind sent its reader looking for them.
	 */
	private static String whatToUndo(String difference) {
		List<String> steps = new ArrayList<>();
		if (difference.contains("\n    + ")) {
			steps.add("drop what is left behind (+)");
		}
		if (difference.contains("\n    - ")) {
			steps.add("create again, as it was, what is not restored (-)");
		}
		if (difference.contains("\n    ~ ")) {
			steps.add("set back what is not as it was (~)");
		}
		if (steps.size() <= 2) {
			return String.join(" and ", steps);
		}
		return String.join(", ", steps.subList(0, steps.size() - 1)) + ", and " + steps.get(steps.size() - 1);
	}

	/**
	 * Runs a step of the round trip; a revision that fails is reported with what to do about it in
	 * a test, not with the runner's advice for a real database (where it stays, {@code retort
	 * stamp}, run again): the kit's database is thrown away.
	 */
	private static void run(Revision revision, String what, String advice, Runnable step) {
		try {
			step.run();
		}
		catch (MigrationFailedException ex) {
			AssertionError error = RevisionNames.failure(revision,
					what + " at " + ex.location() + ": " + ex.problem() + "\n  " + advice);
			error.initCause(ex);
			throw error;
		}
		catch (SecondSessionUnavailableException ex) {
			// Not the revision's fault, and Retort's own advice ("2 or more") is one short with the kit's lock.
			// Its words of the pool stay in the cause.
			throw new IllegalStateException(PoolCapacity.exhausted("it had none for Retort's lock, beside the kit's lock"
					+ " and the migration's session"), ex);
		}
		catch (RuntimeException ex) {
			AssertionError error = RevisionNames.failure(revision, what + ": " + ex.getMessage());
			error.initCause(ex);
			throw error;
		}
	}

	private static String upgradeAdvice(Revision revision, RevisionGraph graph) {
		if (revision.isBase() && revision.dependsOn().isEmpty() && graph.revisions().size() > 1) {
			// Its parent forgotten, it meets an empty database rather than the tables it was written for.
			return "Fix its upgrade: it revises nothing, so it ran on an empty database. If it builds on another revision,"
					+ " name that one in " + RevisionNames.revisesOf(revision) + ".";
		}
		return "Fix its upgrade: it ran on exactly the schema its ancestors give.";
	}

}
