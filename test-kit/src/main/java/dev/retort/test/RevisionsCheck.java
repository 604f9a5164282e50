package dev.retort.test;

import java.util.List;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.revision.Revision;

/**
 * Checks of the revisions themselves, before any runs: that the kit found them, and that they
 * have one head.
 */
final class RevisionsCheck {

	private final RetortConfig config;

	private final Retort retort;

	RevisionsCheck(RetortConfig config, Retort retort) {
		this.config = config;
		this.retort = retort;
	}

	/** One head: parallel branches are merged ({@code retort merge}) before they ship. */
	void singleHead() {
		requireRevisions();
		// As retort heads counts them: an effective head (only depended on) needs no merge, the row
		// of the revision depending on it implies it.
		List<Revision> heads = this.retort.graph().realHeads();
		if (heads.size() > 1) {
			StringBuilder message = new StringBuilder("The revisions have " + heads.size() + " heads: "
					+ RevisionNames.named(heads) + ". Join them with: retort merge -m \"merge\" heads");
			for (Revision head : heads) {
				if (head.isBase() && head.dependsOn().isEmpty()) {
					// A lone revision is far more often a forgotten parent than a branch to merge.
					message.append("\n  ").append(RevisionNames.named(head))
						.append(" revises nothing and nothing revises it: if it follows another revision, name that one in ")
						.append(RevisionNames.revisesOf(head)).append(" instead of merging.");
				}
			}
			throw new AssertionError(message);
		}
	}

	/**
	 * A location with a typo, or revisions not on the test class path, would otherwise pass every
	 * check having proved nothing; a Java package with a typo, having left its revisions out.
	 */
	void requireRevisions() {
		if (this.retort.graph().upgradeOrder().isEmpty()) {
			throw new AssertionError("No revision found in " + String.join(", ", this.config.locations())
					+ " (Java packages: " + (this.config.javaPackages().isEmpty() ? "none"
							: String.join(", ", this.config.javaPackages()))
					+ "): the kit has nothing to prove. Give it the application's locations and javaPackages"
					+ " (retort.locations, retort.java-packages), and check that the revisions are on the test"
					+ " class path.");
		}
		for (String javaPackage : this.config.javaPackages()) {
			boolean found = this.retort.graph().revisions().stream().anyMatch((revision) ->
					revision.kind() == Revision.Kind.JAVA && revision.origin().source().startsWith(javaPackage + "."));
			if (!found) {
				// Its revisions, often the newest, would otherwise go untested without a word.
				throw new AssertionError("No Java revision found in package " + javaPackage + " (a class annotated "
						+ "@Revision implementing Migration): give the kit the application's retort.java-packages.");
			}
		}
	}

}
