package dev.retort.runtime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.retort.revision.VersionChange;

/**
 * The version table, laid out as Alembic's {@code alembic_version} (one row per current head,
 * primary key named {@code <table>_pkc}) so that Retort can take over a database Alembic
 * managed. Reading never creates it: a missing table means no revision is applied.
 */
final class VersionTable {

	private final TableNames names;

	VersionTable(TableNames names) {
		this.names = names;
	}

	/** The DDL, idempotent so the offline script can always carry it. */
	String createSql() {
		return "CREATE TABLE IF NOT EXISTS " + this.names.qualifiedVersionTable()
				+ " (\n    version_num varchar(32) NOT NULL,\n    CONSTRAINT "
				+ Sql.identifier(this.names.versionTable() + "_pkc") + " PRIMARY KEY (version_num)\n)";
	}

	/** The version rows, or empty when the table does not exist. */
	Optional<List<String>> readHeads(Session session) throws SQLException {
		try {
			return Optional.of(session.query(headsQuery(), VersionTable::head));
		}
		catch (SQLException ex) {
			if (missingRelation(ex)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	String headsQuery() {
		return "SELECT version_num FROM " + this.names.qualifiedVersionTable();
	}

	static String head(ResultSet row) throws SQLException {
		return row.getString(1);
	}

	/** The statement for one change of Alembic's row algebra, with the rows it must touch. */
	Bookkeeping change(VersionChange change) {
		String table = this.names.qualifiedVersionTable();
		if (change instanceof VersionChange.Insert insert) {
			return new Bookkeeping("INSERT INTO " + table + " (version_num) VALUES (" + Sql.literal(insert.revision())
					+ ")", 1);
		}
		if (change instanceof VersionChange.Update update) {
			return new Bookkeeping("UPDATE " + table + " SET version_num = " + Sql.literal(update.to())
					+ " WHERE version_num = " + Sql.literal(update.from()), 1);
		}
		if (change instanceof VersionChange.Delete delete) {
			return new Bookkeeping("DELETE FROM " + table + " WHERE version_num = " + Sql.literal(delete.revision()),
					1);
		}
		return new Bookkeeping("DELETE FROM " + table, Bookkeeping.ANY_ROWS);
	}

	/** Whether a statement of Retort's adds a version row ({@link #change} of an insert). */
	static boolean inserts(Bookkeeping statement) {
		return statement.sql().startsWith("INSERT INTO ") && statement.sql().contains(" (version_num) VALUES (");
	}

	static boolean missingRelation(SQLException ex) {
		// 42P01 undefined_table, 3F000 invalid_schema_name
		return "42P01".equals(ex.getSQLState()) || "3F000".equals(ex.getSQLState());
	}

}
