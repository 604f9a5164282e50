/**
 * The coffee tracker's Java revisions ({@code retort.java-packages}); the SQL ones are in
 * {@code db/revisions}. Both are one graph.
 */
package dev.retort.sample.revisions;
