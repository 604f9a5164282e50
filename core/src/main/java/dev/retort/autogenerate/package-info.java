/**
 * Autogenerate: compares the schema a database is in with the schema a model describes and
 * gives the statements that take one to the other, and back ({@code retort revision
 * --autogenerate}, {@code retort check}). Pure: two {@code SchemaModel}s in, changes out.
 */
package dev.retort.autogenerate;
