package dev.retort.cli;

import java.util.function.Consumer;

import dev.retort.autogenerate.LeftOut;
import dev.retort.autogenerate.SchemaDiff;

/** What {@code check} and {@code revision --autogenerate} tell about the model beyond its differences. */
final class AutogenerateNotes {

	private AutogenerateNotes() {
	}

	/**
	 * The objects of the model autogenerate writes no statement for: without this, a trigger or
	 * function added to the model would pass {@code check} unseen.
	 */
	static void notCompared(SchemaDiff diff, Consumer<String> note) {
		if (!diff.notCompared().isEmpty()) {
			note.accept("Not written by autogenerate, which has no statements for them: "
					+ String.join(", ", diff.notCompared()) + ". Write their changes in a revision by hand.");
		}
	}

	/**
	 * Of what is not compared, what the model has and the database has not, or the other way round:
	 * named here since {@code check} passes over it, and the revision written would leave it out
	 * silently but for the comments it lists it in.
	 * @param written whether a revision was written, which lists them with their statements
	 */
	static void leftOut(SchemaDiff diff, boolean written, Consumer<String> note) {
		if (diff.leftOut().isEmpty()) {
			return;
		}
		int count = diff.leftOut().size();
		String objects = String.join("; ", diff.leftOut().stream().map(LeftOut::object).toList());
		note.accept("Not the same in the model and the database, by their definitions as PostgreSQL prints them: "
				+ objects + ". "
				+ (written ? "The revision lists " + ((count == 1) ? "it" : "them all") + " as comments, each with the"
						+ " statement to write by hand in its upgrade and the one that undoes it in its downgrade."
						: "retort revision --autogenerate writes a revision that lists " + ((count == 1) ? "it" : "them")
								+ " as comments, with the statements to write by hand."));
	}

	/**
	 * What {@code check} says to do with the differences: autogenerate writes them, but not those
	 * it reports for a revision written by hand, which would otherwise send the user to a command
	 * that writes an empty file. The command named carries the {@code --model} that {@code check}
	 * was given: without it, the command copied from this line would look for the default model.
	 * @param model the {@code --model} option as given, {@code null} for the default
	 */
	static String whatToDo(SchemaDiff diff, String model) {
		String autogenerate = "retort revision --autogenerate -m \"MESSAGE\""
				+ ((model != null) ? " --model " + shellWord(model) : "");
		int all = diff.changes().size();
		int byHand = diff.writtenByHand().size();
		String changes = all + ((all == 1) ? " change" : " changes") + " between the revisions and the model";
		if (byHand == 0) {
			return changes + ": write them as a revision with " + autogenerate;
		}
		String them = (byHand == 1) ? "it" : "them";
		if (byHand == all) {
			return changes + ", which autogenerate cannot write (why, above): write " + them + " by hand in a revision; "
					+ autogenerate + " writes one that lists " + them + " as comments";
		}
		return changes + ": write them as a revision with " + autogenerate + ", then write by "
				+ "hand in it the " + ((byHand == 1) ? "one" : byHand) + " autogenerate cannot write (why, above; the "
				+ "revision lists " + them + " as comments)";
	}

	/** A path as a shell reads it back: quoted only when it holds more than a plain path's characters. */
	private static String shellWord(String path) {
		return path.matches("[A-Za-z0-9_./:=@%+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
	}

	/**
	 * After {@code revision --autogenerate}: the changes it could not write, which the revision lists
	 * as comments, so that a file with fewer statements than changes detected is not taken as done.
	 */
	static void writtenByHand(SchemaDiff diff, Consumer<String> note) {
		int byHand = diff.writtenByHand().size();
		if (byHand > 0) {
			String them = (byHand == 1) ? "it" : "them";
			String which = (byHand == diff.changes().size()) ? ((byHand == 1) ? "The change" : "None of the " + byHand + " changes")
					: byHand + " of the " + diff.changes().size() + " changes";
			note.accept(which + " detected " + ((byHand == diff.changes().size() && byHand > 1) ? "can" : "cannot")
					+ " be written by autogenerate: the revision lists " + them + " as comments in its upgrade; write "
					+ them + " there by hand, and undo " + them + " in its downgrade.");
		}
	}

}
