package dev.retort.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.retort.config.TransactionMode;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Retort (prefix {@code retort}, SPEC §6).
 */
@ConfigurationProperties("retort")
public class RetortProperties {

	/**
	 * Whether to enable Retort.
	 */
	private boolean enabled = true;

	/**
	 * What to do with the database while the application starts: 'upgrade' it to
	 * 'retort.target', 'validate' (refuse to start when revisions are pending or invalid, changing
	 * nothing), or 'none'.
	 */
	private OnStartup onStartup = OnStartup.UPGRADE;

	/**
	 * Revision an upgrade at startup aims at, such as 'heads', 'head', 'label@head' or a revision id.
	 */
	private String target = "heads";

	/**
	 * Locations of revision scripts, each 'classpath:' or 'filesystem:'.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/revisions"));

	/**
	 * Packages scanned for classes annotated with '@Revision'.
	 */
	private List<String> javaPackages = new ArrayList<>();

	/**
	 * Schema for the version tables and the search_path of migrations; the connection's current schema when not set.
	 */
	private String schema;

	/**
	 * Whether to create the schema when it does not exist.
	 */
	private boolean createSchema = true;

	/**
	 * Name of the table holding the current revisions.
	 */
	private String versionTable = "retort_version";

	/**
	 * Name of the table recording every applied step.
	 */
	private String historyTable = "retort_history";

	/**
	 * How revisions are grouped into transactions: one per revision, or one for the whole run.
	 */
	private TransactionMode transactionMode = TransactionMode.PER_REVISION;

	/**
	 * Whether to refuse to run when an applied revision changed since it was applied (a SQL
	 * file's upgrade section, or the SQL a Java revision's upgrade renders).
	 */
	private boolean validateChecksums = true;

	/**
	 * Revision to stamp first on a non-empty schema that has no version table.
	 */
	private String baseline;

	/**
	 * Number of retries when the database cannot be reached at startup.
	 */
	private int connectRetries;

	/**
	 * Time to wait between connection retries.
	 */
	private Duration connectRetriesInterval = Duration.ofSeconds(10);

	/**
	 * JDBC URL of the database to migrate, when it differs from the application's DataSource; 'postgresql://user:pass@host/db' is accepted too.
	 */
	private String url;

	/**
	 * Login user of the database to migrate; alone, it derives a connection from the application's DataSource.
	 */
	private String user;

	/**
	 * Login password of the database to migrate.
	 */
	private String password;

	/**
	 * Whether to refuse the target 'heads' when the revision graph has several heads; validation
	 * (retort validate, on-startup validate, the health contributor) then reports them as a problem.
	 */
	private boolean failOnMultipleHeads;

	/**
	 * File name template of new SQL revisions ('retort revision', 'retort merge'), with the tokens
	 * {rev}, {slug}, {epoch}, {year}, {month}, {day}, {hour}, {minute} and {second}; '/' makes
	 * subdirectories.
	 */
	private String fileTemplate = "{rev}_{slug}.sql";

	/**
	 * application_name of the sessions that migrate (what pg_stat_activity and the lock holder
	 * messages show) and of the history's 'client' column. Defaults to spring.application.name,
	 * else 'retort'.
	 */
	private String applicationName;

	private final Lock lock = new Lock();

	private final Ddl ddl = new Ddl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public OnStartup getOnStartup() {
		return this.onStartup;
	}

	public void setOnStartup(OnStartup onStartup) {
		this.onStartup = onStartup;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		String value = textOrNull(target);
		this.target = (value != null) ? value : "heads";
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public List<String> getJavaPackages() {
		return this.javaPackages;
	}

	public void setJavaPackages(List<String> javaPackages) {
		this.javaPackages = javaPackages;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = textOrNull(schema);
	}

	public boolean isCreateSchema() {
		return this.createSchema;
	}

	public void setCreateSchema(boolean createSchema) {
		this.createSchema = createSchema;
	}

	public String getVersionTable() {
		return this.versionTable;
	}

	public void setVersionTable(String versionTable) {
		this.versionTable = versionTable;
	}

	public String getHistoryTable() {
		return this.historyTable;
	}

	public void setHistoryTable(String historyTable) {
		this.historyTable = historyTable;
	}

	public TransactionMode getTransactionMode() {
		return this.transactionMode;
	}

	public void setTransactionMode(TransactionMode transactionMode) {
		this.transactionMode = transactionMode;
	}

	public boolean isValidateChecksums() {
		return this.validateChecksums;
	}

	public void setValidateChecksums(boolean validateChecksums) {
		this.validateChecksums = validateChecksums;
	}

	public String getBaseline() {
		return this.baseline;
	}

	public void setBaseline(String baseline) {
		this.baseline = textOrNull(baseline);
	}

	public int getConnectRetries() {
		return this.connectRetries;
	}

	public void setConnectRetries(int connectRetries) {
		this.connectRetries = connectRetries;
	}

	public Duration getConnectRetriesInterval() {
		return this.connectRetriesInterval;
	}

	public void setConnectRetriesInterval(Duration connectRetriesInterval) {
		this.connectRetriesInterval = connectRetriesInterval;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = textOrNull(url);
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = textOrNull(user);
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public boolean isFailOnMultipleHeads() {
		return this.failOnMultipleHeads;
	}

	public void setFailOnMultipleHeads(boolean failOnMultipleHeads) {
		this.failOnMultipleHeads = failOnMultipleHeads;
	}

	public String getFileTemplate() {
		return this.fileTemplate;
	}

	public void setFileTemplate(String fileTemplate) {
		this.fileTemplate = fileTemplate;
	}

	public String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(String applicationName) {
		this.applicationName = applicationName;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Ddl getDdl() {
		return this.ddl;
	}

	/**
	 * A blank value ({@code retort.baseline=} in a file, {@code RETORT_BASELINE=} in a manifest
	 * whose variable is not filled in) is the property not set, as on the command line: never a
	 * revision, schema, URL or user named "".
	 */
	private static String textOrNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * What the application does with its database at startup.
	 */
	public enum OnStartup {

		/**
		 * Upgrade to 'retort.target' before any bean uses the database.
		 */
		UPGRADE,

		/**
		 * Refuse to start when revisions are pending or the revisions are invalid.
		 */
		VALIDATE,

		/**
		 * Leave the database alone.
		 */
		NONE

	}

	/**
	 * The session-level advisory lock held while migrating.
	 */
	public static class Lock {

		/**
		 * Whether to hold the advisory lock while migrating, so that one instance migrates at a time.
		 */
		private boolean enabled = true;

		/**
		 * Maximum time to wait for another instance to release the lock.
		 */
		private Duration waitTimeout = Duration.ofMinutes(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

	}

	/**
	 * Safe DDL: timeouts and retries of migration statements.
	 */
	public static class Ddl {

		/**
		 * Maximum time a migration statement waits for a table lock before it gives up (lock_timeout).
		 */
		private Duration lockTimeout = Duration.ofSeconds(5);

		/**
		 * Number of times a revision that gave up on a lock is retried, with backoff.
		 */
		private int retries = 5;

		/**
		 * Maximum run time of one migration statement (statement_timeout); no limit when not set.
		 */
		private Duration statementTimeout;

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

	}

}
