package dev.retort.runtime;

import java.sql.SQLException;

/**
 * A connection the server answered and refused, by its SQLState: the server runs, so waiting for
 * it ({@code connect-retries}) cannot help, and what to fix is what it names. The one place that
 * tells these from a server that could not be reached, for the CLI's message and the Spring Boot
 * starter's advice alike.
 */
public enum ConnectionRefusal {

	/** {@code 3D000}: no database of that name, often one not created yet. */
	NO_SUCH_DATABASE("3D000", "The server is running but has no database of that name: create it (CREATE DATABASE, "
			+ "or createdb), or fix the database name in the URL."),

	/** {@code 28P01}: the password, or a user the server does not know (it says the same). */
	PASSWORD_REFUSED("28P01", "The server is running but refused the user and password: check both (PostgreSQL says "
			+ "'password authentication failed' for an unknown user too)."),

	/** {@code 28000}: the user, by name or by pg_hba.conf. */
	USER_REFUSED("28000", "The server is running but refused the user: check the user name, and that the server's "
			+ "pg_hba.conf lets it connect from here.");

	private final String sqlState;

	private final String advice;

	ConnectionRefusal(String sqlState, String advice) {
		this.sqlState = sqlState;
		this.advice = advice;
	}

	/**
	 * The refusal a failed connection was, if the server answered with one.
	 * @param ex the failure
	 * @return the refusal, or {@code null} when the server was not reached or said something else
	 */
	public static ConnectionRefusal of(SQLException ex) {
		for (ConnectionRefusal refusal : values()) {
			if (refusal.sqlState.equals(ex.getSQLState())) {
				return refusal;
			}
		}
		return null;
	}

	/** @return what to fix, in the terms of a connection's URL, user and password */
	public String advice() {
		return this.advice;
	}

}
