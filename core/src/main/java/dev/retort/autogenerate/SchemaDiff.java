package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every difference between the database and the model, in the order the upgrade makes them.
 *
 * @param changes the differences
 * @param notCompared what the model declares that autogenerate does not compare ({@code trigger
 * audit on orders}), so that a user learns it is left to a revision written by hand
 * @param leftOut of what is not compared, what the model has and the database has not (to create) or
 * the database has and the model has not (to take away), by name: the revision lists them with the
 * statements to write, since applied as written it would leave them out silently
 */
public record SchemaDiff(List<SchemaChange> changes, List<String> notCompared, List<LeftOut> leftOut) {

	private static final String MATERIALIZED_VIEW = "materialized view ";

	private static final String DROP_MATERIALIZED_VIEW = "drop " + MATERIALIZED_VIEW;

	/** A function the model has that the database has not, or has otherwise: created or replaced in the upgrade. */
	private static final Pattern LISTED_FUNCTION = Pattern
		.compile("function (.+), (?:in the model and not in the database|not the same in the model as in the database)");

	/**
	 * How a privilege granted on a view or materialized view is named ({@code grant on view v: SELECT
	 * to app}): not compared, but given again to one created again.
	 */
	private static final String GRANT = "grant on ";

	private static final String GRANT_ON_VIEW = GRANT + "view ";

	public SchemaDiff {
		changes = List.copyOf(changes);
		notCompared = List.copyOf(notCompared);
		leftOut = List.copyOf(leftOut);
	}

	/** Differences with nothing of the model's left out of the comparison. */
	public SchemaDiff(List<SchemaChange> changes) {
		this(changes, List.of(), List.of());
	}

	/**
	 * The same differences, with what was not compared. An extension the model creates and the
	 * database has in none of its schemas (an extension's name is the database's) is a change of
	 * its own, first: the tables it writes may need it (an exclusion constraint's {@code btree_gist},
	 * a column of {@code citext}), and their revision would fail without it. What the changes write
	 * (a materialized view dropped and created again, with its indexes and comments, and what a view
	 * created again takes along) is not listed.
	 * @param inTheDatabase what the database holds that is not compared
	 * @param inTheModel what the model declares that is not compared
	 */
	public SchemaDiff withNotCompared(List<LeftOut> inTheDatabase, List<LeftOut> inTheModel) {
		return withNotCompared(inTheDatabase, inTheModel, Set.of());
	}

	/**
	 * The same, the comments of views, materialized views, indexes and constraints compared
	 * ({@link ObjectComments}): written with the change that creates their object, or changed where
	 * both sides have it.
	 * @param inTheDatabase what the database holds that is not compared
	 * @param inTheModel what the model declares that is not compared
	 * @param ofBoth the objects both sides have whose comments are compared ({@link ObjectComments#ofBoth})
	 */
	public SchemaDiff withNotCompared(List<LeftOut> inTheDatabase, List<LeftOut> inTheModel, Set<String> ofBoth) {
		Set<String> materializedViews = materializedViewsDropped();
		Set<String> viewsCreatedAgain = viewsCreatedAgain();
		List<SchemaChange> changes = this.changes.stream()
			.map((change) -> keptWithItsView(change, viewsCreatedAgain, inTheDatabase, inTheModel))
			.map((change) -> grantedAgain(change, viewsCreatedAgain, inTheDatabase))
			.toList();
		// What a view created again takes along is written with it, not listed; grants are not compared.
		List<LeftOut> database = inTheDatabase.stream()
			.filter((object) -> onViewOf(object, viewsCreatedAgain) == null && !object.object().startsWith(GRANT))
			.toList();
		List<LeftOut> model = inTheModel.stream().filter((object) -> onViewOf(object, viewsCreatedAgain) == null).toList();
		List<String> modelNames = model.stream().filter((object) -> !object.extension()).map(LeftOut::object).sorted().toList();
		// Written with the changes, not listed.
		database = database.stream().filter((object) -> !MaterializedViews.writtenWith(object, materializedViews)).toList();
		model = model.stream().filter((object) -> !MaterializedViews.writtenWith(object, materializedViews)).toList();
		// Compared, as a table's: written with their objects, or changed where both sides have them.
		ObjectComments comments = new ObjectComments(ofBoth);
		List<SchemaChange> withObjects = changes;
		Predicate<LeftOut> commented = (object) -> ObjectComments.compared(object) && comments.handled(object, withObjects);
		changes = comments.written(changes, database.stream().filter(commented).toList(),
				model.stream().filter(commented).toList());
		Set<String> written = new HashSet<>(model.stream().filter(commented).map(LeftOut::object).toList());
		modelNames = modelNames.stream().filter((name) -> !written.contains(name)).toList();
		database = database.stream().filter(commented.negate()).toList();
		model = model.stream().filter(commented.negate()).toList();
		Map<String, LeftOut> inDatabase = new HashMap<>();
		database.forEach((object) -> inDatabase.put(object.object(), object));
		Set<String> inModel = model.stream().map(LeftOut::object).collect(Collectors.toSet());
		List<SchemaChange> withExtensions = new ArrayList<>();
		List<LeftOut> leftOut = new ArrayList<>();
		Set<String> changedMaterializedViews = new HashSet<>();
		for (LeftOut object : model) {
			LeftOut existing = inDatabase.get(object.object());
			if (object.extension()) {
				// The model's CREATE EXTENSION IF NOT EXISTS created it: no schema of the database has it.
				withExtensions.add(new SchemaChange("add " + object.object(), List.of(object.upgrade()),
						List.of(object.downgrade())));
			}
			else if (existing == null) {
				leftOut.add(object.named(object.object() + ", in the model and not in the database"));
			}
			else if (!Objects.equals(object.upgrade(), existing.upgrade())) {
				leftOut.add(object.replacing(existing).named(object.object() + ", not the same in the model as in the database"));
				if (object.object().startsWith(MATERIALIZED_VIEW)) {
					changedMaterializedViews.add(object.object().substring(MATERIALIZED_VIEW.length()));
				}
			}
		}
		// A materialized view dropped and created again loses its indexes: they come again with it.
		for (String view : changedMaterializedViews) {
			String suffix = " on materialized view " + view;
			LeftOut changed = leftOut.stream()
				.filter((object) -> object.object().startsWith(MATERIALIZED_VIEW + view + ", "))
				.findFirst()
				.orElseThrow();
			String upgrade = changed.upgrade() + model.stream().filter((object) -> object.object().endsWith(suffix))
				.map((index) -> ";\n" + index.upgrade()).collect(Collectors.joining());
			String downgrade = changed.downgrade() + database.stream().filter((object) -> object.object().endsWith(suffix))
				.map((index) -> ";\n" + index.upgrade()).collect(Collectors.joining());
			leftOut.set(leftOut.indexOf(changed), new LeftOut(changed.object() + " (its indexes created again with it)",
					upgrade, downgrade));
			leftOut.removeIf((object) -> object.object().startsWith("index ") && object.object().contains(suffix + ", "));
		}
		withExtensions.addAll(changes);
		// Neither an extension nor a cast is the schema's to take away: the model may use one installed before it.
		// Taken away in the reverse order: a trigger before its function.
		List<LeftOut> takenAway = new ArrayList<>(database);
		Collections.reverse(takenAway);
		takenAway.stream()
			.filter((object) -> !inModel.contains(object.object()) && !object.extension()
					&& !object.object().startsWith("cast (")
					&& changedMaterializedViews.stream().noneMatch((view) -> object.object().endsWith(" on materialized view " + view)))
			.map((object) -> object.takenAway().named(object.object() + ", in the database and not in the model"))
			.forEach(leftOut::add);
		return new SchemaDiff(withExtensions, modelNames, leftOut);
	}

	/** The materialized views the changes drop (and create again where the model has them). */
	private Set<String> materializedViewsDropped() {
		return this.changes.stream()
			.map(SchemaChange::description)
			.filter((description) -> description.startsWith(DROP_MATERIALIZED_VIEW))
			.map((description) -> description.substring(DROP_MATERIALIZED_VIEW.length(), description.indexOf(" (")))
			.collect(Collectors.toSet());
	}

	/** The views the changes drop and create again: around a column they read that is retyped, or changed. */
	private Set<String> viewsCreatedAgain() {
		Set<String> dropped = new HashSet<>();
		Set<String> createdAgain = new HashSet<>();
		for (SchemaChange change : this.changes) {
			if (change.description().startsWith("drop view ")) {
				dropped.add(change.description().substring("drop view ".length()));
			}
			else if (change.description().startsWith("add view ")
					&& dropped.contains(change.description().substring("add view ".length()))) {
				createdAgain.add(change.description().substring("add view ".length()));
			}
		}
		return createdAgain;
	}

	/**
	 * A view's comment, its columns' and its triggers, which {@code DROP VIEW} takes with it, so that
	 * a view created again would silently lose them: the model's are set again after its
	 * {@code CREATE VIEW}, the database's after the downgrade's.
	 */
	private static SchemaChange keptWithItsView(SchemaChange change, Set<String> views, List<LeftOut> database,
			List<LeftOut> model) {
		String description = change.description();
		if (description.startsWith("add view ") && views.contains(description.substring("add view ".length()))) {
			String view = description.substring("add view ".length());
			List<String> upgrade = new ArrayList<>(change.upgrade());
			model.stream().filter((object) -> view.equals(onViewOf(object, views)) && object.upgrade() != null)
				.forEach((object) -> upgrade.add(object.upgrade()));
			return new SchemaChange(description, upgrade, change.downgrade(), change.committedFirst());
		}
		if (description.startsWith("drop view ") && views.contains(description.substring("drop view ".length()))) {
			String view = description.substring("drop view ".length());
			List<String> downgrade = new ArrayList<>(change.downgrade());
			database.stream().filter((object) -> view.equals(onViewOf(object, views)) && object.upgrade() != null)
				.forEach((object) -> downgrade.add(object.upgrade()));
			return new SchemaChange(description, change.upgrade(), downgrade, change.committedFirst());
		}
		return change;
	}

	/**
	 * The same change, and the database's grants on a view it creates again given again after it:
	 * grants are not compared (a model seldom holds them), so the view keeps the ones it had.
	 */
	private static SchemaChange grantedAgain(SchemaChange change, Set<String> views, List<LeftOut> database) {
		String description = change.description();
		if (description.startsWith("add view ") && views.contains(description.substring("add view ".length()))
				|| description.startsWith("drop view ") && views.contains(description.substring("drop view ".length()))) {
			String view = description.substring(description.indexOf(" view ") + " view ".length());
			List<String> grants = database.stream()
				.filter((object) -> object.object().startsWith(GRANT_ON_VIEW + view + ": "))
				.map(LeftOut::upgrade)
				.toList();
			if (grants.isEmpty()) {
				return change;
			}
			boolean created = description.startsWith("add view ");
			List<String> upgrade = new ArrayList<>(change.upgrade());
			List<String> downgrade = new ArrayList<>(change.downgrade());
			(created ? upgrade : downgrade).addAll(grants);
			return new SchemaChange(description, upgrade, downgrade, change.committedFirst());
		}
		return change;
	}

	/** The view of these whose comment, column comment or trigger this is, or {@code null}. */
	private static String onViewOf(LeftOut object, Set<String> views) {
		String name = object.object();
		for (String view : views) {
			if (name.equals("comment on view " + view) || name.startsWith("comment on view column " + view + ".")
					|| name.startsWith("trigger ") && name.endsWith(" on " + view)) {
				return view;
			}
		}
		return null;
	}

	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

	/**
	 * The revisions autogenerate writes these differences as, in the order they apply: one, or
	 * two when enum labels must be committed before the other changes use them (PostgreSQL
	 * refuses a label in the transaction that adds it). The first then holds the labels alone.
	 */
	public List<SchemaDiff> revisions() {
		List<SchemaChange> first = this.changes.stream().filter(SchemaChange::committedFirst).toList();
		if (first.isEmpty()) {
			return List.of(this);
		}
		List<SchemaChange> rest = this.changes.stream().filter((change) -> !change.committedFirst()).toList();
		return List.of(new SchemaDiff(first, this.notCompared, List.of()),
				new SchemaDiff(rest, this.notCompared, this.leftOut));
	}

	/** The changes autogenerate reports with no statement, for the author to write. */
	public List<SchemaChange> writtenByHand() {
		return this.changes.stream().filter(SchemaChange::writtenByHand).toList();
	}

	/**
	 * The upgrade section of the revision autogenerate writes: the changes it cannot write listed
	 * first, as comments, where the author is to write them (an Alembic user finds them so in
	 * the file, not only in what was logged), then every change's statements, then what it does
	 * not compare and the model has and the database has not, or the other way round, with the
	 * statements to write.
	 */
	public String upgradeSection() {
		List<SchemaChange> byHand = writtenByHand();
		StringBuilder section = new StringBuilder();
		if (!byHand.isEmpty()) {
			section.append("-- Autogenerate cannot write these changes; write them here by hand:\n");
			byHand.forEach((change) -> section.append("-- - ").append(change.description().replace('\n', ' ')).append('\n'));
		}
		Map<Integer, List<LeftOut>> called = calledFirstBy();
		StringBuilder statements = new StringBuilder();
		for (int i = 0; i < this.changes.size(); i++) {
			for (LeftOut object : called.getOrDefault(i, List.of())) {
				statements.append("-- Autogenerate writes no statement for this; write it here by hand, before the statement")
					.append(" below, which calls it:\n")
					.append(listed(object, object.upgrade()));
			}
			this.changes.get(i).upgrade().forEach((statement) -> statements.append(statement).append(";\n"));
		}
		section.append(statements.toString().stripTrailing());
		List<LeftOut> atTheEnd = notCalled(called);
		if (!atTheEnd.isEmpty()) {
			section.append(section.isEmpty() ? "" : "\n")
				.append("-- Autogenerate writes no statement for these; write them here by hand,")
				.append(" after what they use (a function before a column default or check calling it):\n");
			atTheEnd.forEach((object) -> section.append(listed(object, object.upgrade())));
		}
		return section.toString().stripTrailing();
	}

	/**
	 * The downgrade section of the revision autogenerate writes: a reminder to undo what the
	 * upgrade writes by hand, with the statements that undo what it does not compare, then the
	 * changes undone.
	 */
	public String downgradeSection() {
		StringBuilder section = new StringBuilder();
		if (!writtenByHand().isEmpty()) {
			section.append("-- Undo here the changes the upgrade lists to write by hand.\n");
		}
		Map<Integer, List<LeftOut>> called = calledFirstBy();
		List<LeftOut> atTheTop = notCalled(called);
		if (!atTheTop.isEmpty()) {
			section.append("-- Undo here what the upgrade lists to write by hand:\n");
			for (int i = atTheTop.size() - 1; i >= 0; i--) {
				section.append(listed(atTheTop.get(i), atTheTop.get(i).downgrade()));
			}
		}
		for (int i = this.changes.size() - 1; i >= 0; i--) {
			this.changes.get(i).downgrade().forEach((statement) -> section.append(statement).append(";\n"));
			List<LeftOut> objects = new ArrayList<>(called.getOrDefault(i, List.of()));
			Collections.reverse(objects);
			for (LeftOut object : objects) {
				section.append("-- Undo here what the upgrade lists to write by hand, after the statement above, which")
					.append(" calls it:\n")
					.append(listed(object, object.downgrade()));
			}
		}
		return section.toString().stripTrailing();
	}

	/**
	 * The functions listed to create or replace that a change calls (a column's default, a check, a
	 * generated column, a table created with them), each by the first change calling it: listed
	 * before it in the upgrade, where at the end the revision would fail on that change
	 * ({@code function next_code() does not exist}), and undone after it in the downgrade, which
	 * PostgreSQL refuses while the default still calls it.
	 */
	private Map<Integer, List<LeftOut>> calledFirstBy() {
		Map<Integer, List<LeftOut>> called = new HashMap<>();
		for (LeftOut object : this.leftOut) {
			Matcher function = LISTED_FUNCTION.matcher(object.object());
			if (!function.matches() || object.upgrade() == null) {
				continue;
			}
			Pattern call = Pattern.compile("(?<![\\w.\"])" + Pattern.quote(AutogeneratedDdl.id(function.group(1))) + "\\(");
			for (int i = 0; i < this.changes.size(); i++) {
				if (this.changes.get(i).upgrade().stream().anyMatch((statement) -> call.matcher(statement).find())) {
					called.computeIfAbsent(i, (change) -> new ArrayList<>()).add(object);
					break;
				}
			}
		}
		return called;
	}

	/** What is listed but not before a change calling it: at the end of the upgrade, at the top of the downgrade. */
	private List<LeftOut> notCalled(Map<Integer, List<LeftOut>> called) {
		Set<LeftOut> placed = new HashSet<>();
		called.values().forEach(placed::addAll);
		return this.leftOut.stream().filter((object) -> !placed.contains(object)).toList();
	}

	/** An object not compared, and the statement to write for it, as comments. */
	private static String listed(LeftOut object, String statement) {
		String text = (statement != null) ? statement.stripTrailing() + ";"
				: "(PostgreSQL prints no statement for it: write it from its definition)";
		return "-- - " + object.object() + ":\n" + text.lines().map((line) -> "--     " + line + "\n").collect(Collectors.joining());
	}

	/** The upgrade section of a revision: every change's statements, in order. */
	public String upgradeSql() {
		List<String> statements = new ArrayList<>();
		this.changes.forEach((change) -> statements.addAll(change.upgrade()));
		return join(statements);
	}

	/** The downgrade section: every change undone, the last one first. */
	public String downgradeSql() {
		List<String> statements = new ArrayList<>();
		for (int i = this.changes.size() - 1; i >= 0; i--) {
			statements.addAll(this.changes.get(i).downgrade());
		}
		return join(statements);
	}

	private static String join(List<String> statements) {
		StringBuilder sql = new StringBuilder();
		for (String statement : statements) {
			sql.append(statement).append(";\n");
		}
		return sql.toString().stripTrailing();
	}

}
