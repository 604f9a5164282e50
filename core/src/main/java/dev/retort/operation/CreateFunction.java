package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE FUNCTION} (alembic_utils' {@code PGFunction}), or {@code CREATE OR REPLACE FUNCTION}.
 *
 * @param signature the function's name, optionally schema-qualified, and its arguments as
 * PostgreSQL reads them ({@code touch_updated_at()}, {@code billing.tax(amount numeric)}): the name
 * is quoted as any other, the arguments written as given
 * @param definition the rest, written as given ({@code RETURNS trigger LANGUAGE plpgsql AS $$ … $$}):
 * code, never data
 * @param orReplace whether to add {@code OR REPLACE}, which keeps the triggers and grants that use
 * the function (PostgreSQL refuses a new return type)
 */
public record CreateFunction(String signature, String definition, boolean orReplace) implements Operation {

	public CreateFunction {
		Names.require(signature, "signature");
		Names.require(definition, "definition");
		FunctionSignature.of(signature);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateFunction(this);
	}

	/**
	 * The drop, carrying this definition; none for {@code OR REPLACE}, which may have replaced a
	 * function this record does not describe.
	 */
	@Override
	public Optional<Operation> reverse() {
		return this.orReplace ? Optional.empty() : Optional.of(new DropFunction(this.signature, false, false, this));
	}

}
