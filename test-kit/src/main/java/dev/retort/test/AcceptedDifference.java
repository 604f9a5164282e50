package dev.retort.test;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A difference between the revisions and the model that a test accepts, by the kind and name of
 * the object that differs: {@code AcceptedDifference.of("trigger", "orders_audit")}, given to
 * {@link MigrationTestKit#assertMatchesModel(String, AcceptedDifference...)}. For a database that
 * holds, by design, what the revisions do not write: an object a DBA or an extension creates, a
 * trigger not yet written as a revision. An accepted difference that no longer differs fails the
 * check, so that the list does not outlive its reasons.
 */
public final class AcceptedDifference {

	/** The kinds the model check names objects by, longest first where one ends another. */
	private static final List<String> KINDS = List.of("table", "column", "constraint", "index", "sequence", "view",
			"materialized view", "enum type", "composite type", "domain", "function", "procedure", "trigger", "policy",
			"rule", "statistics", "extension", "partition", "foreign table");

	/** What may stand next to a name in a difference without being part of it. */
	private static final String NOT_A_NAME = "[^\\s,:;()]";

	private final String kind;

	private final String name;

	private final Pattern pattern;

	private AcceptedDifference(String kind, String name) {
		this.kind = kind;
		this.name = name;
		// A column's differences name it table.column, after words that vary ("make users.email NOT NULL",
		// "change default of users.email"); any other object's after its kind ("trigger audit on orders").
		String named = kind.equals("column") ? Pattern.quote(name) : Pattern.quote(kind + " " + name);
		this.pattern = Pattern.compile("(?<!" + NOT_A_NAME + ")" + named + "(?!" + NOT_A_NAME + ")");
	}

	/**
	 * A difference accepted: every difference the model check finds on this object.
	 * @param kind what the object is, as the check names it: {@code table}, {@code column},
	 * {@code constraint}, {@code index}, {@code sequence}, {@code view}, {@code materialized view},
	 * {@code enum type}, {@code composite type}, {@code domain}, {@code function}, {@code procedure},
	 * {@code trigger}, {@code policy}, {@code rule}, {@code statistics}, {@code extension},
	 * {@code partition} or {@code foreign table}
	 * @param name its name as the check prints it, without its schema; a column's as
	 * {@code table.column}
	 * @return the accepted difference
	 * @throws IllegalArgumentException for a kind the check does not name objects by, or no name
	 */
	public static AcceptedDifference of(String kind, String name) {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(name, "name");
		if (!KINDS.contains(kind)) {
			throw new IllegalArgumentException("The model check names no object of kind '" + kind + "': accept one of "
					+ String.join(", ", KINDS) + ".");
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException("An accepted difference names its " + kind + ": AcceptedDifference.of(\""
					+ kind + "\", \"name\").");
		}
		if (kind.equals("column") && !name.contains(".")) {
			throw new IllegalArgumentException("A column is accepted as table.column, as the model check names it: "
					+ "AcceptedDifference.of(\"column\", \"orders." + name + "\").");
		}
		return new AcceptedDifference(kind, name);
	}

	/** Whether the difference the model check describes so is one on this object. */
	boolean accepts(String difference) {
		return this.pattern.matcher(difference).find();
	}

	/** As a test writes it: {@code trigger orders_audit}. */
	@Override
	public String toString() {
		return this.kind + " " + this.name;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AcceptedDifference that && this.kind.equals(that.kind) && this.name.equals(that.name);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.name);
	}

}
