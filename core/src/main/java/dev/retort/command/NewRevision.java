package dev.retort.command;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code retort revision} and {@code retort merge} are asked to write.
 *
 * @param message the message ({@code -m})
 * @param head the parent(s) ({@code --head}, merge revisions); {@code null} for {@code head}
 * @param splice whether the parent may be a non-head ({@code --splice})
 * @param branchLabels branch labels for the new revision
 * @param dependsOn dependencies ({@code --depends-on})
 * @param revId a fixed id ({@code --rev-id}), or {@code null} for a fresh one
 * @param versionPath the directory to write into ({@code --version-path}), or {@code null}
 * @param javaClass a Java class name for a Java revision skeleton ({@code --java}), or {@code null}
 */
public record NewRevision(String message, List<String> head, boolean splice, List<String> branchLabels,
		List<String> dependsOn, String revId, Path versionPath, String javaClass) {

	public NewRevision {
		head = (head != null) ? List.copyOf(head) : List.of();
		branchLabels = (branchLabels != null) ? List.copyOf(branchLabels) : List.of();
		dependsOn = (dependsOn != null) ? List.copyOf(dependsOn) : List.of();
	}

}
