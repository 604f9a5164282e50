package dev.retort.benchmarks;

/** The method section of {@code docs/benchmarks.md}: what each scenario measures, and how. */
final class Method {

	static final String TEXT = """
			**The workload** (`Workload`). Revision *i* of a straight history, the same SQL text for every
			tool: four revisions per table (`CREATE TABLE` with an identity key and three rows; `ALTER TABLE
			ADD COLUMN … DEFAULT` and an `UPDATE`; `CREATE INDEX` and another `ADD COLUMN`; a foreign key to
			the previous table, an `UPDATE` and an `INSERT`), and every revision inserts its number into
			`bench_ledger`. Each revision runs in its own transaction with every tool. Files per tool:
			Retort SQL revisions with the SPEC §2.1 header chained by `Revises` (and a downgrade section);
			Flyway `V{n}__….sql`; Liquibase one formatted-SQL file per revision (one changeset with its
			`--rollback` lines) included from a master XML changelog; plain JDBC one file per revision, run
			in name order with a one-row version table (no checksums, history or lock: the floor).
			After every run the ledger is checked: exactly N rows, N distinct revisions.

			1. **Apply** N pending revisions to an empty database (a new database per run), each run in a
			   new JVM (`java -cp … dev.retort.benchmarks.Runner <tool> migrate <dir>`). The time is the
			   tool's work inside that JVM: from configuring the tool to the end of the migration, so it
			   includes loading the tool's classes, reading its files and its bookkeeping, not the JVM start
			   nor setting up logging, which an application does before its tool runs (see the end).
			   Each JVM has on its class path what an application of that tool has: the tool's jars with
			   their dependencies, the driver, SLF4J and logback; not the other tools', Spring Boot's or
			   the harness's (`Tool.onClassPath`).
			   *CPU time* is the CPU the tool's JVM used meanwhile (all its threads; PostgreSQL's own work is
			   not in it): on a shared machine it moves less than wall time. *Database round trips* count
			   one apply of 100 revisions on the wire (see 2).
			2. **No-op start**: all N applied, migrate again. *Whole process* is spawn to exit of that JVM;
			   *tool's work* is the same run timed inside it; *warm JVM* is JMH (`NoOpBenchmark`: one fork,
			   each operation configures the tool from scratch and migrates, as an application start does;
			   the average over one-second iterations after five seconds of warm-up).
			   *Database round trips* are counted on the wire by a TCP relay between the JDBC driver and
			   PostgreSQL (`RoundTripProxy`): each time the client speaks after the server did is one round
			   trip, including connection set-up; the note gives the number of connections opened.
			   *Each tool's command line* is the same no-op as an operator or a CI step runs it, spawn to
			   exit, interleaved: `cli/bin/retort upgrade` on the packaged jar with the class-data archive
			   the launcher recorded on its second, untimed run (into the run's own directory), and, in a
			   row of its own, without it (`RETORT_CDS_DIR` empty, alternating with it in each round);
			   `flyway migrate` (flyway-commandline's `Main`, as its distribution's script starts it) and
			   `liquibase update` (liquibase-core's `LiquibaseCommandLine`). The peers get every advantage
			   a user could give them: only PostgreSQL's support on their class path (Flyway's
			   distribution also ships every other database's drivers, which made its start slower by
			   hand, 2.1 against 1.7 s), no update check or telemetry over the network
			   (`-skipCheckForUpdate`, `REDGATE_DISABLE_TELEMETRY`, `--analytics-enabled=false`), no banner.
			3. **Spring Boot**: a minimal app (`BootApp`: a DataSource, a `JdbcTemplate` and one bean that
			   queries the database at startup, so the baseline also pays for the first connection) on
			   Spring Boot 4 with each tool's starter (`spring-boot-starter-flyway`,
			   `spring-boot-starter-liquibase`, `retort-spring-boot-starter`), each started with only its own
			   tool's jars on the class path, against the same app with no tool. Each variant first applies
			   the 1,000 revisions itself, then is timed over `SpringApplication.run` with nothing pending:
			   15 rounds that start every variant once, in a rotating order, then 15 more rounds of only
			   the app alone and Retort's. *Paired starts* are a starter's start minus the no-tool start
			   of the same round (the pair shares the machine's load of those seconds); the target reads
			   their median, and the page also gives the difference of the two medians. Retort's starter
			   also starts, in the first 15 rounds, with an empty location against a new database
			   (*Retort, no revision files*): what the starter costs before any file, beside what the
			   1,000 files add.
			4. **Graph** (Retort alone): 10,000 revisions as one chain, and with 500 branch points and 500
			   merges (blocks of 20: a branch point, two branches of 9, a merge). *Cold JVM* loads the
			   10,000 files, validates the graph and plans base→heads in a new JVM (what a start pays);
			   JMH (`GraphBenchmark`) measures the same from files, and in memory: build and validate the
			   graph, plan, `heads`, `history`.
			5. **Memory**: a JVM with `-Xmx64m` loads, validates and plans 10,000 revisions; the row is the
			   heap still used after GC with everything loaded, minus the heap used before; the note is the
			   peak of the heap pools during the run.
			6. **Concurrency**: 8 JVMs started at once against one empty database with 1,000 pending;
			   the time is from the first spawn to the last exit. Every instance must exit 0 and the ledger
			   must hold each revision exactly once.

			All tools log at WARN (logback to standard error; Liquibase's java.util.logging at WARNING, its
			console UI replaced by its logger UI, analytics off), so console output costs the same for all.
			Logging is set up before the timer starts (`Migrators.initLogging`), as Spring Boot does before
			any migration tool runs, so Retort and Flyway (both log through SLF4J) are not charged for it
			and plain JDBC is not spared it. A measured JVM (`Runner`) sets logback up in code
			(`WarnLogging`, as Spring Boot's default logging is set up) and reads its CPU time from
			`/proc/self/stat`, so its *whole process* holds as little that is not the tool's as it can:
			parsing a `logback.xml` and loading the management beans cost a new JVM about 130 ms, which
			every tool's whole process paid before the eighth session. The Spring Boot app and the JMH
			forks read `logback.xml`.
			""";

	private Method() {
	}

}
