package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.dialect.postgres.StatementSplitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance cases of shared/reference/migration-safety.md §7: for each rule, statements that
 * must trigger it and statements that must not. The tables of the cases exist before the revision
 * under test: {@link #BASE} creates them.
 */
class LinterTests {

	private static final String BASE = """
			CREATE TABLE users (id integer PRIMARY KEY, email varchar(100), name varchar(100), legacy_flag boolean);
			CREATE INDEX idx_users_email ON users (email);
			CREATE TYPE order_status AS ENUM ('new', 'paid');
			CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status order_status);
			CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2));
			CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
			CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
			""";

	@Test
	void pg101CreateIndexNotConcurrent() {
		assertThat(rules(tx("CREATE INDEX idx_users_name ON users (name);"))).containsExactly("PG101");
		assertThat(rules(nonTx("CREATE INDEX CONCURRENTLY idx_users_name ON users (name);"))).isEmpty();
		assertThat(rules(tx("CREATE TABLE t (id bigint PRIMARY KEY, email text);\nCREATE INDEX t_email_idx ON t (email);")))
			.isEmpty();
	}

	@Test
	void pg101sFixForAUniqueIndexKeepsItUnique() {
		assertThat(findings(tx("CREATE UNIQUE INDEX users_email_lower ON users (lower(email));"))).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.message()).startsWith("CREATE UNIQUE INDEX takes a SHARE lock on \"users\"");
				assertThat(finding.fix()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY in a revision of its own with"
						+ " 'Transactional: false'.");
				assertThat(LintRule.PG101.javaFix(finding.fix())).isEqualTo("op.createIndex(name, table, (index) ->"
						+ " index.on(...).unique().concurrently()) in a revision of its own declared"
						+ " @Revision(transactional = false).");
			});
	}

	@Test
	void pg101KnowsPartitionedTablesAndNewMaterializedViews() {
		// PostgreSQL cannot build an index on a partitioned table concurrently: the way is ON ONLY
		// (no build), each partition's index concurrently, then ATTACH PARTITION.
		assertThat(rules(tx("CREATE INDEX events_id_idx ON ONLY events (id);"))).isEmpty();
		assertThat(findings(tx("CREATE INDEX events_id_idx ON events (id);"))).singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG101"))
			.satisfies((finding) -> assertThat(finding.fix()).contains("ON ONLY", "ATTACH PARTITION"));
		// On a plain table ONLY changes nothing: the index is built under the lock.
		assertThat(rules(tx("CREATE INDEX idx_users_name ON ONLY users (name);"))).containsExactly("PG101");
		// A materialized view created in the same revision is new, as a table is.
		assertThat(rules(tx("CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) AS n FROM orders GROUP BY 1;\n"
				+ "CREATE UNIQUE INDEX order_counts_user_idx ON order_counts (user_id);"))).isEmpty();
	}

	@Test
	void pg102DropIndexNotConcurrent() {
		assertThat(findings(tx("DROP INDEX idx_users_email;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING))
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG102"));
		assertThat(rules(nonTx("DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;"))).isEmpty();
	}

	@Test
	void pg103BlockingRebuild() {
		assertThat(rules(tx("REINDEX INDEX idx_users_email;"))).containsExactly("PG103");
		assertThat(rules(nonTx("VACUUM FULL users;"))).containsExactly("PG103");
		assertThat(rules(tx("CLUSTER users USING users_pkey;"))).containsExactly("PG103");
		assertThat(rules(nonTx("REINDEX INDEX CONCURRENTLY idx_users_email;"))).isEmpty();
		// Each way out is its own: only REINDEX has a concurrent form.
		assertThat(findings(tx("REINDEX INDEX idx_users_email;")).get(0).fix()).contains("REINDEX ... CONCURRENTLY");
		assertThat(findings(nonTx("VACUUM FULL users;")).get(0).fix()).contains("plain VACUUM", "pg_repack")
			.doesNotContain("REINDEX");
		assertThat(findings(tx("CLUSTER users USING users_pkey;")).get(0).fix()).contains("pg_repack --order-by")
			.doesNotContain("REINDEX");
	}

	@Test
	void pg104TransactionModeViolation() {
		assertThat(rules(tx("CREATE INDEX CONCURRENTLY idx_users_name ON users (name);"))).containsExactly("PG104");
		assertThat(rules(tx("BEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;"))).containsExactly("PG104",
				"PG104");
		assertThat(rules(tx("VACUUM users;"))).containsExactly("PG104");
		assertThat(rules(nonTx("CREATE INDEX CONCURRENTLY idx_users_name ON users (name);"))).isEmpty();
	}

	@Test
	void pg104FlagsWhatNeedsATransactionBlockInARevisionWithout() {
		assertThat(findings(nonTx("LOCK TABLE users IN SHARE MODE;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (name);")))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("PG104");
				assertThat(finding.message()).startsWith("'LOCK TABLE' runs only inside a transaction block (SQLSTATE"
						+ " 25P01), and this revision is not transactional");
			});
		for (String statement : List.of("SAVEPOINT s;", "RELEASE SAVEPOINT s;", "ROLLBACK TO SAVEPOINT s;",
				"SET LOCAL lock_timeout = '1s';", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;")) {
			assertThat(rules(nonTx(statement))).as(statement).containsExactly("PG104");
		}
		assertThat(findings(nonTx("SET LOCAL lock_timeout = '1s';")).get(0).fix()).startsWith("Use SET (for the session)");
		// Inside a block of its own (itself PG104) they do what they say; in a transactional revision they belong.
		assertThat(rules(nonTx("BEGIN;\nLOCK TABLE users IN SHARE MODE;\nCOMMIT;"))).containsExactly("PG104", "PG104");
		assertThat(rules(tx("LOCK TABLE users IN SHARE MODE;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;"))).isEmpty();
		assertThat(rules(nonTx("SET lock_timeout = '1s';"))).isEmpty();
	}

	@Test
	void pg104FlagsWhatADoBlockCannotRun() {
		// PostgreSQL runs the body as a function: 'cannot be executed from a function', whatever the mode.
		for (String statement : List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (name);",
				"DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;", "REINDEX INDEX CONCURRENTLY idx_users_email;",
				"VACUUM users;")) {
			String block = "DO $$ BEGIN IF true THEN " + statement + " END IF; END $$;";
			assertThat(rules(nonTx(block))).as(statement).containsExactly("PG104");
			assertThat(rules(tx(block))).as(statement).containsExactly("PG104");
		}
		// A transactional revision's block cannot end its transaction ('invalid transaction termination');
		// one of a revision with 'Transactional: false' can.
		String commits = "DO $$ BEGIN UPDATE users SET name = 'x' WHERE id = 1; COMMIT; END $$;";
		assertThat(findings(tx(commits))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("'COMMIT' in a DO block of a transactional"
					+ " revision cannot end the transaction the revision runs in"));
		assertThat(rules(nonTx(commits))).isEmpty();
		assertThat(rules(nonTx("DO $$ BEGIN FOR i IN 1..3 LOOP ROLLBACK; END LOOP; END $$;"))).isEmpty();
		// What runs in a function passes.
		assertThat(rules(tx("DO $$ BEGIN VACUUM_LOG := 1; PERFORM 1; END $$;"))).isEmpty();
	}

	@Test
	void pg104FlagsEveryStatementPostgresqlRefusesInATransaction() {
		for (String statement : List.of("REINDEX SCHEMA public;", "REINDEX (VERBOSE) DATABASE app;", "REINDEX SYSTEM app;",
				"CLUSTER;", "CLUSTER VERBOSE;", "DISCARD ALL;", "ALTER DATABASE app SET TABLESPACE fast;")) {
			assertThat(rules(tx(statement))).as(statement).contains("PG104");
		}
		assertThat(findings(tx("REINDEX SCHEMA public;"))).filteredOn((finding) -> finding.rule().equals("PG104"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("REINDEX SCHEMA cannot run inside a "
					+ "transaction block (SQLSTATE 25001)"));
		// ABORT is ROLLBACK; PREPARE TRANSACTION ends the runner's transaction as COMMIT does.
		assertThat(rules(tx("ABORT;"))).containsExactly("PG104");
		assertThat(rules(tx("PREPARE TRANSACTION 'migration';"))).containsExactly("PG104");
		// The forms that can: one table, a discard of less, another ALTER DATABASE.
		assertThat(rules(tx("CLUSTER users USING users_pkey;"))).doesNotContain("PG104");
		assertThat(rules(tx("REINDEX TABLE users;"))).doesNotContain("PG104");
		assertThat(rules(tx("DISCARD PLANS;"))).isEmpty();
		assertThat(rules(tx("ALTER DATABASE app SET work_mem = '64MB';"))).isEmpty();
	}

	@Test
	void pg105NonTransactionalRevisionNotRerunnable() {
		assertThat(rules(nonTx("ALTER TABLE users ADD COLUMN billing_email text;\n"
				+ "CREATE INDEX CONCURRENTLY idx_users_billing ON users (billing_email);"))).containsExactly("PG105");
		assertThat(rules(nonTx("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_billing ON users (email);")))
			.isEmpty();
	}

	@Test
	void pg106ConstraintWithoutNotValid() {
		assertThat(rules(tx("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);")))
			.containsExactly("PG106");
		assertThat(rules(tx("ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);")))
			.containsExactly("PG106");
		assertThat(findings(tx("ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("Adding the check \"positive_balance\" "
					+ "reads every row of \"accounts\" under an ACCESS EXCLUSIVE lock."));
		assertThat(rules(tx("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) "
				+ "NOT VALID;"))).isEmpty();
		// PostgreSQL 18: a constraint NOT ENFORCED is never checked, so no row is read.
		assertThat(rules(tx("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) "
				+ "NOT ENFORCED;"), tx("ALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0) NOT ENFORCED;")))
			.isEmpty();
	}

	@Test
	void pg106ACheckAddedWithItsColumnReadsEveryRowToo() {
		assertThat(findings(tx("ALTER TABLE accounts ADD COLUMN credit int CHECK (credit >= 0);")))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("PG106");
				assertThat(finding.message()).isEqualTo("The check of \"accounts.credit\" is evaluated on every row of "
						+ "\"accounts\" under an ACCESS EXCLUSIVE lock, although the new column holds only its default.");
			});
		// The safe form: the column alone, the check NOT VALID; and a new table's column is no concern.
		assertThat(rules(tx("ALTER TABLE accounts ADD COLUMN credit int;\n"
				+ "ALTER TABLE accounts ADD CONSTRAINT credit_positive CHECK (credit >= 0) NOT VALID;"))).isEmpty();
		assertThat(rules(tx("CREATE TABLE wallets (id bigint);\nALTER TABLE wallets ADD COLUMN credit int CHECK (credit >= 0);")))
			.isEmpty();
	}

	@Test
	void pg106FlagsAForeignKeyAddedWithItsColumnOnlyWhenTheColumnHasADefault() {
		// Without a DEFAULT every row holds NULL, and PostgreSQL marks the key valid without reading them
		// (LockClaimsTests counts the scans).
		for (String addColumn : List.of("ALTER TABLE orders ADD COLUMN account_id bigint REFERENCES accounts (id);",
				"ALTER TABLE orders ADD COLUMN account_id bigint CONSTRAINT orders_account_fk REFERENCES accounts (id)"
						+ " ON DELETE SET NULL, ADD COLUMN n int DEFAULT 0;",
				"ALTER TABLE orders ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE SET DEFAULT;")) {
			assertThat(rules(tx(addColumn))).as(addColumn).isEmpty();
		}
		// With one, even DEFAULT NULL, it checks every row.
		for (String addColumn : List.of("ALTER TABLE orders ADD COLUMN account_id bigint DEFAULT 1 REFERENCES accounts (id);",
				"ALTER TABLE orders ADD COLUMN account_id bigint REFERENCES accounts (id) DEFAULT NULL;")) {
			assertThat(findings(tx(addColumn))).as(addColumn).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("PG106");
				assertThat(finding.message()).isEqualTo("The foreign key of \"orders.account_id\" is checked against every"
						+ " row of \"orders\" while both tables are locked (SHARE ROW EXCLUSIVE): a column added with a"
						+ " DEFAULT, even NULL, is checked, one without is not.");
				// A column's REFERENCES takes no NOT VALID: the way out says what to write instead.
				assertThat(finding.fix()).isEqualTo(AlterTableRules.COLUMN_FOREIGN_KEY_FIX);
			});
		}
	}

	@Test
	void pg107ValidateWhileLocked() {
		assertThat(rules(tx("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) "
				+ "NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"))).containsExactly("PG107");
		assertThat(rules(tx("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"))).isEmpty();
		// PostgreSQL takes both in one statement: the check runs under the ADD's ACCESS EXCLUSIVE lock.
		for (Rev revision : List.of(tx("ALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0) NOT VALID, "
				+ "VALIDATE CONSTRAINT users_id_positive;"), nonTx("ALTER TABLE users ADD CONSTRAINT users_id_positive "
						+ "CHECK (id > 0) NOT VALID, VALIDATE CONSTRAINT users_id_positive;"))) {
			assertThat(findings(revision)).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("PG107");
				assertThat(finding.message()).isEqualTo("An earlier action of this ALTER TABLE locked \"users\", so "
						+ "validating \"users_id_positive\" in the same statement scans it under that lock, as adding "
						+ "the constraint without NOT VALID would.");
			});
		}
		assertThat(rules(tx("ALTER TABLE orders VALIDATE CONSTRAINT a, VALIDATE CONSTRAINT b;"))).isEmpty();
	}

	@Test
	void pg107SeesEveryEarlierStatementThatBlocksWritesOnTheTable() {
		for (String locking : List.of("LOCK TABLE orders;", "LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;",
				"CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();")) {
			assertThat(rules(tx(locking + "\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"))).as(locking)
				.contains("PG107");
		}
		// A lock that lets writes through does not.
		assertThat(rules(tx("LOCK TABLE orders IN ACCESS SHARE MODE;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;")))
			.isEmpty();
		assertThat(rules(tx("LOCK TABLE orders IN ROW EXCLUSIVE MODE;\nALTER TABLE users ADD COLUMN note text;")))
			.isEmpty();
	}

	@Test
	void pg108IndexBackedConstraintBlocking() {
		assertThat(rules(tx("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);")))
			.containsExactly("PG108");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN code text UNIQUE;"))).containsExactly("PG108");
		assertThat(rules(tx("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key_idx;")))
			.isEmpty();
		// An exclusion constraint has no USING INDEX: the fix does not send the user there.
		assertThat(findings(tx("ALTER TABLE users ADD CONSTRAINT users_no_overlap EXCLUDE USING gist (id WITH =);")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG108"))
			.satisfies((finding) -> assertThat(finding.fix()).contains("No online way", "lint:ack PG108")
				.doesNotContain("CREATE UNIQUE INDEX"));
	}

	@Test
	void pg108FlagsAnExclusionConstraintWhereItBuildsItsIndexNotOnOnlyAPartitionedTable() {
		// An existing table: ACCESS EXCLUSIVE for the whole build, every row checked.
		assertThat(findings(tx("ALTER TABLE accounts ADD CONSTRAINT accounts_no_overlap EXCLUDE USING gist"
				+ " (id WITH =, balance WITH =);"))).singleElement().satisfies((finding) -> {
					assertThat(finding.rule()).isEqualTo("PG108");
					assertThat(finding.message()).isEqualTo("The index behind the exclusion constraint"
							+ " \"accounts_no_overlap\" is built under an ACCESS EXCLUSIVE lock on \"accounts\", and no online"
							+ " way to add one exists.");
				});
		// ONLY a partitioned table: the parent's index alone, invalid, nothing built.
		assertThat(rules(tx("ALTER TABLE ONLY events ADD CONSTRAINT events_no_overlap EXCLUDE USING gist"
				+ " (id WITH =, at WITH =);\nALTER TABLE ONLY events ADD CONSTRAINT events_id_key UNIQUE (id, at);")))
			.isEmpty();
		// Without ONLY every partition's index is built; ONLY a plain table changes nothing.
		assertThat(rules(tx("ALTER TABLE events ADD CONSTRAINT events_no_overlap EXCLUDE USING gist (id WITH =, at WITH =);")))
			.containsExactly("PG108");
		assertThat(rules(tx("ALTER TABLE ONLY accounts ADD CONSTRAINT accounts_no_overlap EXCLUDE USING gist (id WITH =);")))
			.containsExactly("PG108");
		// A table of this revision, and a new table's own: nobody uses them yet.
		assertThat(rules(tx("CREATE TABLE bookings (id bigint, room int, during tstzrange,"
				+ " EXCLUDE USING gist (room WITH =, during WITH &&));\nALTER TABLE bookings ADD CONSTRAINT b_no_overlap"
				+ " EXCLUDE USING gist (id WITH =);"))).isEmpty();
	}

	@Test
	void pg109SetNotNullFullScan() {
		assertThat(rules(tx("ALTER TABLE users ALTER COLUMN email SET NOT NULL;"))).containsExactly("PG109");
		// An earlier revision added the check NOT VALID; this one validates it first.
		assertThat(rules(tx("ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;"),
				tx("ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n"
						+ "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
						+ "ALTER TABLE users DROP CONSTRAINT users_email_nn;")))
			.isEmpty();
	}

	@Test
	void pg109PostgreSql18NotNullConstraintScansUnlessAddedNotValid() {
		// PostgreSQL 18's own syntax for SET NOT NULL: the same scan under the same lock.
		assertThat(findings(tx("ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG109"))
			.satisfies((finding) -> assertThat(finding.message()).contains("\"users.email\"", "ACCESS EXCLUSIVE"));
		assertThat(rules(tx("ALTER TABLE users ADD NOT NULL email;"))).containsExactly("PG109");
		// Its safe way: NOT VALID, then VALIDATE in a later revision; SET NOT NULL after it changes nothing.
		assertThat(rules(tx("ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;"),
				tx("ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;"),
				tx("ALTER TABLE users ALTER COLUMN email SET NOT NULL;")))
			.isEmpty();
		// A table of this revision has no rows to read.
		assertThat(rules(tx("CREATE TABLE codes (code text);\nALTER TABLE codes ADD CONSTRAINT codes_nn NOT NULL code;")))
			.isEmpty();
	}

	@Test
	void pg110AddColumnRewritesTable() {
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();")))
			.containsExactly("PG110");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN seq bigserial;"))).containsExactly("PG110");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;")))
			.containsExactly("PG110");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"))).isEmpty();
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();"))).isEmpty();
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN kind text DEFAULT 'basic'::text;"))).isEmpty();
	}

	@Test
	void pg109PrimaryKeyUsingIndexOverANullableColumnScansToo() {
		// PG108's way out for a primary key: the index concurrently, then the constraint USING INDEX.
		Rev index = nonTx("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_balance_idx ON accounts (balance);");
		// accounts.balance may hold nulls: the constraint makes it NOT NULL, which reads every row.
		assertThat(findings(index, tx("ALTER TABLE accounts DROP CONSTRAINT accounts_pkey, "
				+ "ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_balance_idx;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG109"))
			.satisfies((finding) -> assertThat(finding.message()).contains("\"accounts.balance\"", "ACCESS EXCLUSIVE"));
		// Made NOT NULL the safe way first, or NOT NULL from the start: nothing to scan.
		assertThat(rules(index, tx("ALTER TABLE accounts ADD CONSTRAINT balance_nn CHECK (balance IS NOT NULL) NOT VALID;"),
				tx("ALTER TABLE accounts VALIDATE CONSTRAINT balance_nn;"),
				tx("ALTER TABLE accounts ADD CONSTRAINT accounts_balance_key PRIMARY KEY USING INDEX accounts_balance_idx;")))
			.isEmpty();
		assertThat(rules(tx("CREATE TABLE codes (code text NOT NULL, label text);"),
				nonTx("CREATE UNIQUE INDEX CONCURRENTLY codes_code_idx ON codes (code);"),
				tx("ALTER TABLE codes ADD CONSTRAINT codes_pkey PRIMARY KEY USING INDEX codes_code_idx;")))
			.isEmpty();
		// SET NOT NULL on a column NOT NULL already changes nothing; after DROP NOT NULL it scans again.
		assertThat(rules(tx("CREATE TABLE codes (code text NOT NULL, label text);"),
				tx("ALTER TABLE codes ALTER COLUMN code SET NOT NULL;"))).isEmpty();
		assertThat(rules(tx("CREATE TABLE codes (code text NOT NULL, label text);"),
				tx("ALTER TABLE codes ALTER COLUMN code DROP NOT NULL;"), tx("ALTER TABLE codes ALTER COLUMN code SET NOT NULL;")))
			.containsExactly("PG109");
		// A unique constraint does not make its columns NOT NULL.
		assertThat(rules(index, tx("ALTER TABLE accounts ADD CONSTRAINT accounts_balance_key UNIQUE USING INDEX "
				+ "accounts_balance_idx;"))).isEmpty();
	}

	@Test
	void pg110KnowsWhichBuiltInFunctionsAreNotVolatile() {
		// Stable or immutable: evaluated once, stored in the catalog, no rewrite.
		for (String expression : List.of("timezone('utc', now())", "md5('x')", "to_char(now(), 'YYYY')",
				"current_setting('app.region')", "date_part('year', now())", "trim(both ' ' from 'x')", "jsonb_build_object('a', 1)",
				"pg_catalog.now()")) {
			assertThat(rules(tx("ALTER TABLE users ADD COLUMN c text DEFAULT " + expression + ";"))).as(expression)
				.isEmpty();
		}
		// Volatile, or unknown (an extension's, your own): called for every row.
		for (String expression : List.of("random()", "clock_timestamp()", "timeofday()", "nextval('users_seq')",
				"uuid_generate_v4()", "app.next_code()", "md5(random()::text)")) {
			assertThat(rules(tx("ALTER TABLE users ADD COLUMN c text DEFAULT " + expression + ";"))).as(expression)
				.containsExactly("PG110");
		}
	}

	@Test
	void pg110NamesWhatIsAddedAndTheWayOutThatAppliesToIt() {
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("Adding \"users.token\" with DEFAULT "
					+ "gen_random_uuid(…)"))
			.satisfies((finding) -> assertThat(finding.fix()).contains("SET DEFAULT separately"));
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN seq bigserial;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("Adding the bigserial column \"users.seq\""))
			.satisfies((finding) -> assertThat(finding.fix()).contains("CREATE SEQUENCE", "SET DEFAULT nextval"));
		for (String identity : List.of("bigint GENERATED ALWAYS AS IDENTITY", "bigint GENERATED BY DEFAULT AS IDENTITY",
				"bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100)")) {
			assertThat(findings(tx("ALTER TABLE users ADD COLUMN n " + identity + ";"))).singleElement()
				.satisfies((finding) -> assertThat(finding.message())
					.startsWith("Adding the identity column \"users.n\" rewrites \"users\"")
					.doesNotContain("generated column"))
				.satisfies((finding) -> assertThat(finding.fix())
					.contains("ADD GENERATED BY DEFAULT AS IDENTITY", "NOT NULL (see PG109)")
					.doesNotStartWith("Add the column without a default"));
		}
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN lower_email text GENERATED ALWAYS AS (lower(email)) STORED;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message())
				.startsWith("Adding the stored generated column \"users.lower_email\" rewrites \"users\""))
			.satisfies((finding) -> assertThat(finding.fix()).contains("trigger").doesNotContain("SET DEFAULT"));
	}

	@Test
	void pg111AddRequiredColumn() {
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;"))).containsExactly("PG111");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN tenant_id bigint;"))).isEmpty();
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;"))).isEmpty();
	}

	@Test
	void pg112ColumnTypeRewrite() {
		assertThat(rules(tx("ALTER TABLE users ALTER COLUMN id TYPE bigint;"))).containsExactly("PG112");
		assertThat(rules(tx("ALTER TABLE users ALTER COLUMN name TYPE varchar(50);"))).containsExactly("PG112");
		assertThat(rules(tx("ALTER TABLE users ALTER COLUMN name TYPE varchar(200);"))).isEmpty();
		assertThat(rules(tx("ALTER TABLE users ALTER COLUMN name TYPE text;"))).isEmpty();
		assertThat(rules(tx("ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14,2);"))).isEmpty();
		// A column the linted revisions never declared: not provably safe, a warning.
		assertThat(findings(tx("ALTER TABLE users ALTER COLUMN nickname TYPE text;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
	}

	@Test
	void pg112PassesTimestampToTimestamptzUnderATimeZoneOfUtcThatTheRevisionSets() {
		Rev table = tx("CREATE TABLE visits (id bigint, at timestamp, seen timestamptz(3));\nINSERT INTO visits VALUES (1, now(), now());");
		// In a session of UTC PostgreSQL keeps the stored values as they are (LockClaimsTests shows the file unchanged).
		for (String utc : List.of("SET LOCAL TimeZone = 'UTC';", "SET TIME ZONE 'UTC';", "SET LOCAL timezone TO 'Etc/UTC';",
				"SELECT set_config('TimeZone', 'UTC', true);")) {
			assertThat(rules(table, tx(utc + "\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz, ALTER COLUMN seen"
					+ " TYPE timestamp(3);"))).as(utc).isEmpty();
		}
		// In any other zone, the runner's (the JVM's, as pgjdbc sets it), it rewrites; so does a USING, and a
		// SET LOCAL where no transaction keeps it.
		for (Rev revision : List.of(tx("ALTER TABLE visits ALTER COLUMN at TYPE timestamptz;"),
				tx("SET LOCAL TimeZone = 'UTC';\nRESET TimeZone;\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz;"),
				tx("SET TIME ZONE 'Europe/Berlin';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz;"),
				tx("SET LOCAL TimeZone = 'UTC';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz USING at AT TIME ZONE 'UTC';"),
				nonTx("SET LOCAL TimeZone = 'UTC';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz;"))) {
			assertThat(findings(table, revision)).as(revision.sql())
				.filteredOn((finding) -> finding.rule().equals("PG112"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.fix()).isEqualTo(AlterTableRules.TIME_ZONE_FIX));
		}
		assertThat(findings(table, tx("ALTER TABLE visits ALTER COLUMN at TYPE timestamptz;")).get(0).message())
			.isEqualTo("Changing \"visits.at\" from timestamp to timestamptz rewrites \"visits\" and its indexes under an"
					+ " ACCESS EXCLUSIVE lock unless the session's TimeZone is UTC, which this revision does not set"
					+ " before it (PostgreSQL reads the stored values in the session's zone: the JVM's, as pgjdbc sets it).");
		// A Java revision's way: the SET in op.execute, the type change without a USING.
		assertThat(LintRule.PG112.javaFix(AlterTableRules.TIME_ZONE_FIX))
			.startsWith("If the stored values are UTC: op.execute(\"SET LOCAL TimeZone = 'UTC'\") right before the"
					+ " op.alterColumn of the type");
	}

	@Test
	void pg112SetExpressionRewritesAStoredGeneratedColumnButNotAVirtualOne() {
		// PostgreSQL 17's SET EXPRESSION computes every row of a stored column again.
		assertThat(findings(tx("CREATE TABLE cups (ml int, oz int GENERATED ALWAYS AS (ml / 30) STORED);"),
				tx("ALTER TABLE cups ALTER COLUMN oz SET EXPRESSION AS (ml / 29);")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG112"))
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR))
			.satisfies((finding) -> assertThat(finding.message()).contains("\"cups.oz\"", "ACCESS EXCLUSIVE"));
		// A virtual one (PostgreSQL 18, VIRTUAL or neither word) stores nothing to compute again.
		assertThat(rules(tx("CREATE TABLE cups (ml int, oz int GENERATED ALWAYS AS (ml / 30) VIRTUAL);"),
				tx("ALTER TABLE cups ADD COLUMN cl int GENERATED ALWAYS AS (ml / 10);"),
				tx("ALTER TABLE cups ALTER COLUMN oz SET EXPRESSION AS (ml / 29);\n"
						+ "ALTER TABLE cups ALTER COLUMN cl SET EXPRESSION AS (ml / 11);")))
			.isEmpty();
		// A column the linted revisions never declared: not provably safe, a warning.
		assertThat(findings(tx("ALTER TABLE users ALTER COLUMN score SET EXPRESSION AS (1);"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
	}

	@Test
	void pg112AnArrayColumnIsRewrittenEvenWhereItsElementWouldNotBe() {
		// PostgreSQL rewrites on varchar(10)[] to varchar(20)[] and text[] to varchar[] (the relfilenode changes).
		assertThat(rules(tx("CREATE TABLE tags (names varchar(10)[], labels text[]);"),
				tx("ALTER TABLE tags ALTER COLUMN names TYPE varchar(20)[];"),
				tx("ALTER TABLE tags ALTER COLUMN labels TYPE varchar[];")))
			.containsExactly("PG112", "PG112");
		assertThat(rules(tx("CREATE TABLE tags (names varchar(10)[]);"),
				tx("ALTER TABLE tags ALTER COLUMN names TYPE character varying(10)[];"))).isEmpty();
	}

	@Test
	void pg113RenameBreaksClients() {
		assertThat(rules(tx("ALTER TABLE users RENAME COLUMN email TO email_address;"))).containsExactly("PG113");
		assertThat(rules(tx("ALTER TABLE users RENAME TO accounts_old;"))).containsExactly("PG113");
		assertThat(rules(tx("CREATE TABLE tmp_users (id bigint);\nALTER TABLE tmp_users RENAME TO staged_users;")))
			.isEmpty();
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN email_address text;"))).isEmpty();
	}

	@Test
	void pg113PassesATableRenamedWithAViewOfItsOldNameInTheSameTransaction() {
		// The old name stays, a view of the renamed table that the previous release reads and writes
		// through (a simple view is updatable): LockClaimsTests shows it on PostgreSQL.
		assertThat(rules(tx("ALTER TABLE accounts RENAME TO ledgers;\nCREATE VIEW accounts AS SELECT * FROM ledgers;")))
			.isEmpty();
		assertThat(rules(tx("ALTER TABLE public.accounts RENAME TO ledgers;\n"
				+ "CREATE OR REPLACE VIEW public.accounts AS SELECT id, balance FROM public.ledgers;"))).isEmpty();
		// Without a transaction the old name is gone between the two statements; a view of another
		// table, or of another name, keeps nothing of the old one.
		assertThat(rules(nonTx("ALTER TABLE accounts RENAME TO ledgers;\nCREATE OR REPLACE VIEW accounts AS SELECT * FROM ledgers;")))
			.containsExactly("PG113");
		assertThat(rules(tx("ALTER TABLE accounts RENAME TO ledgers;\nCREATE VIEW accounts AS SELECT * FROM users;")))
			.containsExactly("PG113");
		assertThat(rules(tx("ALTER TABLE accounts RENAME TO ledgers;\nCREATE VIEW accounts_v AS SELECT * FROM ledgers;")))
			.containsExactly("PG113");
		// The finding says the way, with the names.
		assertThat(findings(tx("ALTER TABLE accounts RENAME TO ledgers;")).get(0).fix()).isEqualTo("Make a view of the"
				+ " table under its old name in the same transactional revision, right after the rename: CREATE VIEW"
				+ " accounts AS SELECT * FROM ledgers. The previous release reads and writes through it; drop the view"
				+ " once no release reads the old name.");
		// A view made before the rename is no view of the renamed table.
		assertThat(rules(tx("CREATE VIEW ledgers AS SELECT * FROM accounts;\nDROP VIEW ledgers;\n"
				+ "ALTER TABLE accounts RENAME TO ledgers;"))).containsExactly("PG113");
	}

	@Test
	void aRenameCarriesWhatTheLintKnowsToTheNewName() {
		// A table created in this revision is still new under its new name.
		assertThat(rules(tx("CREATE TABLE tmp_users (id bigint, email text);\nALTER TABLE tmp_users RENAME TO staged_users;\n"
				+ "CREATE INDEX staged_users_email_idx ON staged_users (email);"))).isEmpty();
		// The declared type follows the column and the table to their new names.
		assertThat(rules(tx("ALTER TABLE users RENAME COLUMN name TO full_name;"),
				tx("ALTER TABLE users ALTER COLUMN full_name TYPE varchar(200);"))).containsExactly("PG113");
		assertThat(rules(tx("ALTER TABLE accounts RENAME TO ledgers;"),
				tx("ALTER TABLE ledgers ALTER COLUMN balance TYPE numeric(14,2);"))).containsExactly("PG113");
	}

	@Test
	void pg114DestructiveChangeFailsUntilAcknowledged() {
		assertThat(findings(tx("ALTER TABLE users DROP COLUMN legacy_flag;"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG114");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.failsAt(Severity.ERROR)).isTrue();
		});
		assertThat(rules(tx("-- lint:ack PG114 reads removed in release 2.3\nALTER TABLE users DROP COLUMN legacy_flag;")))
			.isEmpty();
		assertThat(findings(tx("TRUNCATE orders CASCADE;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR));
	}

	@Test
	void pg114ADroppedVirtualColumnLosesNoDataButItsReadersBreak() {
		assertThat(findings(tx("CREATE TABLE cups (ml int, oz int GENERATED ALWAYS AS (ml / 30) VIRTUAL, "
				+ "cl int GENERATED ALWAYS AS (ml / 10) STORED);"),
				tx("ALTER TABLE cups DROP COLUMN oz;\nALTER TABLE cups DROP COLUMN cl;")))
			.satisfiesExactly((virtual) -> {
				assertThat(virtual.rule()).isEqualTo("PG114");
				assertThat(virtual.message()).contains("virtual generated column \"cups.oz\"", "stores no data")
					.doesNotContain("loses the data");
			}, (stored) -> assertThat(stored.message()).startsWith("DROP COLUMN loses the data of \"cups.cl\""));
	}

	@Test
	void pg114NamesEveryExistingTableOfTheStatement() {
		assertThat(findings(tx("CREATE TABLE staging (id int);\nDROP TABLE IF EXISTS staging, accounts;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message())
				.isEqualTo("DROP TABLE loses the data of \"accounts\"; make sure no deployed code reads it."));
		assertThat(findings(tx("TRUNCATE TABLE orders, accounts;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).startsWith("TRUNCATE loses the data of \"orders\" "
					+ "and \"accounts\""));
		assertThat(rules(tx("CREATE TABLE staging (id int);\nDROP TABLE staging;"))).isEmpty();
	}

	@Test
	void pg114OfDropTableIfExistsOfATableNoLintedRevisionCreatedSaysIfItIsThere() {
		assertThat(findings(tx("DROP TABLE IF EXISTS legacy_orders;"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG114");
			assertThat(finding.message()).startsWith("DROP TABLE IF EXISTS loses the data of \"legacy_orders\" if it is"
					+ " there: no linted revision created it");
		});
		// Of a table a linted revision created, or without IF EXISTS, the drop says it is there.
		assertThat(findings(tx("DROP TABLE IF EXISTS accounts;")).get(0).message())
			.isEqualTo("DROP TABLE loses the data of \"accounts\"; make sure no deployed code reads it.");
		assertThat(findings(tx("DROP TABLE legacy_orders;")).get(0).message())
			.isEqualTo("DROP TABLE loses the data of \"legacy_orders\"; make sure no deployed code reads it.");
		// Acknowledged, as any drop.
		assertThat(rules(tx("-- lint:ack PG114 legacy_orders has been read by nothing since 2.1\n"
				+ "DROP TABLE IF EXISTS legacy_orders;"))).isEmpty();
	}

	@Test
	void pg115LockTimeoutDisabled() {
		assertThat(rules(tx("SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN note text;"))).containsExactly("PG115");
		assertThat(rules(tx("SET lock_timeout = '1min';\nALTER TABLE users ADD COLUMN note text;")))
			.containsExactly("PG115");
		// A wait that ends, if late, is not one "without end", which 0 is.
		assertThat(findings(tx("SET lock_timeout = '1min';\nALTER TABLE users ADD COLUMN note text;")).get(0).message())
			.isEqualTo("SET lock_timeout = 1min lets the lock that a later statement asks on \"users\" wait in the queue"
					+ " for up to 1min, and every query of the table waits behind it that long.");
		assertThat(findings(tx("SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN note text;")).get(0).message())
			.endsWith("wait in the queue without end, and every query of the table waits behind it.");
		assertThat(rules(tx("RESET lock_timeout;\nALTER TABLE users ADD COLUMN note text;"))).containsExactly("PG115");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN note text;"))).isEmpty();
		assertThat(rules(tx("SET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN note text;"))).isEmpty();
	}

	@Test
	void pg115ReadsSetConfigAsItReadsSet() {
		assertThat(findings(tx("SELECT set_config('lock_timeout', '10min', false);\nALTER TABLE users ADD COLUMN note text;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG115"))
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("SELECT set_config('lock_timeout', '10min', false) lets"
					+ " the lock that a later statement asks on \"users\" wait in the queue for up to 10min, and every"
					+ " query of the table waits behind it that long."));
		assertThat(findings(tx("SELECT pg_catalog.set_config('lock_timeout', '0', true);\n"
				+ "ALTER TABLE users ADD COLUMN note text;")).get(0).message())
			.isEqualTo("SELECT set_config('lock_timeout', '0', true) lets the lock that a later statement asks on \"users\" wait"
					+ " in the queue without end, and every query of the table waits behind it.");
		// NULL gives the server's setting back, as RESET does.
		assertThat(rules(tx("SELECT set_config('lock_timeout', NULL, false);\nALTER TABLE users ADD COLUMN note text;")))
			.containsExactly("PG115");
		assertThat(rules(tx("SELECT set_config('lock_timeout', '2s', false);\nALTER TABLE users ADD COLUMN note text;")))
			.isEmpty();
		// statement_timeout is not the lock's wait in the queue, which PG115 is about; SET of it is not flagged either.
		assertThat(rules(tx("SELECT set_config('statement_timeout', '0', false);\nALTER TABLE users ADD COLUMN note text;")))
			.isEmpty();
	}

	@Test
	void pg116MultipleTablesLocked() {
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN score int;\nALTER TABLE orders ADD COLUMN note text;")))
			.containsExactly("PG116");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN score int, ADD COLUMN rank int;"))).isEmpty();
	}

	@Test
	void pg116CountsTheTableANewTablesForeignKeyLocks() {
		// The foreign key of the new table holds SHARE ROW EXCLUSIVE on orders until the commit.
		assertThat(rules(tx("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n"
				+ "ALTER TABLE users ADD COLUMN score int;"))).containsExactly("PG116");
		assertThat(rules(tx("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint,\n"
				+ "    CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES public.orders (id));\n"
				+ "ALTER TABLE users ADD COLUMN score int;"))).containsExactly("PG116");
		// One statement locking two tables is exempt, as for ALTER TABLE … ADD FOREIGN KEY.
		assertThat(rules(tx("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id),"
				+ " user_id integer REFERENCES users (id));"))).isEmpty();
		// The same table, a table of this revision, itself, or outside a transaction: one lock or none that lasts.
		assertThat(rules(tx("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n"
				+ "ALTER TABLE orders ADD COLUMN note text;"))).isEmpty();
		assertThat(rules(tx("CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (id bigint PRIMARY KEY,"
				+ " a_id bigint REFERENCES a (id), parent bigint REFERENCES b (id));\nALTER TABLE users ADD COLUMN x int;")))
			.isEmpty();
		assertThat(rules(nonTx("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n"
				+ "ALTER TABLE users ADD COLUMN score int;"))).doesNotContain("PG116");
	}

	@Test
	void pg117BackfillInDdlTransaction() {
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN score int;\nUPDATE users SET score = 0;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR));
		assertThat(rules(tx("UPDATE users SET name = 'x' WHERE id >= 1 AND id < 1001 AND name IS NULL;"))).isEmpty();
		assertThat(findings(tx("DELETE FROM orders;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
	}

	@Test
	void pg117ReadsTheWritesOfACommonTableExpression() {
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN score int;\n"
				+ "WITH moved AS (UPDATE users SET score = 0 RETURNING id) SELECT count(*) FROM moved;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG117"))
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR))
			.satisfies((finding) -> assertThat(finding.message()).startsWith("UPDATE of \"users\""));
		assertThat(findings(tx("WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING));
		assertThat(rules(tx("WITH gone AS (DELETE FROM orders WHERE id < 10 RETURNING id) SELECT count(*) FROM gone;")))
			.isEmpty();
		assertThat(rules(tx("WITH ids AS (SELECT id FROM orders) UPDATE users SET name = 'x' WHERE id IN (SELECT id FROM ids);")))
			.isEmpty();
		assertThat(rules(tx("WITH ids AS (SELECT id FROM orders) SELECT count(*) FROM ids;"))).isEmpty();
	}

	@Test
	void pg117SaysWhichStatementTookTheLockItsWriteRunsUnder() {
		// Before, each said "runs while this revision's DDL locks are held", LOCK TABLE's too.
		assertThat(findings(tx("LOCK TABLE orders IN SHARE MODE;\nUPDATE orders SET status = 'paid' WHERE id = 1;")))
			.extracting(LintFinding::message)
			.containsExactly("UPDATE of \"orders\" runs in the same transaction as LOCK TABLE orders IN SHARE MODE on line"
					+ " 1, whose lock on \"orders\" is held until the commit.");
		assertThat(findings(tx("UPDATE users SET name = 'x' WHERE id = 1;\nALTER TABLE users ADD COLUMN score int;")))
			.extracting(LintFinding::message)
			.containsExactly("UPDATE of \"users\" runs in the same transaction as ALTER TABLE users on line 2, whose"
					+ " lock on \"users\" is held until the commit.");
		assertThat(findings(tx("CREATE INDEX idx_orders_user ON orders (user_id);\nDELETE FROM users WHERE id = 1;")))
			.filteredOn((finding) -> finding.rule().equals("PG117"))
			.extracting(LintFinding::message)
			.containsExactly("DELETE of \"users\" runs in the same transaction as CREATE INDEX on orders on line 1,"
					+ " whose lock on \"orders\" is held until the commit.");
	}

	@Test
	void pg117AnInsertOfComputedValuesIsNoBackfill() {
		// A seed row, inserted only when missing: it reads no table's rows into this one.
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN note text;\n"
				+ "INSERT INTO users (id, name) SELECT 1, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = 1);")))
			.isEmpty();
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN note text;\nINSERT INTO users (id) SELECT id FROM orders;")))
			.containsExactly("PG117");
	}

	@Test
	void pg118EnumAddValueHazard() {
		assertThat(rules(tx("ALTER TYPE order_status ADD VALUE 'refunded';\n"
				+ "UPDATE orders SET status = 'refunded' WHERE id = 42;"))).containsExactly("PG118");
		assertThat(rules(tx("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';"))).isEmpty();
	}

	@Test
	void pg118FlagsTheNewLabelReadAsTheEnumNotTheSameText() {
		String add = "ALTER TYPE order_status ADD VALUE 'shipped';\n";
		// Read as an order_status: assigned to, compared with, the default of, inserted into, cast to.
		for (String use : List.of("UPDATE orders SET status = 'shipped' WHERE id = 1;",
				"UPDATE users SET name = 'x' WHERE id IN (SELECT user_id FROM orders WHERE status IN ('new', 'shipped'));",
				"ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'shipped';", "INSERT INTO orders VALUES (2, 1, 'shipped');",
				"SELECT 'shipped'::order_status;", "SELECT CAST('shipped' AS public.order_status);",
				"CREATE TABLE shipments (id bigint, s order_status DEFAULT 'shipped');")) {
			assertThat(findings(tx(add + use))).as(use).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("PG118");
				assertThat(finding.source()).isEqualTo("r2.sql:2");
				assertThat(finding.message()).isEqualTo("Enum value 'shipped' of \"order_status\" is used in the"
						+ " transaction that adds it; PostgreSQL refuses until the value is committed (SQLSTATE 55P04).");
			});
		}
		// The same text as another column's value, a comment's, or compared as text: PostgreSQL runs them.
		assertThat(rules(tx(add + "UPDATE users SET name = 'shipped' WHERE id = 3;\nCOMMENT ON TABLE orders IS 'shipped';\n"
				+ "INSERT INTO orders (id, user_id) SELECT 3, id FROM users WHERE name = 'shipped';\n"
				+ "SELECT count(*) FROM orders WHERE status::text = 'shipped';"))).isEmpty();
		// A range that starts after the type's columns were declared cannot tell: any equal text is taken for a use.
		String alone = add + "UPDATE plans SET name = 'shipped';";
		assertThat(Linter.lint(List.of(revision("r2", alone, true)))).extracting(LintFinding::rule).contains("PG118");
	}

	@Test
	void pg118FollowsACallOfARoutineTheRevisionCreatesWhoseBodyPostgresqlReadsAtTheCall() {
		String add = "ALTER TYPE order_status ADD VALUE 'cancelled';\n";
		String plpgsql = "CREATE FUNCTION cancel_order(oid bigint) RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n"
				+ "  UPDATE orders SET status = 'cancelled' WHERE id = oid;\nEND\n$$;\n";
		// The call fails (55P04): flagged at the call's line, the body named. Created before or after the ADD VALUE.
		assertThat(findings(tx(add + plpgsql + "SELECT cancel_order(1);"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG118");
			assertThat(finding.source()).isEqualTo("r2.sql:7");
			assertThat(finding.message()).isEqualTo("Enum value 'cancelled' of \"order_status\" is used in the body of"
					+ " the function \"cancel_order\", which this statement calls (PostgreSQL reads a PL/pgSQL body at the"
					+ " call), in the transaction that adds it; PostgreSQL refuses until the value is committed"
					+ " (SQLSTATE 55P04).");
		});
		assertThat(findings(tx(plpgsql + add + "UPDATE users SET name = 'x' WHERE id = 1 AND public.cancel_order(1) IS NULL;")))
			.extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG118", "r2.sql:7"));
		// A procedure CALLed, an INSERT in the body, a call from a DO block.
		assertThat(rules(tx(add + "CREATE OR REPLACE PROCEDURE add_cancelled() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO"
				+ " orders (id, status) VALUES (9, 'cancelled'); END $$;\nCALL add_cancelled();"))).containsExactly("PG118");
		assertThat(rules(tx(add + plpgsql + "DO $$ BEGIN PERFORM cancel_order(1); END $$;"))).containsExactly("PG118");
		// A SQL body PostgreSQL reads at the call too: a polymorphic argument, check_function_bodies off.
		assertThat(rules(tx(add + "CREATE FUNCTION n_cancelled(a anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT"
				+ " count(*) FROM orders WHERE status = 'cancelled' $$;\nSELECT n_cancelled(1);"))).containsExactly("PG118");
		assertThat(rules(tx(add + "SET LOCAL check_function_bodies = off;\nCREATE FUNCTION n_cancelled() RETURNS bigint"
				+ " LANGUAGE sql AS 'SELECT count(*) FROM orders WHERE status = ''cancelled''';\nSELECT n_cancelled();")))
			.containsExactly("PG118");
		// Not called; named but not called (a trigger, a comment, a drop); the
		// label only as text; a revision with 'Transactional: false', which commits the ADD VALUE first.
		assertThat(rules(tx(add + plpgsql))).isEmpty();
		assertThat(rules(tx(add + plpgsql.replace("RETURNS void", "RETURNS trigger").replace("(oid bigint)", "()")
				.replace("WHERE id = oid", "WHERE id = 1") + "CREATE TRIGGER orders_cancel AFTER INSERT ON orders"
				+ " FOR EACH ROW EXECUTE FUNCTION cancel_order();\nCOMMENT ON FUNCTION cancel_order() IS 'x';\n"
				+ "DROP FUNCTION cancel_order();"))).isEmpty();
		assertThat(rules(tx(add + plpgsql.replace("UPDATE orders SET status", "UPDATE users SET name")
				+ "SELECT cancel_order(1);"))).isEmpty();
		assertThat(rules(nonTx(add + plpgsql + "SELECT cancel_order(1);"))).containsExactly("PG105");
	}

	@Test
	void pg119DetachPartitionNotConcurrent() {
		assertThat(rules(tx("ALTER TABLE events DETACH PARTITION events_2024;"))).containsExactly("PG119");
		assertThat(rules(nonTx("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;"))).isEmpty();
	}

	@Test
	void pg126AttachPartitionNamesTheCheckOfItsBoundWithTheRealNames() {
		List<LintFinding> found = findings(tx("CREATE TABLE regions_eu (id bigint, region text);\n"
				+ "CREATE TABLE events_2023 (id bigint, at date);\nCREATE TABLE sales (id bigint, region text)"
				+ " PARTITION BY LIST (region);"), tx("-- the year before\n"
				+ "ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');"),
				tx("ALTER TABLE sales ATTACH PARTITION regions_eu FOR VALUES IN ('eu', 'uk');"));
		assertThat(found).extracting(LintFinding::rule, LintFinding::source, LintFinding::severity)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG126", "r3.sql:2", Severity.ERROR),
					org.assertj.core.groups.Tuple.tuple("PG126", "r4.sql:1", Severity.ERROR));
		assertThat(found.get(0).message()).isEqualTo("ATTACH PARTITION reads every row of \"events_2023\" to check that"
				+ " it fits the partition's bound, under an ACCESS EXCLUSIVE lock on it (no reads or writes of it) and a"
				+ " SHARE UPDATE EXCLUSIVE lock on \"events\": no valid CHECK of \"events_2023\" implies the bound (with"
				+ " at IS NOT NULL).");
		assertThat(found.get(0).fix()).isEqualTo("In a revision of its own: ALTER TABLE events_2023 ADD CONSTRAINT"
				+ " events_2023_partition_bound CHECK (at IS NOT NULL AND at >= '2023-01-01' AND at < '2024-01-01') NOT"
				+ " VALID. In the next: ALTER TABLE events_2023 VALIDATE CONSTRAINT events_2023_partition_bound (it reads"
				+ " the rows without blocking them), then ALTER TABLE events ATTACH PARTITION events_2023 …, which finds"
				+ " the bound implied by the check and reads no row, then ALTER TABLE events_2023 DROP CONSTRAINT"
				+ " events_2023_partition_bound.");
		assertThat(found.get(1).fix()).contains("CHECK (region IS NOT NULL AND region IN ('eu', 'uk')) NOT VALID");
		// A parent no linted revision created: its key is unknown, and the fix says what the check holds.
		assertThat(findings(tx("CREATE TABLE archive_2020 (id bigint);\n"), tx("ALTER TABLE archive ATTACH PARTITION"
				+ " archive_2020 FOR VALUES FROM (1) TO (1000);")).get(0).fix())
			.contains("CHECK (what the bound says of the partition key, and that the key IS NOT NULL) NOT VALID");
		// A table the revision creates is empty: nothing to read.
		assertThat(rules(tx("CREATE TABLE events_2026 (id bigint, at date);\nALTER TABLE events ATTACH PARTITION"
				+ " events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"))).isEmpty();
	}

	@Test
	void pg120JsonColumn() {
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN props json;"))).containsExactly("PG120");
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN props jsonb;"))).isEmpty();
	}

	@Test
	void anAcknowledgementNeedsAReasonAndAFindingToAcknowledge() {
		assertThat(rules(tx("-- lint:ack PG101\nCREATE INDEX idx_users_name ON users (name);")))
			.containsExactly("LINT001", "PG101");
		assertThat(rules(tx("-- lint:ack create-index-not-concurrent the table holds ten rows\n"
				+ "CREATE INDEX idx_users_name ON users (name);"))).isEmpty();
		assertThat(rules(tx("-- lint:ack PG101 just in case\nALTER TABLE users ADD COLUMN note text;")))
			.containsExactly("LINT002");
		assertThat(rules(tx("-- lint:ack PG999 no such rule\nALTER TABLE users ADD COLUMN note text;")))
			.containsExactly("LINT001");
	}

	@Test
	void anAcknowledgementOfSeveralRulesOnOneLineSaysToWriteALineEach() {
		List<LintFinding> findings = findings(tx("-- lint:ack PG101, PG116 both tables are tiny\n"
				+ "CREATE INDEX idx_users_name ON users (name);"));

		// Before: "'-- lint:ack PG101,' names no rule", though it names one.
		assertThat(findings).extracting(LintFinding::rule).containsExactly("LINT001", "PG101");
		assertThat(findings.get(0).message()).isEqualTo("'-- lint:ack PG101,' names one rule per line: write"
				+ " '-- lint:ack PG101 <reason>', and each other rule on a line of its own right above or below it.");
		// A line each acknowledges both.
		assertThat(rules(tx("ALTER TABLE users ADD COLUMN props json NOT NULL;"))).containsExactlyInAnyOrder("PG111", "PG120");
		assertThat(rules(tx("-- lint:ack PG111 the table is empty in every environment\n"
				+ "-- lint:ack PG120 the payload is only stored\nALTER TABLE users ADD COLUMN props json NOT NULL;")))
			.isEmpty();
	}

	@Test
	void anAcknowledgementCoversEveryStatementOfTheLineBelowIt() {
		assertThat(rules(tx("-- lint:ack PG114 reads removed in release 2.3\n"
				+ "SELECT 1; ALTER TABLE users DROP COLUMN legacy_flag;"))).isEmpty();
		assertThat(rules(tx("-- lint:ack PG101 just in case\nSELECT 1; ALTER TABLE users ADD COLUMN note text;")))
			.containsExactly("LINT002");
		// Not the statements of the lines after.
		assertThat(rules(tx("-- lint:ack PG114 reads removed in release 2.3\nSELECT 1; ALTER TABLE users DROP COLUMN name;\n"
				+ "ALTER TABLE users DROP COLUMN legacy_flag;"))).containsExactly("PG114");
	}

	@Test
	void anAcknowledgementAboveNoStatementIsReported() {
		// Left behind when its statement was removed, or parted from it by a blank line.
		List<LintFinding> findings = findings(tx("ALTER TABLE users ADD COLUMN note text;\n\n"
				+ "-- lint:ack PG114 no release reads it since 2.3\n\nALTER TABLE users DROP COLUMN legacy_flag;\n"
				+ "-- lint:ack PG101 small table\n"));
		assertThat(findings).extracting(LintFinding::rule).containsExactly("LINT002", "PG114", "LINT002");
		assertThat(findings.get(0).source()).isEqualTo("r2.sql:3");
		assertThat(findings.get(0).message()).isEqualTo("'-- lint:ack PG114' is right above no statement, so it "
				+ "acknowledges nothing.");
		assertThat(findings.get(2).source()).isEqualTo("r2.sql:6");
		// Nor is one beside its statement.
		assertThat(rules(tx("ALTER TABLE users DROP COLUMN legacy_flag; -- lint:ack PG114 no release reads it since 2.3")))
			.containsExactly("LINT002", "PG114");
		// One inside a statement is above none of it either.
		assertThat(rules(tx("ALTER TABLE users\n    -- lint:ack PG114 no release reads it since 2.3\n"
				+ "    DROP COLUMN legacy_flag;"))).containsExactly("PG114", "LINT002");
	}

	@Test
	void acknowledgementTextInsideAStringOrAFunctionBodyIsNoAcknowledgement() {
		// PL/pgSQL has -- comments of its own, and a string may hold anything: neither is a stray ack.
		assertThat(findings(tx("""
				CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
				BEGIN
				  -- lint:ack PG101 a comment of the function's own
				  RETURN NEW;
				END
				$fn$;
				COMMENT ON TABLE users IS 'see
				-- lint:ack PG114 quoted, not a comment
				';
				SELECT $$ -- lint:ack PG101 in a dollar string $$, E'it\\'s -- lint:ack PG101 escaped';
				/* -- lint:ack PG101 in a block comment */
				"""))).isEmpty();
		// After any of them, a real one is still found, on its own line.
		List<LintFinding> findings = findings(tx("SELECT 'a''b', \"x\"\"y\", $1;\n-- lint:ack PG101 stray\n\nSELECT 1;"));
		assertThat(findings).extracting(LintFinding::source).containsExactly("r2.sql:2");
	}

	@Test
	void findingsNameTheFileAndLineOfTheirStatement() {
		List<LintFinding> findings = findings(tx("-- why\nALTER TABLE users ADD COLUMN note text;\n\n"
				+ "CREATE INDEX idx_users_note\n    ON users (note);"));
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.source()).isEqualTo("r2.sql:4");
			assertThat(finding.revision()).isEqualTo("r2");
			assertThat(finding.message()).contains("\"users\"");
			assertThat(finding.fix()).contains("CONCURRENTLY");
		});
	}

	@Test
	void pg113RenamingOrMovingAViewBreaksClientsAsATablesDoes() {
		for (String statement : List.of("ALTER VIEW user_view RENAME TO person_view;",
				"ALTER VIEW IF EXISTS app.user_view RENAME COLUMN email TO mail;", "ALTER VIEW user_view RENAME email TO mail;",
				"ALTER MATERIALIZED VIEW order_counts RENAME TO order_totals;", "ALTER VIEW user_view SET SCHEMA archive;")) {
			assertThat(rules(tx(statement))).as(statement).containsExactly("PG113");
		}
		assertThat(findings(tx("ALTER MATERIALIZED VIEW order_counts RENAME TO order_totals;")).get(0).message())
			.isEqualTo("Renaming materialized view \"order_counts\" breaks every instance still running the previous"
					+ " release on the old name.");
		// What keeps the name, and a view nobody queries yet.
		assertThat(rules(tx("ALTER VIEW user_view OWNER TO app;\nALTER VIEW user_view ALTER COLUMN email SET DEFAULT 1;")))
			.isEmpty();
		assertThat(rules(tx("CREATE VIEW v AS SELECT 1 AS a;\nALTER VIEW v RENAME TO w;"))).isEmpty();
		assertThat(rules(tx("CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a;\nALTER MATERIALIZED VIEW mv RENAME TO mw;")))
			.isEmpty();
	}

	@Test
	void wordsInStringsCommentsAndFunctionBodiesAreNotStatements() {
		assertThat(rules(tx("INSERT INTO orders (id) VALUES (1); -- CREATE INDEX i ON users (name)\n"
				+ "COMMENT ON TABLE users IS 'DROP TABLE users; CREATE INDEX i ON users (name)';\n"
				+ "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE users; END $$;")))
			.isEmpty();
	}

	@Test
	void aQuotedNameMayHoldADoubledQuote() {
		assertThat(findings(tx("CREATE TABLE \"my\"\"table\" (id int);"),
				tx("ALTER TABLE \"my\"\"table\" ADD COLUMN x int NOT NULL;")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG111"))
			.satisfies((finding) -> assertThat(finding.message()).contains("\"my\"\"table.x\""));
	}

	@Test
	void aNestedBlockCommentEndsWhereItsOwnEndIs() {
		// As PostgreSQL reads it: the comment ends at the second */, and the index follows it.
		assertThat(rules(tx("/* old: /* was DROP TABLE users; */ kept for history */\n"
				+ "CREATE INDEX idx_users_name ON users (name);"))).containsExactly("PG101");
		assertThat(rules(tx("ALTER TABLE users /* was /* nullable */ once */ ADD COLUMN tenant_id bigint NOT NULL;")))
			.containsExactly("PG111");
	}

	// Helpers: BASE, then the revisions given, each its own revision r2, r3, …

	private record Rev(String sql, boolean transactional) {
	}

	private static Rev tx(String sql) {
		return new Rev(sql, true);
	}

	private static Rev nonTx(String sql) {
		return new Rev(sql, false);
	}

	@Test
	void lint004PsqlVariableOutsideQuotesAndComments() {
		// psql replaces these in an --sql script when the variable is set: -v n=99 makes arr[1:n] arr[199].
		List<LintFinding> found = findings(tx("UPDATE orders SET status = 'paid'\n"
				+ "  WHERE user_id = ANY ((ARRAY[1, 2, 3])[1:n]) AND :'who' = 'x';"));
		assertThat(found).extracting(LintFinding::rule).containsExactly("LINT004", "LINT004");
		assertThat(found).filteredOn((finding) -> finding.rule().equals("LINT004"))
			.extracting(LintFinding::source, LintFinding::severity)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("r2.sql:2", Severity.WARNING),
					org.assertj.core.groups.Tuple.tuple("r2.sql:2", Severity.WARNING));
		// A variable psql sets itself is replaced in every run: an error.
		assertThat(findings(tx("SELECT (ARRAY[1, 2])[1:PORT];"))).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR))
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("':PORT' stands outside quotes and"
					+ " comments, where psql reads a variable: psql sets the variable PORT itself, so every run of an"
					+ " --sql script replaces it with that value."));
		// What psql leaves alone: casts, := , a slice of numbers or with spaces, quotes, comments, dollar quotes.
		assertThat(rules(tx("SELECT 'a:b'::text, E'x\\':n', \"c:d\", (ARRAY[1, 2])[1:2], (ARRAY[1, 2])[1 : n],"
				+ " make_interval(days => 1); -- :n\n/* :n */ SELECT 1;\n"
				+ "DO $$ DECLARE v int; BEGIN v := 1; PERFORM :n; END $$;"))).isEmpty();
		// An acknowledgement covers it, as any rule.
		assertThat(rules(tx("-- lint:ack LINT004 this revision is only ever run online\nSELECT (ARRAY[1])[1:n];")))
			.isEmpty();
	}

	@Test
	void theStatementsOfADoBlockAreLintedAtTheirOwnLines() {
		// The usual guard: DDL wrapped in DO to make it conditional takes the same locks.
		List<LintFinding> found = findings(tx("DO $$\nBEGIN\n"
				+ "  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'idx_users_name') THEN\n"
				+ "    CREATE INDEX idx_users_name ON users (name);\n"
				+ "  END IF;\n"
				+ "  ALTER TABLE orders RENAME COLUMN status TO state;\n"
				+ "EXCEPTION WHEN duplicate_column THEN\n"
				+ "  ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"
				+ "END\n$$;"));
		assertThat(found).extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG101", "r2.sql:4"),
					org.assertj.core.groups.Tuple.tuple("PG113", "r2.sql:6"),
					org.assertj.core.groups.Tuple.tuple("PG106", "r2.sql:8"));
		// As the same statements written plainly.
		assertThat(rules(tx("CREATE INDEX idx_users_name ON users (name);\n"
				+ "ALTER TABLE orders RENAME COLUMN status TO state;\n"
				+ "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);")))
			.containsExactly("PG101", "PG113", "PG106");
		// Labels, DECLARE, loops, LANGUAGE plpgsql, a tag of its own.
		assertThat(rules(tx("DO LANGUAGE plpgsql $body$\nDECLARE\n  n int := 0;\n<<outer>>\nBEGIN\n"
				+ "  FOR i IN 1..2 LOOP\n    ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n  END LOOP;\nEND\n$body$;")))
			.containsExactly("PG109");
		// What is not plain SQL is not read: EXECUTE's string, PERFORM, assignments, another language.
		assertThat(rules(tx("DO $$ DECLARE v int; BEGIN v := 1; PERFORM count(*) FROM users;"
				+ " EXECUTE 'ALTER TABLE users RENAME COLUMN name TO full_name'; END $$;"))).isEmpty();
		assertThat(rules(tx("DO $$ ALTER TABLE users RENAME COLUMN name TO full_name $$ LANGUAGE plperl;"))).isEmpty();
		// A table the block creates is new, as outside one; the block's statements count once for PG105.
		assertThat(rules(tx("DO $$ BEGIN CREATE TABLE t (id int); CREATE INDEX t_id ON t (id); END $$;"))).isEmpty();
		assertThat(rules(nonTx("DO $$ BEGIN CREATE TABLE t (id int); CREATE TABLE u (id int); END $$;"))).isEmpty();
		// The acknowledgement above the block covers its statements.
		assertThat(rules(tx("-- lint:ack PG113 no release reads orders.status any more\n"
				+ "DO $$ BEGIN ALTER TABLE orders RENAME COLUMN status TO state; END $$;"))).isEmpty();
		assertThat(rules(tx("-- lint:ack PG113 nothing is renamed here\nDO $$ BEGIN PERFORM 1; END $$;")))
			.containsExactly("LINT002");
	}

	@Test
	void pg121SessionSearchPathOutlastsTheRevisionOutsideRetort() {
		// Retort puts it back after the revision (RevisionSessionSettingsTests); psql -f on the file
		// leaves it set for what runs next. The finding says so, not that Retort's next revisions meet it.
		assertThat(findings(tx("CREATE SCHEMA other;\nSET search_path TO other;\nCREATE TABLE things (id int);")))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG121"))
			.satisfies((finding) -> assertThat(finding.source()).isEqualTo("r2.sql:2"))
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.WARNING))
			.satisfies((finding) -> assertThat(finding.message()).contains("Retort puts it back after the revision")
				.doesNotContain("the revisions after it in the same run"));
		// pg_dump's first lines, pasted into a revision.
		assertThat(rules(tx("SELECT pg_catalog.set_config('search_path', '', false);"))).containsExactly("PG121");
		assertThat(rules(tx("SET SESSION search_path = other;"))).containsExactly("PG121");
		// What ends with the revision, or is given back in it.
		assertThat(rules(tx("SET LOCAL search_path TO other;"))).isEmpty();
		assertThat(rules(tx("SELECT set_config('search_path', 'other', true);"))).isEmpty();
		assertThat(rules(nonTx("SET search_path TO other;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (name);\n"
				+ "RESET search_path;"))).isEmpty();
		assertThat(rules(tx("SET search_path TO other;\nSET search_path TO DEFAULT;"))).isEmpty();
	}

	@Test
	void pg122RefreshMaterializedViewNotConcurrent() {
		// ACCESS EXCLUSIVE for the whole refresh: the reads of the view wait (LockClaimsTests shows it).
		assertThat(findings(tx("REFRESH MATERIALIZED VIEW order_counts;"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG122");
			assertThat(finding.name()).isEqualTo("refresh-materialized-view-not-concurrent");
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.message()).isEqualTo("REFRESH MATERIALIZED VIEW holds an ACCESS EXCLUSIVE lock on"
					+ " \"order_counts\" for the whole refresh: every query of it, even a SELECT, waits until the view's"
					+ " query has run again.");
			assertThat(finding.fix()).startsWith("REFRESH MATERIALIZED VIEW CONCURRENTLY");
		});
		assertThat(rules(tx("REFRESH MATERIALIZED VIEW public.order_counts WITH DATA;"))).containsExactly("PG122");
		// CONCURRENTLY runs in a transaction too, and lets reads go on.
		assertThat(rules(tx("REFRESH MATERIALIZED VIEW CONCURRENTLY order_counts;"))).isEmpty();
		// A view this revision creates has no reader yet.
		assertThat(rules(tx("CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) AS n FROM orders"
				+ " GROUP BY 1 WITH NO DATA;\nREFRESH MATERIALIZED VIEW order_counts;"))).isEmpty();
		assertThat(rules(tx("-- lint:ack PG122 the view holds ten rows\nREFRESH MATERIALIZED VIEW order_counts;")))
			.isEmpty();
	}

	@Test
	void pg123SetLoggedOrUnloggedRewritesTheTable() {
		assertThat(findings(tx("ALTER TABLE users SET UNLOGGED;"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG123");
			assertThat(finding.name()).isEqualTo("set-logged-rewrites-table");
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.message()).isEqualTo("SET UNLOGGED rewrites \"users\" and all its indexes under an"
					+ " ACCESS EXCLUSIVE lock: no reads or writes of it until the copy is done.");
		});
		assertThat(findings(tx("ALTER TABLE users SET LOGGED;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).endsWith("until the copy is done, and every row of it"
					+ " goes through the WAL (and to the replicas)."));
		assertThat(rules(tx("ALTER TABLE IF EXISTS ONLY users SET LOGGED, ALTER COLUMN name SET STATISTICS 100;")))
			.containsExactly("PG123");
		assertThat(rules(tx("CREATE UNLOGGED TABLE staging (id bigint);\nALTER TABLE staging SET LOGGED;"))).isEmpty();
	}

	@Test
	void pg124LockTableInItsDefaultModeStopsReadsUntilTheCommit() {
		assertThat(findings(tx("LOCK TABLE orders;"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG124");
			assertThat(finding.name()).isEqualTo("lock-table-access-exclusive");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.message()).isEqualTo("LOCK TABLE without a mode takes ACCESS EXCLUSIVE, the strongest: it"
					+ " stops every query of \"orders\", even a SELECT, until this revision commits.");
			assertThat(finding.fix()).contains("IN SHARE MODE");
		});
		assertThat(findings(tx("LOCK orders, ONLY public.users IN ACCESS EXCLUSIVE MODE NOWAIT;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("LOCK TABLE ... IN ACCESS EXCLUSIVE MODE"
					+ " stops every query of \"orders\" and \"users\", even a SELECT, until this revision commits."));
		// The modes that let reads go on.
		for (String mode : List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
				"SHARE ROW EXCLUSIVE", "EXCLUSIVE")) {
			assertThat(rules(tx("LOCK TABLE orders IN " + mode + " MODE;"))).as(mode).doesNotContain("PG124");
		}
		assertThat(rules(tx("CREATE TABLE t (id int);\nLOCK TABLE t;"))).isEmpty();
	}

	@Test
	void pg104SaysToRemoveATransactionControlStatementNotToMoveItIntoARevisionOfItsOwn() {
		// The fix was the rule's: "Put the statement in a revision of its own with 'Transactional: false'",
		// said of a COMMIT, and of one in a revision that is 'Transactional: false' already.
		assertThat(findings(tx("ALTER TABLE users ADD COLUMN note text;\nCOMMIT;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.fix()).isEqualTo("Remove it: Retort runs the revision in one"
					+ " transaction and commits it together with its version row. A revision that must commit in parts is"
					+ " declared 'Transactional: false', which runs each statement on its own."));
		assertThat(findings(nonTx("BEGIN;\nLOCK TABLE users IN SHARE MODE;\nCOMMIT;"))).extracting(LintFinding::fix)
			.containsOnly("Remove it: this revision runs each statement on its own and commits each. Statements that"
					+ " must commit together go in a transactional revision of their own (without 'Transactional:"
					+ " false'), which Retort runs in one transaction.");
		// Said for a Java revision with its annotation; PG114's drop there is not always a column's.
		assertThat(LintRule.PG104.javaFix(TransactionRules.TRANSACTION_BLOCK_FIX))
			.contains("(@Revision without transactional = false)");
		assertThat(LintRule.PG104.javaFix(TransactionRules.TRANSACTION_CONTROL_FIX))
			.contains("declared @Revision(transactional = false)");
		assertThat(LintRule.PG114.javaFix()).contains("<the drop as SQL: DROP TABLE ..., ALTER TABLE ... DROP COLUMN ...>");
	}

	@Test
	void pg124SaysNothingOfALockThatARevisionWithoutATransactionNeverTakes() {
		// PostgreSQL refuses LOCK outside a transaction block (25P01), and so does Retort before the
		// revision runs: PG104 says so. PG124 said it stopped every query "until this revision commits".
		assertThat(rules(nonTx("LOCK TABLE users;"))).containsExactly("PG104");
		// In a block of its own (itself PG104), the lock lasts until the block's COMMIT; in a DO block,
		// which runs in a transaction of its own, until the block ends.
		assertThat(findings(nonTx("BEGIN;\nLOCK TABLE users;\nCOMMIT;"))).filteredOn((finding) -> finding.rule()
			.equals("PG124"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("LOCK TABLE without a mode takes ACCESS"
					+ " EXCLUSIVE, the strongest: it stops every query of \"users\", even a SELECT, until the COMMIT that"
					+ " ends the transaction block it is in."));
		assertThat(findings(nonTx("DO $$ BEGIN LOCK TABLE users; END $$;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).endsWith("even a SELECT, until its DO block ends."));
		assertThat(findings(tx("DO $$ BEGIN LOCK TABLE users; END $$;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).endsWith("even a SELECT, until this revision commits."));
	}

	@Test
	void pg116CountsADropTableIfExistsOnlyOfATableTheRevisionsLeft() {
		String alterOrders = "\nALTER TABLE orders ADD COLUMN note text;";
		// IF EXISTS of a table no linted revision created: it may not be there, and then it locks nothing.
		assertThat(rules(tx("DROP TABLE IF EXISTS no_such_table CASCADE;" + alterOrders))).containsExactly("PG114");
		// A table the revisions created is there: dropping it holds its lock with the one on orders.
		assertThat(rules(tx("DROP TABLE IF EXISTS accounts;" + alterOrders))).containsExactly("PG114", "PG116");
		// Without IF EXISTS the statement says the table is there: it fails otherwise.
		assertThat(rules(tx("DROP TABLE legacy_audit;" + alterOrders))).containsExactly("PG114", "PG116");
		// Dropped by an earlier revision, it is gone; renamed, it is there under its new name.
		assertThat(rules(tx("-- lint:ack PG114 no release reads accounts\nDROP TABLE accounts;"),
				tx("DROP TABLE IF EXISTS accounts;" + alterOrders))).isEmpty();
		assertThat(rules(tx("-- lint:ack PG113 no release reads accounts\nALTER TABLE accounts RENAME TO ledgers;"),
				tx("DROP TABLE IF EXISTS ledgers;" + alterOrders))).containsExactly("PG114", "PG116");
	}

	@Test
	void lint006CopyFromOrToTheClient() {
		assertThat(findings(tx("COPY users (id, email) FROM STDIN WITH (FORMAT csv);"))).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("LINT006");
				assertThat(finding.name()).isEqualTo("client-copy");
				assertThat(finding.severity()).isEqualTo(Severity.ERROR);
				assertThat(finding.message()).isEqualTo("'COPY ... FROM STDIN' copies rows between the server and the"
						+ " client: upgrade and downgrade refuse the revision before anything runs (Retort has no rows to"
						+ " send over JDBC, and in an --sql script psql would read the script's next lines as the rows).");
				assertThat(finding.fix()).startsWith("Write the rows as INSERT ... VALUES");
			});
		assertThat(rules(nonTx("COPY (SELECT id FROM users) TO STDOUT;"))).containsExactly("LINT006");
		// A file on the server, or the words in a string or a comment, are no copy to or from the client.
		assertThat(rules(tx("COPY users FROM '/srv/from stdin.csv' /* not TO STDOUT */;\nCOPY users TO '/tmp/u';")))
			.isEmpty();
		// An acknowledgement naming no rule lists the rules there are, this one among them.
		assertThat(findings(tx("-- lint:ack PG999 a rule of another tool\nSELECT 1;"))).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("'-- lint:ack PG999' names no rule; rules"
					+ " are PG101 to PG126 and LINT001 to LINT006 (docs/lint.md), by id or name."));
	}

	@Test
	void pg105SaysHowEachStatementItFiresOnRunsASecondTime() {
		// ADD CONSTRAINT has no IF NOT EXISTS: the advice was to write one, a syntax error.
		String addConstraint = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users"
				+ " (id) NOT VALID;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_user ON orders (user_id);";
		assertThat(findings(nonTx(addConstraint))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG105");
			assertThat(finding.fix()).isEqualTo("ADD CONSTRAINT has no IF NOT EXISTS: run it in a DO block that checks"
					+ " pg_constraint first: DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid ="
					+ " 'orders'::regclass AND conname = 'orders_user_fk') THEN ALTER TABLE orders ADD CONSTRAINT"
					+ " orders_user_fk ...; END IF; END $$; Or one statement per non-transactional revision.");
		});
		// Following it passes (LockClaimsTests runs the block twice).
		assertThat(rules(nonTx("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'orders'::regclass"
				+ " AND conname = 'orders_user_fk') THEN ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY"
				+ " (user_id) REFERENCES users (id) NOT VALID; END IF; END $$;\n"
				+ "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_user ON orders (user_id);"))).isEmpty();
		// Where the statement has a guard, that one.
		assertThat(fixOf(nonTx("ALTER TABLE orders ADD COLUMN note text, DROP COLUMN status;\nSELECT 1;")))
			.isEqualTo("ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS in the ALTER TABLE. Or one statement per"
					+ " non-transactional revision.");
		assertThat(fixOf(nonTx("CREATE UNIQUE INDEX CONCURRENTLY ix ON orders (id);\nSELECT 1;")))
			.startsWith("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS.");
		assertThat(fixOf(nonTx("DROP INDEX CONCURRENTLY ix;\nSELECT 1;"))).startsWith("DROP INDEX CONCURRENTLY IF EXISTS.");
		assertThat(fixOf(nonTx("CREATE TRIGGER t AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();\nSELECT 1;")))
			.startsWith("CREATE OR REPLACE TRIGGER.");
		assertThat(fixOf(nonTx("CREATE TYPE mood AS ENUM ('ok');\nSELECT 1;")))
			.startsWith("CREATE TYPE has no IF NOT EXISTS: run it in a DO block that checks the catalog first");
		// CREATE OR REPLACE runs again as it ran.
		assertThat(rules(nonTx("CREATE OR REPLACE VIEW v AS SELECT 1;\nSELECT 1;"))).isEmpty();
		// Work in progress gets its finding, not an exception.
		assertThat(fixOf(nonTx("CREATE;\nSELECT 1;"))).isEqualTo("Or one statement per non-transactional revision.");
	}

	@Test
	void aDowngradeIsLintedAgainstTheSchemaItsUpgradeLeftWithItsFindingsSaidSo() {
		// varchar to text rewrites nothing; the way back does (PG112), and a rollback runs it in production.
		List<LintFinding> found = downgradeFindings("ALTER TABLE users ALTER COLUMN name TYPE text;",
				"\n-- a comment\nALTER TABLE users ALTER COLUMN name TYPE varchar(100);");
		assertThat(found).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG112");
			assertThat(finding.revision()).isEqualTo("r2");
			assertThat(finding.source()).isEqualTo("r2.sql:12");
			assertThat(finding.message()).startsWith("In the downgrade, ");
		});
		// Acknowledged inside the section.
		assertThat(downgradeFindings("ALTER TABLE users ALTER COLUMN name TYPE text;",
				"-- lint:ack PG112 users holds a hundred rows\nALTER TABLE users ALTER COLUMN name TYPE varchar(100);"))
			.isEmpty();
		// An index dropped the quick way blocks the table as in an upgrade, and one built again the quick way too.
		assertThat(downgradeFindings("DROP INDEX CONCURRENTLY idx_users_email;",
				"CREATE INDEX idx_users_name ON users (name);\nDROP INDEX idx_users_email;"))
			.extracting(LintFinding::rule).containsExactly("PG101", "PG102");
	}

	@Test
	void aDowngradeUndoingItsUpgradeIsNotFlaggedForTheUndoingItself() {
		// Dropping what the upgrade made, renaming back, a json column back, the upgrade's tables together:
		// the upgrade's to flag. An index dropped before its table is dropped holds nothing more.
		assertThat(downgradeFindings("CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);\n"
				+ "ALTER TABLE users ADD COLUMN note text;\nALTER TABLE users RENAME COLUMN name TO full_name;\n"
				+ "ALTER TABLE orders ALTER COLUMN status TYPE jsonb USING to_jsonb(status);",
				"ALTER TABLE orders ALTER COLUMN status TYPE json USING status::json;\n"
						+ "ALTER TABLE users RENAME COLUMN full_name TO name;\nALTER TABLE users DROP COLUMN note;\n"
						+ "DROP INDEX t_id;\nDROP TABLE t;"))
			.extracting(LintFinding::rule).containsExactly("PG112");
		// What the downgrade changes stays in the downgrade: the next revision reads the schema the upgrade left.
		List<LintedRevision> linted = new ArrayList<>();
		linted.add(revision("r1", BASE, true));
		linted.add(revision("r2", "SELECT 1;", true));
		linted.add(revision("r2", "ALTER TABLE users ALTER COLUMN name TYPE text;", true).asDowngrade());
		linted.add(revision("r3", "ALTER TABLE users ALTER COLUMN name TYPE varchar(200);", true));
		assertThat(Linter.lint(linted)).isEmpty();
		// A downgrade section acknowledged empty (LINT005) holds no stray acknowledgement.
		assertThat(Linter.lint(List.of(revision("r2", "SELECT 1;\n\n-- lint:ack LINT005 the log outlives rollbacks", true)
			.asDowngrade()))).isEmpty();
		assertThat(Linter.lint(List.of(revision("r2", "SELECT 1;\n\n-- lint:ack PG114 a stray one", true).asDowngrade())))
			.extracting(LintFinding::rule).containsExactly("LINT002");
	}

	@Test
	void pg125FlagsWhatATenantRevisionMakesChangesOrWritesInAnotherSchema() {
		// Made, changed or written outside the tenant's schema: every tenant's run reaches it again.
		assertThat(inSchema("tenant_a", "CREATE TABLE public.audit_log (id bigint);\n"
				+ "CREATE INDEX audit_log_id ON public.audit_log (id);\nINSERT INTO public.plans VALUES (1);\n"
				+ "UPDATE ONLY shared.plans SET name = 'x' WHERE id = 1;\nDELETE FROM public.plans WHERE id = 2;\n"
				+ "ALTER TABLE IF EXISTS public.tenants ADD COLUMN note text;\nDROP VIEW IF EXISTS public.v, public.w;\n"
				+ "CREATE OR REPLACE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
				+ "TRUNCATE accounts, \"Shared\".cache;"))
			.extracting(LintFinding::message)
			.allMatch((message) -> message.contains("outside schema \"tenant_a\" that these revisions run for"))
			.extracting((message) -> message.substring(0, message.indexOf(',')))
			.containsExactly("This statement makes public.audit_log", "This statement makes public.audit_log",
					"This statement writes public.plans", "This statement writes shared.plans",
					"This statement writes public.plans", "This statement changes public.tenants",
					"This statement drops public.v", "This statement makes public.f", "This statement writes Shared.cache");
		// Its own schema, unqualified names, the session's temporary schema, and what it only reads elsewhere.
		assertThat(inSchema("tenant_a", "CREATE TABLE tenant_a.a (id bigint, plan_id bigint REFERENCES public.plans (id));\n"
				+ "CREATE TABLE TENANT_A.b (id bigint);\nCREATE TABLE c (id bigint);\nCREATE TEMP TABLE pg_temp.d (id int);\n"
				+ "CREATE VIEW e AS SELECT * FROM public.plans;\nINSERT INTO c SELECT id FROM public.plans;\n"
				+ "SELECT public.f();")).isEmpty();
		// Acknowledged, as any warning.
		assertThat(inSchema("tenant_a", "-- lint:ack PG125 the audit log is shared, made once by the first tenant\n"
				+ "CREATE TABLE IF NOT EXISTS public.audit_log (id bigint);")).isEmpty();
		// Without a schema configured, or with public, public.x is on purpose.
		assertThat(inSchema(null, "CREATE TABLE public.audit_log (id bigint);")).isEmpty();
		assertThat(inSchema("public", "CREATE TABLE public.audit_log (id bigint);\nINSERT INTO audit.log VALUES (1);"))
			.isEmpty();
	}

	/** The findings of a revision that runs for {@code schema} ({@code --schema}), the tables of BASE aside. */
	private static List<LintFinding> inSchema(String schema, String sql) {
		return Linter.lint(List.of(revision("r2", sql, true)), schema).stream()
			.filter((finding) -> finding.rule().equals("PG125"))
			.toList();
	}

	private static List<LintFinding> downgradeFindings(String upgrade, String downgrade) {
		List<LintedRevision> linted = new ArrayList<>();
		linted.add(revision("r1", BASE, true));
		linted.add(revision("r2", upgrade, true));
		// The downgrade section starts on line 10 of r2.sql.
		linted.add(LintedRevision.of("r2", "r2.sql", true, StatementSplitter.split(downgrade, 10), downgrade, 10)
			.asDowngrade());
		// The upgrade's own findings apart.
		return Linter.lint(linted).stream()
			.filter((finding) -> Integer.parseInt(finding.source().substring("r2.sql:".length())) >= 10)
			.toList();
	}

	private static String fixOf(Rev revision) {
		return findings(revision).stream().filter((finding) -> finding.rule().equals("PG105")).findFirst().orElseThrow().fix();
	}

	private static List<String> rules(Rev... revisions) {
		return findings(revisions).stream().map(LintFinding::rule).toList();
	}

	private static List<LintFinding> findings(Rev... revisions) {
		List<LintedRevision> linted = new ArrayList<>();
		linted.add(revision("r1", BASE, true));
		for (int i = 0; i < revisions.length; i++) {
			linted.add(revision("r" + (i + 2), revisions[i].sql(), revisions[i].transactional()));
		}
		return Linter.lint(linted);
	}

	private static LintedRevision revision(String id, String sql, boolean transactional) {
		return LintedRevision.of(id, id + ".sql", transactional, StatementSplitter.split(sql, 1), sql, 1);
	}

}
