package dev.retort.autogenerate;

/**
 * The PostgreSQL server autogenerate compares against, whose statements the revision may use:
 * the revision is written for the server the model ran on.
 *
 * @param majorVersion its major version ({@code 17} for 17.9)
 * @param timeZone the {@code TimeZone} of the session autogenerate compared in ({@code Europe/Paris}),
 * in which a {@code timestamp} column that becomes {@code timestamptz} has its values read, or
 * {@code null} when unknown
 */
public record TargetServer(int majorVersion, String timeZone) {

	/** The oldest server Retort supports: what the comparator assumes when nobody asked PostgreSQL. */
	public static final TargetServer OLDEST_SUPPORTED = new TargetServer(14);

	/** A server, the time zone of the session unknown. */
	public TargetServer(int majorVersion) {
		this(majorVersion, null);
	}

	/**
	 * Whether it gives a generated column another expression in place
	 * ({@code ALTER COLUMN … SET EXPRESSION AS}, PostgreSQL 17 on), keeping the column's position,
	 * its values' indexes and constraints, and the views that read it.
	 */
	public boolean setsGenerationExpressions() {
		return this.majorVersion >= 17;
	}

}
