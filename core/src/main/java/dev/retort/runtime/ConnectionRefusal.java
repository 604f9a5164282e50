package dev.retort.runtime;

import java.sql.SQLException;
import java.util.Locale;

/**
 * A connection the server answered and refused, by its SQLState: the server runs, so waiting for
 * it ({@code connect-retries}) cannot help, and what to fix is what it names. The driver's
 * refusals of a server it cannot trust ({@code sslmode=verify-full} without a root certificate)
 * are among them: the server answered, and only the URL's SSL settings can change the outcome. The one place that
 * tells these from a server that could not be reached, for the CLI's message and the Spring Boot
 * starter's advice alike.
 */
public enum ConnectionRefusal {

	/**
	 * {@code 3D000}: no database of that name. On a developer's first run, one not created yet; in
	 * production, a database that vanished means the URL leads elsewhere than meant, or a restore is
	 * under way, and an empty one created there would hide it: the URL is checked first.
	 */
	NO_SUCH_DATABASE("3D000", "The server is running but has no database of that name. First check that the URL "
			+ "points at the right server and database (host, port, database name): a database that was there and is "
			+ "gone most often means the wrong server, or a restore in progress, which creating an empty one would "
			+ "hide. Only in a new environment, create it (CREATE DATABASE, or createdb)."),

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
			+ "pg_hba.conf the driver does not support)."),

	/**
	 * {@code 08006} from the driver, "Could not open SSL root certificate file": {@code sslmode=verify-full}
	 * (or {@code verify-ca}) and no root certificate to check the server's against, most often
	 * because pgjdbc's default {@code ~/.postgresql/root.crt} is not there for the user running it.
	 */
	ROOT_CERTIFICATE_MISSING("08006", "The server offers SSL, but the URL's sslmode (verify-full or verify-ca) checks "
			+ "its certificate against a root certificate, and the file the driver names does not exist: put the certificate "
			+ "of the CA that signed the server's there, or name it with 'sslrootcert=/path/to/root.crt' in the URL "
			+ "(without it pgjdbc reads ~/.postgresql/root.crt of the user running it). 'sslmode=require' encrypts "
			+ "without checking whom you talk to."),

	/** {@code 08006}, "PKIX path building failed": the root certificate given did not sign the server's. */
	SERVER_CERTIFICATE_UNTRUSTED("08006", "The server offers SSL, but its certificate is not signed by the root "
			+ "certificate the URL's sslmode (verify-full or verify-ca) checks it against ('sslrootcert', else "
			+ "~/.postgresql/root.crt): give in 'sslrootcert' the certificate of the CA that signed the server's (the "
			+ "server's own when it is self-signed)."),

	/** {@code 08006}, "could not be verified by hostnameverifier": verify-full, and a host the certificate does not name. */
	HOST_NAME_MISMATCH("08006", "The server's certificate is trusted, but sslmode=verify-full also checks that the "
			+ "host of the URL is a name the certificate was issued for, and it is not: connect by that name (the "
			+ "certificate's CN or subjectAltName), or use 'sslmode=verify-ca', which checks the signature alone."),

	/**
	 * {@code 08001} from the driver, "Invalid sslmode value: …" (also {@code targetServerType},
	 * {@code gssEncMode}): a parameter of the URL has no valid value. pgjdbc files it under "unable
	 * to connect", which read as a server that may be down, and was waited for.
	 */
	INVALID_DRIVER_SETTING("08001", Advice.INVALID_SETTING),

	/**
	 * {@code 22023}, from the driver ("connectTimeout parameter value must be an integer but was:
	 * …") or from the server (a setting of the URL's {@code options=-c …} it refuses).
	 */
	INVALID_PARAMETER_VALUE("22023", Advice.INVALID_SETTING);

	/** Advice two refusals share (a holder: constants may not name a field of their enum declared after them). */
	private static final class Advice {

		/** A setting that is not valid: bad input, fixed where the URL is written, not a server to wait for. */
		static final String INVALID_SETTING = "A parameter of the connection's URL has a value that is not valid: "
				+ "fix the value the message names (pgjdbc's parameters and their values: "
				+ "https://jdbc.postgresql.org/documentation/use/#connection-parameters).";

	}

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
			// pgjdbc's 08006 is any connection failure (a server that is down too): only these words tell.
			case ROOT_CERTIFICATE_MISSING -> message.contains("could not open ssl root certificate file");
			case SERVER_CERTIFICATE_UNTRUSTED -> message.contains("pkix path building failed");
			case HOST_NAME_MISMATCH -> message.contains("could not be verified by hostnameverifier");
			// pgjdbc's 08001 is also "The connection attempt failed" (an unknown host, a network down).
			case INVALID_DRIVER_SETTING -> message.startsWith("invalid ") && message.contains(" value: ");
			default -> true;
		};
	}

	/**
	 * Whether the refusal is of the connection's settings as written (exit code 2: bad input), not
	 * of a login the server turned down at run time.
	 * @return {@code true} for a parameter of the URL with a value that is not valid
	 */
	public boolean invalidSetting() {
		return this == INVALID_DRIVER_SETTING || this == INVALID_PARAMETER_VALUE;
	}

	/** @return what to fix, in the terms of a connection's URL, user and password */
	public String advice() {
		return this.advice;
	}

}
