package dev.retort.revision;

import java.util.List;
import java.util.Objects;

/**
 * One node of the revision graph: its id, parents ({@code Revises}), cross-branch dependencies
 * ({@code Depends On}), branch labels and the facts about its script that plans need. The graph
 * knows nothing of files or databases; {@link Origin} only says where to point a user in an
 * error.
 *
 * @param id the revision id
 * @param parents the revisions it revises; empty for a base, several for a merge
 * @param dependsOn ids or branch labels this revision depends on, in declaration order
 * @param branchLabels the branch labels declared on this revision (inherited labels are the
 * graph's business)
 * @param message the one-line message
 * @param createDate the {@code Create Date} header as written, or {@code null}
 * @param notes the free text of a SQL header's {@code Notes:}, or {@code null} when it has none
 * (Java revisions have none)
 * @param origin where the revision was declared
 * @param kind SQL file or Java class
 * @param transactional whether it runs inside a transaction
 * @param reversible whether it has a downgrade
 * @param checksum SHA-256 (hex) of the upgrade section, or {@code null} for Java revisions (theirs is of
 * the SQL they render, which the runtime computes only where it is recorded or compared)
 */
public record Revision(String id, List<String> parents, List<String> dependsOn, List<String> branchLabels,
		String message, String createDate, String notes, Origin origin, Kind kind, boolean transactional,
		boolean reversible, String checksum) {

	public Revision {
		Objects.requireNonNull(id, "'id' must not be null");
		parents = List.copyOf(parents);
		dependsOn = List.copyOf(dependsOn);
		branchLabels = List.copyOf(branchLabels);
		message = (message != null) ? message : "";
		notes = (notes == null || notes.isBlank()) ? null : notes;
		origin = (origin != null) ? origin : Origin.UNKNOWN;
		kind = (kind != null) ? kind : Kind.SQL;
	}

	/** A revision without notes, as every Java revision is. */
	public Revision(String id, List<String> parents, List<String> dependsOn, List<String> branchLabels, String message,
			String createDate, Origin origin, Kind kind, boolean transactional, boolean reversible, String checksum) {
		this(id, parents, dependsOn, branchLabels, message, createDate, null, origin, kind, transactional, reversible,
				checksum);
	}

	/** A revision with just an id and parents, for tests and tools. */
	public static Revision of(String id, String... parents) {
		return new Revision(id, List.of(parents), List.of(), List.of(), "", null, Origin.UNKNOWN, Kind.SQL, true,
				true, null);
	}

	public boolean isMerge() {
		return this.parents.size() > 1;
	}

	public boolean isBase() {
		return this.parents.isEmpty();
	}

	public Revision withDependsOn(String... ids) {
		return new Revision(this.id, this.parents, List.of(ids), this.branchLabels, this.message, this.createDate,
				this.notes, this.origin, this.kind, this.transactional, this.reversible, this.checksum);
	}

	public Revision withBranchLabels(String... labels) {
		return new Revision(this.id, this.parents, this.dependsOn, List.of(labels), this.message, this.createDate,
				this.notes, this.origin, this.kind, this.transactional, this.reversible, this.checksum);
	}

	public Revision withReversible(boolean reversible) {
		return new Revision(this.id, this.parents, this.dependsOn, this.branchLabels, this.message, this.createDate,
				this.notes, this.origin, this.kind, this.transactional, reversible, this.checksum);
	}

	/** Where a revision comes from: a file or a class. */
	public enum Kind {

		SQL, JAVA;

		/** The name used in JSON output: {@code sql} or {@code java}. */
		public String jsonName() {
			return (this == SQL) ? "sql" : "java";
		}

	}

	/**
	 * Where a revision was declared, for error messages ({@code file:line}).
	 *
	 * @param source the file path relative to its location (e.g.
	 * {@code db/revisions/1975ea83b712_add_user_column.sql}) or the class name
	 * @param idLine line of the {@code Revision ID} header, 0 when unknown
	 * @param revisesLine line of the {@code Revises} header, 0 when unknown
	 * @param dependsOnLine line of the {@code Depends On} header, 0 when unknown
	 * @param branchLabelsLine line of the {@code Branch Labels} header, 0 when unknown
	 */
	public record Origin(String source, int idLine, int revisesLine, int dependsOnLine, int branchLabelsLine) {

		public static final Origin UNKNOWN = new Origin("<unknown>", 0, 0, 0, 0);

		public static Origin of(String source) {
			return new Origin(source, 0, 0, 0, 0);
		}

		/** {@code source:line}, or just the source when the line is unknown. */
		public String at(int line) {
			return (line > 0) ? this.source + ":" + line : this.source;
		}

	}

}
