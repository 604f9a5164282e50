package dev.retort.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.script.Migration;

/**
 * Everything Retort needs to run, immutable. Build it with {@link #builder()}; the defaults are
 * those of SPEC §6 and are named constants here so the Spring Boot properties can be tested
 * against them.
 *
 * @param dataSource where to connect, or {@code null} to use {@code url}/{@code user}/{@code password}
 * @param url JDBC URL, used when {@code dataSource} is {@code null}
 * @param user database user
 * @param password database password (never printed)
 * @param locations script locations ({@code classpath:}, {@code filesystem:})
 * @param javaPackages packages scanned for {@code @Revision} classes
 * @param javaMigrations Java revisions given as objects (Spring beans)
 * @param classLoader class loader for {@code classpath:} locations and packages
 * @param schema schema for the version tables and the {@code search_path}; {@code null} for the
 * connection's current schema
 * @param createSchema whether to create {@code schema} when missing
 * @param versionTable name of the version table
 * @param historyTable name of the history table
 * @param transactionMode per revision or one for the run
 * @param validateChecksums whether to refuse applied revisions that changed on disk
 * @param baseline revision to stamp on a non-empty schema with no version table, or {@code null}
 * @param lockEnabled whether to hold the advisory lock while migrating
 * @param lockWaitTimeout how long to wait for the lock
 * @param ddlLockTimeout {@code lock_timeout} for migration statements ({@code null} or zero: none)
 * @param ddlRetries retries of a revision that failed on a lock timeout
 * @param ddlStatementTimeout {@code statement_timeout} for migration statements, or {@code null}
 * @param connectRetries retries when the database cannot be reached
 * @param connectRetriesInterval wait between connection retries
 * @param failOnMultipleHeads whether {@code heads} is refused when the graph has several heads (and
 * validate reports them)
 * @param fileTemplate file name template of new SQL revisions
 * @param applicationName {@code application_name} of Retort's sessions
 */
public record RetortConfig(DataSource dataSource, String url, String user, String password, List<String> locations,
		List<String> javaPackages, List<Migration> javaMigrations, ClassLoader classLoader, String schema,
		boolean createSchema, String versionTable, String historyTable, TransactionMode transactionMode,
		boolean validateChecksums, String baseline, boolean lockEnabled, Duration lockWaitTimeout,
		Duration ddlLockTimeout, int ddlRetries, Duration ddlStatementTimeout, int connectRetries,
		Duration connectRetriesInterval, boolean failOnMultipleHeads, String fileTemplate, String applicationName) {

	public static final String DEFAULT_LOCATION = "classpath:db/revisions";

	public static final String DEFAULT_VERSION_TABLE = "retort_version";

	public static final String DEFAULT_HISTORY_TABLE = "retort_history";

	public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);

	public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(5);

	public static final int DEFAULT_DDL_RETRIES = 5;

	public static final Duration DEFAULT_CONNECT_RETRIES_INTERVAL = Duration.ofSeconds(10);

	public static final String DEFAULT_FILE_TEMPLATE = "{rev}_{slug}.sql";

	public static final String DEFAULT_APPLICATION_NAME = "retort";

	public RetortConfig {
		locations = List.copyOf(locations);
		javaPackages = List.copyOf(javaPackages);
		javaMigrations = List.copyOf(javaMigrations);
		Objects.requireNonNull(versionTable, "'versionTable' must not be null");
		Objects.requireNonNull(historyTable, "'historyTable' must not be null");
		Objects.requireNonNull(transactionMode, "'transactionMode' must not be null");
		requireNonNegative("ddl.retries", ddlRetries);
		requireNonNegative("connect-retries", connectRetries);
		requireIdentifier("version-table", versionTable);
		requireIdentifier("history-table", historyTable);
		if (schema != null) {
			requireSchemaName("schema", schema);
		}
	}

	public static Builder<RetortConfig> builder() {
		return new Builder<>(Function.identity());
	}

	/**
	 * A builder whose {@link Builder#load()} hands the configuration to {@code loader}: how
	 * {@code Retort.configure()…load()} gets a {@code Retort} without this package knowing it.
	 */
	public static <T> Builder<T> builder(Function<RetortConfig, T> loader) {
		return new Builder<>(loader);
	}

	/** A builder holding these values, to change some of them. */
	public Builder<RetortConfig> toBuilder() {
		Builder<RetortConfig> builder = builder();
		builder.dataSource = this.dataSource;
		builder.url = this.url;
		builder.user = this.user;
		builder.password = this.password;
		builder.locations = new ArrayList<>(this.locations);
		builder.javaPackages = new ArrayList<>(this.javaPackages);
		builder.javaMigrations = new ArrayList<>(this.javaMigrations);
		builder.classLoader = this.classLoader;
		builder.schema = this.schema;
		builder.createSchema = this.createSchema;
		builder.versionTable = this.versionTable;
		builder.historyTable = this.historyTable;
		builder.transactionMode = this.transactionMode;
		builder.validateChecksums = this.validateChecksums;
		builder.baseline = this.baseline;
		builder.lockEnabled = this.lockEnabled;
		builder.lockWaitTimeout = this.lockWaitTimeout;
		builder.ddlLockTimeout = this.ddlLockTimeout;
		builder.ddlRetries = this.ddlRetries;
		builder.ddlStatementTimeout = this.ddlStatementTimeout;
		builder.connectRetries = this.connectRetries;
		builder.connectRetriesInterval = this.connectRetriesInterval;
		builder.failOnMultipleHeads = this.failOnMultipleHeads;
		builder.fileTemplate = this.fileTemplate;
		builder.applicationName = this.applicationName;
		return builder;
	}

	@Override
	public String toString() {
		// Never print the password.
		String safeUrl = (this.url != null)
				? this.url.replaceAll("(?i)(password=)[^&]*", "$1******").replaceAll("(://[^:/@]*):[^@/]*@", "$1:******@")
				: null;
		return "RetortConfig[url=" + safeUrl + ", user=" + this.user + ", schema=" + this.schema + ", locations="
				+ this.locations + "]";
	}

	private static void requireNonNegative(String property, int value) {
		if (value < 0) {
			throw new RetortException(ErrorCode.CONFIGURATION,
					"Invalid value " + value + " for '" + property + "': it must be 0 or more.");
		}
	}

	private static void requireIdentifier(String property, String value) {
		if (!isIdentifier(value)) {
			throw new RetortException(ErrorCode.CONFIGURATION, "Invalid value '" + value + "' for '" + property
					+ "': use a PostgreSQL identifier of letters, digits and underscores (at most 63 characters).");
		}
	}

	private static void requireSchemaName(String property, String value) {
		String problem = schemaNameProblem(value);
		if (problem != null) {
			throw new RetortException(ErrorCode.CONFIGURATION,
					"Invalid value '" + value + "' for '" + property + "': " + problem + ".");
		}
	}

	/**
	 * Why {@code value} cannot name the migrated schema, or {@code null} when it can. A tenant's
	 * schema is often named after the tenant ({@code acme-corp}, {@code Tenant42}, {@code order}),
	 * and PostgreSQL keeps any name once quoted, which Retort does wherever it writes it. Refused
	 * is only what PostgreSQL would not keep as written, and what reads as a mistake: an empty
	 * name; one longer than 63 bytes (PostgreSQL cuts it short, so two tenants sharing their first
	 * 63 bytes would share one schema); a control character (a line break would end the comment
	 * an offline script names the schema in); spaces around it (a stray space in a property would
	 * make a second schema beside the tenant's); a comma ({@code public, extensions} is a
	 * search_path, not a schema).
	 */
	public static String schemaNameProblem(String value) {
		if (value == null || value.isEmpty()) {
			return "a schema name cannot be empty";
		}
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > 63) {
			return "it is " + bytes + " bytes long, and PostgreSQL keeps only the first 63 bytes of a name; use a"
					+ " shorter name";
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return "it holds a line break or another control character; use a name without one";
			}
		}
		if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
			return "it starts or ends with a space; remove the space";
		}
		if (value.indexOf(',') >= 0) {
			return "it names one schema, which holds Retort's tables and is the whole search_path of the migrations,"
					+ " not a search_path list; name one schema, or leave it unset for the role's search_path";
		}
		return null;
	}

	/**
	 * Whether {@code value} can name a bookkeeping table: {@code [A-Za-z_][A-Za-z0-9_$]{0,62}},
	 * checked without compiling a pattern on every start.
	 */
	public static boolean isIdentifier(String value) {
		if (value == null || value.isEmpty() || value.length() > 63) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
			if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '$'))) {
				return false;
			}
		}
		return true;
	}

	/** Builds a {@link RetortConfig}; every value starts at its SPEC §6 default. */
	public static final class Builder<T> {

		private final Function<RetortConfig, T> loader;

		private DataSource dataSource;

		private String url;

		private String user;

		private String password;

		private List<String> locations = new ArrayList<>(List.of(DEFAULT_LOCATION));

		private List<String> javaPackages = new ArrayList<>();

		private List<Migration> javaMigrations = new ArrayList<>();

		private ClassLoader classLoader;

		private String schema;

		private boolean createSchema = true;

		private String versionTable = DEFAULT_VERSION_TABLE;

		private String historyTable = DEFAULT_HISTORY_TABLE;

		private TransactionMode transactionMode = TransactionMode.PER_REVISION;

		private boolean validateChecksums = true;

		private String baseline;

		private boolean lockEnabled = true;

		private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;

		private Duration ddlLockTimeout = DEFAULT_DDL_LOCK_TIMEOUT;

		private int ddlRetries = DEFAULT_DDL_RETRIES;

		private Duration ddlStatementTimeout;

		private int connectRetries;

		private Duration connectRetriesInterval = DEFAULT_CONNECT_RETRIES_INTERVAL;

		private boolean failOnMultipleHeads;

		private String fileTemplate = DEFAULT_FILE_TEMPLATE;

		private String applicationName = DEFAULT_APPLICATION_NAME;

		private Builder(Function<RetortConfig, T> loader) {
			this.loader = loader;
		}

		public Builder<T> dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		public Builder<T> url(String url) {
			this.url = url;
			return this;
		}

		public Builder<T> user(String user) {
			this.user = user;
			return this;
		}

		public Builder<T> password(String password) {
			this.password = password;
			return this;
		}

		public Builder<T> locations(List<String> locations) {
			this.locations = new ArrayList<>(locations);
			return this;
		}

		public Builder<T> locations(String... locations) {
			return locations(List.of(locations));
		}

		public Builder<T> javaPackages(List<String> javaPackages) {
			this.javaPackages = new ArrayList<>(javaPackages);
			return this;
		}

		public Builder<T> javaPackages(String... javaPackages) {
			return javaPackages(List.of(javaPackages));
		}

		public Builder<T> javaMigrations(List<? extends Migration> javaMigrations) {
			this.javaMigrations = new ArrayList<>(javaMigrations);
			return this;
		}

		public Builder<T> classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		public Builder<T> schema(String schema) {
			this.schema = schema;
			return this;
		}

		public Builder<T> createSchema(boolean createSchema) {
			this.createSchema = createSchema;
			return this;
		}

		public Builder<T> versionTable(String versionTable) {
			this.versionTable = versionTable;
			return this;
		}

		public Builder<T> historyTable(String historyTable) {
			this.historyTable = historyTable;
			return this;
		}

		public Builder<T> transactionMode(TransactionMode transactionMode) {
			this.transactionMode = transactionMode;
			return this;
		}

		public Builder<T> validateChecksums(boolean validateChecksums) {
			this.validateChecksums = validateChecksums;
			return this;
		}

		public Builder<T> baseline(String baseline) {
			this.baseline = baseline;
			return this;
		}

		public Builder<T> lockEnabled(boolean lockEnabled) {
			this.lockEnabled = lockEnabled;
			return this;
		}

		public Builder<T> lockWaitTimeout(Duration lockWaitTimeout) {
			this.lockWaitTimeout = lockWaitTimeout;
			return this;
		}

		public Builder<T> ddlLockTimeout(Duration ddlLockTimeout) {
			this.ddlLockTimeout = ddlLockTimeout;
			return this;
		}

		public Builder<T> ddlRetries(int ddlRetries) {
			this.ddlRetries = ddlRetries;
			return this;
		}

		public Builder<T> ddlStatementTimeout(Duration ddlStatementTimeout) {
			this.ddlStatementTimeout = ddlStatementTimeout;
			return this;
		}

		public Builder<T> connectRetries(int connectRetries) {
			this.connectRetries = connectRetries;
			return this;
		}

		public Builder<T> connectRetriesInterval(Duration connectRetriesInterval) {
			this.connectRetriesInterval = connectRetriesInterval;
			return this;
		}

		public Builder<T> failOnMultipleHeads(boolean failOnMultipleHeads) {
			this.failOnMultipleHeads = failOnMultipleHeads;
			return this;
		}

		public Builder<T> fileTemplate(String fileTemplate) {
			this.fileTemplate = fileTemplate;
			return this;
		}

		public Builder<T> applicationName(String applicationName) {
			this.applicationName = applicationName;
			return this;
		}

		public RetortConfig build() {
			return new RetortConfig(this.dataSource, this.url, this.user, this.password, this.locations,
					this.javaPackages, this.javaMigrations, this.classLoader, this.schema, this.createSchema,
					this.versionTable, this.historyTable, this.transactionMode, this.validateChecksums, this.baseline,
					this.lockEnabled, this.lockWaitTimeout, this.ddlLockTimeout, this.ddlRetries,
					this.ddlStatementTimeout, this.connectRetries, this.connectRetriesInterval,
					this.failOnMultipleHeads, this.fileTemplate, this.applicationName);
		}

		/** Builds the configuration and hands it to the loader: {@code Retort.configure()…load()}. */
		public T load() {
			return this.loader.apply(build());
		}

	}

}
