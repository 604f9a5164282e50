package dev.retort.command;

import java.util.List;

/**
 * A revision as SPEC §5 shows it in JSON ({@code {revision}}).
 *
 * @param revision the id
 * @param revises parent ids
 * @param dependsOn dependencies
 * @param branchLabels branch labels, declared and inherited
 * @param message the message
 * @param createDate the create date as written, or {@code null}
 * @param source the file or class it comes from
 * @param kind {@code sql} or {@code java}
 * @param transactional whether it runs in a transaction
 * @param reversible whether it has a downgrade
 * @param isHead whether it is a head
 * @param isEffectiveHead whether it is a head that another revision depends on ({@code (effective
 * head)} in the text): it gets no version row, the dependent's implies it, and needs no merge. Not
 * among SPEC §5's keys: an extra member, as {@code notes} is
 * @param isBase whether it is a base
 * @param isBranchPoint whether it is a branch point
 * @param isMerge whether it is a merge
 * @param state {@code applied}, {@code pending} or {@code other-branch} where a database was
 * read; {@code null} otherwise (and then left out of JSON)
 * @param notes the free text of a SQL header's {@code Notes:}, {@code null} when there is none.
 * Not among SPEC §5's keys: an extra member, always present (as {@code createDate} is), so
 * readers of SPEC's keys are unaffected and a strict reader meets it on its first run
 */
public record RevisionInfo(String revision, List<String> revises, List<String> dependsOn, List<String> branchLabels,
		String message, String createDate, String source, String kind, boolean transactional, boolean reversible,
		boolean isHead, boolean isEffectiveHead, boolean isBase, boolean isBranchPoint, boolean isMerge, String state,
		String notes) {

	public RevisionInfo {
		revises = List.copyOf(revises);
		dependsOn = List.copyOf(dependsOn);
		branchLabels = List.copyOf(branchLabels);
	}

	public RevisionInfo withState(String state) {
		return new RevisionInfo(this.revision, this.revises, this.dependsOn, this.branchLabels, this.message,
				this.createDate, this.source, this.kind, this.transactional, this.reversible, this.isHead,
				this.isEffectiveHead, this.isBase, this.isBranchPoint, this.isMerge, state, this.notes);
	}

}
