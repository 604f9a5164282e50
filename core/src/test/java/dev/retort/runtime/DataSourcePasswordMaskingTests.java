package dev.retort.runtime;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.error.RetortException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The password a {@code DataSource} connects with (the starter's, the application's pool) is
 * masked where a failed revision quotes it, as the command line's is: the run gets it from the
 * data source's getter, on the failure only.
 */
@ExtendWith(PostgresExtension.class)
class DataSourcePasswordMaskingTests {

	private static final String PASSWORD = "Sekr3t-PW-9x";

	@Test
	void aFailedRevisionQuotingTheDataSourcesPasswordShowsItMasked(TestDatabase db, @TempDir Path dir) {
		// A role of its own with that password, so the login works whatever the server's pg_hba asks.
		String role = "masked_" + Long.toHexString(System.nanoTime());
		db.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
		try {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(db.jdbcUrl());
			dataSource.setUser(role);
			dataSource.setPassword(PASSWORD);
			RevisionFiles files = new RevisionFiles(dir);
			files.write("aaaa00000001", null, "SELECT 1;\nSELECT '" + PASSWORD + "'::int;", "SELECT 1;");
			Retort retort = Retort.configure().dataSource(dataSource).locations(files.location()).load();

			RetortException failed = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));

			assertThat(failed.getMessage()).contains("invalid input syntax for type integer: \"***\"", "SELECT '***'::int")
				.doesNotContain(PASSWORD);
			assertThat(db.queryStrings("SELECT error FROM retort_history")).singleElement()
				.satisfies((error) -> assertThat(error).contains("\"***\"").doesNotContain(PASSWORD));
		}
		finally {
			db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
		}
	}

}
