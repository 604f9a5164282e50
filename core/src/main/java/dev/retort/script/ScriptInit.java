package dev.retort.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * {@code retort init DIR}: creates a revisions directory holding the revision template
 * ({@value RevisionTemplate#FILE_NAME}), which the user may then edit.
 */
public final class ScriptInit {

	private ScriptInit() {
	}

	/**
	 * Creates {@code directory} (and its parents) and writes the built-in template into it.
	 * @return the template file written
	 * @throws RetortException ({@link ErrorCode#CONFIGURATION}) when {@code directory} exists and
	 * is not an empty directory
	 */
	public static Path init(Path directory) {
		if (Files.exists(directory)) {
			if (!Files.isDirectory(directory)) {
				throw new RetortException(ErrorCode.CONFIGURATION,
						"'" + directory + "' exists and is not a directory. Choose another path for the revisions.");
			}
			if (!isEmpty(directory)) {
				throw new RetortException(ErrorCode.CONFIGURATION, "Directory '" + directory
						+ "' already exists and is not empty. Choose a new or empty directory; nothing was written.");
			}
		}
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Cannot create '" + directory + "': " + ex.getMessage(), ex);
		}
		Path template = directory.resolve(RevisionTemplate.FILE_NAME);
		RevisionWriter.write(template, RevisionTemplate.builtIn().text());
		return template;
	}

	private static boolean isEmpty(Path directory) {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Cannot list '" + directory + "': " + ex.getMessage(), ex);
		}
	}

}
