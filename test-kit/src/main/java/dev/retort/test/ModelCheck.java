package dev.retort.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.retort.Retort;
import dev.retort.autogenerate.LeftOut;
import dev.retort.autogenerate.SchemaChange;
import dev.retort.autogenerate.SchemaDiff;
import dev.retort.config.RetortConfig;

/**
 * The model check: the database the revisions give, compared with a SQL model as {@code retort
 * check} compares them, and on what autogenerate does not compare; a difference is named with the
 * revision to write for it.
 */
final class ModelCheck {

	private final RetortConfig config;

	private final Retort retort;

	private final Heads heads;

	ModelCheck(RetortConfig config, Retort retort, Heads heads) {
		this.config = config;
		this.retort = retort;
		this.heads = heads;
	}

	/**
	 * Upgraded to every head from an empty database, the database has the schema of the model,
	 * but for the differences accepted; and each accepted one is still there.
	 */
	void matches(String location, String model, List<AcceptedDifference> accepted) {
		this.heads.emptyAndUpgradeToEveryHead();
		SchemaDiff diff = this.retort.check(location, model);
		// What autogenerate does not compare counts too: a trigger or function of the model that no revision
		// creates passed the check, and the application shipped without it.
		List<String> differences = new ArrayList<>();
		diff.changes().forEach((change) -> differences.add(change.description()));
		diff.leftOut().forEach((object) -> differences.add(object.object()));
		List<SchemaChange> changes = diff.changes().stream()
			.filter((change) -> !acceptedAmong(accepted, change.description()))
			.toList();
		List<LeftOut> leftOut = diff.leftOut().stream().filter((object) -> !acceptedAmong(accepted, object.object())).toList();
		// Accepted and no longer there: the reason went away (the revision was written), the acceptance stays.
		List<String> noLongerDiffer = accepted.stream()
			.filter((difference) -> differences.stream().noneMatch(difference::accepts))
			.map(AcceptedDifference::toString)
			.toList();
		if (changes.isEmpty() && leftOut.isEmpty() && noLongerDiffer.isEmpty()) {
			return;
		}
		String remove = String.join(", ", noLongerDiffer) + ": the revisions and the model agree on "
				+ ((noLongerDiffer.size() == 1) ? "it" : "them") + " now. Remove "
				+ ((noLongerDiffer.size() == 1) ? "it" : "them") + " from assertMatchesModel(…).";
		if (changes.isEmpty() && leftOut.isEmpty()) {
			throw new AssertionError("The model check accepts differences from the model " + location
					+ " that no longer differ: " + remove);
		}
		StringBuilder message = new StringBuilder("The revisions do not give the schema of the model " + location + ":");
		changes.forEach((change) -> message.append("\n  - ").append(change.description()));
		if (!leftOut.isEmpty()) {
			message.append("\n  Not compared by autogenerate, and not the same in the database the revisions gave as in"
					+ " the model, by their definitions as PostgreSQL prints them:");
			leftOut.forEach((object) -> message.append(leftOut(object)));
		}
		if (!noLongerDiffer.isEmpty()) {
			message.append("\n  Accepted, and no longer different: ").append(remove);
		}
		String autogenerate = "retort revision --autogenerate -m \"MESSAGE\" --model " + modelFile(location);
		int count = leftOut.size();
		String them = (count == 1) ? "it" : "them";
		String asComments = ((count == 1) ? "as a comment, with the statement" : "as comments, each with the statement")
				+ " to write in its upgrade and the one that undoes it in its downgrade";
		if (leftOut.isEmpty()) {
			message.append("\nWrite the difference as a revision: " + autogenerate + ", or correct the model.");
		}
		else if (changes.isEmpty()) {
			message.append("\nAdd " + them + " to a revision: " + autogenerate + " writes one that lists " + them + " "
					+ asComments + "; or correct the model.");
		}
		else {
			message.append("\nWrite the difference as a revision: " + autogenerate + " writes one that also lists "
					+ ((count == 1) ? "the one" : "those") + " it does not compare " + asComments
					+ "; or correct the model.");
		}
		throw new AssertionError(message);
	}

	private static boolean acceptedAmong(List<AcceptedDifference> accepted, String difference) {
		return accepted.stream().anyMatch((acceptance) -> acceptance.accepts(difference));
	}

	/** An object autogenerate does not compare, with the statement a revision's upgrade writes for it. */
	private static String leftOut(LeftOut object) {
		String statement = (object.upgrade() != null) ? object.upgrade().stripTrailing() + ";"
				: "(PostgreSQL prints no statement for it: write it from its definition)";
		return "\n  - " + object.object() + ":" + statement.lines().map((line) -> "\n      " + line).collect(Collectors.joining());
	}

	/**
	 * The model as the command line names it: a file, and for a {@code classpath:} model its source
	 * in a Maven or Gradle project, where the command line also reads {@code classpath:} locations.
	 */
	private static String modelFile(String location) {
		String file = location.startsWith("classpath:")
				? "src/main/resources/" + location.substring("classpath:".length()).replaceAll("^/+", "")
				: location.replaceFirst("^filesystem:", "");
		return file.matches("[A-Za-z0-9_./:=@%+-]+") ? file : "'" + file.replace("'", "'\\''") + "'";
	}

	/** The model's text: read before the check, so that a model that is not there changes nothing. */
	String read(String location) {
		try {
			if (location.startsWith("classpath:")) {
				ClassLoader loader = (this.config.classLoader() != null) ? this.config.classLoader()
						: Thread.currentThread().getContextClassLoader();
				String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
				try (InputStream in = loader.getResourceAsStream(resource)) {
					if (in == null) {
						throw new IllegalArgumentException("No model at " + location + " on the class path.");
					}
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			return Files.readString(Path.of(location.replaceFirst("^filesystem:", "")), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the model " + location, ex);
		}
	}

}
