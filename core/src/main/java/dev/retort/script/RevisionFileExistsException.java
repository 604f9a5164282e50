package dev.retort.script;

import java.nio.file.Path;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** A new revision (or template) would replace an existing file; Retort never overwrites one. */
public class RevisionFileExistsException extends RetortException {

	private final Path path;

	public RevisionFileExistsException(Path path) {
		super(ErrorCode.INVALID_REVISION_FILE, "File '" + path + "' already exists; Retort never overwrites a file. "
				// A Java revision's file is named by its class alone: a new id or message would not help.
				+ (path.toString().endsWith(".java") ? "Choose another class name (--java)"
						: "Choose another id (--rev-id) or message")
				+ ", or move the existing file.");
		this.path = path;
	}

	/** The file that exists. */
	public Path path() {
		return this.path;
	}

}
