package dev.retort.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.retort.Retort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code retort init [DIR]}: creates the revisions directory and its revision template. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Create the revisions directory and a revision template you may edit.",
		description = "Creates DIR and the template new SQL revisions are written from. In a project (a pom.xml, build.gradle or src/main), DIR defaults to src/main/resources/db/revisions, where the application finds classpath:db/revisions and every other command looks first.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort init", "  retort init db/revisions" })
final class InitCommand extends RetortCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
			description = "The directory to create. e.g. src/main/resources/db/revisions")
	String directory;

	@Override
	boolean readsRevisions() {
		return false;
	}

	@Override
	int run() {
		Path working = this.root.environment().workingDirectory();
		Path target;
		if (this.directory != null) {
			target = working.resolve(this.directory).normalize();
		}
		else if (inProject(working)) {
			target = working.resolve(ConfigResolver.PROJECT_REVISIONS);
		}
		else {
			throw usage("No directory given and " + working + " is not a project (no pom.xml, build.gradle or "
					+ "src/main): name the directory to create, e.g. 'retort init db/revisions'.");
		}
		// An empty directory is taken as it is: saying it was created would not be true.
		boolean existed = Files.isDirectory(target);
		Path created = Retort.init(target);
		if (json()) {
			printJson(new InitResult(target.toString(), created.toString()));
			return 0;
		}
		if (!existed) {
			out().println("Created " + display(target));
		}
		if (!created.equals(target)) {
			out().println("Created " + display(created));
		}
		if (target.equals(working.resolve(ConfigResolver.PROJECT_REVISIONS))) {
			note("Next: retort revision -m \"create the first tables\"");
		}
		else {
			// Only the project's own directory is found without being named: say how to name this one.
			String shown = display(target);
			String location = shown.contains(" ") ? "'" + shown + "'" : shown;
			note("Next: retort revision --location " + location + " -m \"create the first tables\"");
			note("Every command needs --location " + location + " (or RETORT_LOCATIONS=filesystem:" + location
					+ " in the environment, or retort.locations in application.yml).");
		}
		return 0;
	}

	/** A pom.xml, a Gradle build or src/main: where the revisions' default directory belongs. */
	static boolean inProject(Path directory) {
		return Files.exists(directory.resolve("pom.xml")) || Files.exists(directory.resolve("build.gradle"))
				|| Files.exists(directory.resolve("build.gradle.kts")) || Files.isDirectory(directory.resolve("src/main"));
	}

	/**
	 * What {@code init --format json} prints.
	 *
	 * @param directory the revisions directory
	 * @param created what {@code init} wrote
	 */
	record InitResult(String directory, String created) {
	}

}
