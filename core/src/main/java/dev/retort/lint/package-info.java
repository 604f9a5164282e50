/**
 * {@code retort lint}: rules over a revision's statements that flag what locks, rewrites or
 * breaks a table in production before it runs (shared/reference/migration-safety.md §7). Pure:
 * statements in, findings out; the command package feeds it the revisions of a range.
 */
package dev.retort.lint;
