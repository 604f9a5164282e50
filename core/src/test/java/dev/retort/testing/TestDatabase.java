package dev.retort.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test, on the run's {@link TestPostgres.Server}.
 *
 * @param server the server it lives on
 * @param name the database name
 */
public record TestDatabase(TestPostgres.Server server, String name) {

	public String jdbcUrl() {
		return server.jdbcUrl(name);
	}

	public String user() {
		return server.user();
	}

	public String password() {
		return server.password();
	}

	/** A new connection as the superuser. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), user(), password());
	}

	/** A non-pooling {@link DataSource}: each {@code getConnection()} opens a real session. */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl());
		dataSource.setUser(user());
		dataSource.setPassword(password());
		return dataSource;
	}

	/** Runs SQL statements, each on its own, in autocommit. */
	public void execute(String... sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** The first column of every row of a query, as strings. */
	public List<String> queryStrings(String sql, Object... args) {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			List<String> values = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * The PostgreSQL major of the server (14 to 18): a test of what only some versions have (virtual
	 * generated columns from 18 on) asks it, since RETORT_TEST_JDBC_URL may name any version.
	 */
	public int serverMajor() {
		return Integer.parseInt(queryStrings("SELECT current_setting('server_version_num')").get(0)) / 10000;
	}

	/** Whether a table of that name exists in any schema of the search path. */
	public boolean tableExists(String table) {
		return !queryStrings("SELECT to_regclass(?)::text", table).contains(null);
	}

	/**
	 * Drops the database, ending sessions still connected to it, and the roles a test made for it:
	 * those named {@code <anything>_<database name>}, as the tests name theirs. Roles belong to the
	 * whole server, so on a server of one's own (RETORT_TEST_JDBC_URL) they would outlive every run.
	 */
	public void drop() {
		try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			for (String role : rolesOfThisDatabase(connection)) {
				try {
					statement.execute("DROP ROLE IF EXISTS \"" + role + "\"");
				}
				catch (SQLException ex) {
					// Still granted something elsewhere: left, as before, rather than failing a passed test.
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private List<String> rolesOfThisDatabase(Connection connection) throws SQLException {
		List<String> roles = new ArrayList<>();
		try (PreparedStatement query = connection
			.prepareStatement("SELECT rolname FROM pg_roles WHERE right(rolname, ?) = ? ORDER BY 1")) {
			query.setInt(1, name.length() + 1);
			query.setString(2, "_" + name);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					roles.add(rows.getString(1));
				}
			}
		}
		return roles;
	}

}
