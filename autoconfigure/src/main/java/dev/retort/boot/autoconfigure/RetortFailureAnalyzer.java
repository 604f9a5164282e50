package dev.retort.boot.autoconfigure;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.GraphProblem;
import dev.retort.revision.InvalidGraphException;
import dev.retort.runtime.ConnectionFailedException;
import dev.retort.runtime.ConnectionRefusal;
import dev.retort.runtime.LockHolder;
import dev.retort.runtime.LockTimeoutException;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.SecondSessionUnavailableException;
import dev.retort.runtime.UnansweredConnection;
import dev.retort.runtime.UnrecordedVersionRowsException;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a {@link RetortException} that stopped the application from starting, and says what
 * to do in Spring Boot's terms (which property to set, which command to run inside the image).
 * Core's message says what failed, where and why; this adds the action.
 */
class RetortFailureAnalyzer extends AbstractFailureAnalyzer<RetortException> {

	private static final String COMMAND = "java -jar <app>.jar retort";

	/** A schema name the shell passes on as it is, unquoted. */
	private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_.-]+");

	/** The timeout may be the role's or the database's: Retort's property is the way past both. */
	private static final String TIMEOUT_SOURCE = " (when it is not set, the timeout came from the role, the database or "
			+ "the server, and setting it makes Retort's own win over theirs)";

	private static final String INVALID_FILES = "Fix the revision file named above in 'retort.locations' (or the "
			+ "@Revision class in 'retort.java-packages'), then run '" + COMMAND + " validate'.";

	/** The application's environment, for its 'retort.locations'; null when the start failed before it existed. */
	private final Environment environment;

	/**
	 * Created by Spring Boot with the application's environment.
	 * @param environment the environment, or {@code null}
	 */
	public RetortFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	RetortFailureAnalyzer() {
		this(null);
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RetortException cause) {
		String description = describe(cause);
		String action = action(cause);
		if (action != null && (cause.code() == ErrorCode.INVALID_GRAPH || cause.code() == ErrorCode.INVALID_REVISION_FILE)) {
			action = defaultLocationNote(cause) + action;
		}
		return (action != null) ? new FailureAnalysis(description, action, cause) : null;
	}

	/**
	 * Where the files are, when the graph breaks because a misspelt 'retort.locations' gave no SQL
	 * revision (a Java revision then revises one that does not exist): what the start's warning says
	 * when there is no Java revision to break the graph.
	 */
	private String defaultLocationNote(RetortException cause) {
		if (this.environment == null || cause.getMessage() == null
				|| !cause.getMessage().contains("' holds no revision files (*.sql)")) {
			return "";
		}
		List<String> locations = Binder.get(this.environment)
			.bind("retort.locations", Bindable.listOf(String.class))
			.orElse(List.of(RetortMigrationInitializer.DEFAULT_LOCATION));
		return RetortMigrationInitializer.defaultLocationNote(locations,
				Thread.currentThread().getContextClassLoader());
	}

	private String describe(RetortException cause) {
		String tenant = tenantSchema(cause);
		if (cause instanceof DatabaseBehindException) {
			return "Retort refused to start the application ('retort.on-startup=validate')"
					+ ((tenant != null) ? " in schema " + tenantName(cause) : "") + ":"
					+ System.lineSeparator() + System.lineSeparator() + cause.getMessage();
		}
		return "Retort could not bring " + ((tenant != null) ? "schema " + tenantName(cause) : "the database")
				+ " to the application's revisions at startup:" + System.lineSeparator() + System.lineSeparator()
				+ cause.getMessage();
	}

	private String action(RetortException cause) {
		String tenant = tenantOption(cause);
		// What the advice names: the database, or the tenant's schema the failed run ran in.
		String where = tenant.isEmpty() ? "the database" : "schema " + tenantName(cause);
		if (cause instanceof DatabaseBehindException behind && behind.failedRevision() != null) {
			return "Fix what made revision " + behind.failedRevision() + " fail (its error is above and in the "
					+ "history table, 'retort.history-table': the revision, or what it needs in the database), then "
					+ "upgrade " + where + ": '" + COMMAND + " upgrade " + behind.target() + tenant
					+ "'. The same upgrade run again unchanged fails the same way. Pending: " + String.join(", ", behind.pending()) + ".";
		}
		if (cause instanceof DatabaseBehindException behind) {
			return "Upgrade " + where + " first: run '" + COMMAND + " upgrade " + behind.target() + tenant
					+ "' (for example as a Kubernetes Job), "
					+ (tenant.isEmpty() ? "or set 'retort.on-startup' to 'upgrade' so the application migrates it at startup"
							: "or let the application's RetortMigrationStrategy upgrade it at startup")
					+ ". Pending: " + String.join(", ", behind.pending()) + ".";
		}
		if (readOnly(cause)) {
			// A replica's URL given for the primary's: no revision is at fault, and none should be edited.
			return "Point the migration's connection at the primary, writable database: 'spring.datasource.url' (or "
					+ "'retort.url', or a @RetortDataSource bean) leads to a read-only one (a hot standby or replica, or "
					+ "default_transaction_read_only on for the database or the role). Nothing was changed; start the "
					+ "application again once it points at the primary.";
		}
		if (cause instanceof UnrecordedVersionRowsException) {
			// Not a newer version: deploying one, as for a database ahead, would not help.
			return "Give the revision files the ids the version table holds ('Revision ID:' as Alembic named them), "
					+ "or record where " + where + " stands: '" + COMMAND + " stamp --purge <revision>..." + tenant + "' with "
					+ "'retort.version-table' set as the application sets it.";
		}
		if (cause instanceof SecondSessionUnavailableException) {
			// The database answered: checking the URL and password, as for a failed connection, would not help.
			return "Let the application's DataSource lend 2 connections at once while Retort migrates: set "
					+ "'spring.datasource.hikari.maximum-pool-size' to 2 or more, or give migrations a connection of "
					+ "their own with 'retort.url' (or 'retort.user' alone, on the DataSource's URL). A "
					+ "RetortMigrationStrategy that migrates several schemas at once (retort.forSchema, a thread per "
					+ "tenant) needs 2 per schema at the same time: migrate at most half the pool's size at once.";
		}
		if (cause instanceof ConnectionFailedException failed && failed.refusal().isPresent()) {
			return refused(failed.refusal().get(), ConnectionSettings.of(failed));
		}
		if (cause instanceof ConnectionFailedException failed && failed.unanswered().isPresent()) {
			return unanswered(failed.unanswered().get(), ConnectionSettings.of(failed));
		}
		if (cause instanceof RevisionsInvalidException) {
			return "Fix each problem listed above in the revision files, then run '" + COMMAND
					+ " validate" + tenant + "' until it reports none.";
		}
		if (cause instanceof InvalidGraphException graph && namesAMissingRevision(graph)) {
			// Where the application starts, a bean revision is there; a test slice brings in the @Component
			// ones (RetortTestSliceRevisions), not those a @Bean method of a configuration class declares.
			return INVALID_FILES + " If the missing revision is a Migration bean declared by a @Bean method and this is"
					+ " a test slice (@DataJpaTest, @JdbcTest), the slice did not read that configuration class: add"
					+ " @Import(ThatConfiguration.class) to the test, or make the revision a @Component.";
		}
		return switch (cause.code()) {
			case MULTIPLE_HEADS -> "Set 'retort.target' to one head, to 'label@head', or to 'heads' to upgrade every "
					+ "branch (with 'retort.fail-on-multiple-heads=false'); or join the branches with a merge revision: "
					+ "'retort merge -m \"merge\" heads'.";
			case CHECKSUM_MISMATCH -> "Applied revisions are never edited: restore the file (or a Java revision's class) "
					+ "as it was applied and add a new revision for the change. If the change is only cosmetic and you "
					+ "accept the risk, set 'retort.validate-checksums=false'." + (tenant.isEmpty() ? ""
							: " Once it is restored, '" + COMMAND + " validate" + tenant + "' checks " + where + " again.");
			case MIGRATION_FAILED -> migrationFailed(cause, tenant);
			case LOCK_TIMEOUT -> lockTimeout(cause, tenant, where);
			case UNKNOWN_REVISION, AMBIGUOUS_REVISION, INVALID_TARGET -> "Check 'retort.target' (now a revision id, "
					+ "'head', 'heads', 'label@head' or a relative target) against '" + COMMAND + " history'.";
			case DATABASE_AHEAD -> "The database holds revisions this version of the application does not know (a newer "
					+ "version migrated it). Deploy that version, or downgrade " + where + " with '" + COMMAND
					+ " downgrade <revision>" + tenant + "' run from the newer version.";
			case CONNECTION_FAILED -> "Check the connection (" + ConnectionSettings.of(cause).connection()
					+ "); if the database is still starting, set or raise 'retort.connect-retries' and "
					+ "'retort.connect-retries-interval'.";
			case CONFIGURATION -> "Fix the 'retort.*' property named above.";
			case INVALID_REVISION_FILE, INVALID_GRAPH -> INVALID_FILES;
			case IRREVERSIBLE_REVISION -> "Add a downgrade section to the revision named above, or choose a target "
					+ "that does not cross it.";
			default -> "Review the error above, then run '" + COMMAND + " current" + tenant + "' to see where " + where
					+ " stands.";
		};
	}

	private static String lockTimeout(RetortException cause, String tenant, String where) {
		if (lockLetGo(cause)) {
			// Nothing holds it now: waiting for a holder, or ending one, as below, would send the reader after none.
			return "No instance holds the migration lock of " + where + " any more: the one that held it let go of it"
					+ " after Retort's last try (its migration finished, or its session ended). Nothing was changed."
					+ " Start the application again: it takes the lock, and waits for any session the message above"
					+ " names as still migrating. If instances often wait this long, raise 'retort.lock.wait-timeout'.";
		}
		// The lock's holder is an idle session: ending it alone leaves the migrating session running,
		// and the next instance then waits for that one. Core's message names the pid to end.
		return "Another instance is migrating " + (tenant.isEmpty() ? "the same database and holds the lock"
				: where + " and holds its lock") + lockHolderSeen(cause) + ". Wait for it to finish, or raise "
				+ "'retort.lock.wait-timeout'. If it is stuck, end the session the message above names with "
				+ "pg_terminate_backend: the one that migrates for the holder when there is one (ending only the "
				+ "idle lock holder stops nothing), else the holder itself.";
	}

	/**
	 * Whether the lock was free when Retort read its holder, after its last try had failed: its holder
	 * finished, or its session ended, in between. Read from the exception: nothing is asked of the database.
	 */
	private static boolean lockLetGo(RetortException cause) {
		return cause instanceof LockTimeoutException timeout && timeout.holder() != null && !timeout.holder().held();
	}

	/**
	 * What the lock-timeout message shows of the holder: its client address only when the
	 * application's role may read that session's details; a session of another role (a psql
	 * opened as postgres) shows its pid and application_name alone unless the role is a member
	 * of pg_read_all_stats, and a Unix socket has no address.
	 */
	private static String lockHolderSeen(RetortException cause) {
		LockHolder holder = (cause instanceof LockTimeoutException timeout) ? timeout.holder() : null;
		if (holder == null || !holder.held()) {
			return "";
		}
		if (holder.client() != null) {
			return " (see its pid, application and client address above)";
		}
		if (holder.since() == null) {
			// backend_start is null for a session this role may not read (and unread for a runner that lost
			// its lock session), so this says what to do without claiming which.
			return " (see its pid and application above: of another role's session, the application's role sees no"
					+ " more unless it is a member of pg_read_all_stats; a superuser reads where it connects from with"
					+ " SELECT client_addr FROM pg_stat_activity WHERE pid = " + holder.pid() + ")";
		}
		return " (see its pid and application above)";
	}

	private static boolean readOnly(RetortException cause) {
		if (cause instanceof MigrationFailedException failed) {
			// A revision's own SET TRANSACTION READ ONLY is its fault, not the connection's.
			return failed.readOnly() && failed.stoppedByOwnSettingAt() == null;
		}
		return cause.getCause() instanceof SQLException ex && "25006".equals(ex.getSQLState());
	}

	/**
	 * What to fix when the server answered and refused the connection: what it refused, in the
	 * properties that set it. Core's {@link ConnectionRefusal} tells these from a server that
	 * could not be reached; waiting for a running server ('retort.connect-retries') cannot help.
	 */
	private static String refused(ConnectionRefusal refusal, ConnectionSettings settings) {
		String fix = switch (refusal) {
			case NO_SUCH_DATABASE -> "Check first that the URL of the connection named above (" + settings.url()
					+ ") points at the right server and database: a database that was there and is gone most often"
					+ " means the wrong server, or a restore in progress. Only in a new environment, create it (CREATE"
					+ " DATABASE, or createdb).";
			case PASSWORD_REFUSED -> "Check the user and password of the connection named above ("
					+ settings.credentials() + "): PostgreSQL says 'password authentication failed' for an unknown "
					+ "user too.";
			case USER_REFUSED -> "Check the user of the connection named above (" + settings.user()
					+ "), and that the server's pg_hba.conf lets it connect from here.";
			case NO_ENTRY_WITHOUT_SSL -> "Check the user of the connection named above (" + settings.user() + "). "
					+ "When the server lets it in over SSL only (a 'hostssl' line of its pg_hba.conf), "
					+ "remove 'sslmode=disable' from the URL (" + settings.url() + ") or add "
					+ "'sslmode=require' ('verify-full' with 'sslrootcert' checks the server's certificate); else the "
					+ "server's pg_hba.conf needs a line for it.";
			case PASSWORD_MISSING -> "Give the password of the connection named above: " + settings.password()
					+ "; PGPASSWORD is not read.";
			case LOGIN_REJECTED -> "Fix what the driver's message above names in the connection's URL ("
					+ settings.url() + "): an 'sslmode' the server does not offer, or an "
					+ "authentication method of its pg_hba.conf that pgjdbc does not support.";
			case ROOT_CERTIFICATE_MISSING, SERVER_CERTIFICATE_UNTRUSTED, HOST_NAME_MISMATCH -> "Fix the SSL "
					+ "settings ('sslrootcert', 'sslmode') in the URL of the connection named above ("
					+ settings.url() + "), as the message above says.";
			case INVALID_DRIVER_SETTING, INVALID_PARAMETER_VALUE -> "Fix the value of the parameter the message above "
					+ "names in the URL of the connection named above (" + settings.url() + ").";
		};
		return fix + " The server is running and answered, so 'retort.connect-retries' would not help.";
	}

	/**
	 * What to check when a bound ran out with nothing refused, as the command line says it: the TCP
	 * connect that never completed, or a server that took the connection and never answered. Core's
	 * {@link UnansweredConnection} tells which; 'retort.connect-retries' would only wait the same way again.
	 */
	private static String unanswered(UnansweredConnection unanswered, ConnectionSettings settings) {
		String notOpened = "check the host and the port of the URL (" + settings.url() + "), and that no firewall or "
				+ "security group drops the traffic from here to it";
		String notAnswered = "the server, or a pooler in front of it, is hung or overloaded, or the port leads to a "
				+ "forward or a tunnel with nothing behind it: check that psql reaches the same host and port";
		String bounds = " The bounds are set in that URL: connectTimeout (seconds, 10 by default) for the TCP connect, "
				+ "loginTimeout (seconds, none by default) for the connect and the login together; a pool that has "
				+ "started waits for a connection at most 'spring.datasource.hikari.connection-timeout' (30 s by default).";
		return switch (unanswered) {
			case NOT_OPENED -> "Nothing answered at the address named above, not even to refuse: " + notOpened
					+ " (a server that is down on a host that is up refuses at once instead)." + bounds;
			case NOT_ANSWERED -> "The TCP connection opened and nothing answered on it: " + notAnswered + "." + bounds;
			case EITHER -> "Either nothing answered at the address named above (" + notOpened + "), or " + notAnswered
					+ "." + bounds;
		};
	}

	/**
	 * Where the failed connection's URL, user and password are set, in the words of the actions: the
	 * properties that made it ('retort.url', 'retort.user'; else any of them, for the application's
	 * DataSource), or the {@code @RetortDataSource} or {@code RetortConnectionDetails} bean, which are
	 * configured apart from them.
	 */
	private record ConnectionSettings(String url, String user, String credentials, String password, String connection) {

		private static final String NOT_THE_PROPERTIES = ": 'spring.datasource.*' and 'retort.*' do not apply to it";

		private static final ConnectionSettings PROPERTIES = new ConnectionSettings(
				"'spring.datasource.url', or 'retort.url'", "'spring.datasource.username', or 'retort.user'",
				"'spring.datasource.username' and 'spring.datasource.password', or 'retort.user' and 'retort.password'",
				"'spring.datasource.password', or 'retort.password' with 'retort.user' (from the environment, "
						+ "SPRING_DATASOURCE_PASSWORD or RETORT_PASSWORD, or a secret store)",
				"'spring.datasource.*' or 'retort.url'/'retort.user'/'retort.password'");

		private static final ConnectionSettings RETORT_DATA_SOURCE = new ConnectionSettings(
				"the URL the @RetortDataSource bean is built with" + NOT_THE_PROPERTIES,
				"the user the @RetortDataSource bean is built with" + NOT_THE_PROPERTIES,
				"the user and password the @RetortDataSource bean is built with" + NOT_THE_PROPERTIES,
				"the @RetortDataSource bean is built without one ('spring.datasource.password' and 'retort.password' "
						+ "do not apply to it)",
				"the URL, user and password the @RetortDataSource bean is built with" + NOT_THE_PROPERTIES);

		/** A service connection's details are made by Boot from the container or Compose service, not from properties. */
		private static final String SERVICE_CONNECTION = ": a Testcontainers or Docker Compose service connection, or the"
				+ " application's own bean; 'spring.datasource.*' and 'retort.*' do not apply to it";

		private static final ConnectionSettings CONNECTION_DETAILS = new ConnectionSettings(
				"the URL the RetortConnectionDetails bean gives" + SERVICE_CONNECTION,
				"the user the RetortConnectionDetails bean gives" + SERVICE_CONNECTION,
				"the user and password the RetortConnectionDetails bean gives" + SERVICE_CONNECTION,
				"the RetortConnectionDetails bean gives none" + SERVICE_CONNECTION,
				"the URL, user and password the RetortConnectionDetails bean gives" + SERVICE_CONNECTION);

		/**
		 * A bean that gives a user and no URL is the application's own (a service connection always gives
		 * its URL): its role logs in on the application's URL, with the application's password when the
		 * bean gives none, as for 'retort.user'.
		 */
		private static final String OWN_BEAN = ": the application's own bean; 'spring.datasource.username' and "
				+ "'retort.user' do not apply to it";

		private static final ConnectionSettings CONNECTION_DETAILS_USER = new ConnectionSettings(
				"'spring.datasource.url', where the user the RetortConnectionDetails bean gives connects",
				"the user the RetortConnectionDetails bean gives" + OWN_BEAN,
				"the user and password the RetortConnectionDetails bean gives" + OWN_BEAN
						+ "; when it gives no password, 'spring.datasource.password' is sent",
				"the password the RetortConnectionDetails bean gives (when it gives none, 'spring.datasource.password' "
						+ "is sent; 'retort.password' does not apply to it)",
				"'spring.datasource.url', and the user and password the RetortConnectionDetails bean gives");

		private static final ConnectionSettings RETORT_URL = new ConnectionSettings("'retort.url'",
				"'retort.user', or the user in 'retort.url'",
				"'retort.user' and 'retort.password', or the user and password in 'retort.url' where those are not set",
				"'retort.password' (from the environment, RETORT_PASSWORD, or a secret store), or in 'retort.url'",
				"'retort.url', 'retort.user', 'retort.password'");

		private static final ConnectionSettings RETORT_USER = new ConnectionSettings(
				"'spring.datasource.url', where the role of 'retort.user' connects", "'retort.user'",
				"'retort.user' and 'retort.password'; without 'retort.password', 'spring.datasource.password' is sent",
				"'retort.password' with 'retort.user' (from the environment, RETORT_PASSWORD, or a secret store)",
				"'spring.datasource.url', 'retort.user', 'retort.password'");

		static ConnectionSettings of(RetortException failed) {
			String message = failed.getMessage();
			if (DescribedMigrationDataSource.namesQualifiedBean(message)) {
				return RETORT_DATA_SOURCE;
			}
			if (DescribedMigrationDataSource.namesConnectionDetails(message)) {
				return CONNECTION_DETAILS;
			}
			if (DescribedMigrationDataSource.namesConnectionDetailsUser(message)) {
				return CONNECTION_DETAILS_USER;
			}
			if (DescribedMigrationDataSource.namesRetortUrl(message)) {
				return RETORT_URL;
			}
			return DescribedMigrationDataSource.namesRetortUser(message) ? RETORT_USER : PROPERTIES;
		}

	}

	private static boolean namesAMissingRevision(InvalidGraphException graph) {
		return graph.problems()
			.stream()
			.anyMatch((problem) -> problem.kind() == GraphProblem.Kind.UNKNOWN_PARENT
					|| problem.kind() == GraphProblem.Kind.UNKNOWN_DEPENDENCY);
	}

	/**
	 * The in-app command's option that names the schema a failed run ran in, when it is not the
	 * application's own ({@code " --schema tenant_03"}, the command option, which wins over the
	 * application's configuration and its customizers), else empty: a
	 * {@link RetortMigrationStrategy} that migrates a schema per tenant fails in a tenant's schema,
	 * whatever the failure (a revision, the lock, a changed checksum, rows ahead), and a command
	 * without it reads the application's schema, which the strategy may never migrate.
	 */
	private String tenantOption(RetortException cause) {
		String tenant = tenantSchema(cause);
		if (tenant == null) {
			return "";
		}
		// Quoted for the shell where the name needs it ('acme corp'); PostgreSQL's own quotes are Retort's to add.
		return " --schema " + (PLAIN_ARGUMENT.matcher(tenant).matches() ? tenant
				: "\"" + tenant.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
						.replace("`", "\\`") + "\"");
	}

	/**
	 * The schema the failed run ran in ({@link RetortException#schema()}) when it is not the
	 * application's own 'retort.schema', else {@code null}: a failure in the application's own
	 * schema is told as it always was. Read from the exception alone: nothing is asked of the database.
	 */
	private String tenantSchema(RetortException cause) {
		return (cause.schema() == null || cause.schema().equals(ownSchema())) ? null : cause.schema();
	}

	/** The application's own 'retort.schema', or {@code null} when it sets none (or is not known). */
	private String ownSchema() {
		return (this.environment != null) ? this.environment.getProperty("retort.schema") : null;
	}

	/** The schema of a failed tenant's run as its message names it ({@code tenant_03}, {@code "Tenant42"}). */
	private static String tenantName(RetortException cause) {
		return PostgresIdentifiers.quote(cause.schema());
	}

	/**
	 * What to do about a failed revision depends on how it failed: a lock it waited for is not
	 * the revision's fault, and a revision outside a transaction left its first statements
	 * committed. The description (core's message) says where the database stays; this never
	 * claims more than that, since with 'transaction-mode all' the whole run was rolled back.
	 */
	private static String migrationFailed(RetortException cause, String tenant) {
		MigrationFailedException failed = (cause instanceof MigrationFailedException migration) ? migration : null;
		String where = tenant.isEmpty()
				? "('" + COMMAND + " current' shows where the database stands; the history table, "
						+ "'retort.history-table', records the error)"
				: "('" + COMMAND + " current" + tenant + "' shows where schema " + tenantName(cause)
						+ " stands; its history table, 'retort.history-table' in that schema, records the error)";
		if (failed != null && failed.stoppedByOwnSettingAt() != null) {
			// Its own timeout replaced Retort's: raising 'retort.ddl.*' or waiting would change nothing.
			return "The revision stopped itself: what stopped it is set by the revision (at "
					+ failed.stoppedByOwnSettingAt() + ": its own statement_timeout or lock_timeout, which replace "
					+ "'retort.ddl.*' and the role's for it, or a read-only transaction). Fix the revision there (raise "
					+ "or remove that setting), then start the application again. " + (failed.rolledBack()
							? "What it did was rolled back "
							: "It runs outside a transaction ('Transactional: false'): its statements before the failing "
									+ "one stay committed, so make them re-runnable (IF NOT EXISTS) ")
					+ where + ".";
		}
		if (failed != null && failed.gaveUpOnLock()) {
			return "The revision is not at fault: another session held a lock on its table longer than "
					+ "'retort.ddl.lock-timeout', every try ('retort.ddl.retries'). Start the application again when "
					+ "that session is done (pg_locks and pg_stat_activity show it), or raise 'retort.ddl.lock-timeout' "
					+ "or 'retort.ddl.retries'. " + (failed.committedNothing() ? "Nothing of the revision was applied "
							: "It runs outside a transaction ('Transactional: false'): its statements before the one "
									+ "that gave up stay committed, so make them re-runnable (IF NOT EXISTS) ")
					+ where + ".";
		}
		if (failed != null && failed.versionMoved()) {
			// Replicas that start together with the lock turned off: the other one applied it.
			return "The revision is not at fault: another instance migrated the same database at the same time "
					+ "without waiting for the migration lock ('retort.lock.enabled' is false for one of them), and what "
					+ "this one did was rolled back. Start the application again: it reads where the database stands "
					+ "now. Keep 'retort.lock.enabled' true wherever several instances may migrate at once " + where + ".";
		}
		if (failed != null && failed.privilegeMissing()) {
			// The application's role given where the DDL role's belongs: editing the revision would not help.
			return "The database refused the revision's statement for want of a privilege: the message above names the "
					+ "role the migration runs as and the owner. Most often the migration runs as the application's role "
					+ "instead of the one that owns the tables: set 'retort.user' (and 'retort.password') to the owner, or "
					+ "grant the role what the statement needs, then start the application again. Fix the revision only "
					+ "if it should not touch that object. " + (failed.rolledBack() ? "What it did was rolled back "
							: "It runs outside a transaction ('Transactional: false'): its statements before the failing "
									+ "one stay committed ")
					+ where + ".";
		}
		if (failed != null && failed.connectionLost()) {
			// Core's message says whether its history row could be written: never point at a row that is not there.
			String recorded = failed.getMessage().contains("No failure row could be written") ? ""
					: "; the history table, 'retort.history-table', records the error";
			return "The revision is not at fault: the session that ran it was ended while it ran (pg_terminate_backend, "
					+ "a server restart or failover, a dropped connection), "
					+ (failed.rolledBack() ? "and the server rolled back what it did. "
							: "outside a transaction ('Transactional: false'), so its statements before the one that "
									+ "was running stay committed: make them re-runnable (IF NOT EXISTS). ")
					+ "Start the application again once the database accepts connections: the next start runs the "
					+ "revision again. If the session was ended because the revision seemed stuck, find out first what it "
					+ "waited for (pg_stat_activity, pg_locks) ('" + COMMAND + " current" + tenant + "' shows where the "
					+ (tenant.isEmpty() ? "database" : "schema") + " stands" + recorded + ").";
		}
		if (failed != null && !failed.rolledBack() && !failed.createdInThisRun()
				&& (failed.foundExistingObject() || failed.leftInvalidIndex())) {
			// Outside a transaction, what is already there is this revision's own partial work from
			// an interrupted run, not a schema built without Retort: a baseline would skip the rest.
			return "The revision runs outside a transaction ('Transactional: false'), so an earlier run of it that "
					+ "was interrupted left its work behind: what already exists is most likely its own, not a schema "
					+ "built without Retort (do not set 'retort.baseline': the rest of the revision would never run). "
					+ "Remove the leftover as the message above says (an INVALID index of an interrupted CREATE INDEX "
					+ "CONCURRENTLY: DROP INDEX CONCURRENTLY, since 'IF NOT EXISTS' would keep it), then start the "
					+ "application again " + where + ".";
		}
		if (failed != null && !failed.rolledBack() && failed.recordingFailed()) {
			// Undoing its statements or making them re-runnable would redo work that is done.
			return "The revision runs outside a transaction ('Transactional: false') and all its statements ran and stay "
					+ "committed, but Retort could not record it as applied (the message above says why and as whom its "
					+ "rows were written). Do not run it again: once Retort can write its rows, record it with '" + COMMAND
					+ " stamp <revision>" + tenant + "', then start the application again " + where + ".";
		}
		if (failed != null && !failed.rolledBack() && failed.committedNothing()) {
			return "The revision runs outside a transaction ('Transactional: false') and failed at its first "
					+ "statement, so nothing of it was committed and the version table was not moved. Fix the failing "
					+ "statement, then start the application again " + where + ".";
		}
		if (failed != null && !failed.rolledBack() && failed.statementsRanBefore() == 0) {
			// A concurrent build, say, that failed as the revision's first statement: nothing ran before it to undo.
			return "The revision runs outside a transaction ('Transactional: false') and failed at its first "
					+ "statement: no statement of it ran before that one, and the version table was not moved. Fix the "
					+ "failing statement (if it left an INVALID index behind, drop it as the message above says), then "
					+ "start the application again " + where + ".";
		}
		if (failed != null && !failed.rolledBack()) {
			return "The revision runs outside a transaction ('Transactional: false'), so it was not rolled back: "
					+ "the statements before the failing one stay committed, and the version table was not moved. "
					+ "Undo those statements by hand or make them re-runnable (IF NOT EXISTS), fix the failing one, "
					+ "then start the application again " + where + ".";
		}
		if (failed != null && failed.cancelledByRequest()) {
			// No timeout of Retort's stopped it: raising 'retort.ddl.statement-timeout' would change nothing.
			return "A statement of the revision was cancelled on request (pg_cancel_backend, or a cancel sent by a "
					+ "client), not by a timeout; "
					+ (failed.rolledBack() ? "what the revision did was rolled back. "
							: "it runs outside a transaction ('Transactional: false'), so its statements before the "
									+ "cancelled one stay committed: make them re-runnable (IF NOT EXISTS). ")
					+ "The revision is not at fault: start the application again when ready. If it was cancelled because "
					+ "it seemed stuck, find out first what it waited for (pg_stat_activity, pg_locks) " + where + ".";
		}
		if (failed != null && failed.canceled() && failed.buildsIndex()) {
			return "A statement of the revision, an index build, ran longer than its statement_timeout and was "
					+ "cancelled; what the revision did was rolled back. Build the index with CREATE INDEX CONCURRENTLY in "
					+ "a 'Transactional: false' revision (it does not block writes while it runs), or raise "
					+ "'retort.ddl.statement-timeout' for the start that applies this revision" + TIMEOUT_SOURCE
					+ ", then start the application again " + where + ".";
		}
		if (failed != null && failed.canceled()) {
			return "A statement of the revision ran longer than its statement_timeout and was cancelled; what the "
					+ "revision did was rolled back. Raise 'retort.ddl.statement-timeout'" + TIMEOUT_SOURCE + ", or "
					+ "split the work (for example batch a backfill), then start the application again " + where + ".";
		}
		String action = "Fix the failing revision named above and start the application again. What it did was "
				+ "rolled back, so the database stays where the message above says " + where + ".";
		if (failed != null && failed.rolledBack() && failed.foundExistingObject() && !failed.createdInThisRun()) {
			action += " If the schema was built before Retort managed it, set 'retort.baseline' to the revision "
					+ "that describes it: that revision is stamped, not run, and the upgrade continues from there.";
		}
		return action;
	}

}
