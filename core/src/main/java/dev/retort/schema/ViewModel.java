package dev.retort.schema;

import java.util.Set;

/**
 * A view.
 *
 * @param name its name
 * @param definition its query, as PostgreSQL prints it ({@code pg_get_viewdef})
 * @param reads the columns of tables and views its query reads, as {@code relation.column} ({@code relation.} for
 * a relation read as a whole)
 */
public record ViewModel(String name, String definition, Set<String> reads) {

	public ViewModel {
		reads = Set.copyOf(reads);
	}

	/** A view whose columns read are not known. */
	public ViewModel(String name, String definition) {
		this(name, definition, Set.of());
	}

	/** Whether it reads a column of that relation. */
	public boolean readsFrom(String relation) {
		return this.reads.stream().anyMatch((column) -> column.startsWith(relation + "."));
	}

}
