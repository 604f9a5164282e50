package dev.retort.runtime;

import java.sql.SQLException;
import java.util.Locale;

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

	/**
	 * {@code 28000}, "no pg_hba.conf entry … no encryption": no line lets the user in without SSL,
	 * most often because the server takes it over SSL only (a {@code hostssl} line) and the URL
	 * said {@code sslmode=disable}. (A {@code reject} line says "rejects connection" instead.)
	 */
	NO_ENTRY_WITHOUT_SSL("28000", "The server is running but its pg_hba.conf has no line that lets this user in "
			+ "from here without SSL: check the user name; when the server takes it over SSL only (a 'hostssl' line), "
			+ "remove 'sslmode=disable' (or 'ssl=false') from the URL, or set 'sslmode=require' ('verify-full' with "
			+ "the server's CA in 'sslrootcert' also checks whom you talk to); else the server needs a pg_hba.conf "
			+ "line for it."),

	/** {@code 28000}: the user, by name or by pg_hba.conf. */
	USER_REFUSED("28000", "The server is running but refused the user: check the user name, and that the server's "
			+ "pg_hba.conf lets it connect from here."),

	/**
	 * {@code 08004} from the driver before it logs in, asked for a password it was not given:
	 * often a job that sets {@code PGPASSWORD}, which only libpq reads.
	 */
	PASSWORD_MISSING("08004", "The server is running and asks for a password, but none was given: give the "
			+ "connection's password (PGPASSWORD is not read: the driver is pgjdbc, not libpq; ~/.pgpass is)."),

	/**
	 * {@code 08004} otherwise: the server and the driver could not agree before login (SSL the
	 * server does not offer, an authentication method the driver lacks).
	 */
	LOGIN_REJECTED("08004", "The server is running but the connection was rejected before login: fix what the "
			+ "driver's message names (an 'sslmode' the server does not offer, an authentication method in its "
			+ "pg_hba.conf the driver does not support).");

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
		// The SQLState tells the kind; the (English) text tells apart two refusals of one state. A
		// driver speaking another language gets the broader advice of the state.
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		for (ConnectionRefusal refusal : values()) {
			if (refusal.sqlState.equals(ex.getSQLState()) && refusal.matches(message)) {
				return refusal;
			}
		}
		return null;
	}

	private boolean matches(String message) {
		return switch (this) {
			case NO_ENTRY_WITHOUT_SSL -> message.contains("no pg_hba.conf entry") && message.contains("no encryption");
			case PASSWORD_MISSING -> message.contains("password");
			default -> true;
		};
	}

	/** @return what to fix, in the terms of a connection's URL, user and password */
	public String advice() {
		return this.advice;
	}

}
