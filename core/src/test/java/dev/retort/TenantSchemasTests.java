package dev.retort;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.retort.command.MigrationListener;
import dev.retort.command.MigrationResult;
import dev.retort.command.RevisionFiles;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Step;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.DatabaseAheadException;
import dev.retort.runtime.LockTimeoutException;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.SecondSessionUnavailableException;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A multi-tenant application migrates one schema per tenant, several at once, from its own code:
 * each failure must say which tenant it stopped, and a pool shared by parallel runs must be
 * explained as such.
 */
@ExtendWith(PostgresExtension.class)
class TenantSchemasTests {

	private static final String A = "a1a1a1a1a1a1";

	private static final String B = "b2b2b2b2b2b2";

	private static RevisionFiles linear(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write(B, A, "ALTER TABLE coffee ADD COLUMN kind text;", "ALTER TABLE coffee DROP COLUMN kind;");
		return files;
	}

	private static Retort tenant(TestDatabase db, RevisionFiles files, String schema) {
		return Retort.configure().dataSource(db.dataSource()).schema(schema).locations(files.location()).load();
	}

	@Test
	void oneLoadOfTheRevisionsMigratesTenantsInParallelEachUnderTheLockOfItsOwnSchema(TestDatabase db,
			@TempDir Path dir) throws Exception {
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(linear(dir).location()).load();
		CountDownLatch secondDone = new CountDownLatch(1);
		// The first tenant's first step waits for the second tenant's whole run: serialised runs would never end.
		MigrationListener waitForSecond = new MigrationListener() {
			@Override
			public void stepStarting(Step step) {
				try {
					assertThat(secondDone.await(30, TimeUnit.SECONDS)).as("the second tenant ran meanwhile").isTrue();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<MigrationResult> first = threads.submit(() -> app.forSchema("tenant_e").withListener(waitForSecond).upgrade("heads"));
			Future<MigrationResult> second = threads.submit(() -> {
				try {
					return app.forSchema("Tenant_F").upgrade("heads");
				}
				finally {
					secondDone.countDown();
				}
			});
			assertThat(second.get(30, TimeUnit.SECONDS).to()).containsExactly(B);
			assertThat(first.get(30, TimeUnit.SECONDS).to()).containsExactly(B);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT table_schema FROM information_schema.columns WHERE table_name = 'coffee'"
				+ " AND column_name = 'kind' ORDER BY 1")).containsExactly("Tenant_F", "tenant_e");
		assertThat(app.forSchema("tenant_e").scripts()).isSameAs(app.scripts());
		assertThat(app.forSchema("tenant_e").current().current()).containsExactly(B);
		assertThat(app.forSchema("tenant_g").status().pending()).hasSize(2);
	}

	@Test
	void theFacadesRememberTheSchemasTheirRunsMigratedFailedOnesTooSoTheStarterReportsTheTenants(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		db.execute("CREATE SCHEMA tenant_bad", "CREATE TABLE tenant_bad.coffee (id int)");
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(files.location()).load();
		Retort bean = app.withListener(MigrationListener.NONE);
		bean.status();
		bean.forSchema("tenant_x").current();
		bean.forSchema("tenant_x").upgradeSql("heads");
		assertThat(app.migrated()).as("read-only commands and offline scripts migrate nothing").isEmpty();

		bean.forSchema("tenant_x").upgrade("heads");
		bean.forSchema("Tenant-Y").upgrade(A);
		catchThrowableOfType(MigrationFailedException.class, () -> bean.forSchema("tenant_bad").upgrade("heads"));
		bean.forSchema("tenant_x").downgrade(A);
		bean.forSchema("Tenant-Y").forSchema("tenant_z").stamp(List.of(A), false);
		// Every facade of the family answers for all of them, in the order of each schema's first run.
		assertThat(app.migrated()).extracting((facade) -> facade.config().schema())
			.containsExactly("tenant_x", "Tenant-Y", "tenant_bad", "tenant_z");
		assertThat(bean.forSchema("tenant_x").migrated()).hasSize(4);
		assertThat(app.migrated().get(1).current().current()).containsExactly(A);

		bean.upgrade("heads");
		assertThat(app.migrated()).as("the configured schema, once it ran one, as the facade that ran it")
			.hasSize(5)
			.last()
			.isSameAs(bean);
		assertThat(Retort.configure().dataSource(db.dataSource()).locations(files.location()).load().migrated())
			.as("another load is another family")
			.isEmpty();
	}

	@Test
	void aListenerIsToldOfEachSchemasFirstRunFromThenOnBeforeTheRunFailedOnesToo(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		db.execute("CREATE SCHEMA tenant_bad", "CREATE TABLE tenant_bad.coffee (id int)");
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(files.location()).load();
		app.forSchema("tenant_x").upgrade("heads");
		List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Boolean> migratedListsIt = new java.util.concurrent.CopyOnWriteArrayList<>();
		app.forSchema("tenant_x").whenFirstMigrated((facade) -> {
			told.add(facade.config().schema());
			migratedListsIt.add(app.migrated().contains(facade));
			// Before the run: nothing of it is in the tenant's schema yet.
			assertThat(facade.current().current()).isEmpty();
		});
		app.forSchema("tenant_x").upgrade("heads");
		app.forSchema("tenant_y").upgrade("heads");
		app.forSchema("tenant_y").downgrade(A);
		catchThrowableOfType(MigrationFailedException.class, () -> app.forSchema("tenant_bad").upgrade("heads"));
		app.forSchema("tenant_z").current();
		assertThat(told).as("tenant_x ran before the listener; read-only commands migrate nothing")
			.containsExactly("tenant_y", "tenant_bad");
		assertThat(migratedListsIt).containsOnly(true);
	}

	@Test
	void aTenantSchemaMayBeAnyNamePostgreSQLKeepsOnceQuoted(TestDatabase db, @TempDir Path dir) {
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(linear(dir).location()).load();
		// Before, acme-corp was refused and order, user or default failed with 'syntax error at or near'.
		List<String> tenants = List.of("acme-corp", "order", "user", "Tenant \"A\"", "o'brien", "acme.corp");
		for (String tenant : tenants) {
			assertThat(app.forSchema(tenant).upgrade("heads").to()).as(tenant).containsExactly(B);
			assertThat(app.forSchema(tenant).current().current()).as(tenant).containsExactly(B);
		}
		assertThat(db.queryStrings("SELECT table_schema FROM information_schema.columns WHERE table_name = 'coffee'"
				+ " AND column_name = 'kind' ORDER BY 1"))
			.containsExactlyInAnyOrderElementsOf(tenants);
		assertThat(db.queryStrings("SELECT count(*) FROM \"acme-corp\".retort_history")).containsExactly("2");
		app.forSchema("order").downgrade("base");
		assertThat(db.queryStrings("SELECT count(*) FROM \"order\".retort_version")).containsExactly("0");
		assertThat(db.queryStrings("SELECT count(*) FROM \"user\".coffee")).containsExactly("0");
	}

	@Test
	void aSchemaNamePostgreSQLWouldNotKeepAsWrittenIsRefusedSayingWhy(TestDatabase db, @TempDir Path dir) {
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(linear(dir).location()).load();
		String tooLong = "tenant_" + "x".repeat(57);
		RetortException cut = catchThrowableOfType(RetortException.class, () -> app.forSchema(tooLong));
		assertThat(cut.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(cut).hasMessage("Invalid value '" + tooLong + "' for 'schema': it is 64 bytes long, and PostgreSQL"
				+ " keeps only the first 63 bytes of a name; use a shorter name.");
		RetortException broken = catchThrowableOfType(RetortException.class, () -> app.forSchema("acme\nDROP"));
		assertThat(broken).hasMessageEndingWith(
				"for 'schema': it holds a line break or another control character; use a name without one.");
		RetortException spaced = catchThrowableOfType(RetortException.class, () -> app.forSchema("tenant_42 "));
		assertThat(spaced).hasMessage(
				"Invalid value 'tenant_42 ' for 'schema': it starts or ends with a space; remove the space.");
		RetortException list = catchThrowableOfType(RetortException.class, () -> app.forSchema("public, extensions"));
		assertThat(list).hasMessageContaining("for 'schema': it names one schema, which holds Retort's tables and is"
				+ " the whole search_path of the migrations, not a search_path list;");
		assertThat(db.queryStrings("SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'tenant%'")).isEmpty();
	}

	@Test
	void aRevisionThatNamesPublicFailsTheSecondTenantSayingWhyAndNotToStamp(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write("c3c3c3c3c3c3", B, "CREATE TABLE public.audit_log (id int);", "DROP TABLE public.audit_log;");
		Retort app = Retort.configure().dataSource(db.dataSource()).locations(files.location()).load();
		app.forSchema("tenant_h").upgrade("heads");

		MigrationFailedException second = catchThrowableOfType(MigrationFailedException.class,
				() -> app.forSchema("tenant_i").upgrade("heads"));

		assertThat(second.getMessage()).contains("in schema tenant_i failed and was rolled back: ERROR: relation"
				+ " \"audit_log\" already exists")
			.contains("\n  The statement names public.audit_log, outside schema tenant_i that this run migrates: the run"
					+ " of another schema that ran this revision (another tenant) created it already. Leave the schema"
					+ " out of the name so that each schema's run creates its own;");
		// Before, the application and the command line said to stamp or baseline a schema built before Retort.
		assertThat(second.createdInThisRun()).isTrue();
		assertThat(app.forSchema("tenant_i").current().current()).containsExactly(B);
	}

	@Test
	void aFailedRevisionNamesTheSchemaItFailedIn(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		db.execute("CREATE SCHEMA tenant_a", "CREATE TABLE tenant_a.coffee (id int)", "CREATE SCHEMA \"Tenant\"",
				"CREATE TABLE \"Tenant\".coffee (id int)");
		MigrationFailedException plain = catchThrowableOfType(MigrationFailedException.class,
				() -> tenant(db, files, "tenant_a").upgrade("heads"));
		assertThat(plain.getMessage()).startsWith("Revision " + A + " (" + dir.resolve(A + "_test.sql")
				+ ":9) in schema tenant_a failed and was rolled back: ERROR: relation \"coffee\" already exists");
		assertThat(plain.revision()).isEqualTo(A);
		assertThat(plain.schema()).as("for the starter's advice, which names the tenant to read").isEqualTo("tenant_a");
		MigrationFailedException quoted = catchThrowableOfType(MigrationFailedException.class,
				() -> tenant(db, files, "Tenant").upgrade("heads"));
		assertThat(quoted.getMessage()).contains(":9) in schema \"Tenant\" failed and was rolled back: ");
		assertThat(quoted.schema()).isEqualTo("Tenant");
		// The history row holds the same message.
		assertThat(db.queryStrings("SELECT error FROM tenant_a.retort_history")).singleElement()
			.asString()
			.contains("in schema tenant_a failed");
	}

	@Test
	void aChangedFileNamesTheSchemaItWasAppliedTo(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		tenant(db, files, "tenant_b").upgrade(A);
		Path file = dir.resolve(A + "_test.sql");
		Files.writeString(file, Files.readString(file).replace("CREATE TABLE coffee (id int);",
				"CREATE TABLE coffee (id bigint);"));
		ChecksumMismatchException changed = catchThrowableOfType(ChecksumMismatchException.class,
				() -> tenant(db, files, "tenant_b").upgrade("heads"));
		assertThat(changed.getMessage())
			.startsWith("Applied revision " + A + " (" + file + ") in schema tenant_b changed on disk since it was applied");
		assertThat(changed.mismatches()).singleElement().extracting(ChecksumMismatchException.Mismatch::revision).isEqualTo(A);
		assertThat(changed.schema()).as("for the starter's advice, which names the tenant to read").isEqualTo("tenant_b");
	}

	@Test
	void everyFailureOfATenantsRunCarriesTheSchemaItRanInTheConnectionsCarriesNone(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		Retort loaded = Retort.configure().dataSource(db.dataSource()).locations(files.location())
			.lockWaitTimeout(Duration.ofMillis(200)).load();
		// A newer version migrated tenant_a: rows no file declares, past revisions the history shows applied.
		loaded.forSchema("tenant_a").upgrade(A);
		db.execute("UPDATE tenant_a.retort_version SET version_num = 'ffff00000009'");
		assertThat(catchThrowableOfType(DatabaseAheadException.class, () -> loaded.forSchema("tenant_a").upgrade("heads"))
			.schema()).isEqualTo("tenant_a");
		try (Connection other = db.connect(); Statement statement = other.createStatement()) {
			// Another runner holds tenant_b's lock.
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("tenant_b", "retort_version", "retort_history")) + ")");
			assertThat(catchThrowableOfType(LockTimeoutException.class, () -> loaded.forSchema("tenant_b").upgrade("heads"))
				.schema()).isEqualTo("tenant_b");
		}
		db.execute("CREATE TABLE public.coffee (id int)");
		// The connection's schema is configured by nobody: its failure names none, as before.
		assertThat(catchThrowableOfType(MigrationFailedException.class, () -> loaded.upgrade("heads")).schema()).isNull();
	}

	@Test
	void aTenantANewerVersionMigratedIsNamedByTheMessageTheConnectionsSchemaReadsAsBefore(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		Retort loaded = Retort.configure().dataSource(db.dataSource()).locations(files.location()).load();
		// A version row no revision file declares (here hand-written: the unrecorded kind of a database ahead).
		loaded.forSchema("Tenant42").upgrade(A);
		db.execute("UPDATE \"Tenant42\".retort_version SET version_num = 'ffff00000009'");
		DatabaseAheadException tenant = catchThrowableOfType(DatabaseAheadException.class,
				() -> loaded.forSchema("Tenant42").upgrade("heads"));
		// What a strategy that catches a tenant's failure logs, or a health component's 'error', says which tenant.
		assertThat(tenant.getMessage()).startsWith("Schema \"Tenant42\" is at ffff00000009, which no revision file declares");
		assertThat(tenant.unknownRevisions()).containsExactly("ffff00000009");

		loaded.upgrade(A);
		db.execute("UPDATE public.retort_version SET version_num = 'ffff00000009'");
		assertThat(catchThrowableOfType(DatabaseAheadException.class, () -> loaded.upgrade("heads")).getMessage())
			.as("the connection's schema, which nobody configured")
			.startsWith("The database is at ffff00000009, which no revision file declares");
	}

	@Test
	void runsInParallelThatExhaustTheirSharedPoolAreToldToMigrateFewerAtOnce(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = linear(dir);
		// Two connections for two runs: each takes one (they meet at the barrier), then both ask for a second.
		TwoConnections pool = new TwoConnections(db.dataSource());
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = List.of(threads.submit(() -> tenant(pool, files, "tenant_c").upgrade("heads")),
					threads.submit(() -> tenant(pool, files, "tenant_d").upgrade("heads")));
			for (Future<?> run : runs) {
				Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
						() -> run.get(30, TimeUnit.SECONDS)).getCause();
				assertThat(failure).isInstanceOf(SecondSessionUnavailableException.class)
					.hasMessageContaining("Runs in parallel on one DataSource (one per schema, as a multi-tenant"
							+ " application migrates its tenants) need 2 each at the same time")
					.hasMessageContaining("Migrate fewer at once, or give migrations a pool of their own");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT nspname FROM pg_namespace WHERE nspname IN ('tenant_c', 'tenant_d')")).isEmpty();
		assertThat(pool.lent.get()).isZero();
	}

	private static Retort tenant(DataSource dataSource, RevisionFiles files, String schema) {
		return Retort.configure().dataSource(dataSource).schema(schema).locations(files.location()).load();
	}

	/**
	 * A pool of two connections shared by two runs: each run's first connection is lent once the
	 * other run has asked for its own, and each run's second is refused once both have asked for it
	 * (as a real pool refuses, after its connection timeout, while both runs hold one each).
	 */
	private static final class TwoConnections implements DataSource {

		private final DataSource target;

		private final AtomicInteger lent = new AtomicInteger();

		private final AtomicInteger asked = new AtomicInteger();

		private final CyclicBarrier firstTwo = new CyclicBarrier(2);

		private final CyclicBarrier secondTwo = new CyclicBarrier(2);

		private static void await(CyclicBarrier barrier) throws SQLException {
			try {
				barrier.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
				throw new SQLException("the other run never came", ex);
			}
		}

		TwoConnections(DataSource target) {
			this.target = target;
		}

		@Override
		public Connection getConnection() throws SQLException {
			int call = this.asked.incrementAndGet();
			if (call <= 4) {
				// Each run's first connection waits for the other's, and so does its second: both then hold one.
				await((call <= 2) ? this.firstTwo : this.secondTwo);
			}
			if (call > 2 && call <= 4) {
				throw new SQLException("pool - Connection is not available (total=2, active=2, idle=0)", "08001");
			}
			this.lent.incrementAndGet();
			Connection connection = this.target.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						if (method.getName().equals("close") && !connection.isClosed()) {
							this.lent.decrementAndGet();
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
