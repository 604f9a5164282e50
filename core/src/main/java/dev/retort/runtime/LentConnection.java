package dev.retort.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;

/**
 * The connection a Java revision gets from {@code op.connection()}: Retort's own session, lent
 * for the revision's statements. Retort commits a transactional revision together with its
 * version row, or rolls both back, and records the step on the same session afterwards; a
 * revision that committed, changed auto-commit or closed the connection itself left its work
 * half-applied and unrecorded, or the run failing as if the server had gone away. So:
 * <ul>
 * <li>{@code close()} gives the connection back (as a pooled connection's does), so that
 * {@code try (Connection c = op.connection())} works: the session stays open, and this handle
 * refuses further use;</li>
 * <li>inside a transactional revision, {@code commit()}, {@code rollback()} and
 * {@code setAutoCommit(…)} are refused, naming the revision's line and what to do instead;
 * a revision declared {@code transactional = false} may run transactions of its own;</li>
 * <li>{@code abort(…)} is refused.</li>
 * </ul>
 */
final class LentConnection implements InvocationHandler {

	/** What ends or changes the revision's transaction. */
	private static final Set<String> TRANSACTION_CONTROL = Set.of("commit", "rollback", "setAutoCommit");

	private final Connection session;

	private final Revision revision;

	private final boolean autocommit;

	private boolean closed;

	private LentConnection(Connection session, Revision revision, boolean autocommit) {
		this.session = session;
		this.revision = revision;
		this.autocommit = autocommit;
	}

	/**
	 * @param session the connection the revision runs on
	 * @param autocommit whether the revision runs outside a transaction
	 */
	static Connection lend(Connection session, Revision revision, boolean autocommit) {
		return (Connection) Proxy.newProxyInstance(LentConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new LentConnection(session, revision, autocommit));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		int arity = (args != null) ? args.length : 0;
		switch (name) {
			case "equals":
				return arity == 1 && proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Connection lent to revision " + this.revision.id() + " (" + this.session + ")";
			case "close":
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed || this.session.isClosed();
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException("The connection of revision " + this.revision.id() + " was given back (closed); "
					+ "call op.connection() again for another.", "08003");
		}
		if (name.equals("abort")) {
			throw refused("op.connection().abort() was called.", "Retort ends the session itself once the run is done. Remove the call; to stop the"
					+ " revision, throw an exception: a transactional revision is then rolled back.");
		}
		// rollback(Savepoint) undoes part of the revision and keeps its transaction: allowed.
		if (!this.autocommit && TRANSACTION_CONTROL.contains(name) && !(name.equals("rollback") && arity == 1)) {
			throw refused("op.connection()." + name + ((arity == 0) ? "()" : "(" + args[0] + ")")
					+ " was called inside the revision's transaction.",
					"Retort commits the revision together with its version row, or rolls both back, so a transaction"
							+ " of its own would leave it half-applied and unrecorded. Remove the call: to undo its work,"
							+ " throw an exception; work that must commit in parts (a large backfill) belongs in a revision"
							+ " of its own declared @Revision(transactional = false).");
		}
		try {
			return method.invoke(this.session, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** Said without the revision: the failure's message names it and the line of the call. */
	private static RetortException refused(String call, String why) {
		return new RetortException(ErrorCode.MIGRATION_FAILED, call + " " + why);
	}

}
