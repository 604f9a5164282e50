package dev.retort.command;

import java.util.List;

/** {@code retort branches}: every branch point. */
public record BranchesResult(List<RevisionInfo> branchPoints) {

	public BranchesResult {
		branchPoints = List.copyOf(branchPoints);
	}

}
