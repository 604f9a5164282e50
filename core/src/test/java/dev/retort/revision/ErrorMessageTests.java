package dev.retort.revision;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.error.ErrorCode;

import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The message, code and data of each error a graph query throws. */
class ErrorMessageTests {

	private final RevisionGraph graph = graph(rev("ae1027a6acf3"), rev("ae10f00dcafe", "ae1027a6acf3"),
			rev("1975ea83b712", "ae10f00dcafe"), rev("9c2d55e0aa41", "ae10f00dcafe"));

	@Test
	void ambiguousPrefixListsEveryCandidate() {
		assertThatExceptionOfType(AmbiguousRevisionException.class).isThrownBy(() -> this.graph.resolve("ae10", heads()))
			.withMessage("Revision prefix 'ae10' is ambiguous: it matches ae1027a6acf3, ae10f00dcafe. Give more characters"
					+ " of the id.")
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.AMBIGUOUS_REVISION);
				assertThat(ex.candidates()).containsExactly("ae1027a6acf3", "ae10f00dcafe");
			});
	}

	@Test
	void ambiguousPrefixListsTheCandidatesSortedWhateverTheOrderOfTheFiles() {
		RevisionGraph loaded = graph(rev("b0000000001"), rev("b0000000003", "b0000000001"),
				rev("b0000000002", "b0000000003"));
		assertThatExceptionOfType(AmbiguousRevisionException.class).isThrownBy(() -> loaded.resolve("b000", heads()))
			.withMessage("Revision prefix 'b000' is ambiguous: it matches b0000000001, b0000000002, b0000000003. Give more"
					+ " characters of the id.")
			.satisfies((ex) -> assertThat(ex.candidates()).containsExactly("b0000000001", "b0000000002", "b0000000003"));
	}

	@Test
	void unknownIdentifierSuggestsTheNearest() {
		assertThatExceptionOfType(UnknownRevisionException.class)
			.isThrownBy(() -> this.graph.upgrade(heads(), "1975ea83b713"))
			.withMessage("No revision or branch label '1975ea83b713' is known. Did you mean 1975ea83b712? 'retort history'"
					+ " lists the revisions.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION));
		assertThatExceptionOfType(UnknownRevisionException.class).isThrownBy(() -> this.graph.get("nope"))
			.withMessage("No revision 'nope' is known.");
	}

	@Test
	void currentHeadsUnknownToTheGraphAreRefused() {
		assertThatExceptionOfType(UnknownRevisionException.class)
			.isThrownBy(() -> this.graph.upgrade(heads("deadbeef1234"), "heads"))
			.withMessage("The version table holds revision 'deadbeef1234', which none of the known revisions declares:"
					+ " the database is ahead of these revisions, or a revision was removed. Restore the revision, or"
					+ " reset the rows with 'retort stamp --purge REV'.")
			.satisfies((ex) -> assertThat(ex.identifier()).isEqualTo("deadbeef1234"));
		assertThat(this.graph.stamp(heads("deadbeef1234"), List.of("1975"), true).toHeads())
			.containsExactly("1975ea83b712");
	}

	@Test
	void multipleHeadsMessageMatchesTheSpec() {
		assertThatExceptionOfType(MultipleHeadsException.class).isThrownBy(() -> this.graph.resolve("head", heads()))
			.withMessage("Multiple heads are present (1975ea83b712, 9c2d55e0aa41); name one, use 'label@head', or"
					+ " 'heads'. To join them: retort merge -m \"merge\" 1975ea83b712 9c2d55e0aa41")
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.MULTIPLE_HEADS);
				assertThat(ex.argument()).isEqualTo("head");
			});
	}

	@Test
	void aBranchWithSeveralHeadsSuggestsOneOrAllOfThemRatherThanLabelAtHead() {
		// 'ae10f00dcafe@head' is the 'label@head' the plain 'head' message suggests: repeating it helped no one.
		assertThatExceptionOfType(MultipleHeadsException.class)
			.isThrownBy(() -> this.graph.resolve("ae10f00dcafe@head", heads()))
			.withMessage("Multiple heads match 'ae10f00dcafe@head' (1975ea83b712, 9c2d55e0aa41): the branch"
					+ " 'ae10f00dcafe' has several heads; name one, or 'ae10f00dcafe@heads' for all of them. To join"
					+ " them: retort merge -m \"merge\" 1975ea83b712 9c2d55e0aa41");
		assertThat(this.graph.resolve("ae10f00dcafe@heads", heads())).containsExactlyInAnyOrder("1975ea83b712",
				"9c2d55e0aa41");
	}

	@Test
	void anIrreversibleJavaRevisionIsToldToOverrideItsDowngrade() {
		Revision java = new Revision("bbbb", List.of("aaaa"), List.of(), List.of(), "", null,
				Revision.Origin.of("com.example.db.Backfill"), Revision.Kind.JAVA, true, false, null);
		RevisionGraph irreversible = graph(rev("aaaa"), java, rev("cccc", "bbbb"));
		assertThatExceptionOfType(IrreversibleRevisionException.class)
			.isThrownBy(() -> irreversible.downgrade(heads("cccc"), "base"))
			.withMessage("Cannot downgrade to 'base': revision bbbb (com.example.db.Backfill) has no downgrade. Nothing was"
					+ " run. Downgrade to bbbb or a later revision, or override downgrade(Operations) in its class.");
	}

	@Test
	void irreversibleRevisionIsRefusedBeforeAnythingRuns() {
		RevisionGraph irreversible = graph(rev("aaaa"), rev("bbbb", "aaaa").withReversible(false), rev("cccc", "bbbb"));
		assertThatExceptionOfType(IrreversibleRevisionException.class)
			.isThrownBy(() -> irreversible.downgrade(heads("cccc"), "base"))
			.withMessage("Cannot downgrade to 'base': revision bbbb (<unknown>) has no downgrade. Nothing was run."
					+ " Downgrade to bbbb or a later revision, or add a '-- +downgrade' section to it.")
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.IRREVERSIBLE_REVISION);
				assertThat(ex.revision().id()).isEqualTo("bbbb");
			});
		assertThat(Graphs.ids(irreversible.downgrade(heads("cccc"), "bbbb"))).containsExactly("cccc");
	}

	@Test
	void anIrreversibleRevisionOfAnotherBranchNamesTheDependencyThatRevertsIt() {
		// G2 with d2 depending on c1: reverting the c1 branch reverts d2 too.
		RevisionGraph crossed = graph(rev("a"), rev("b", "a"), rev("c1", "b").withBranchLabels("c1branch"),
				rev("d1", "c1"), rev("c2", "b").withBranchLabels("c2branch"),
				new Revision("d2", List.of("c2"), List.of("c1"), List.of(), "", null, Revision.Origin.UNKNOWN,
						Revision.Kind.SQL, true, false, null),
				rev("e2", "d2"));
		assertThatExceptionOfType(IrreversibleRevisionException.class)
			.isThrownBy(() -> crossed.downgrade(heads("d1", "e2"), "c1branch@b"))
			.withMessageEndingWith("has no downgrade; it is reverted because it depends on c1, which this downgrade"
					+ " removes. Nothing was run. Downgrade no lower than c1, or add a '-- +downgrade' section to it.")
			.satisfies((ex) -> assertThat(ex.revision().id()).isEqualTo("d2"));
		RevisionGraph above = graph(rev("a"), rev("b", "a"), rev("c1", "b").withBranchLabels("c1branch"),
				rev("c2", "b").withBranchLabels("c2branch"),
				new Revision("d2", List.of("c2"), List.of("c1"), List.of(), "", null, Revision.Origin.UNKNOWN,
						Revision.Kind.SQL, true, true, null),
				rev("e2", "d2").withReversible(false));
		assertThatExceptionOfType(IrreversibleRevisionException.class)
			.isThrownBy(() -> above.downgrade(heads("e2"), "c1branch@b"))
			.withMessageContaining("revision e2 (")
			.withMessageEndingWith("has no downgrade; it is reverted because it stands on d2, which depends on c1, which"
					+ " this downgrade removes. Nothing was run. Downgrade no lower than c1, or add a '-- +downgrade'"
					+ " section to it.");
		assertThatExceptionOfType(IrreversibleRevisionException.class)
			.isThrownBy(() -> above.downgrade(heads("e2"), "c2branch@b"))
			.withMessageEndingWith(" has no downgrade. Nothing was run. Downgrade to e2 or a later revision, or add a"
					+ " '-- +downgrade' section to it.");
	}

	@Test
	void overlappingRowsAreRefused() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.upgrade(heads("ae1027a6acf3", "1975ea83b712"), "heads"))
			.withMessage("The version table holds both ae1027a6acf3 and 1975ea83b712, but ae1027a6acf3 is an ancestor of"
					+ " 1975ea83b712; its row should not be there. Nothing was changed. Replace the rows with 'retort stamp"
					+ " --purge REV...', naming the revisions the database is at: 'retort stamp --purge 1975ea83b712' if it"
					+ " is at 1975ea83b712 ('retort current' shows the rows).")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_TARGET));
	}

	@Test
	void rangesAreOnlyForHistory() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.upgrade(heads(), "ae1027a6acf3:heads"))
			.withMessage("A range ('ae1027a6acf3:heads') is not a valid upgrade target; ranges are for 'history' and"
					+ " offline ('--sql') runs, which take FROM:TO.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.history("heads", heads()))
			.withMessage("History range 'heads' requires [start]:[end], [start]:, or :[end] (for example 'base:heads' or"
					+ " '-3:current').");
	}

	@Test
	void aBranchTargetWithNothingAfterTheAtIsRefusedNotTakenForBase() {
		RevisionGraph merged = Graphs.merged();
		String noRevision = "'c2branch@' names no revision after '@': write 'c2branch@head', 'c2branch@base',"
				+ " 'c2branch@-1' or 'c2branch@REV'.";
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> merged.downgrade(heads("f"), "c2branch@"))
			.withMessage(noRevision)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_TARGET));
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> merged.stamp(heads("f"), List.of("c2branch@"), false))
			.withMessage(noRevision);
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> merged.history("c2branch@:", heads()))
			.withMessage(noRevision);
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> merged.downgrade(heads("f"), "@-1"))
			.withMessage("'@-1' names no branch before '@': write 'label@-1' with a branch label or a revision id, or"
					+ " leave out the '@'.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> merged.upgrade(heads("b"), "@head"))
			.withMessage("'@head' names no branch before '@': write 'label@head' with a branch label or a revision id, or"
					+ " leave out the '@'.");
	}


	@Test
	void aRelativeUpgradeFromOneHeadNamesEveryHeadStillPendingAndTheMoveAlongEach() {
		RevisionGraph forest = graph(rev("a1"), rev("a2", "a1"), rev("b1").withBranchLabels("billing"),
				rev("c1").withBranchLabels("search"));
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> forest.upgrade(heads("a2"), "+1"))
			.withMessage("Cannot upgrade '+1': it counts 1 revision up from the current revision a2, and no revision"
					+ " lies above it: it is a head, but not the only one, and b1, c1 are not applied. 'retort upgrade"
					+ " heads' applies every head, or 'retort upgrade billing@+1' or 'retort upgrade search@+1' moves"
					+ " one step up one of those branches.");
		assertThat(forest.upgrade(heads("a2"), "search@+1").steps()).hasSize(1);
	}

}
