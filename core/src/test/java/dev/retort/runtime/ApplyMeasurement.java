package dev.retort.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A throw-away measurement, not a test (the name keeps it out of the build): applying 1,000
 * small pending revisions with Retort against plain JDBC running the same statements, one
 * transaction each. Run by hand: {@code mvn -pl core test -Dtest=ApplyMeasurement}.
 */
class ApplyMeasurement {

	private static final int REVISIONS = 1000;

	@Test
	void measure() throws Exception {
		Path dir = Files.createTempDirectory("retort-measure");
		RevisionFiles files = new RevisionFiles(dir);
		String parent = null;
		for (int i = 1; i <= REVISIONS; i++) {
			String id = String.format("r%011d", i);
			files.write(id, parent, "CREATE TABLE t" + i + " (id int, note text);", "DROP TABLE t" + i + ";");
			parent = id;
		}
		for (int round = 1; round <= 6; round++) {
			// Alternate the order: the machine is shared, and whoever runs second meets a warmer server.
			TestDatabase plainDb = TestPostgres.freshDatabase();
			long plain = (round % 2 == 1) ? plainJdbc(plainDb) : 0;
			TestDatabase retortDb = TestPostgres.freshDatabase();
			Retort retort = Retort.configure()
				.url(retortDb.jdbcUrl())
				.user(retortDb.user())
				.password(retortDb.password())
				.locations(files.location())
				.load();
			long start = System.nanoTime();
			retort.upgrade("heads");
			long retortNanos = System.nanoTime() - start;
			if (round % 2 == 0) {
				plain = plainJdbc(plainDb);
			}
			System.out.printf("MEASURE round %d: plain JDBC %d ms, Retort %d ms, ratio %.2f, Retort statements %d%n",
					round, plain / 1_000_000, retortNanos / 1_000_000, (double) retortNanos / plain,
					retort.statementCount());
			plainDb.drop();
			retortDb.drop();
		}
	}

	private static long plainJdbc(TestDatabase db) throws Exception {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			long start = System.nanoTime();
			for (int i = 1; i <= REVISIONS; i++) {
				connection.setAutoCommit(false);
				statement.execute("CREATE TABLE t" + i + " (id int, note text)");
				connection.commit();
			}
			return System.nanoTime() - start;
		}
	}

}
