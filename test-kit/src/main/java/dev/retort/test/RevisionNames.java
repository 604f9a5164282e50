package dev.retort.test;

import java.util.List;

import dev.retort.revision.Revision;

/** How the kit's failures name a revision: its id and where it is written, its file or its class. */
final class RevisionNames {

	private RevisionNames() {
	}

	/** {@code b2 (db/revisions/b2_add_email.sql)}, {@code c3 (com.example.db.AddNickname)}. */
	static String named(Revision revision) {
		return revision.id() + " (" + revision.origin().source() + ")";
	}

	static String named(List<Revision> revisions) {
		return String.join(", ", revisions.stream().map(RevisionNames::named).toList());
	}

	/** Where a revision names its parent, for one that forgot it. */
	static String revisesOf(Revision revision) {
		return (revision.kind() == Revision.Kind.JAVA) ? "@Revision(revises = \"…\")" : "its '-- Revises:' header";
	}

	/** A failure of the revision: {@code Revision b2 (db/revisions/b2_add_email.sql): …}. */
	static AssertionError failure(Revision revision, String what) {
		return new AssertionError("Revision " + named(revision) + ": " + what);
	}

}
