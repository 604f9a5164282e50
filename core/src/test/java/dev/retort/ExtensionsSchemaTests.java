package dev.retort;

import java.nio.file.Path;

import dev.retort.command.RevisionFiles;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Extensions installed in a schema of their own ({@code extensions}, as Supabase has them): a
 * revision that names their types or functions unqualified fails where the migrations' search_path
 * does not find that schema, and PostgreSQL's message alone does not say why.
 */
@ExtendWith(PostgresExtension.class)
class ExtensionsSchemaTests {

	private static final String A = "a1a1a1a1a1a1";

	private static final String B = "b2b2b2b2b2b2";

	/** As Supabase installs them. Each test's database is a fresh one, so each installs them. */
	private static void installInAnExtensionsSchema(TestDatabase db) {
		assumeTrue(db.queryStrings("SELECT name FROM pg_available_extensions WHERE name IN ('citext', 'pg_trgm')")
			.size() == 2, "the server has no citext and pg_trgm (contrib) to install");
		db.execute("CREATE SCHEMA extensions", "CREATE EXTENSION citext SCHEMA extensions",
				"CREATE EXTENSION pg_trgm SCHEMA extensions");
	}

	@Test
	void aTypeOfAnExtensionOffTheSearchPathOfRetortSchemaIsNamedWithTheWaysOut(TestDatabase db, @TempDir Path dir) {
		installInAnExtensionsSchema(db);
		// The database's search_path finds it; retort.schema sets the migrations' to public alone.
		db.execute("ALTER DATABASE " + db.name() + " SET search_path = \"$user\", public, extensions");
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE users (id int, email citext);", "DROP TABLE users;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, () -> Retort.configure()
			.dataSource(db.dataSource())
			.schema("public")
			.locations(files.location())
			.load()
			.upgrade("heads"));
		assertThat(failure.getMessage()).contains("ERROR: type \"citext\" does not exist [SQLSTATE 42704]\n",
				"\n  The type citext is extension citext's, installed in schema extensions, which the search_path the"
						+ " revisions run with (public) does not find. Name it with its schema in the revision"
						+ " (extensions.citext), or have the search_path find extensions: retort.schema sets it to public"
						+ " alone, so leave retort.schema unset for the database's or role's search_path (ALTER ROLE …"
						+ " SET search_path = public, extensions), or set it in the revision before its first statement"
						+ " (SET LOCAL search_path = public, extensions).\n");
		// The history row says the same.
		assertThat(db.queryStrings("SELECT error FROM public.retort_history")).singleElement()
			.asString()
			.contains("extensions.citext");

		// As it says: qualified, it runs.
		files.write(A, null, "CREATE TABLE users (id int, email extensions.citext);", "DROP TABLE users;");
		Retort.configure().dataSource(db.dataSource()).schema("public").locations(files.location()).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT n.nspname || '.' || t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
				+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE a.attrelid = 'public.users'::regclass"
				+ " AND a.attname = 'email'")).containsExactly("extensions.citext");
	}

	@Test
	void aFunctionOfAnExtensionOffTheSearchPathIsNamedInARevisionOutsideATransaction(TestDatabase db,
			@TempDir Path dir) {
		installInAnExtensionsSchema(db);
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE users (id int, name text);", "DROP TABLE users;");
		files.write(B, A, "", false, "UPDATE users SET name = 'x' WHERE similarity(name, 'x') > 0.5;",
				null);
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> Retort.configure().dataSource(db.dataSource()).locations(files.location()).load().upgrade("heads"));
		assertThat(failure.getMessage()).contains("ERROR: function similarity(text, unknown) does not exist",
				"\n  The function similarity is extension pg_trgm's, installed in schema extensions, which the"
						+ " search_path the revisions run with (\"$user\", public) does not find. Name it with its schema"
						+ " in the revision (extensions.similarity), or have the search_path find extensions: ALTER ROLE …"
						+ " SET search_path = \"$user\", public, extensions, or set it in the revision before its first"
						+ " statement (SET search_path = \"$user\", public, extensions); Retort puts it back after the"
						+ " revision.\n");
	}

	@Test
	void aTypeNoExtensionProvidesKeepsPostgresMessageAlone(TestDatabase db, @TempDir Path dir) {
		installInAnExtensionsSchema(db);
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE users (id int, email nosuchtype);", "DROP TABLE users;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> Retort.configure().dataSource(db.dataSource()).schema("public").locations(files.location()).load()
					.upgrade("heads"));
		assertThat(failure.getMessage()).contains("ERROR: type \"nosuchtype\" does not exist").doesNotContain("extension");
	}

}
