package dev.retort.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes SQL revision files (SPEC §2.1) into a directory for a test. */
public final class RevisionFiles {

	private final Path directory;

	public RevisionFiles(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String location() {
		return "filesystem:" + this.directory;
	}

	public Path directory() {
		return this.directory;
	}

	/** A transactional revision with an upgrade and a downgrade. */
	public Path write(String id, String revises, String upgrade, String downgrade) {
		return write(id, revises, "", true, upgrade, downgrade);
	}

	public Path write(String id, String revises, String extraHeaders, boolean transactional, String upgrade,
			String downgrade) {
		StringBuilder text = new StringBuilder();
		text.append("-- revision ").append(id).append("\n--\n");
		text.append("-- Revision ID: ").append(id).append("\n");
		text.append("-- Revises: ").append((revises != null) ? revises : "").append("\n");
		text.append("-- Create Date: 2026-11-25 21:00:00\n");
		text.append(extraHeaders);
		text.append("-- Transactional: ").append(transactional).append("\n\n");
		text.append("-- +upgrade\n").append(upgrade).append("\n");
		if (downgrade != null) {
			text.append("\n-- +downgrade\n").append(downgrade).append("\n");
		}
		Path file = this.directory.resolve(id + "_test.sql");
		try {
			Files.writeString(file, text.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}
