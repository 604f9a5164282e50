package dev.retort.script;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;

/**
 * A Java revision: the upgrade and downgrade of one node of the graph, written with
 * {@link Operations}. Annotate the class with {@link Revision} to give its id and parents. Found
 * in configured packages, or as Spring beans inside an application.
 */
public interface Migration {

	/** Applies this revision. */
	void upgrade(Operations op);

	/**
	 * Reverts this revision. Not overriding it marks the revision irreversible: a downgrade plan
	 * that crosses it is refused before anything runs, so this default is never reached by a plan.
	 */
	default void downgrade(Operations op) {
		throw new RetortException(ErrorCode.IRREVERSIBLE_REVISION, getClass().getName()
				+ " has no downgrade: it is an irreversible revision. Override downgrade(Operations) to make it reversible.");
	}

	/**
	 * The checksum of this revision, or {@code null} (the default) for Retort's: that of the SQL
	 * its upgrade renders offline. Once applied, a revision whose checksum changed is refused as an
	 * edited file is. Give one of your own (a version you change with what the revision does, such
	 * as {@code "1"}) when what it renders depends on when or where it runs (the month of a
	 * partition, a property), which would otherwise read as an edit on a later run.
	 */
	default String checksum() {
		return null;
	}

	/**
	 * Whether this revision has a downgrade. By default, whether {@link #downgrade} is
	 * overridden.
	 */
	default boolean reversible() {
		try {
			return getClass().getMethod("downgrade", Operations.class).getDeclaringClass() != Migration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
