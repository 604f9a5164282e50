package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP FUNCTION}.
 *
 * @param signature the function's name, optionally schema-qualified, and its arguments
 * ({@code touch_updated_at()}): PostgreSQL tells functions of one name apart by them
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE} (drops the triggers, defaults and views that use it too)
 * @param definition the function as it was, which makes the drop reversible; or {@code null}
 */
public record DropFunction(String signature, boolean ifExists, boolean cascade, CreateFunction definition)
		implements Operation {

	public DropFunction {
		Names.require(signature, "signature");
		FunctionSignature.of(signature);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropFunction(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition)
			.map((function) -> function.orReplace() ? new CreateFunction(function.signature(), function.definition(), false)
					: function);
	}

}
