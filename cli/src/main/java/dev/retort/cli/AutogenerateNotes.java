package dev.retort.cli;

import java.util.function.Consumer;

import dev.retort.autogenerate.SchemaDiff;

/** What {@code check} and {@code revision --autogenerate} tell about the model beyond its differences. */
final class AutogenerateNotes {

	private AutogenerateNotes() {
	}

	/**
	 * The objects of the model autogenerate does not compare: without this, a trigger or function
	 * added to the model would pass {@code check} unseen.
	 */
	static void notCompared(SchemaDiff diff, Consumer<String> note) {
		if (!diff.notCompared().isEmpty()) {
			note.accept("Not compared, so neither checked nor written by autogenerate: "
					+ String.join(", ", diff.notCompared()) + ". Write their changes in a revision by hand.");
		}
	}

}
