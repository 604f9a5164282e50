package dev.retort.autogenerate;

/**
 * Which column type changes PostgreSQL makes on its own. {@code ALTER COLUMN … TYPE} converts
 * the values with an assignment cast; where none exists ({@code text} to an enum or to
 * {@code integer}, {@code integer} to {@code boolean}) it refuses the statement unless a
 * {@code USING} says how, whatever the rows.
 */
@FunctionalInterface
public interface TypeCasts {

	/** Every change made without {@code USING}: what the comparator assumes when nobody asked PostgreSQL. */
	TypeCasts ALL_AUTOMATIC = (from, to) -> true;

	/**
	 * Whether a column changes from one type to the other without {@code USING}.
	 * @param from the type it has, as {@code format_type} prints it
	 * @param to the type it gets
	 * @return {@code false} when PostgreSQL needs a {@code USING}
	 */
	boolean automatic(String from, String to);

	/**
	 * Whether PostgreSQL casts the one type to the other at all, if need be with
	 * {@code USING column::type}: it has no cast from {@code character varying[]} to {@code jsonb},
	 * say, and a conversion then takes an expression only the author can write.
	 * @param from the type it has, as {@code format_type} prints it
	 * @param to the type it gets
	 * @return {@code false} when even {@code USING column::type} is refused
	 */
	default boolean castable(String from, String to) {
		return true;
	}

}
