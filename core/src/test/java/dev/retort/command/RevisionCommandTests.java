package dev.retort.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.retort.Retort;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RevisionCommandTests {

	private static Retort load(RevisionFiles files) {
		return Retort.configure().locations(files.location()).load();
	}

	private static NewRevision request(String message, List<String> head, boolean splice, List<String> labels,
			String revId) {
		return new NewRevision(message, head, splice, labels, List.of(), revId, null, null);
	}

	@Test
	void aNewRevisionRevisesTheHeadAndBecomesTheHead(@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		WrittenRevision written = load(files).revision(request("Add users", null, false, List.of(), "bbbb00000002"));
		assertThat(written.path()).isEqualTo(dir.resolve("bbbb00000002_add_users.sql"));
		assertThat(Files.readString(written.path())).contains("-- Revises: aaaa00000001");
		assertThat(load(files).heads().heads()).extracting(RevisionInfo::revision).containsExactly("bbbb00000002");
	}

	@Test
	void theFirstRevisionIsABaseAndInitWritesTheTemplate(@TempDir Path dir) {
		Path template = Retort.init(dir.resolve("revisions"));
		assertThat(template).exists();
		Retort retort = Retort.configure().locations("filesystem:" + dir.resolve("revisions")).load();
		WrittenRevision written = retort.revision(request("first", null, false, List.of(), null));
		assertThat(written.revision()).hasSize(12);
		assertThat(Retort.configure().locations("filesystem:" + dir.resolve("revisions")).load().graph().bases())
			.singleElement()
			.satisfies((base) -> assertThat(base.id()).isEqualTo(written.revision()));
	}

	@Test
	void severalHeadsNeedAHeadOrAMerge(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		files.write("bbbb00000002", "aaaa00000001", "SELECT 1;", "SELECT 1;");
		files.write("cccc00000003", "aaaa00000001", "SELECT 1;", "SELECT 1;");
		Retort retort = load(files);
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> retort.revision(request("next", null, false, List.of(), null)));
		assertThat(error.code()).isEqualTo(ErrorCode.MULTIPLE_HEADS);
		assertThat(error.getMessage()).isEqualTo("Multiple heads are present (bbbb00000002, cccc00000003); say which the"
				+ " new revision revises: --head bbbb00000002 (or --head label@head, or --head heads for all of them)."
				+ " To join them first: retort merge -m \"merge\" bbbb00000002 cccc00000003; nothing was written.");
		WrittenRevision merge = retort.merge(request("merge", List.of("heads"), false, List.of(), "dddd00000004"));
		assertThat(load(files).graph().get(merge.revision()).parents()).containsExactly("bbbb00000002",
				"cccc00000003");
	}

	@Test
	void aNonHeadParentNeedsSplice(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		files.write("bbbb00000002", "aaaa00000001", "SELECT 1;", "SELECT 1;");
		Retort retort = load(files);
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> retort.revision(request("branch", List.of("aaaa"), false, List.of(), null)));
		assertThat(error.getMessage()).startsWith("Revision aaaa00000001 (").contains("is not a head revision; use --splice");
		assertThat(retort.revision(request("branch", List.of("aaaa"), true, List.of("side"), "cccc00000003")).revision())
			.isEqualTo("cccc00000003");
		assertThat(load(files).graph().branchPoints()).extracting(dev.retort.revision.Revision::id)
			.containsExactly("aaaa00000001");
	}

	@Test
	void idsAndLabelsAreCheckedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "-- Branch Labels: core\n", true, "SELECT 1;", "SELECT 1;");
		Retort retort = load(files);
		RetortException used = catchThrowableOfType(RetortException.class,
				() -> retort.revision(request("x", null, false, List.of(), "aaaa00000001")));
		assertThat(used.getMessage()).startsWith("Revision id aaaa00000001 is already used by ");
		RetortException label = catchThrowableOfType(RetortException.class,
				() -> retort.revision(request("x", null, false, List.of("core"), null)));
		assertThat(label.getMessage()).startsWith("Branch label 'core' is already used by aaaa00000001 (")
			.contains("aaaa00000001_")
			.endsWith("). Choose another label; a label names one branch.");
		try (var entries = Files.list(dir)) {
			assertThat(entries).hasSize(1);
		}
	}

	@Test
	void aLabelOrDependencyGivenTwiceIsWrittenOnce(@TempDir Path dir) throws Exception {
		// alembic revision takes one --branch-label and refuses a label listed twice; Retort's options
		// repeat, and a prefix and the full id name one dependency: the header lists each once.
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "-- Branch Labels: core\n", true, "SELECT 1;", "SELECT 1;");
		files.write("bbbb00000002", null, "SELECT 1;", "SELECT 1;");
		WrittenRevision written = load(files).revision(new NewRevision("next", List.of("bbbb00000002"), false,
				List.of("billing", "billing"), List.of("aaaa", "aaaa00000001", "core", "core"), "cccc00000003", null,
				null));
		assertThat(Files.readString(written.path())).contains("-- Branch Labels: billing\n",
				"-- Depends On: aaaa00000001, core\n");
		assertThat(load(files).graph().get("cccc00000003").dependsOn()).containsExactly("aaaa00000001", "core");
	}

}
