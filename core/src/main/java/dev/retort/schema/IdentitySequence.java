package dev.retort.schema;

import java.util.Map;

/**
 * The options of a sequence that autogenerate compares, an identity column's (as Alembic compares
 * an {@code Identity}'s) or one of {@code CREATE SEQUENCE}.
 *
 * @param start its start value
 * @param increment its increment
 * @param minValue its {@code MINVALUE}, {@code null} for the default of its direction and type
 * @param maxValue its {@code MAXVALUE}, {@code null} for the default of its direction and type
 * @param cache its {@code CACHE}
 * @param cycle whether it {@code CYCLE}s
 */
public record IdentitySequence(long start, long increment, Long minValue, Long maxValue, long cache, boolean cycle) {

	/** What {@code GENERATED … AS IDENTITY} without options gives. */
	public static final IdentitySequence DEFAULT = new IdentitySequence(1, 1);

	private static final Map<String, Long> TYPE_MAX = Map.of("smallint", (long) Short.MAX_VALUE, "integer",
			(long) Integer.MAX_VALUE, "bigint", Long.MAX_VALUE);

	/** A sequence with the default bounds, cache and no cycle. */
	public IdentitySequence(long start, long increment) {
		this(start, increment, null, null, 1, false);
	}

	/**
	 * The options as the catalog holds them, the bounds that are the default of the sequence's type
	 * and direction left out: those follow the column's type when it changes, as PostgreSQL does.
	 * @param type the sequence's type ({@code smallint}, {@code integer} or {@code bigint})
	 * @param start its start value
	 * @param increment its increment
	 * @param min its minimum value
	 * @param max its maximum value
	 * @param cache its cache
	 * @param cycle whether it cycles
	 * @return the options
	 */
	public static IdentitySequence of(String type, long start, long increment, long min, long max, long cache,
			boolean cycle) {
		long typeMax = typeMax(type);
		long defaultMin = (increment > 0) ? 1 : -typeMax - 1;
		long defaultMax = (increment > 0) ? typeMax : -1;
		return new IdentitySequence(start, increment, (min != defaultMin) ? min : null, (max != defaultMax) ? max : null,
				cache, cycle);
	}

	/**
	 * Its {@code MINVALUE}, the default of its direction and type when left out.
	 * @param type the sequence's type
	 * @return the lowest value it can take
	 */
	public long min(String type) {
		return (this.minValue != null) ? this.minValue : (this.increment > 0) ? 1 : -typeMax(type) - 1;
	}

	/**
	 * Its {@code MAXVALUE}, the default of its direction and type when left out.
	 * @param type the sequence's type
	 * @return the highest value it can take
	 */
	public long max(String type) {
		return (this.maxValue != null) ? this.maxValue : (this.increment > 0) ? typeMax(type) : -1;
	}

	private static long typeMax(String type) {
		return TYPE_MAX.getOrDefault(type, Long.MAX_VALUE);
	}

	/** The options as {@code CREATE SEQUENCE} writes them. */
	public String options() {
		return "START WITH " + this.start + " INCREMENT BY " + this.increment
				+ ((this.minValue != null) ? " MINVALUE " + this.minValue : "")
				+ ((this.maxValue != null) ? " MAXVALUE " + this.maxValue : "")
				+ ((this.cache != 1) ? " CACHE " + this.cache : "") + (this.cycle ? " CYCLE" : "");
	}

}
