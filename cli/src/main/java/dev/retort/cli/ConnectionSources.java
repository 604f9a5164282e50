package dev.retort.cli;

/**
 * Where the URL, user and password of a run's connection were set: an option, an environment
 * variable, or a property of the configuration file (which one, {@code retort.*} or
 * {@code spring.datasource.*}, in which file, document and profile). A refused connection names
 * them, so that the operator fixes the setting that was used rather than another one: a job that
 * sets {@code SPRING_DATASOURCE_PASSWORD} is not told to edit {@code application.yml}. Never the
 * values of the user and password themselves.
 *
 * @param url where the URL was set
 * @param user where the user was set, or {@code null} when no layer sets one
 * @param password where the password was set, or {@code null} when no layer sets one
 * @param urlFromConfigurationFile whether the URL is the configuration file's, not one given for
 * this run by an option or an environment variable
 */
record ConnectionSources(String url, String user, String password, boolean urlFromConfigurationFile) {

	/** The sentence that follows a failed connection's message. */
	String describe() {
		return describe(false);
	}

	/**
	 * The sentence that follows a failed connection's message.
	 * @param passwordRefused whether the server refused the password it was sent: with none set,
	 * pgjdbc sent the password file's (a server asking for one that got none says so instead),
	 * and that line is the one to fix
	 */
	String describe(boolean passwordRefused) {
		return "Connection settings used: the URL from " + this.url + "; "
				+ ((this.user != null) ? "the user from " + this.user
						: "no user (pgjdbc then logs in as the operating system's user)")
				+ "; " + ((this.password != null) ? "the password from " + this.password
						: passwordRefused ? "no password, so pgjdbc sent the one of ~/.pgpass (or of the file PGPASSFILE"
								+ " names) for this host, port, database and user, which the server refused: fix that"
								+ " line, or give the password (--password, RETORT_PASSWORD)"
						: "no password (pgjdbc then reads ~/.pgpass, or the file PGPASSFILE names)")
				+ ".";
	}

}
