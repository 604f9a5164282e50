package dev.retort.schema;

/**
 * An index no constraint owns.
 *
 * @param name its name
 * @param definition its {@code CREATE INDEX} statement, without the schema of its table
 */
public record IndexModel(String name, String definition) {
}
