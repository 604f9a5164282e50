package dev.retort.operation;

import static dev.retort.operation.Column.column;
import static dev.retort.operation.Type.BIGINT;
import static dev.retort.operation.Type.INTEGER;
import static dev.retort.operation.Type.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.retort.error.ErrorCode;

class OperationReverseTests {

	@Test
	void reversibleOperationsReverseTwiceToThemselves() {
		List<Operation> operations = List.of(
				new CreateTable("t", List.of(column("id", INTEGER).primaryKey()), List.of(), null),
				new AddColumn("t", column("c", TEXT), false), new RenameTable("s.t", "u"),
				AlterColumn.rename("t", "a", "b"),
				new CreateIndex("ix", "t", List.of("a"), false, null, List.of(), null, true, false),
				CreateForeignKey.of("fk", "t", "u", List.of("u_id"), List.of("id")),
				new CreateCheckConstraint("ck", "t", "a > 0", true), new CreateSequence("seq", null, 5L, null, null,
						null, null, false, null, false),
				new CreateEnumType("mood", List.of("a", "b")), new CreateSchema("s", false));
		for (Operation operation : operations) {
			assertThat(operation.reverseOrThrow().reverseOrThrow()).as(operation.toString()).isEqualTo(operation);
		}
	}

	@Test
	void renameTableReversesWithinItsSchema() {
		assertThat(new RenameTable("billing.invoice", "invoices").reverse())
			.contains(new RenameTable("billing.invoices", "invoice"));
	}

	@Test
	void alterColumnReversesToWhatItWas() {
		Column before = column("amount", INTEGER).defaultValue("1").comment("cups");
		AlterColumn alter = new AlterColumn("logs", "amount", "cups", BIGINT, "amount::bigint", false,
				Change.remove(), Change.to("how many"), before);
		AlterColumn back = (AlterColumn) alter.reverseOrThrow();
		assertThat(back).isEqualTo(new AlterColumn("logs", "cups", "amount", INTEGER, null, true, Change.to("1"),
				Change.to("cups"), new Column("cups", BIGINT, false, false, null, null, null, false, "how many")));
	}

	@Test
	void alterColumnWithoutWhatItWasHasNoReverse() {
		AlterColumn alter = new AlterColumn("logs", "amount", null, null, null, false, null, null, null);
		assertThat(alter.reverse()).isEmpty();
		assertThatExceptionOfType(IrreversibleOperationException.class).isThrownBy(alter::reverseOrThrow)
			.withMessage("Operation " + alter + " has no reverse: it does not carry what it removes, or its effect"
					+ " cannot be undone by DDL. Write the downgrade explicitly.")
			.satisfies((ex) -> {
				assertThat(ex.operation()).isEqualTo(alter);
				assertThat(ex.code()).isEqualTo(ErrorCode.IRREVERSIBLE_REVISION);
			});
	}

	@Test
	void dropsAreReversibleOnlyWithTheirDefinition() {
		assertThat(new DropColumn("t", "c", false, false, null).reverse()).isEmpty();
		assertThat(new DropColumn("t", "c", false, false, column("c", TEXT)).reverse())
			.contains(new AddColumn("t", column("c", TEXT), false));
		assertThat(new DropTable("t", false, false, null).reverse()).isEmpty();
		assertThat(new DropIndex("ix", null, false, false, null).reverse()).isEmpty();
		assertThat(new DropConstraint("fk", "t", false, false, null).reverse()).isEmpty();
		assertThat(new DropSequence("s", false, false, null).reverse()).isEmpty();
		assertThat(new DropEnumType("e", false, false, null).reverse()).isEmpty();
		assertThat(new DropSchema("s", false, true).reverse()).isEmpty();
		assertThat(new DropSchema("s", false, false).reverse()).contains(new CreateSchema("s", false));
	}

	@Test
	void commentsRenamesAndViewsReverseAsAlembicsDo() {
		assertThat(new CreateTableComment("t", "new", null).reverse()).contains(new DropTableComment("t", "new"));
		assertThat(new CreateTableComment("t", "new", "old").reverse())
			.contains(new CreateTableComment("t", "old", "new"));
		assertThat(new DropTableComment("t", "old").reverse()).contains(new CreateTableComment("t", "old", null));
		assertThat(new DropTableComment("t", null).reverse()).isEmpty();
		assertThat(new RenameIndex("s.ix", "ix2").reverse()).contains(new RenameIndex("s.ix2", "ix"));
		assertThat(new RenameConstraint("a", "s.t", "b").reverse()).contains(new RenameConstraint("b", "s.t", "a"));
		CreateView view = new CreateView("v", "SELECT 1", false);
		assertThat(view.reverse()).contains(new DropView("v", false, false, view));
		assertThat(new CreateView("v", "SELECT 1", true).reverse()).isEmpty();
		assertThat(new DropView("v", false, false, null).reverse()).isEmpty();
		assertThat(new RenameSequence("s.a", "b").reverse()).contains(new RenameSequence("s.b", "a"));
		CreateMaterializedView materialized = new CreateMaterializedView("mv", "SELECT 1", true);
		assertThat(materialized.reverse()).contains(new DropMaterializedView("mv", false, false, materialized));
		assertThat(new DropMaterializedView("mv", false, false, materialized).reverse()).contains(materialized);
		assertThat(new DropMaterializedView("mv", false, false, null).reverse()).isEmpty();
		assertThat(new RefreshMaterializedView("mv", true).reverse()).isEmpty();
		CreateFunction function = new CreateFunction("touch()", "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
				false);
		assertThat(function.reverse()).contains(new DropFunction("touch()", false, false, function));
		assertThat(new DropFunction("touch()", false, false, function).reverse()).contains(function);
		assertThat(new CreateFunction("touch()", function.definition(), true).reverse()).isEmpty();
		assertThat(new DropFunction("touch()", false, false, null).reverse()).isEmpty();
		CreateTrigger trigger = new CreateTrigger("t_touch", "s.t", "BEFORE UPDATE", "FOR EACH ROW EXECUTE FUNCTION touch()");
		assertThat(trigger.reverse()).contains(new DropTrigger("t_touch", "s.t", false, trigger));
		assertThat(new DropTrigger("t_touch", "s.t", false, trigger).reverse()).contains(trigger);
		assertThat(new DropTrigger("t_touch", "s.t", false, null).reverse()).isEmpty();
		CreateExclusionConstraint exclusion = new CreateExclusionConstraint("ex", "t", "gist",
				List.of(new CreateExclusionConstraint.Element("during", "&&")), null, false, false);
		assertThat(exclusion.reverse()).contains(new DropConstraint("ex", "t", false, false, exclusion));
		assertThat(new AlterSequence("s", null, null, null, null, null, true, null, null, null, null).reverse())
			.isEmpty();
	}

	@Test
	void dataAndIrreversibleDirectivesHaveNoReverse() {
		assertThat(new Execute("SELECT 1").reverse()).isEmpty();
		assertThat(new BulkInsert("t", List.of(Map.of("a", 1))).reverse()).isEmpty();
		assertThat(new Backfill("t", "a = 1", null, 10, null).reverse()).isEmpty();
		assertThat(new AddEnumValue("e", "x", null, null, false).reverse()).isEmpty();
		assertThat(new ValidateConstraint("ck", "t").reverse()).isEmpty();
		assertThat(new CreateCheckConstraint(null, "t", "a > 0", false).reverse()).isEmpty();
	}

}
