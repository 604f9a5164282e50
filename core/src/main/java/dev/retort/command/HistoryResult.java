package dev.retort.command;

import java.util.List;

/** {@code retort history}: revisions newest first. */
public record HistoryResult(List<RevisionInfo> revisions) {

	public HistoryResult {
		revisions = List.copyOf(revisions);
	}

}
