package dev.retort.operation;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** Records the operations an {@link Operations} call sends, without rendering them. */
final class RecordingExecutor implements OperationExecutor {

	final List<Operation> operations = new ArrayList<>();

	@Override
	public void execute(Operation operation) {
		this.operations.add(operation);
	}

	@Override
	public Connection connection() {
		throw new RetortException(ErrorCode.OFFLINE_UNSUPPORTED, "no connection offline");
	}

	@Override
	public boolean offline() {
		return true;
	}

}
