package dev.retort.script;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;
import dev.retort.revision.Revision.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RevisionWriterTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T21:07:09Z"), ZoneOffset.UTC);

	private final RevisionWriter writer = new RevisionWriter("{rev}_{slug}.sql", CLOCK);

	@TempDir
	Path dir;

	@Test
	void freshIdsAreTwelveHexDigitsAndDoNotRepeat() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(RevisionIds.newId());
		}
		assertThat(ids).hasSize(1000).allMatch((id) -> id.matches("[0-9a-f]{12}"));
	}

	@Test
	void writesTheSpecLayoutAndReadsItBack() throws Exception {
		NewRevisionFile revision = NewRevisionFile.of("Add user column to coffee logs", List.of("ae1027a6acf3"))
			.withId("1975ea83b712");

		Path file = this.writer.writeSql(this.dir, revision);

		assertThat(file).isEqualTo(this.dir.resolve("1975ea83b712_add_user_column_to_coffee_logs.sql"));
		assertThat(Files.readString(file)).isEqualTo("""
				-- Add user column to coffee logs
				--
				-- Revision ID: 1975ea83b712
				-- Revises: ae1027a6acf3
				-- Create Date: 2026-11-25 21:07:09
				-- Branch Labels:
				-- Depends On:
				-- Transactional: true
				--
				-- Notes:

				-- +upgrade


				-- +downgrade

				""");
		Revision read = SqlRevisionParser.parse(file.toString(), Files.readString(file)).revision();
		assertThat(read.id()).isEqualTo("1975ea83b712");
		assertThat(read.parents()).containsExactly("ae1027a6acf3");
		assertThat(read.message()).isEqualTo("Add user column to coffee logs");
		assertThat(read.createDate()).isEqualTo("2026-11-25 21:07:09");
		assertThat(read.reversible()).isTrue();
		assertThat(read.kind()).isEqualTo(Kind.SQL);
	}

	@Test
	void everyHeaderAndBothSectionsSurviveTheRoundTrip() throws Exception {
		String function = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND $$ LANGUAGE plpgsql";
		NewRevisionFile revision = new NewRevisionFile("abc_123", "Billing: start\nthe branch", List.of(),
				List.of("billing", "payments"), List.of("ae1027a6acf3", "core@head"), false, function + ";\n",
				"DROP FUNCTION f();");

		Path file = this.writer.writeSql(this.dir, revision);
		RevisionScript script = SqlRevisionParser.parse("f.sql", Files.readString(file));

		assertThat(file.getFileName()).hasToString("abc_123_billing_start_the_branch.sql");
		assertThat(script.revision()).isEqualTo(new Revision("abc_123", List.of(), List.of("ae1027a6acf3", "core@head"),
				List.of("billing", "payments"), "Billing: start the branch", "2026-11-25 21:07:09",
				new Revision.Origin("f.sql", 3, 4, 7, 6), Kind.SQL, false, true,
				SqlRevisionParser.checksum(function + ";")));
		RevisionScript.SqlBody body = (RevisionScript.SqlBody) script.body();
		assertThat(body.upgrade()).containsExactly(new SqlStatement(function, 13));
		assertThat(body.downgrade()).extracting(SqlStatement::sql).containsExactly("DROP FUNCTION f()");
	}

	@Test
	void messageThatLooksLikeAHeaderKeyStaysTheMessage() throws Exception {
		Path file = this.writer.writeSql(this.dir, NewRevisionFile.of("Revises: the users table", List.of("p1")));

		Revision read = SqlRevisionParser.parse("r.sql", Files.readString(file)).revision();
		assertThat(read.message()).isEqualTo("Revises: the users table");
		assertThat(read.parents()).containsExactly("p1");
	}

	@Test
	void mergeRevisionListsEveryParent() throws Exception {
		Path file = this.writer.writeSql(this.dir, NewRevisionFile.of("merge", List.of("1975ea83b712", "9c2d55e0aa41")));

		Revision merge = SqlRevisionParser.parse("m.sql", Files.readString(file)).revision();
		assertThat(Files.readString(file)).contains("\n-- Revises: 1975ea83b712, 9c2d55e0aa41\n");
		assertThat(merge.parents()).containsExactly("1975ea83b712", "9c2d55e0aa41");
		assertThat(merge.isMerge()).isTrue();
	}

	@Test
	void fileNameTemplateTokens() {
		NewRevisionFile revision = NewRevisionFile.of("Add users!", List.of()).withId("a1b2");
		LocalDateTime now = LocalDateTime.now(CLOCK);

		assertThat(new RevisionWriter("{year}{month}{day}_{hour}{minute}{second}_{rev}_{slug}.sql", CLOCK)
			.fileName(revision, now)).isEqualTo("20261125_210709_a1b2_add_users.sql");
		assertThat(new RevisionWriter("{epoch}-{rev}", CLOCK).fileName(revision, now)).isEqualTo("1795640829-a1b2.sql");
		assertThat(new RevisionWriter("{year}/{month}/{rev}_{slug}.sql", CLOCK).fileName(revision, now))
			.isEqualTo("2026/11/a1b2_add_users.sql");
	}

	@Test
	void unknownFileNameTokenIsAConfigurationError() {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> new RevisionWriter("{rev}_{title}.sql", CLOCK).writeSql(this.dir,
					NewRevisionFile.of("x", List.of())))
			.withMessage("Unknown token '{title}' in the file template '{rev}_{title}.sql'. Use {rev}, {slug}, {epoch}, "
					+ "{year}, {month}, {day}, {hour}, {minute}, {second}.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION));
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> new RevisionWriter("../{rev}.sql", CLOCK).writeSql(this.dir, NewRevisionFile.of("x", List.of())))
			.withMessageContaining("which is not a file inside the revisions directory");
	}

	@Test
	void slugFollowsAlembic() {
		assertThat(RevisionWriter.slug("Add user column to coffee logs")).isEqualTo("add_user_column_to_coffee_logs");
		assertThat(RevisionWriter.slug("  Café: naïve — ünïcode  ")).isEqualTo("café_naïve_ünïcode");
		assertThat(RevisionWriter.slug("one two three four five six seven eight nine ten"))
			.isEqualTo("one_two_three_four_five_six_seven_eight_");
		assertThat(RevisionWriter.slug("")).isEmpty();
	}

	@Test
	void subdirectoriesOfTheFileTemplateAreCreated() {
		Path file = new RevisionWriter("{year}/{rev}.sql", CLOCK).writeSql(this.dir,
				NewRevisionFile.of("x", List.of()).withId("sub1"));

		assertThat(file).isEqualTo(this.dir.resolve("2026/sub1.sql")).exists();
	}

	@Test
	void neverOverwritesAFile() throws Exception {
		NewRevisionFile revision = NewRevisionFile.of("Same", List.of()).withId("abc123");
		Path first = this.writer.writeSql(this.dir, revision);
		String before = Files.readString(first);

		assertThatExceptionOfType(RevisionFileExistsException.class)
			.isThrownBy(() -> this.writer.writeSql(this.dir, revision.withSections("DROP TABLE everything;", "")))
			.withMessage("File '" + first + "' already exists; Retort never overwrites a file. Choose another id "
					+ "(--rev-id) or message, or move the existing file.")
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo(first));
		assertThat(Files.readString(first)).isEqualTo(before);
	}

	@Test
	void idsWithCharactersOutsideLettersDigitsAndUnderscoreAreRefused() {
		for (String id : List.of("a-b", "a@b", "a+b", "a:b", "a b")) {
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> this.writer.writeSql(this.dir, NewRevisionFile.of("x", List.of()).withId(id)))
				.withMessageContaining("not allowed in revision id '" + id + "'");
		}
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> this.writer.writeSql(this.dir, NewRevisionFile.of("x", List.of()).withId("a-b@c")))
			.withMessage("Character(s) '-@' not allowed in revision id 'a-b@c'. Use letters, digits and underscores.");
		assertThat(this.dir).isEmptyDirectory();
	}

	@Test
	void templateInTheDirectoryIsUsed() throws Exception {
		Files.writeString(this.dir.resolve(RevisionTemplate.FILE_NAME), """
				-- ${message}
				-- Revision ID: ${rev}
				-- Revises: ${revises}
				-- Branch Labels: ${branch_labels}
				-- Depends On: ${depends_on}
				-- Transactional: ${transactional}
				-- Notes: reviewed by the DBA team

				-- +upgrade
				SET lock_timeout = '2s';
				${upgrade}
				""");

		Path file = this.writer.writeSql(this.dir, NewRevisionFile.of("Team style", List.of("p1")).withId("t1"));

		RevisionScript script = SqlRevisionParser.parse("t.sql", Files.readString(file));
		assertThat(script.revision().reversible()).isFalse();
		assertThat(((RevisionScript.SqlBody) script.body()).upgrade()).extracting(SqlStatement::sql)
			.containsExactly("SET lock_timeout = '2s'");
	}

	@Test
	void templateWithUnknownPlaceholderNamesItsLine() throws Exception {
		Path template = Files.writeString(this.dir.resolve(RevisionTemplate.FILE_NAME),
				"-- ${message}\n-- Revision ID: ${rev}\n-- Author: ${author}\n");

		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> this.writer.writeSql(this.dir, NewRevisionFile.of("x", List.of())))
			.withMessage(template + ":3: unknown placeholder '${author}'. Known placeholders are ${branch_labels}, "
					+ "${create_date}, ${depends_on}, ${downgrade}, ${message}, ${rev}, ${revises}, ${transactional}, "
					+ "${upgrade}.");
	}

	@Test
	void templateThatLosesHeadersWritesNothing() throws Exception {
		Files.writeString(this.dir.resolve(RevisionTemplate.FILE_NAME), "-- ${message}\n-- Revision ID: ${rev}\n-- +upgrade\n");

		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> this.writer.writeSql(this.dir, NewRevisionFile.of("x", List.of("p1")).withId("lost1")))
			.withMessageStartingWith("The revision template (" + this.dir.resolve(RevisionTemplate.FILE_NAME)
					+ ") loses headers: the file would read as id lost1, revises [], branch labels [], depends on [], "
					+ "transactional true instead of id lost1, revises [p1]")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE));
		try (var files = Files.list(this.dir)) {
			assertThat(files).extracting((path) -> path.getFileName().toString())
				.containsExactly(RevisionTemplate.FILE_NAME);
		}
	}

	@Test
	void initCreatesTheDirectoryWithTheTemplate() throws Exception {
		Path revisions = this.dir.resolve("db/revisions");

		Path template = ScriptInit.init(revisions);

		assertThat(template).isEqualTo(revisions.resolve("script.sql.template"));
		assertThat(Files.readString(template)).isEqualTo(RevisionTemplate.builtIn().text());
		Path file = this.writer.writeSql(revisions, NewRevisionFile.of("first", List.of()).withId("f1"));
		List<String> problems = new ArrayList<>();
		List<RevisionScript> loaded = SqlRevisionLoader.load(List.of(ScriptLocation.parse(revisions.toString())), null,
				problems);
		assertThat(problems).isEmpty();
		assertThat(loaded).extracting((script) -> script.revision().origin().source())
			.containsExactly(revisions + "/" + file.getFileName());
	}

	@Test
	void initRefusesADirectoryThatIsNotEmpty() throws Exception {
		Files.writeString(this.dir.resolve("keep.sql"), "");

		assertThatExceptionOfType(RetortException.class).isThrownBy(() -> ScriptInit.init(this.dir))
			.withMessage("Directory '" + this.dir + "' already exists and is not empty. Choose a new or empty directory; "
					+ "nothing was written.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION));
		assertThat(ScriptInit.init(Files.createDirectories(this.dir.resolve("empty")))).exists();
	}

	@Test
	void javaSkeletonCompilesAndLoadsAsTheSameRevision() throws Exception {
		Path sources = this.dir.resolve("src/main/java");
		NewRevisionFile revision = new NewRevisionFile("0a1b2c3d4e5f", "Add \"foo\" column", List.of("p1", "p2"),
				List.of("foo"), List.of(), false, "ALTER TABLE t ADD COLUMN foo text;\nUPDATE t SET foo = 'a\\b';", "");

		Path file = this.writer.writeJava(sources, "com.example.db.AddFoo", revision);

		assertThat(file).isEqualTo(sources.resolve("com/example/db/AddFoo.java"));
		assertThat(Files.readString(file)).isEqualTo("""
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				/**
				 * Add "foo" column
				 *
				 * <p>Create Date: 2026-11-25 21:07:09
				 */
				@Revision(id = "0a1b2c3d4e5f", revises = { "p1", "p2" }, message = "Add \\"foo\\" column", branchLabels = "foo", transactional = false)
				public final class AddFoo implements Migration {

					@Override
					public void upgrade(Operations op) {
						op.execute("ALTER TABLE t ADD COLUMN foo text");
						op.execute("UPDATE t SET foo = 'a\\\\b'");
					}

					@Override
					public void downgrade(Operations op) {
					}

				}
				""");
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		TestJars.compile(sources, classes);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
			List<String> problems = new ArrayList<>();
			List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("com.example.db"), List.of(), loader, problems);

			assertThat(problems).isEmpty();
			assertThat(scripts).singleElement()
				.satisfies((script) -> assertThat(script.revision()).isEqualTo(new Revision("0a1b2c3d4e5f",
						List.of("p1", "p2"), List.of(), List.of("foo"), "Add \"foo\" column", null,
						Revision.Origin.of("com.example.db.AddFoo"), Kind.JAVA, false, true, null)));
		}
	}

	@Test
	void javaSkeletonOfAMessageWithBackslashesCommentEndsAndMarkupCompilesWithItsJavadocChecked() throws Exception {
		Path sources = this.dir.resolve("src/main/java");
		// A Windows path (\\u would start a Unicode escape even in a comment), a comment end, HTML, a block tag.
		String message = "@since v2: fix */ for C:\\users\\x & <b>";
		NewRevisionFile revision = new NewRevisionFile("0a1b2c3d4e5f", message, List.of(), List.of(), List.of(), true,
				"", "");

		Path file = this.writer.writeJava(sources, "com.example.db.FixPaths", revision);

		assertThat(Files.readString(file)).contains("/**\n * &#64;since v2: fix *&#47; for C:&#92;users&#92;x &amp; &lt;b&gt;\n *\n")
			.contains("message = \"@since v2: fix */ for C:\\\\users\\\\x & <b>\")");
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		TestJars.compile(sources, classes, List.of("-Xdoclint:html,syntax"));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
			List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("com.example.db"), List.of(), loader,
					new ArrayList<>());

			assertThat(scripts).singleElement().satisfies((script) -> assertThat(script.revision().message()).isEqualTo(message));
		}
	}

	@Test
	void javaSkeletonNeedsAQualifiedClassNameAndNeverOverwrites() throws Exception {
		NewRevisionFile revision = NewRevisionFile.of("x", List.of());

		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> this.writer.writeJava(this.dir, "AddFoo", revision))
			.withMessage("'AddFoo' is not a class name in a package. Give a fully qualified name such as "
					+ "'com.example.db.AddUserColumn'.");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> this.writer.writeJava(this.dir, "com.example.class", revision));
		this.writer.writeJava(this.dir, "com.example.AddFoo", revision);
		assertThatExceptionOfType(RevisionFileExistsException.class)
			.isThrownBy(() -> this.writer.writeJava(this.dir, "com.example.AddFoo", revision));
	}

}
