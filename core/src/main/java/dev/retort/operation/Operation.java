package dev.retort.operation;

import java.util.Optional;

/**
 * One schema directive as data (Alembic's {@code ops}): rendered to PostgreSQL by the dialect,
 * inspected by lint, emitted by autogenerate. Every directive is a record of its own; renderers
 * dispatch through {@link OperationVisitor} so the compiler finds every renderer that misses a
 * new directive.
 */
public sealed interface Operation permits AddColumn, AddConstraint, AddEnumValue, AlterColumn, AlterSequence, Backfill,
		BulkInsert, CreateEnumType, CreateFunction, CreateIndex, CreateMaterializedView, CreateSchema, CreateSequence, CreateTable,
		CreateTableComment, CreateTrigger, CreateView, DropColumn, DropConstraint, DropEnumType, DropFunction, DropIndex,
		DropMaterializedView, DropSchema, DropSequence, DropTable, DropTableComment, DropTrigger, DropView, Execute, RefreshMaterializedView,
		RenameConstraint, RenameIndex, RenameSequence, RenameTable, ValidateConstraint {

	/** Calls the visitor's method for this directive. */
	<R> R accept(OperationVisitor<R> visitor);

	/**
	 * The directive that undoes this one, when it can be known from this record alone: a
	 * {@code DropColumn} is reversible only when it carries the dropped column's definition, a
	 * {@code BulkInsert} or raw {@code Execute} never is.
	 */
	Optional<Operation> reverse();

	/**
	 * The reverse, or an {@link IrreversibleOperationException} saying why there is none.
	 */
	default Operation reverseOrThrow() {
		return reverse().orElseThrow(() -> new IrreversibleOperationException(this));
	}

}
