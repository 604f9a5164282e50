package dev.retort.script;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.error.ErrorCode;
import dev.retort.revision.Revision;
import dev.retort.revision.Revision.Kind;
import dev.retort.script.RevisionScript.SqlBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlRevisionParserTests {

	private static final String SPEC_EXAMPLE = """
			-- Add user column to coffee logs
			--
			-- Revision ID: 1975ea83b712
			-- Revises: ae1027a6acf3
			-- Create Date: 2026-11-25 21:00:00
			-- Branch Labels:
			-- Depends On:
			-- Transactional: true
			--
			-- Notes:
			-- - nullable first; a later revision sets NOT NULL after the backfill

			-- +upgrade
			ALTER TABLE coffee_logs ADD COLUMN user_id integer;

			-- +downgrade
			ALTER TABLE coffee_logs DROP COLUMN user_id;
			""";

	@Test
	void readsTheSpecExample() {
		RevisionScript script = SqlRevisionParser.parse("db/revisions/1975ea83b712_add_user_column.sql", SPEC_EXAMPLE);
		Revision revision = script.revision();

		assertThat(revision.id()).isEqualTo("1975ea83b712");
		assertThat(revision.parents()).containsExactly("ae1027a6acf3");
		assertThat(revision.message()).isEqualTo("Add user column to coffee logs");
		assertThat(revision.createDate()).isEqualTo("2026-11-25 21:00:00");
		assertThat(revision.branchLabels()).isEmpty();
		assertThat(revision.dependsOn()).isEmpty();
		assertThat(revision.transactional()).isTrue();
		assertThat(revision.reversible()).isTrue();
		assertThat(revision.kind()).isEqualTo(Kind.SQL);
		assertThat(revision.checksum()).isEqualTo(SqlRevisionParser.checksum("ALTER TABLE coffee_logs ADD COLUMN user_id integer;"));
		assertThat(revision.origin()).isEqualTo(
				new Revision.Origin("db/revisions/1975ea83b712_add_user_column.sql", 3, 4, 7, 6));
		SqlBody body = (SqlBody) script.body();
		assertThat(body.upgrade()).containsExactly(new SqlStatement("ALTER TABLE coffee_logs ADD COLUMN user_id integer", 14));
		assertThat(body.downgrade()).containsExactly(new SqlStatement("ALTER TABLE coffee_logs DROP COLUMN user_id", 17));
		assertThat(body.upgradeText()).isEqualTo("ALTER TABLE coffee_logs ADD COLUMN user_id integer;");
		assertThat(body.downgradeText()).isEqualTo("ALTER TABLE coffee_logs DROP COLUMN user_id;");
	}

	@Test
	void readsEveryKeyWithSeveralValues() {
		Revision revision = parse("""
				-- Merge the billing branch
				-- Revision ID: abc123
				-- Revises: p1, p2
				-- Branch Labels: billing, payments
				-- Depends On: d1,d2 , billing@head
				-- Transactional: false
				-- +upgrade
				""").revision();

		assertThat(revision.parents()).containsExactly("p1", "p2");
		assertThat(revision.branchLabels()).containsExactly("billing", "payments");
		assertThat(revision.dependsOn()).containsExactly("d1", "d2", "billing@head");
		assertThat(revision.transactional()).isFalse();
		assertThat(revision.createDate()).isNull();
		assertThat(revision.isMerge()).isTrue();
	}

	@Test
	void keysAreCaseInsensitive() {
		Revision revision = parse("""
				-- Message
				-- REVISION ID: abc123
				-- revises: p1
				-- branch   LABELS: x
				-- depends on: y
				-- TRANSACTIONAL: FALSE
				-- create date: today
				-- +upgrade
				""").revision();

		assertThat(revision.id()).isEqualTo("abc123");
		assertThat(revision.parents()).containsExactly("p1");
		assertThat(revision.branchLabels()).containsExactly("x");
		assertThat(revision.dependsOn()).containsExactly("y");
		assertThat(revision.transactional()).isFalse();
		assertThat(revision.createDate()).isEqualTo("today");
	}

	@Test
	void headerLinesMayBeIndentedAndSpacedAnyWay() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("x.sql", "\t  --   Message  \n"
				+ "--Revision ID:abc123\n" + "  \t-- Revises :  p1 , p2\t\n" + "-- Branch\tLabels\t: x\n"
				+ "-- : no key\n" + "--\n" + "-- +upgrade\nSELECT 1;\n");

		assertThat(result.problems()).containsExactly("x.sql:5: header line ': no key' is not 'Key: value'. Valid keys are "
				+ "Revision ID, Revises, Create Date, Branch Labels, Depends On, Transactional, Notes; free text goes after "
				+ "'Notes:'.");
		Revision revision = result.script().revision();
		assertThat(revision.message()).isEqualTo("Message");
		assertThat(revision.id()).isEqualTo("abc123");
		assertThat(revision.parents()).containsExactly("p1", "p2");
		assertThat(revision.branchLabels()).containsExactly("x");
		assertThat(revision.origin().revisesLine()).isEqualTo(3);
		assertThat(revision.origin().branchLabelsLine()).isEqualTo(4);
	}

	@Test
	void markersAreFoundWhateverTheirIndentSpacingAndCase() {
		RevisionScript script = parse("-- m\n-- Revision ID: a1\n\u3000 -- +Upgrade\t\nSELECT 1;\n-- + is not a marker\n"
				+ "\t--+DOWNGRADE \nSELECT 2;\n");

		assertThat(script.revision().reversible()).isTrue();
		assertThat(((SqlBody) script.body()).upgradeText())
			.isEqualTo("SELECT 1;\n-- + is not a marker");
		assertThat(((SqlBody) script.body()).downgradeText()).isEqualTo("SELECT 2;");
		assertThat(SqlRevisionParser.read("x.sql", "-- m\n-- Revision ID: a1\n--\t+upgrade\nSELECT 1;\n").problems()).isEmpty();
	}

	@Test
	void aMarkerWrittenWrongIsAProblemNotAComment() {
		// Read as comments, they would put the downgrade's DROP TABLE into the upgrade.
		SqlRevisionParser.Result result = SqlRevisionParser.read("db/revisions/a.sql", """
				-- m
				-- Revision ID: a1
				-- +upgrade
				CREATE TABLE t (a int);
				-- + downgrade
				DROP TABLE t;
				--+downgrade:
				-- +Down
				-- +migrate Down
				-- +downgrade (revert the table)
				-- +1 for this approach, a comment
				""");

		assertThat(result.problems()).containsExactly(
				"db/revisions/a.sql:5: '-- + downgrade' is not a section marker (those are '-- +upgrade' and "
						+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
						+ "section above it. Write the marker as one of those, or leave out the '+' if the line is a "
						+ "comment.",
				"db/revisions/a.sql:7: '--+downgrade:' is not a section marker (those are '-- +upgrade' and "
						+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
						+ "section above it. Write the marker as one of those, or leave out the '+' if the line is a "
						+ "comment.",
				"db/revisions/a.sql:8: '-- +Down' is not a section marker (those are '-- +upgrade' and "
						+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
						+ "section above it. Write the marker as one of those, or leave out the '+' if the line is a "
						+ "comment.",
				"db/revisions/a.sql:9: '-- +migrate Down' is not a section marker (those are '-- +upgrade' and "
						+ "'-- +downgrade', alone on their line), so the statements below it would belong to the "
						+ "section above it. Write the marker as one of those, or leave out the '+' if the line is a "
						+ "comment.",
				"db/revisions/a.sql:10: '-- +downgrade (revert the table)' is not a section marker (those are "
						+ "'-- +upgrade' and '-- +downgrade', alone on their line), so the statements below it would "
						+ "belong to the section above it. Write the marker as one of those, or leave out the '+' if the "
						+ "line is a comment.");
	}

	@Test
	void aMarkerWithoutItsPlusIsAProblemWhereItWouldMoveStatements() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("a.sql", """
				-- m
				-- Revision ID: a1

				-- +upgrade
				CREATE TABLE t (id int);
				-- retort:downgrade
				-- Downgrade:
				-- migrate:down
				-- upgrade
				-- downgrade the plan later, a comment
				-- +downgrade
				-- down
				-- migrate:up
				DROP TABLE t;
				""");

		assertThat(result.problems()).extracting((problem) -> problem.substring(0, problem.indexOf(" is not")))
			.containsExactly("a.sql:6: '-- retort:downgrade'", "a.sql:7: '-- Downgrade:'", "a.sql:8: '-- migrate:down'",
					"a.sql:13: '-- migrate:up'");
		assertThat(result.problems().get(0)).endsWith("so the statements below it would belong to the section above"
				+ " it and run on the way up. Write the marker as one of those, or reword the line if it is a comment.");
		assertThat(result.problems().get(3)).endsWith("so the statements below it would belong to the section above"
				+ " it. Write the marker as one of those, or reword the line if it is a comment.");
		// In the downgrade section '-- down' is a comment, and '-- upgrade' alone is one anywhere.
		assertThat(parse("-- m\n-- Revision ID: a1\n\n-- +upgrade\n-- upgrade\nSELECT 1;\n-- +downgrade\n-- down\nSELECT 2;\n")
			.revision().reversible()).isTrue();
	}

	@Test
	void aMarkerWrittenWrongRightBelowTheHeaderIsNamedAsOne() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("b.sql", "-- m\n-- Revision ID: a1\n-- +upgrade:\n"
				+ "SELECT 1;\n");

		assertThat(result.problems().get(0)).startsWith("b.sql:3: '-- +upgrade:' is not a section marker");
		// Notes are free text, '+' bullets too.
		RevisionScript noted = parse("-- m\n-- Revision ID: a1\n-- Notes:\n-- + upgrade path: add, backfill, then drop\n"
				+ "\n-- +upgrade\nSELECT 1;\n");
		assertThat(noted.revision().notes()).contains("+ upgrade path: add, backfill, then drop");
	}

	@Test
	void emptyOrAbsentRevisesMakesABase() {
		assertThat(parse("-- m\n-- Revision ID: a1\n-- Revises:\n-- +upgrade\n").revision().isBase()).isTrue();
		assertThat(parse("-- m\n-- Revision ID: a1\n-- +upgrade\n").revision().isBase()).isTrue();
	}

	@Test
	void notesRunToTheEndOfTheHeaderWithoutReadingKeys() {
		Revision revision = parse("""
				-- Message
				-- Revision ID: abc123
				-- Notes: first line
				-- Revises: not-a-key-here
				-- Whatever: goes
				-- +upgrade
				SELECT 1;
				""").revision();

		assertThat(revision.parents()).isEmpty();
		assertThat(revision.notes()).isEqualTo("first line\nRevises: not-a-key-here\nWhatever: goes");
	}

	@Test
	void notesKeepTheirLinesIndentationAndBlankLinesWithoutTheCommentDashes() {
		Revision revision = parse("""
				-- Message
				-- Revision ID: abc123
				--
				-- Notes:
				--
				-- - nullable first
				--   (the backfill runs in the next revision)
				--
				-- Ask #payments before applying.
				--
				-- +upgrade
				""").revision();

		assertThat(revision.notes()).isEqualTo("""
				- nullable first
				  (the backfill runs in the next revision)

				Ask #payments before applying.""");
		assertThat(parse(SPEC_EXAMPLE).revision().notes())
			.isEqualTo("- nullable first; a later revision sets NOT NULL after the backfill");
	}

	@Test
	void anEmptyOrAbsentNotesKeyMeansNoNotes() {
		assertThat(parse("-- m\n-- Revision ID: a1\n--\n-- Notes:\n--\n\n-- +upgrade\n").revision().notes()).isNull();
		assertThat(parse("-- m\n-- Revision ID: a1\n-- +upgrade\n").revision().notes()).isNull();
	}

	@Test
	void unknownKeyNamesFileLineAndValidKeys() {
		assertThatExceptionOfType(InvalidRevisionFileException.class)
			.isThrownBy(() -> SqlRevisionParser.parse("db/revisions/x.sql", "-- m\n-- Revision ID: a1\n-- Revisess: b\n-- +upgrade\n"))
			.withMessage("db/revisions/x.sql:3: unknown header key 'Revisess' (did you mean 'Revises'?). Valid keys are Revision ID, Revises, "
					+ "Create Date, Branch Labels, Depends On, Transactional, Notes; free text goes after 'Notes:'.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(1));
	}

	@Test
	void aMistypedKeyNamesTheKeyItMostLikelyMeans() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("x.sql", """
				-- m
				-- Revision-Id: a1
				-- Branch Label: billing
				-- Depends: b1
				-- Transactionnal: false
				-- Colour: blue
				-- +upgrade
				""");

		assertThat(result.problems()).filteredOn((problem) -> problem.contains("unknown header key"))
			.extracting((problem) -> problem.substring(0, problem.indexOf(". Valid keys")))
			.containsExactly("x.sql:2: unknown header key 'Revision-Id' (did you mean 'Revision ID'?)",
					"x.sql:3: unknown header key 'Branch Label' (did you mean 'Branch Labels'?)",
					"x.sql:4: unknown header key 'Depends' (did you mean 'Depends On'?)",
					"x.sql:5: unknown header key 'Transactionnal' (did you mean 'Transactional'?)",
					"x.sql:6: unknown header key 'Colour'");
	}

	@Test
	void everyProblemOfAFileIsReportedTogetherAndTheRevisionStillRead() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("x.sql", """
				-- m
				-- Revision ID: a1
				-- Colour: blue
				-- some free text
				-- Revises: p1
				-- Revises: p2
				-- Transactional: maybe
				-- +upgrade
				""");

		assertThat(result.problems()).containsExactly(
				"x.sql:3: unknown header key 'Colour'. Valid keys are Revision ID, Revises, Create Date, Branch Labels, "
						+ "Depends On, Transactional, Notes; free text goes after 'Notes:'.",
				"x.sql:4: header line 'some free text' is not 'Key: value'. Valid keys are Revision ID, Revises, "
						+ "Create Date, Branch Labels, Depends On, Transactional, Notes; free text goes after 'Notes:'.",
				"x.sql:6: header key 'Revises' appears twice (first at line 5). Keep one.",
				"x.sql:7: 'Transactional' is 'maybe'; it takes 'true' or 'false'.");
		assertThat(result.script().revision().parents()).containsExactly("p1");
	}

	@Test
	void anEmptyEntryInAListIsAProblemNamingItsLineNotAQuietlyLostParent() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("db/revisions/m.sql", """
				-- merge
				-- Revision ID: a1
				-- Revises: p1,
				-- Branch Labels: x, ,y
				-- Depends On: ,d1
				-- +upgrade
				""");

		assertThat(result.problems()).containsExactly(
				"db/revisions/m.sql:3: 'Revises' value 'p1,' has an empty entry (a comma with nothing before or after it)."
						+ " Write the revision that is missing, or remove the extra comma.",
				"db/revisions/m.sql:4: 'Branch Labels' value 'x, ,y' has an empty entry (a comma with nothing before or"
						+ " after it). Write the label that is missing, or remove the extra comma.",
				"db/revisions/m.sql:5: 'Depends On' value ',d1' has an empty entry (a comma with nothing before or after"
						+ " it). Write the revision or label that is missing, or remove the extra comma.");
		assertThat(SqlRevisionParser.read("c.sql", "-- m\n-- Revision ID: a1\n-- Revises: ,\n-- +upgrade\n").problems())
			.as("reported once per key").hasSize(1);
		assertThat(parse("-- m\n-- Revision ID: a1\n-- Revises:\n-- Branch Labels:\n-- Depends On:\n-- +upgrade\n")
			.revision().isBase()).as("an empty value is still a base").isTrue();
	}

	@Test
	void severalProblemsMakeOneListedMessage() {
		assertThatExceptionOfType(InvalidRevisionFileException.class)
			.isThrownBy(() -> SqlRevisionParser.parse("x.sql", "-- m\n-- Revision ID: a1\n-- A: 1\n-- B: 2\n-- +upgrade\n"))
			.withMessageStartingWith("Found 2 problems in the revisions:\n  - x.sql:3: unknown header key 'A'.")
			.withMessageContaining("\n  - x.sql:4: unknown header key 'B'.");
	}

	@Test
	void firstLineIsTheMessageEvenWhenItLooksLikeAKey() {
		Revision revision = parse("-- Notes: why this exists\n-- Revision ID: a1\n-- Revises: p1\n-- +upgrade\n").revision();

		assertThat(revision.message()).isEqualTo("Notes: why this exists");
		assertThat(revision.parents()).containsExactly("p1");
	}

	@Test
	void headerWithoutMessageLineSaysSo() {
		assertThat(SqlRevisionParser.read("m.sql", "-- Revision ID: a1\n-- +upgrade\n").problems()).containsExactly(
				"m.sql:1: the first header line is the message, so 'Revision ID: a1' is read as the message and the "
						+ "file has no 'Revision ID'. Add a message line above it.");
	}

	@Test
	void missingRevisionIdNamesFileAndLine() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("db/revisions/y.sql", "\n-- Add things\n-- Revises: a\n-- +upgrade\n");

		assertThat(result.script()).isNull();
		assertThat(result.problems()).containsExactly("db/revisions/y.sql:2: missing 'Revision ID' header. Add a line "
				+ "'-- Revision ID: <id>' under the message (retort revision -m \"message\" writes a new file with a fresh id).");
	}

	@Test
	void aHeaderKeyAfterABlankLineIsAProblemNotSilentlyIgnored() {
		SqlRevisionParser.Result result = SqlRevisionParser.read("db/revisions/b.sql",
				"-- Add index\n-- Revision ID: b2\n\n-- Revises: a1\n-- transactional: false\n-- just a comment: fine\n\n"
						+ "-- +upgrade\nCREATE INDEX CONCURRENTLY ix ON t (a);\n");

		assertThat(result.problems()).containsExactly(
				"db/revisions/b.sql:4: header key 'Revises' stands after the end of the header (line 3 ends it), so it "
						+ "would be ignored. Keep the header one block of '--' lines: write '--' alone for a blank line "
						+ "inside it.",
				"db/revisions/b.sql:5: header key 'Transactional' stands after the end of the header (line 3 ends it), "
						+ "so it would be ignored. Keep the header one block of '--' lines: write '--' alone for a blank "
						+ "line inside it.");
	}

	@Test
	void idsLongerThanTheVersionColumnAreRefused() {
		assertThat(SqlRevisionParser.read("z.sql", "-- m\n-- Revision ID: " + "a".repeat(33) + "\n-- +upgrade\n").problems())
			.singleElement()
			.asString()
			.isEqualTo("z.sql:2: revision id '" + "a".repeat(33) + "' is 33 characters long; Retort's version tables hold"
					+ " ids of at most 32 (varchar(32), as Alembic's), even where alembic_version was widened. Use a shorter"
					+ " id.");
	}

	@Test
	void noDowngradeSectionMakesTheRevisionIrreversible() {
		RevisionScript script = parse("-- m\n-- Revision ID: a1\n\n-- +upgrade\nDROP TABLE t;\n");

		assertThat(script.revision().reversible()).isFalse();
		assertThat(((SqlBody) script.body()).downgrade()).isNull();
		assertThat(((SqlBody) script.body()).downgradeText()).isNull();
	}

	@Test
	void emptySectionsAreValidNoOps() {
		RevisionScript script = parse("-- m\n-- Revision ID: a1\n-- +upgrade\n-- nothing to do\n\n-- +downgrade\n");
		SqlBody body = (SqlBody) script.body();

		assertThat(script.revision().reversible()).isTrue();
		assertThat(body.upgrade()).isEmpty();
		assertThat(body.downgrade()).isEmpty();
		assertThat(body.downgradeText()).isEmpty();
	}

	@Test
	void sectionsMayComeInEitherOrder() {
		RevisionScript script = parse("-- m\n-- Revision ID: a1\n-- +downgrade\nSELECT 2;\n-- +UPGRADE\nSELECT 1;\n");

		assertThat(((SqlBody) script.body()).upgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 1");
		assertThat(((SqlBody) script.body()).downgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 2");
	}

	@Test
	void missingUpgradeSectionAndStrayStatementsAreProblems() {
		// At the header's last line, where the section goes, not at the blank line after it.
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\n").problems()).containsExactly(
				"a.sql:2: no '-- +upgrade' section. Add a line '-- +upgrade' after the header, with the upgrade statements"
						+ " under it (an empty section is a valid no-op).");
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\nCREATE TABLE t ();\n-- +upgrade\n")
			.problems()).containsExactly("a.sql:4: SQL before '-- +upgrade'. Statements belong in the '-- +upgrade' or "
					+ "'-- +downgrade' section; start the upgrade with a line '-- +upgrade'.");
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n-- +upgrade\n-- +upgrade\n").problems())
			.containsExactly("a.sql:4: a second '-- +upgrade' section (the first is at line 3). Keep one section of each kind.");
	}

	@Test
	void statementsWithoutAnyMarkerAreOneProblemAtTheirFirstLine() {
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\nCREATE TABLE t ();\nSELECT 1;\n")
			.problems()).containsExactly("a.sql:4: no '-- +upgrade' section, so the SQL from this line on belongs to"
					+ " none. Put a line '-- +upgrade' above the upgrade statements (an empty section is a valid no-op).");
	}

	@Test
	void blockCommentsBeforeTheFirstMarkerAreNotSql() {
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\n/* a note\n /* nested */\n"
				+ "still the note */ -- and a comment\n-- +upgrade\nSELECT 1;\n").problems()).isEmpty();
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\n/* a note */ SELECT 1;\n-- +upgrade\n")
			.problems()).singleElement().asString().startsWith("a.sql:4: SQL before '-- +upgrade'.");
	}

	@Test
	void aFileWithNoHeaderAndNoSectionIsNotARevisionFile() {
		String notARevisionFile = "not a revision file: it has no header (a first comment line with the message, then"
				+ " '-- Revision ID: …') and no '-- +upgrade' section. Move it out of the revisions folder, or add the"
				+ " header and the sections (retort revision -m \"message\" writes a new file with both).";
		assertThat(SqlRevisionParser.read("seed.sql", "INSERT INTO t VALUES (1);\n\n").problems())
			.containsExactly("seed.sql:1: " + notARevisionFile);
		assertThat(SqlRevisionParser.read("notes.sql", "\n/* run by hand */\n\nVACUUM t;\n").problems())
			.containsExactly("notes.sql:2: " + notARevisionFile);
		assertThat(SqlRevisionParser.read("fix.sql", "-- Fix the totals\n-- run once, by hand\nUPDATE t SET n = 0;\n")
			.problems()).containsExactly("fix.sql:1: " + notARevisionFile);
		assertThat(SqlRevisionParser.read("empty.sql", "").problems()).containsExactly("empty.sql:1: " + notARevisionFile);
		assertThat(SqlRevisionParser.read("seed.sql", "INSERT INTO t VALUES (1);\n").script()).isNull();
	}

	@Test
	void aFileGitLeftHalfMergedIsOneProblemAtItsFirstConflictMarker() {
		String conflicted = "-- m\n--\n-- Revision ID: a1\n<<<<<<< HEAD\n-- Revises: b1\n=======\n-- Revises: c1\n"
				+ ">>>>>>> dev2\n-- Branch Labels: x\n\n-- +upgrade\nSELECT 1;\n";
		assertThat(SqlRevisionParser.read("a.sql", conflicted).problems()).singleElement().asString()
			.startsWith("a.sql:4: '<<<<<<< HEAD' is a merge conflict marker: git left this file half-merged.");
		// Only at the start of a line: inside a statement it is SQL's business.
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n\n-- +upgrade\nSELECT '<<<<<<< x';\n")
			.problems()).isEmpty();
	}

	@Test
	void aFileWithAHeaderKeyOrAMarkerIsARevisionFileWithProblemsInLineOrder() {
		// Revises without Revision ID: a revision file missing its id, reported at the header, before the SQL.
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revises: a0\nSELECT 1;\n").problems())
			.extracting((problem) -> problem.substring(0, problem.indexOf(' ')))
			.containsExactly("a.sql:1:", "a.sql:3:");
		assertThat(SqlRevisionParser.read("a.sql", "SELECT 1;\n-- +upgrade\n").problems())
			.extracting((problem) -> problem.substring(0, problem.indexOf(' ')))
			.containsExactly("a.sql:1:", "a.sql:1:");
	}

	@Test
	void unterminatedQuoteInASectionIsAProblemAtItsLine() {
		assertThat(SqlRevisionParser.read("a.sql", "-- m\n-- Revision ID: a1\n-- +upgrade\nSELECT 1;\nSELECT 'oops;\n")
			.problems()).singleElement()
			.asString()
			.startsWith("a.sql:5: Unterminated string starting at line 5");
	}

	@Test
	void readingForALoadLeavesTheSplitToFirstUseWhichNamesTheLine() {
		String text = "-- m\n-- Revision ID: a1\n-- +upgrade\nSELECT 1;\nSELECT 'oops;\n-- +downgrade\nSELECT 2;\n";
		SqlRevisionParser.Result result = SqlRevisionParser.readDeferringSplit("a.sql", text);
		assertThat(result.problems()).isEmpty();
		SqlBody body = (SqlBody) result.script().body();
		// The checksum needs no statements: it covers the section's text.
		assertThat(result.script().revision().checksum()).isEqualTo(SqlRevisionParser.checksum("SELECT 1;\nSELECT 'oops;"));
		assertThat(body.downgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 2");
		assertThatExceptionOfType(InvalidRevisionFileException.class).isThrownBy(body::upgrade)
			.withMessageStartingWith("a.sql:5: Unterminated string starting at line 5");
		assertThat(body.splitProblems()).singleElement().asString().startsWith("a.sql:5: Unterminated string");
	}

	@Test
	void checksumIsTheSameForCrlfAndLfFiles() {
		String lf = SPEC_EXAMPLE;
		String crlf = lf.replace("\n", "\r\n");
		Revision fromLf = SqlRevisionParser.parse("a.sql", lf).revision();
		Revision fromCrlf = SqlRevisionParser.parse("a.sql", crlf).revision();

		assertThat(fromCrlf.checksum()).isEqualTo(fromLf.checksum()).hasSize(64).matches("[0-9a-f]+");
		assertThat(fromCrlf.origin()).isEqualTo(fromLf.origin());
	}

	@Test
	void everyKindOfLineBreakReadsTheSame() {
		String lf = SPEC_EXAMPLE;
		RevisionScript fromLf = SqlRevisionParser.parse("a.sql", lf);
		for (String lineBreak : new String[] { "\r\n", "\r" }) {
			RevisionScript other = SqlRevisionParser.parse("a.sql", lf.replace("\n", lineBreak));
			assertThat(other.revision()).isEqualTo(fromLf.revision());
			assertThat(((SqlBody) other.body()).upgrade()).isEqualTo(((SqlBody) fromLf.body()).upgrade());
			assertThat(((SqlBody) other.body()).downgrade()).isEqualTo(((SqlBody) fromLf.body()).downgrade());
		}
		// Mixed in one file, and markers with spaces and tabs around them.
		String mixed = "-- m\r\n-- Revision ID: a1\n--\t+UPGRADE \t\rSELECT 1;\r\n\n  --  +downgrade\nSELECT 2;\r";
		RevisionScript script = SqlRevisionParser.parse("a.sql", mixed);
		assertThat(((SqlBody) script.body()).upgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 1");
		assertThat(((SqlBody) script.body()).downgrade()).extracting(SqlStatement::sql).containsExactly("SELECT 2");
		assertThat(script.revision().checksum()).isEqualTo(SqlRevisionParser.checksum("SELECT 1;"));
	}

	@Test
	void checksumCoversOnlyTheUpgradeSection() {
		String base = "-- m\n-- Revision ID: a1\n-- +upgrade\nSELECT 1;\n";
		String withDowngrade = "-- other message\n-- Revision ID: a1\n-- Revises: x\n-- +upgrade\nSELECT 1;\n\n-- +downgrade\nSELECT 2;\n";
		String changed = "-- m\n-- Revision ID: a1\n-- +upgrade\nSELECT 2;\n";

		assertThat(parse(withDowngrade).revision().checksum()).isEqualTo(parse(base).revision().checksum());
		assertThat(parse(changed).revision().checksum()).isNotEqualTo(parse(base).revision().checksum());
	}

	@Test
	void checksumOfTheSpecExampleIsStable() {
		// Recorded when a revision is applied: changing how it is computed would flag every applied file.
		assertThat(SqlRevisionParser.checksum("ALTER TABLE coffee_logs ADD COLUMN user_id integer;"))
			.isEqualTo("f53596aecffd5c65bf49d58c6af586b6f29156c1f927e27714232ffb69531ba3");
	}

	@Test
	void statementsCarryTheirFileLines() {
		RevisionScript script = parse("""
				-- m
				-- Revision ID: a1

				-- +upgrade

				CREATE FUNCTION f() RETURNS int AS $$
				BEGIN
				  RETURN 1;
				END $$ LANGUAGE plpgsql;

				SELECT f();
				-- +downgrade
				DROP FUNCTION f();
				""");

		assertThat(((SqlBody) script.body()).upgrade()).extracting(SqlStatement::line).containsExactly(6, 11);
		assertThat(((SqlBody) script.body()).downgrade()).extracting(SqlStatement::line).containsExactly(13);
	}

	@Test
	void aByteOrderMarkAndLeadingBlankLinesAreIgnored() {
		Revision revision = parse("\uFEFF\n\n-- m\n-- Revision ID: a1\n-- +upgrade\n").revision();

		assertThat(revision.message()).isEqualTo("m");
		assertThat(revision.origin().idLine()).isEqualTo(4);
	}

	private static RevisionScript parse(String text) {
		return SqlRevisionParser.parse("test.sql", text);
	}

}
