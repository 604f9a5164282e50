package dev.retort.operation;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Thrown when the reverse of an operation is asked for but cannot be derived from the operation
 * itself (a raw {@code execute}, a bulk insert, a drop without the dropped definition).
 */
public class IrreversibleOperationException extends RetortException {

	private final transient Operation operation;

	public IrreversibleOperationException(Operation operation) {
		super(ErrorCode.IRREVERSIBLE_REVISION, "Operation " + operation + " has no reverse: it does not carry what"
				+ " it removes, or its effect cannot be undone by DDL. Write the downgrade explicitly.");
		this.operation = operation;
	}

	/** The operation that has no reverse. */
	public Operation operation() {
		return this.operation;
	}

}
