package dev.retort.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.dialect.postgres.StatementSplitter.PsqlCommand;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The lines of a schema model that psql reads and PostgreSQL does not: backslash commands.
 * pg_dump (17.6, 16.10, 15.14, 14.19 and later) opens its output with {@code \restrict KEY} and
 * ends it with the matching unrestrict command, which only keep psql from running other backslash
 * commands hidden in the dump; a model run over JDBC has no such commands to run, so those two are
 * skipped. Any other one ({@code \connect}, {@code \i}, {@code \set}) changes what the file
 * means, and is refused at its line rather than sent to PostgreSQL as a syntax error.
 */
final class PsqlMetaCommands {

	/** The commands pg_dump writes around its output, which change nothing of the schema. */
	private static final Set<String> SKIPPED = Set.of("restrict", "unrestrict");

	/**
	 * Why a pg_dump's output fails as a model once its meta-commands are skipped: it names every
	 * object with its schema, after emptying the search_path, so it creates in the migrated schema
	 * (or finds its tables there) instead of the empty one the model runs in.
	 */
	static final String PG_DUMP_HINT = " This model is pg_dump's output, which names every object with its schema"
			+ " (public.orders) after emptying the search_path: a model leaves names unqualified, so that they are"
			+ " created in the empty schema the comparison reads. Write the model by hand or generate it from JPA"
			+ " (docs/autogenerate.md); to compare with a database you dumped, migrate an empty database with 'retort"
			+ " upgrade' and compare the two dumps.";

	private PsqlMetaCommands() {
	}

	/** Whether {@code modelSql} is pg_dump's output: it opens with a restrict command. */
	static boolean isPgDump(String modelSql) {
		return modelSql.contains("\n\\restrict ") || modelSql.startsWith("\\restrict ");
	}

	/**
	 * The model's statements without the meta-commands pg_dump writes.
	 * @param source the model file, as shown in messages
	 * @param statements the model split into statements
	 * @return the statements to run, each with its line in the file
	 * @throws RetortException naming the file and line of another meta-command
	 */
	static List<SqlStatement> skip(String source, List<SqlStatement> statements) {
		List<SqlStatement> kept = new ArrayList<>();
		for (SqlStatement statement : statements) {
			String sql = statement.sql();
			// A backslash in a string (E'\n') is no command: the splitter tells them apart.
			PsqlCommand command = (sql.indexOf('\\') < 0) ? null : StatementSplitter.psqlCommand(sql, statement.line());
			if (command == null) {
				kept.add(statement);
				continue;
			}
			String name = command.command().substring(1);
			if (!sql.startsWith("\\") || !SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
				throw new RetortException(ErrorCode.CONFIGURATION, source + ":" + command.line() + ": '"
						+ command.command() + "' is a psql meta-command, and the model is plain SQL that Retort runs"
						+ " over JDBC, which does not read them. Delete the line, or write what it does in SQL (Retort"
						+ " skips only the \\restrict and \\unrestrict lines that pg_dump writes).");
			}
			// The splitter joined the command to the statement below it (it has no semicolon): that
			// statement, and any other command, start on the next line.
			int end = sql.indexOf('\n');
			if (end >= 0) {
				kept.addAll(skip(source, StatementSplitter.split(sql.substring(end + 1), statement.line() + 1)));
			}
		}
		return kept;
	}

}
