package dev.retort.command;

import java.util.List;

/** {@code retort heads}. */
public record HeadsResult(List<RevisionInfo> heads) {

	public HeadsResult {
		heads = List.copyOf(heads);
	}

}
