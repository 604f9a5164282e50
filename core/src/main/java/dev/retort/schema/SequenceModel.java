package dev.retort.schema;

/**
 * A sequence no column owns.
 *
 * @param name its name
 * @param start its start value
 * @param increment its increment
 */
public record SequenceModel(String name, long start, long increment) {
}
