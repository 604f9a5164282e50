/**
 * A schema as data: the tables of one PostgreSQL schema with their columns, constraints and
 * indexes, and its free-standing sequences. Read from a database by the runtime
 * ({@code SchemaReader}), compared by {@code autogenerate}. Pure values.
 */
package dev.retort.schema;
