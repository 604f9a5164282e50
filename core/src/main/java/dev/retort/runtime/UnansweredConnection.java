package dev.retort.runtime;

/**
 * How a connection ran out of time with nothing refused: what to check differs. Told from the
 * driver's failure (inside a pool's, which keeps it as its cause), for the CLI's message and the
 * Spring Boot starter's advice alike.
 */
public enum UnansweredConnection {

	/** The TCP connect did not complete within the driver's {@code connectTimeout}: the way there drops the traffic. */
	NOT_OPENED,

	/**
	 * The TCP connection opened and the server did not answer the login within the bound that
	 * ended it: a hung server or pooler, a forward with nothing behind it.
	 */
	NOT_ANSWERED,

	/**
	 * The driver's {@code loginTimeout} ended it within its {@code connectTimeout}: either of the
	 * two above, which the driver's words do not tell apart.
	 */
	EITHER

}
