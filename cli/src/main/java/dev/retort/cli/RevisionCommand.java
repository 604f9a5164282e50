package dev.retort.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.retort.Retort;
import dev.retort.autogenerate.SchemaDiff;
import dev.retort.command.NewRevision;
import dev.retort.command.WrittenRevision;
import dev.retort.config.RetortConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retort revision -m MSG}: writes a new revision file on top of a head. */
@Command(name = "revision", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Write a new revision file (SQL, or a Java class with --java).",
		description = "Writes a new revision with a fresh 12-hex id on top of the single head (or --head), into --version-path, else the directory of its parent, else the first filesystem location. Everything is checked before the file is written, and no file is ever overwritten.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort revision -m \"add user column\"",
				"  retort revision -m \"payments\" --head base --branch-label payments",
				"  retort revision -m \"second developer\" --head ae1027a6acf3 --splice",
				"  retort revision -m \"backfill\" --java com.example.db.Backfill",
				"  retort revision --autogenerate -m \"add orders\" --model target/schema.sql" })
final class RevisionCommand extends RetortCommand {

	@Option(names = { "-m", "--message" }, required = true, paramLabel = "MSG", order = 1,
			description = "The message: first line of the file, and its name. e.g. -m \"add user column\"")
	String message;

	@Option(names = "--head", paramLabel = "REV", order = 2,
			description = { "The parent of the new revision; default: the single head.",
					"e.g. --head ae1027a6acf3, --head payments@head, --head base (a new root)" })
	String head;

	@Option(names = "--splice", order = 3,
			description = "Allow --head to be a revision that is not a head, starting a new branch from it.")
	boolean splice;

	@Option(names = "--branch-label", paramLabel = "LABEL", order = 4,
			description = "A branch label for the new revision (repeatable). e.g. --branch-label payments")
	List<String> branchLabels = new ArrayList<>();

	@Option(names = "--depends-on", paramLabel = "REV", order = 5,
			description = "A revision or label this one depends on (repeatable). e.g. --depends-on payments@head")
	List<String> dependsOn = new ArrayList<>();

	@Option(names = "--rev-id", paramLabel = "ID", order = 6,
			description = "Use this id instead of a fresh one; refused when it exists. e.g. --rev-id 0001")
	String revId;

	@Option(names = "--version-path", paramLabel = "DIR", order = 7,
			description = { "The directory to write the file into; with --java, the source root (default src/main/java).",
					"e.g. --version-path src/main/resources/db/revisions" })
	String versionPath;

	@Option(names = "--java", paramLabel = "CLASS", order = 8,
			description = { "Write a Java revision skeleton of this class instead of SQL, under src/main/java.",
					"e.g. --java com.example.db.AddUsers" })
	String javaClass;

	@Option(names = "--autogenerate", order = 9,
			description = "Write into the revision what it takes to bring the database (at its heads) to the schema model.")
	boolean autogenerate;

	@Option(names = "--model", paramLabel = "FILE", order = 10,
			description = { "The schema model of --autogenerate: plain SQL creating the whole schema.",
					"Default: src/main/resources/db/schema.sql. e.g. --model target/schema.sql" })
	String model;

	@Override
	boolean connects() {
		return this.autogenerate;
	}

	@Override
	int run() {
		if (this.autogenerate && this.javaClass != null) {
			throw usage("--autogenerate writes a SQL revision; leave out --java.");
		}
		Path working = this.root.environment().workingDirectory();
		Path path = (this.versionPath != null) ? working.resolve(this.versionPath).normalize() : null;
		if (path == null && this.javaClass != null) {
			// A Java revision is a source file of the project: under src/main/java unless told otherwise.
			path = working.resolve("src/main/java");
		}
		List<String> parents = (this.head != null) ? List.of(this.head) : List.of();
		NewRevision request = new NewRevision(this.message, parents, this.splice, this.branchLabels, this.dependsOn,
				this.revId, path, this.javaClass);
		// Loaded once: autogenerate compares and then writes with the same revisions.
		Retort retort = retort();
		if (path == null && !embedded() && retort.graph().revisions().isEmpty()
				&& config().locations().equals(List.of(RetortConfig.DEFAULT_LOCATION))) {
			// A first revision with nowhere to go: the directory 'init' makes is what is missing, not a location option.
			if (!InitCommand.inProject(working)) {
				throw usage(working + " is not a project (no pom.xml, build.gradle or src/main), so there is no revisions"
						+ " directory to write into. Run retort in the project, or create one here with 'retort init"
						+ " db/revisions' and name it on every command: --location db/revisions. Nothing was written.");
			}
			if (!Files.isDirectory(working.resolve(ConfigResolver.PROJECT_REVISIONS))) {
				throw usage("This project has no revisions directory yet (" + ConfigResolver.PROJECT_REVISIONS + "): create"
						+ " it and the template new revisions are written from with 'retort init', then run this command"
						+ " again. Nothing was written.");
			}
		}
		WrittenRevision written;
		if (this.autogenerate) {
			// Several heads, an id in use: refused before the model runs on the database and its changes are listed.
			retort.requireRevisionWritable(request);
			requireDatabase("revision --autogenerate");
			SchemaModelFile file = SchemaModelFile.read(working, this.model);
			SchemaDiff diff = retort.check(file.source(), file.sql());
			// As Alembic does: what was detected, on standard error; the file is written either way.
			diff.changes().forEach((change) -> note("Detected " + change.description()));
			AutogenerateNotes.notCompared(diff, this::note);
			if (diff.isEmpty()) {
				note("No changes in schema detected.");
			}
			written = retort.revision(request, diff);
			AutogenerateNotes.writtenByHand(diff, this::note);
			AutogenerateNotes.leftOut(diff, true, this::note);
		}
		else {
			written = retort.revision(request);
		}
		if (json()) {
			printJson(written);
		}
		else {
			for (WrittenRevision before : written.before()) {
				out().println("Generated revision " + before.revision() + ": " + display(before.path()));
			}
			out().println("Generated revision " + written.revision() + ": " + display(written.path()));
		}
		if (!written.before().isEmpty()) {
			note("The new enum labels are in a revision of their own, which " + written.revision() + " revises: "
					+ "PostgreSQL refuses a label in the transaction that adds it. Apply both with retort upgrade.");
		}
		if (this.javaClass != null) {
			noteHowTheJavaRevisionIsRead();
		}
		return 0;
	}

	/**
	 * A new Java class is not yet a revision anyone reads: it must be compiled, and its package
	 * scanned. Otherwise the next 'revision' quietly branches off below it, and the application
	 * starts without it.
	 */
	private void noteHowTheJavaRevisionIsRead() {
		int dot = this.javaClass.lastIndexOf('.');
		String javaPackage = (dot > 0) ? this.javaClass.substring(0, dot) : "";
		boolean scanned = config().javaPackages()
			.stream()
			.anyMatch((each) -> javaPackage.equals(each) || javaPackage.startsWith(each + "."));
		if (scanned) {
			note("Compile the project before the next command: Java revisions are read from the compiled classes.");
		}
		else {
			// Not "or make it a bean": a bean is read by the application only, so this command line
			// would miss it, call a database it migrated ahead, and branch the next revision below it.
			note("Package " + javaPackage + " is not in retort.java-packages, so neither the application nor retort"
					+ " reads this revision: add " + javaPackagesSetting(javaPackage) + ", then"
					+ " compile the project. (Made a Spring bean instead, it is read by the application and its in-app"
					+ " commands, java -jar app.jar retort COMMAND, but not by this command line.)");
		}
	}

	/** The line to add, in the syntax of the project's own configuration file (YAML when it has none). */
	private String javaPackagesSetting(String javaPackage) {
		List<Path> files = ConfigFile.projectFiles(
				this.root.environment().workingDirectory().resolve(ConfigResolver.PROJECT_RESOURCES));
		boolean properties = !files.isEmpty() && files.stream()
			.allMatch((file) -> file.getFileName().toString().endsWith(".properties"));
		return properties ? "'retort.java-packages=" + javaPackage + "' to application.properties"
				: "'retort.java-packages: " + javaPackage + "' to application.yml";
	}

}
