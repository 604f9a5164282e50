package dev.retort.operation;

/**
 * A new value for a column property that can also be removed: {@code Change.to("now()")} sets a
 * server default, {@code Change.remove()} drops it. Where an {@link AlterColumn} holds
 * {@code null} instead of a change, the property is left alone.
 *
 * @param <T> the value type
 * @param value the new value, or {@code null} to remove it
 */
public record Change<T>(T value) {

	/** Sets the property to {@code value}. */
	public static <T> Change<T> to(T value) {
		if (value == null) {
			throw new IllegalArgumentException("'value' must not be null; use Change.remove() to remove it");
		}
		return new Change<>(value);
	}

	/** Removes the property (drops the default, clears the comment). */
	public static <T> Change<T> remove() {
		return new Change<>(null);
	}

	/** Whether this change removes the property. */
	public boolean removes() {
		return this.value == null;
	}

	/** The change back to {@code previous}, which may be {@code null} for "there was none". */
	static <T> Change<T> of(T previous) {
		return new Change<>(previous);
	}

}
