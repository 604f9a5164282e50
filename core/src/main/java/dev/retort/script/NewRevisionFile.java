package dev.retort.script;

import java.util.List;
import java.util.Objects;

/**
 * What a new revision file says: the values of its header and the text of its sections. The
 * command layer checks ids, parents and labels against the graph before handing one to
 * {@link RevisionWriter}.
 *
 * @param id the revision id (letters, digits, underscores)
 * @param message the one-line message (line breaks are folded into spaces when written)
 * @param revises the parents: none for a base, several for a merge
 * @param branchLabels branch labels declared on the revision
 * @param dependsOn revisions or labels it depends on
 * @param transactional whether it runs inside a transaction
 * @param upgrade the SQL of the upgrade section ({@code ""} for an empty one)
 * @param downgrade the SQL of the downgrade section ({@code ""} for an empty one)
 */
public record NewRevisionFile(String id, String message, List<String> revises, List<String> branchLabels,
		List<String> dependsOn, boolean transactional, String upgrade, String downgrade) {

	public NewRevisionFile {
		Objects.requireNonNull(id, "'id' must not be null");
		message = (message != null) ? message.strip().replaceAll("\\s+", " ") : "";
		revises = List.copyOf(revises);
		branchLabels = List.copyOf(branchLabels);
		dependsOn = List.copyOf(dependsOn);
		upgrade = (upgrade != null) ? upgrade : "";
		downgrade = (downgrade != null) ? downgrade : "";
	}

	/** A new transactional revision with a fresh id and empty sections. */
	public static NewRevisionFile of(String message, List<String> revises) {
		return new NewRevisionFile(RevisionIds.newId(), message, revises, List.of(), List.of(), true, "", "");
	}

	public NewRevisionFile withId(String id) {
		return new NewRevisionFile(id, this.message, this.revises, this.branchLabels, this.dependsOn,
				this.transactional, this.upgrade, this.downgrade);
	}

	public NewRevisionFile withBranchLabels(List<String> branchLabels) {
		return new NewRevisionFile(this.id, this.message, this.revises, branchLabels, this.dependsOn,
				this.transactional, this.upgrade, this.downgrade);
	}

	public NewRevisionFile withDependsOn(List<String> dependsOn) {
		return new NewRevisionFile(this.id, this.message, this.revises, this.branchLabels, dependsOn,
				this.transactional, this.upgrade, this.downgrade);
	}

	public NewRevisionFile withTransactional(boolean transactional) {
		return new NewRevisionFile(this.id, this.message, this.revises, this.branchLabels, this.dependsOn,
				transactional, this.upgrade, this.downgrade);
	}

	/** The same revision with these sections (autogenerate fills them). */
	public NewRevisionFile withSections(String upgrade, String downgrade) {
		return new NewRevisionFile(this.id, this.message, this.revises, this.branchLabels, this.dependsOn,
				this.transactional, upgrade, downgrade);
	}

}
