package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP VIEW}.
 *
 * @param name the view, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE} (drops the views built on it too)
 * @param definition the view as it was, which makes the drop reversible; or {@code null}
 */
public record DropView(String name, boolean ifExists, boolean cascade, CreateView definition) implements Operation {

	public DropView {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropView(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition)
			.map((view) -> view.orReplace() ? new CreateView(view.name(), view.definition(), false) : view);
	}

}
