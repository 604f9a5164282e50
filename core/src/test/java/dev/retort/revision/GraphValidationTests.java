package dev.retort.revision;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.retort.error.ErrorCode;
import dev.retort.revision.GraphProblem.Kind;
import dev.retort.revision.Revision.Origin;

import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Validation while building the graph: every problem at once, each naming where it is
 * (alembic.md §2.2, {@code GraphWithLoopTest}, {@code GraphWithCycleTest}, and the "do better"
 * list of §2.3: no raw tracebacks, no silent duplicates).
 */
class GraphValidationTests {

	private static Revision fromFile(String id, String file, String... parents) {
		return new Revision(id, List.of(parents), List.of(), List.of(), "", null,
				new Origin("db/revisions/" + file, 3, 4, 6, 5), Revision.Kind.SQL, true, true, null);
	}

	@Test
	void unknownParentNeverSuggestsTheRevisionThatNamesIt() {
		// b00000000002 is missing; its child b00000000003 is the nearest id, but cannot be meant.
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("a00000000001", "a1.sql"),
					fromFile("b00000000003", "b3.sql", "b00000000002")))
			.withMessage("The revision graph is invalid: Revision b00000000003 (db/revisions/b3.sql:4) revises"
					+ " b00000000002, which does not exist. Did you mean a00000000001?");
	}

	@Test
	void aMissingRevisionAmongSequentialIdsSuggestsNoneOfThemAtRandom() {
		// a00000000005 was applied, then its file deleted: every neighbour is one character away.
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("a00000000001", "a1.sql"), fromFile("a00000000004", "a4.sql", "a00000000001"),
					fromFile("a00000000006", "a6.sql", "a00000000005")))
			.withMessage("The revision graph is invalid: Revision a00000000006 (db/revisions/a6.sql:4) revises"
					+ " a00000000005, which does not exist. Name an existing revision (retort history lists them), or"
					+ " restore the file that declared a00000000005.");
	}

	@Test
	void unknownParentNamesFileLineAndTheNearestId() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("ae1027a6acf3", "ae1027a6acf3_create.sql"),
					fromFile("1975ea83b712", "1975ea83b712_add_user_column.sql", "ae1027a6acfX")))
			.withMessage("The revision graph is invalid: Revision 1975ea83b712"
					+ " (db/revisions/1975ea83b712_add_user_column.sql:4) revises ae1027a6acfX, which does not exist."
					+ " Did you mean ae1027a6acf3?")
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_GRAPH);
				assertThat(ex.problems()).singleElement().satisfies((problem) -> {
					assertThat(problem.kind()).isEqualTo(Kind.UNKNOWN_PARENT);
					assertThat(problem.location()).isEqualTo("db/revisions/1975ea83b712_add_user_column.sql:4");
					assertThat(problem.revisions()).containsExactly("1975ea83b712", "ae1027a6acfX");
				});
			});
	}

	private static Revision fromClass(String id, String className, String... parents) {
		return new Revision(id, List.of(parents), List.of(), List.of(), "", null, Origin.of(className),
				Revision.Kind.JAVA, true, true, null);
	}

	@Test
	void aCopiedRevisionThatKeptItsIdIsToldToTakeANewOneWhicheverSortsFirst() {
		// The usual slip with Java revisions: copy the newest class, point 'revises' at its id, forget to
		// change 'id'. Classes load sorted by name, so the copy may come first or second.
		Revision first = fromClass("a00000000001", "com.ex.db.CreateUsers");
		Revision original = fromClass("b00000000002", "com.ex.db.CreateLogs", "a00000000001");
		Revision copy = fromClass("b00000000002", "com.ex.db.AddNotes", "b00000000002");
		String expected = "The revision graph is invalid: Revision b00000000002 is declared twice: in %s and in %s."
				+ " com.ex.db.AddNotes revises b00000000002, its own id: it was copied from com.ex.db.CreateLogs and"
				+ " kept its id. Give com.ex.db.AddNotes a new id (com.ex.db.CreateLogs stays b00000000002).";
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(() -> graph(first, copy, original))
			.withMessage(expected, "com.ex.db.AddNotes", "com.ex.db.CreateLogs")
			.satisfies((ex) -> assertThat(ex.problems()).extracting(GraphProblem::kind)
				.containsExactly(Kind.DUPLICATE_ID));
		assertThatExceptionOfType(InvalidGraphException.class).isThrownBy(() -> graph(first, original, copy))
			.withMessage(expected, "com.ex.db.CreateLogs", "com.ex.db.AddNotes");
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		Revision dependsOnNothing = fromFile("cccc3333", "c.sql", "aaaa1111").withDependsOn("libary");
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("aaaa1111", "a.sql"), fromFile("aaaa1111", "a_copy.sql"),
					fromFile("bbbb2222", "b.sql", "zzzz9999"), dependsOnNothing,
					fromFile("dddd4444", "d.sql", "aaaa1111").withBranchLabels("library"),
					fromFile("eeee5555", "e.sql", "dddd4444").withBranchLabels("library")))
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(GraphProblem::kind)
					.containsExactly(Kind.DUPLICATE_ID, Kind.DUPLICATE_BRANCH_LABEL, Kind.UNKNOWN_PARENT,
							Kind.UNKNOWN_DEPENDENCY);
				assertThat(ex.getMessage()).startsWith("The revision graph is invalid (4 problems):\n  - Revision aaaa1111"
						+ " is declared twice: in db/revisions/a.sql:3 and in db/revisions/a_copy.sql:3. Revision ids must be"
						+ " unique: give one of them a new id and update what revises it.");
				assertThat(ex.problems().get(1).message()).isEqualTo("Branch label 'library' is declared by both dddd4444"
						+ " (db/revisions/d.sql:5) and eeee5555 (db/revisions/e.sql:5); a label names one branch: rename one"
						+ " of them.");
				assertThat(ex.problems().get(2).message()).isEqualTo(
						"Revision bbbb2222 (db/revisions/b.sql:4) revises zzzz9999, which does not exist. Name an"
								+ " existing revision (retort history lists them), or restore the file that declared"
								+ " zzzz9999.");
				assertThat(ex.problems().get(3).message()).isEqualTo("Revision cccc3333 (db/revisions/c.sql:6) depends on"
						+ " libary, which is neither a revision nor a branch label. Did you mean library?");
			});
	}

	@Test
	void aDuplicateIdDoesNotHideTheProblemsOfItsSecondDeclaration() {
		Revision copy = fromFile("aaaa1111", "a_copy.sql", "zzzz9999").withDependsOn("yyyy8888");
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("aaaa1111", "a.sql"), copy, fromFile("bbbb2222", "b.sql", "aaaa1111")))
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(GraphProblem::kind)
					.containsExactly(Kind.DUPLICATE_ID, Kind.UNKNOWN_PARENT, Kind.UNKNOWN_DEPENDENCY);
				assertThat(ex.problems()).extracting(GraphProblem::location)
					.containsExactly("db/revisions/a_copy.sql:3", "db/revisions/a_copy.sql:4", "db/revisions/a_copy.sql:6");
				assertThat(ex.problems().get(1).message()).startsWith(
						"Revision aaaa1111 (db/revisions/a_copy.sql:4) revises zzzz9999, which does not exist.");
			});
	}

	@Test
	void aCycleThroughEitherDeclarationOfADuplicateIdIsReported() {
		// Renaming a.sql's id would leave a_copy.sql and b.sql in a loop: say so now, not after the rename.
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("aaaa1111", "a.sql"), fromFile("aaaa1111", "a_copy.sql", "bbbb2222"),
					fromFile("bbbb2222", "b.sql", "aaaa1111")))
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(GraphProblem::kind).containsExactly(Kind.DUPLICATE_ID, Kind.CYCLE);
				assertThat(ex.problems().get(1).message()).contains("aaaa1111 (db/revisions/a_copy.sql:4) revises bbbb2222",
						"bbbb2222 (db/revisions/b.sql:4) revises aaaa1111");
			});
	}

	@Test
	void aCopiedFileRevisingTheIdItRepeatsIsOnlyADuplicate() {
		// The usual slip: a file copied as the next revision, Revises updated, Revision ID not.
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("aaaa1111", "a.sql").withBranchLabels("library"),
					fromFile("aaaa1111", "a_next.sql", "aaaa1111").withBranchLabels("library")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(GraphProblem::kind)
				.containsExactly(Kind.DUPLICATE_ID));
	}

	@Test
	@DisplayName("GraphWithCycleTest.test_revision_map_simple_cycle, extra/lower simple cycle")
	void cyclesNameTheirRevisions() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(fromFile("a", "a.sql", "c"), fromFile("b", "b.sql", "a"), fromFile("c", "c.sql", "b"),
					fromFile("d", "d.sql", "c"), fromFile("e", "e.sql", "d")))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.satisfies((problem) -> {
					assertThat(problem.kind()).isEqualTo(Kind.CYCLE);
					assertThat(problem.revisions()).containsExactly("a", "c", "b");
					assertThat(problem.message()).isEqualTo("Revisions a, c, b form a cycle: a (db/revisions/a.sql:4)"
							+ " revises c, c (db/revisions/c.sql:4) revises b, b (db/revisions/b.sql:4) revises a. A revision"
							+ " cannot come after itself: break the loop.");
				}));
	}

	@Test
	void cyclesAndUnknownParentsAreReportedTogether() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(rev("a", "b"), rev("b", "a"), rev("c", "nothere")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(GraphProblem::kind)
				.containsExactly(Kind.UNKNOWN_PARENT, Kind.CYCLE));
	}

	@Test
	@DisplayName("GraphWithCycleTest dependency cycles")
	void dependencyCycles() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(rev("a1"), rev("a2", "a1").withDependsOn("b2"), rev("b1"),
					rev("b2", "b1").withDependsOn("a2")))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.kind()).isEqualTo(Kind.DEPENDENCY_CYCLE);
				assertThat(problem.revisions()).containsExactlyInAnyOrder("a2", "b2");
				assertThat(problem.message()).contains("a2 (<unknown>) depends on b2", "b2 (<unknown>) depends on a2");
			}));
	}

	@Test
	@DisplayName("GraphWithLoopTest: self-loops, on revises and on depends on")
	void selfLoops() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(rev("a"), rev("b", "a", "b"), rev("c", "b").withDependsOn("c")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(GraphProblem::message)
				.containsExactly("Revision b (<unknown>) revises itself; remove it from 'Revises'.",
						"Revision c (<unknown>) depends on itself ('c'); remove it from 'Depends On'."));
	}

	@Test
	void reservedCharactersAndWordsAreRejected() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(rev("a-b"), rev("heads"), rev("c").withBranchLabels("x@y")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(GraphProblem::message)
				.containsExactly("Revision id 'a-b' (<unknown>) contains '-', which the identifier grammar reserves. Use"
						+ " letters, digits and '_' (not head, heads, base, current).",
						"Revision id 'heads' (<unknown>) is a reserved word of the identifier grammar. Use letters, digits"
								+ " and '_' (not head, heads, base, current).",
						"Branch label 'x@y' (<unknown>) contains '@', which the identifier grammar reserves. Use letters,"
								+ " digits and '_' (not head, heads, base, current)."));
	}

	@Test
	void aLabelMayNotBeARevisionId() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> graph(rev("a"), rev("b", "a").withBranchLabels("a")))
			.withMessage("The revision graph is invalid: Branch label 'a' of revision b (<unknown>) is also the id of"
					+ " revision a; rename the label.");
	}

	@Test
	void anEmptyGraphHasNoHeads() {
		RevisionGraph graph = RevisionGraph.of(List.of());
		assertThat(graph.heads()).isEmpty();
		assertThat(graph.upgrade(List.of(), "heads").isEmpty()).isTrue();
		assertThat(graph.resolve("base", List.of())).isEmpty();
	}

}
