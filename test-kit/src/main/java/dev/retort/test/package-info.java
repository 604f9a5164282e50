/**
 * The migration test kit: proves on a real PostgreSQL that a project's revisions have one head,
 * that each one's downgrade restores the schema its upgrade started from, and that they pass
 * {@code retort lint}. Assertions throw {@link java.lang.AssertionError}, so any test framework
 * reports them.
 */
package dev.retort.test;
