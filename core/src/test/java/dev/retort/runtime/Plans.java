package dev.retort.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.revision.VersionChange;
import dev.retort.script.Migration;
import dev.retort.script.RevisionScript;

/** Hand-built linear revisions and plans, so the runtime is tested without the graph. */
final class Plans {

	private final Map<String, RevisionScript> scripts = new LinkedHashMap<>();

	/** Adds a SQL revision revising the previous one, one statement per element (line = index + 1). */
	Plans sql(String id, boolean transactional, String... upgrade) {
		String parent = this.scripts.isEmpty() ? null : last();
		Revision revision = new Revision(id, (parent != null) ? List.of(parent) : List.of(), List.of(), List.of(),
				"revision " + id, null, Revision.Origin.of("runtime/" + id + "_test.sql"), Revision.Kind.SQL,
				transactional, true, "checksum-" + id);
		List<SqlStatement> statements = new ArrayList<>();
		for (int i = 0; i < upgrade.length; i++) {
			statements.add(new SqlStatement(upgrade[i], 13 + i));
		}
		this.scripts.put(id, new RevisionScript(revision,
				new RevisionScript.SqlBody(statements, List.of(), String.join(";\n", upgrade), "")));
		return this;
	}

	/** Adds a Java revision revising the previous one. */
	Plans java(String id, boolean transactional, Migration migration) {
		String parent = this.scripts.isEmpty() ? null : last();
		Revision revision = new Revision(id, (parent != null) ? List.of(parent) : List.of(), List.of(), List.of(),
				"revision " + id, null, Revision.Origin.of("runtime." + id), Revision.Kind.JAVA, transactional, true,
				null);
		this.scripts.put(id, new RevisionScript(revision, new RevisionScript.JavaBody(migration)));
		return this;
	}

	Plans sql(String id, String... upgrade) {
		return sql(id, true, upgrade);
	}

	RevisionScript script(String id) {
		return this.scripts.get(id);
	}

	/** The linear upgrade plan from {@code from} (or base) to the last revision. */
	Plan upgradeFrom(String from) {
		List<String> ids = new ArrayList<>(this.scripts.keySet());
		int start = (from == null) ? 0 : ids.indexOf(from) + 1;
		List<Step> steps = new ArrayList<>();
		String current = from;
		for (int i = start; i < ids.size(); i++) {
			String id = ids.get(i);
			VersionChange change = (current == null) ? new VersionChange.Insert(id)
					: new VersionChange.Update(current, id);
			steps.add(new Step(this.scripts.get(id).revision(), Step.Operation.UPGRADE, List.of(change),
					(current == null) ? List.of() : List.of(current), List.of(id)));
			current = id;
		}
		return new Plan(Step.Operation.UPGRADE, (from == null) ? List.of() : List.of(from),
				(current == null) ? List.of() : List.of(current), steps);
	}

	private String last() {
		List<String> ids = new ArrayList<>(this.scripts.keySet());
		return ids.get(ids.size() - 1);
	}

}
