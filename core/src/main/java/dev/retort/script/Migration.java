package dev.retort.script;

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
	 * Reverts this revision. The default throws, marking the revision irreversible; override it
	 * and {@link #reversible()} together.
	 */
	default void downgrade(Operations op) {
		throw new UnsupportedOperationException("irreversible revision");
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
