package dev.retort.operation;

/**
 * One method per {@link Operation} record, so that a renderer, linter or comparator written as a
 * visitor fails to compile when a new directive is added (Java 17 has no exhaustive pattern
 * switch).
 *
 * @param <R> what each visit returns
 */
public interface OperationVisitor<R> {

	R visitCreateTable(CreateTable operation);

	R visitDropTable(DropTable operation);

	R visitCreateTableComment(CreateTableComment operation);

	R visitDropTableComment(DropTableComment operation);

	R visitRenameTable(RenameTable operation);

	R visitAddColumn(AddColumn operation);

	R visitDropColumn(DropColumn operation);

	R visitAlterColumn(AlterColumn operation);

	R visitCreateIndex(CreateIndex operation);

	R visitDropIndex(DropIndex operation);

	R visitRenameIndex(RenameIndex operation);

	R visitCreatePrimaryKey(CreatePrimaryKey operation);

	R visitCreateForeignKey(CreateForeignKey operation);

	R visitCreateUniqueConstraint(CreateUniqueConstraint operation);

	R visitCreateCheckConstraint(CreateCheckConstraint operation);

	R visitCreateExclusionConstraint(CreateExclusionConstraint operation);

	R visitValidateConstraint(ValidateConstraint operation);

	R visitDropConstraint(DropConstraint operation);

	R visitRenameConstraint(RenameConstraint operation);

	R visitCreateSequence(CreateSequence operation);

	R visitAlterSequence(AlterSequence operation);

	R visitDropSequence(DropSequence operation);

	R visitRenameSequence(RenameSequence operation);

	R visitCreateView(CreateView operation);

	R visitDropView(DropView operation);

	R visitCreateMaterializedView(CreateMaterializedView operation);

	R visitRefreshMaterializedView(RefreshMaterializedView operation);

	R visitDropMaterializedView(DropMaterializedView operation);

	R visitCreateFunction(CreateFunction operation);

	R visitDropFunction(DropFunction operation);

	R visitCreateTrigger(CreateTrigger operation);

	R visitDropTrigger(DropTrigger operation);

	R visitCreateEnumType(CreateEnumType operation);

	R visitDropEnumType(DropEnumType operation);

	R visitAddEnumValue(AddEnumValue operation);

	R visitCreateSchema(CreateSchema operation);

	R visitDropSchema(DropSchema operation);

	R visitExecute(Execute operation);

	R visitBulkInsert(BulkInsert operation);

	R visitBackfill(Backfill operation);

}
