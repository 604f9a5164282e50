package dev.retort.schema;

/**
 * A view.
 *
 * @param name its name
 * @param definition its query, as PostgreSQL prints it ({@code pg_get_viewdef})
 */
public record ViewModel(String name, String definition) {
}
