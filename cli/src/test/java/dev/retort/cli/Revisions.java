package dev.retort.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes SQL revision files (SPEC §2.1) for tests, as a developer would by hand. */
final class Revisions {

	private final Path directory;

	private Revisions(Path directory) {
		this.directory = directory;
	}

	static Revisions in(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Revisions(directory);
	}

	Path directory() {
		return this.directory;
	}

	/** A revision with an upgrade and a downgrade; {@code revises} comma-separated, empty for a base. */
	Path write(String id, String revises, String message, String upgrade, String downgrade) {
		return write(id, revises, "", message, upgrade, downgrade);
	}

	Path write(String id, String revises, String branchLabels, String message, String upgrade, String downgrade) {
		String text = "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
				+ "\n-- Create Date: 2026-11-25 21:00:00\n-- Branch Labels: " + branchLabels
				+ "\n-- Depends On:\n\n-- +upgrade\n" + upgrade + "\n"
				+ ((downgrade != null) ? "\n-- +downgrade\n" + downgrade + "\n" : "");
		Path file = this.directory.resolve(id + "_" + message.replaceAll("\\W+", "_").toLowerCase() + ".sql");
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}
