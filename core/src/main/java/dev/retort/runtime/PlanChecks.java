package dev.retort.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.retort.config.TransactionMode;
import dev.retort.dialect.postgres.ClientCopy;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.TransactionControl;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.SqlBody;

/**
 * What refuses a plan before its first step runs, so that a run that could not finish stops
 * having changed nothing: a SQL revision file whose statements cannot be split, a statement every
 * run refuses (a copy from the client, a transactional revision's own {@code COMMIT}, what needs a
 * transaction block in a revision without one), and, when the whole run is one transaction, a
 * revision that must run outside one. Every one of the plan is reported at once, whatever its
 * kind, so that an operator fixes them in one pass instead of meeting the next kind at each run.
 * Apart from {@link MigrationRunner} because these look at the whole plan once, while the runner
 * works a step at a time.
 */
final class PlanChecks {

	private PlanChecks() {
	}

	/**
	 * Throws when the plan cannot run whole; called with a plan that has steps.
	 * @param javaChecksums receives the checksum of each Java revision the plan upgrades, rendered here
	 */
	static void requireRunnable(Plan plan, Function<String, RevisionScript> scripts, TransactionMode mode,
			Map<String, String> javaChecksums) {
		List<String> problems = new ArrayList<>();
		splitStatements(plan, scripts, javaChecksums, problems);
		refuseClientCopy(plan, scripts, problems);
		refuseTransactionControl(plan, scripts, problems);
		String nonTransactional = (mode == TransactionMode.ALL) ? nonTransactionalInOneTransaction(plan) : null;
		if (!problems.isEmpty()) {
			if (nonTransactional != null) {
				problems.add(nonTransactional);
			}
			throw new InvalidRevisionFileException(problems);
		}
		if (nonTransactional != null) {
			// Alone it is the configuration's conflict with the revisions, not a file's problem.
			throw new RetortException(ErrorCode.CONFIGURATION, nonTransactional);
		}
	}

	/**
	 * The statements of the section {@code step} runs; none when the section cannot be split, whose
	 * problem {@link #splitStatements} reported already, or when it is absent.
	 */
	private static List<SqlStatement> section(Step step, SqlBody sql) {
		try {
			List<SqlStatement> section = (step.operation() == Step.Operation.UPGRADE) ? sql.upgrade() : sql.downgrade();
			return (section != null) ? section : List.of();
		}
		catch (InvalidRevisionFileException ex) {
			return List.of();
		}
	}

	/**
	 * Splits the statements of every SQL revision the plan runs, and renders every Java one
	 * offline, before the first runs: files are split on first use (see {@code SqlSection}), and a
	 * file that cannot be split, or a Java revision that renders a psql command, must stop the run
	 * while it has changed nothing. The rendering is also the checksum a Java upgrade is recorded with.
	 */
	private static void splitStatements(Plan plan, Function<String, RevisionScript> scripts,
			Map<String, String> javaChecksums, List<String> problems) {
		for (Step step : plan.steps()) {
			if (!MigrationRunner.hasBody(step)) {
				continue;
			}
			RevisionScript script = scripts.apply(step.revision().id());
			if (script.body() instanceof SqlBody sql) {
				problems.addAll(sql.splitProblems());
			}
			else {
				boolean upgrade = step.operation() == Step.Operation.UPGRADE;
				try {
					RenderedJava rendered = MigrationRunner.renderJava(script, upgrade);
					if (rendered.refusedInTransaction() != null && MigrationRunner.transactional(step)) {
						problems.add(nonTransactional(step, rendered, upgrade));
					}
					if (upgrade) {
						javaChecksums.put(script.revision().id(), JavaChecksum.toRecord(script, rendered));
					}
				}
				catch (InvalidRevisionFileException ex) {
					problems.addAll(ex.problems());
				}
			}
		}
	}

	/**
	 * A transactional Java revision whose rendering met an operation that cannot run in its
	 * transaction ({@code CONCURRENTLY}, a batched backfill): it would fail there, after the
	 * revisions before it in the plan were applied, so it is refused before any of them runs, as
	 * an {@code op.execute("COMMIT")} is. One met only after the revision used the connection
	 * (where its rendering stops) is still refused when it is reached.
	 */
	private static String nonTransactional(Step step, RenderedJava rendered, boolean upgrade) {
		Revision revision = step.revision();
		String location = (rendered.calls().isEmpty()) ? revision.origin().source()
				: rendered.calls().lastEntry().getValue();
		return "Revision " + revision.id() + " (" + location + ") is transactional, but its "
				+ (upgrade ? "upgrade" : "downgrade") + " runs '" + rendered.refusedInTransaction()
				+ "', which cannot run inside a transaction. Nothing was run. Move it into a revision of its own declared"
				+ " @Revision(transactional = false), which runs each operation on its own.";
	}

	/**
	 * A SQL revision's {@code COPY … FROM STDIN} (or {@code TO STDOUT}) fails online only once
	 * the revisions before it in the plan are applied, with a protocol error that reads as a lost
	 * connection, and in an {@code --sql} script psql reads the script's next lines as its rows
	 * ({@link ClientCopy}). Refused before anything runs, naming the file and line.
	 */
	private static void refuseClientCopy(Plan plan, Function<String, RevisionScript> scripts, List<String> problems) {
		for (Step step : plan.steps()) {
			if (!MigrationRunner.hasBody(step) || !(scripts.apply(step.revision().id()).body() instanceof SqlBody sql)) {
				continue;
			}
			for (SqlStatement statement : section(step, sql)) {
				String copy = ClientCopy.of(statement.sql());
				if (copy != null) {
					problems.add(clientCopy(step.revision(), step.revision().origin().at(statement.line()), copy));
				}
			}
		}
	}

	/** Why a revision may not copy rows to or from the client, for a SQL file's statement and a Java revision's call alike. */
	static String clientCopy(Revision revision, String location, String copy) {
		return "Revision " + revision.id() + " (" + location + ") runs '" + copy + "', whose rows travel between the"
				+ " server and the client: Retort has none to send over JDBC, and in an --sql script psql would read the"
				+ " script's next lines (the revision's version-table change among them) as its rows. Nothing was run."
				+ " Write the rows as INSERT ... VALUES, COPY from or to a file on the server (COPY ... FROM '/path'), or,"
				+ " online only, copy them in a Java revision with pgjdbc's CopyManager on op.connection().";
	}

	/**
	 * A transactional SQL revision runs in the runner's transaction with its version row: a
	 * {@code COMMIT} among its statements would commit those before it even when a later one
	 * fails, leaving them applied and the revision not, and a {@code BEGIN} or {@code ROLLBACK}
	 * would split it the same way. Refused before anything runs, naming the file and line.
	 */
	private static void refuseTransactionControl(Plan plan, Function<String, RevisionScript> scripts,
			List<String> problems) {
		for (Step step : plan.steps()) {
			if (!MigrationRunner.hasBody(step) || !(scripts.apply(step.revision().id()).body() instanceof SqlBody sql)) {
				continue;
			}
			boolean upgrade = step.operation() == Step.Operation.UPGRADE;
			List<SqlStatement> section = section(step, sql);
			if (!MigrationRunner.transactional(step)) {
				int open = !section.isEmpty() ? TransactionControl.unclosedBegin(section) : -1;
				if (open >= 0) {
					// Its version row would be committed with what the block holds, and a failure in it
					// would leave the session in an aborted transaction.
					problems.add("Revision " + step.revision().id() + " (" + step.revision().origin()
						.at(section.get(open).line()) + ") runs outside a transaction ('Transactional: false'), but"
							+ " its " + (upgrade ? "upgrade" : "downgrade") + " opens a transaction block with '"
							+ TransactionControl.of(section.get(open).sql()) + "' that none of its later statements"
							+ " ends. Nothing was run. End it with COMMIT, or remove it (each statement then commits on"
							+ " its own).");
				}
				int unguarded = !section.isEmpty() ? TransactionControl.outsideBlock(section) : -1;
				if (unguarded >= 0) {
					problems.add("Revision " + step.revision().id() + " (" + step.revision().origin()
						.at(section.get(unguarded).line()) + ") runs outside a transaction ('Transactional: false'), but"
							+ " its " + (upgrade ? "upgrade" : "downgrade") + " has a '"
							+ TransactionControl.needingBlock(section.get(unguarded).sql()) + "', which PostgreSQL runs"
							+ " only inside a transaction block: it would fail there (SQLSTATE 25P01) after the statements"
							+ " before it had committed. Nothing was run. Remove 'Transactional: false' if nothing in the"
							+ " revision must run outside a transaction, or move the statement into a transactional"
							+ " revision of its own.");
				}
				continue;
			}
			for (SqlStatement statement : section) {
				String command = TransactionControl.of(statement.sql());
				if (command != null) {
					problems.add(transactionControl(step.revision(), step.revision().origin().at(statement.line()),
							"its " + (upgrade ? "upgrade" : "downgrade") + " says", command));
				}
				String refused = TransactionControl.refusedInTransaction(statement.sql());
				if (refused != null) {
					// PostgreSQL would refuse it there (SQLSTATE 25001) after the plan's revisions before it were applied.
					problems.add("Revision " + step.revision().id() + " (" + step.revision().origin().at(statement.line())
							+ ") is transactional, but its " + (upgrade ? "upgrade" : "downgrade") + " runs '" + refused
							+ "', which cannot run inside a transaction. Nothing was run. Move it into a revision of its"
							+ " own with '-- Transactional: false', which runs each statement on its own.");
				}
			}
		}
	}

	/**
	 * Why a transactional revision may not end its transaction itself, for a SQL file's statement
	 * and for a Java revision's {@code op.execute("COMMIT")} alike.
	 * @param says what in the revision says it: "its upgrade says"
	 */
	static String transactionControl(Revision revision, String location, String says, String command) {
		return "Revision " + revision.id() + " (" + location + ") is transactional, but " + says + " '" + command
				+ "', which ends the transaction Retort runs it in: the statements before it would stay committed even"
				+ " when a later one fails, apart from the revision's version row. Nothing was run. Remove it (Retort"
				+ " commits the revision together with its version row), or declare the revision "
				+ ((revision.kind() == Revision.Kind.JAVA) ? "@Revision(transactional = false)" : "'-- Transactional: false'")
				+ " if it must commit in parts.";
	}

	/**
	 * Why a run that is one transaction ({@code transaction-mode: all}) cannot hold the plan's
	 * revisions that must run outside one, or {@code null} when it has none.
	 */
	private static String nonTransactionalInOneTransaction(Plan plan) {
		List<String> refused = new ArrayList<>();
		// Named as each kind declares it: a Java revision has no 'Transactional:' header to look for.
		Set<String> declared = new LinkedHashSet<>();
		for (Step step : plan.steps()) {
			if (!MigrationRunner.transactional(step)) {
				refused.add(step.revision().id() + " (" + step.revision().origin().source() + ")");
				declared.add(FailureMessage.nonTransactional(step.revision()));
			}
		}
		if (refused.isEmpty()) {
			return null;
		}
		return "Revision(s) " + String.join(", ", refused) + " must run outside a transaction ("
				+ String.join(", ", declared) + "), but 'retort.transaction-mode' is 'all'"
				+ " (one transaction for the whole run). Nothing was run. Use 'retort.transaction-mode: per-revision', or"
				+ " run up to the revision before it, then the rest, in separate runs.";
	}

}
