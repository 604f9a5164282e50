package dev.retort.schema;

import java.util.List;
import java.util.Set;

/**
 * A view.
 *
 * @param name its name
 * @param definition its query, as PostgreSQL prints it ({@code pg_get_viewdef})
 * @param reads the columns of tables and views its query reads, as {@code relation.column} ({@code relation.} for
 * a relation read as a whole)
 * @param options its options as PostgreSQL keeps them ({@code check_option=local}, {@code security_barrier=true},
 * {@code security_invoker=true}), sorted: {@code WITH CHECK OPTION} and the options that decide whose rows
 * it shows are part of what the view is, not of its query
 */
public record ViewModel(String name, String definition, Set<String> reads, List<String> options) {

	public ViewModel {
		reads = Set.copyOf(reads);
		options = options.stream().sorted().toList();
	}

	/** A view without options. */
	public ViewModel(String name, String definition, Set<String> reads) {
		this(name, definition, reads, List.of());
	}

	/** A view without options whose columns read are not known. */
	public ViewModel(String name, String definition) {
		this(name, definition, Set.of());
	}

	/** Whether the other is the same view: the same query and options. */
	public boolean sameAs(ViewModel other) {
		return this.definition.equals(other.definition) && this.options.equals(other.options);
	}

	/** Whether it reads a column of that relation. */
	public boolean readsFrom(String relation) {
		return this.reads.stream().anyMatch((column) -> column.startsWith(relation + "."));
	}

}
