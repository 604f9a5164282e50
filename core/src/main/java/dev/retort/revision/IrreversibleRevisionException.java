package dev.retort.revision;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A downgrade plan would cross a revision that has no downgrade. Raised while planning, so
 * nothing has run.
 */
public class IrreversibleRevisionException extends RetortException {

	private final String target;

	private final List<Revision> revisions;

	public IrreversibleRevisionException(String target, List<Revision> revisions) {
		this(target, revisions, null);
	}

	/**
	 * @param cause why the first revision is reverted when the target is on another branch: a
	 * dependency the downgrade removes; {@code null} when it lies above the target
	 */
	public IrreversibleRevisionException(String target, List<Revision> revisions, Cause cause) {
		super(ErrorCode.IRREVERSIBLE_REVISION, message(target, revisions, cause));
		this.target = target;
		this.revisions = List.copyOf(revisions);
	}

	/** The downgrade target as the user wrote it. */
	public String target() {
		return this.target;
	}

	/** The irreversible revisions the plan would cross, in plan order. */
	public List<Revision> revisions() {
		return this.revisions;
	}

	/** The first irreversible revision the plan would reach. */
	public Revision revision() {
		return this.revisions.get(0);
	}

	private static String message(String target, List<Revision> revisions, Cause cause) {
		Revision first = revisions.get(0);
		StringBuilder message = new StringBuilder("Cannot downgrade to '").append(target)
			.append("': revision ")
			.append(first.id())
			.append(" (")
			.append(first.origin().at(first.origin().idLine()))
			.append(") has no downgrade");
		if (revisions.size() > 1) {
			message.append(", nor ")
				.append(String.join(", ", revisions.subList(1, revisions.size()).stream().map(Revision::id).toList()));
		}
		if (cause != null) {
			// The target names another branch: say which dependency pulls this revision in, and
			// keep the advice to targets that leave that dependency applied.
			message.append("; it is reverted because ")
				.append(cause.dependent().id().equals(first.id()) ? "it"
						: "it stands on " + cause.dependent().id() + ", which")
				.append(" depends on ")
				.append(cause.dependency().id())
				.append(", which this downgrade removes. Nothing was run. Downgrade no lower than ")
				.append(cause.dependency().id())
				.append(", or ");
		}
		else {
			message.append(". Nothing was run. Downgrade to ").append(first.id()).append(" or a later revision, or ");
		}
		return message
			.append((first.kind() == Revision.Kind.JAVA) ? "override downgrade(Operations) in its class."
					: "add a '-- +downgrade' section to it.")
			.toString();
	}

	/**
	 * Why a downgrade to another branch reverts a revision: {@code dependent} (the revision or one
	 * it stands on) depends on {@code dependency}, which the downgrade removes.
	 */
	public record Cause(Revision dependent, Revision dependency) {
	}

}
