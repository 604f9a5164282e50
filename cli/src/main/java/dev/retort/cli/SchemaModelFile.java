package dev.retort.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The schema model of {@code check} and {@code revision --autogenerate}: a SQL file creating the
 * whole schema, given with {@code --model}, else {@code src/main/resources/db/schema.sql} of the
 * project.
 *
 * @param source the file, as shown in messages
 * @param sql its content
 */
record SchemaModelFile(String source, String sql) {

	static final String DEFAULT = "src/main/resources/db/schema.sql";

	static SchemaModelFile read(Path workingDirectory, String given) {
		String name = (given != null) ? given : DEFAULT;
		Path file = workingDirectory.resolve(name).normalize();
		if (!Files.isRegularFile(file)) {
			throw new RetortException(ErrorCode.CONFIGURATION, ((given != null) ? "The model " + file + " is not a file"
					: "No schema model: " + DEFAULT + " does not exist")
					+ ". Give --model FILE: plain SQL creating the whole schema, such as a schema.sql, or the DDL "
					+ "that JPA's schema generation writes (spring.jpa.properties.jakarta.persistence.schema-generation"
					+ ".scripts.action=create).");
		}
		try {
			return new SchemaModelFile(name, Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.CONFIGURATION, "Could not read the model " + file + ": "
					+ ex.getMessage(), ex);
		}
	}

}
