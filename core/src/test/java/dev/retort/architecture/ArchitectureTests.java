package dev.retort.architecture;

import java.sql.Connection;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of DESIGN.md §3, held by a test rather than by reviews, as Spring Boot
 * does.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		// Not Predefined.DO_NOT_INCLUDE_TESTS: it expects target/test-classes, and work trees build
		// into target-<branch>/test-classes.
		.withImportOption((location) -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
		.importPackages("dev.retort");

	@Test
	void revisionGraphIsPure() {
		classes().that()
			.resideInAPackage("dev.retort.revision..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.retort.revision..", "dev.retort.error..", "java..")
			.because("the graph knows nothing of files or databases (DESIGN.md §3)")
			.check(CORE);
	}

	/**
	 * Known debt, listed class by class so that any new cycle fails: runtime uses four of
	 * command's result types (the JSON shapes) while command drives runtime. They belong in a
	 * package both can import; until they move, only these edges are tolerated.
	 */
	private static final Set<String> RUNTIME_USES_COMMAND_RESULTS = Set.of("dev.retort.command.HistoryEntry",
			"dev.retort.command.LockInfo", "dev.retort.command.StepResult", "dev.retort.command.MigrationListener");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.retort.(*)..")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(resideInAPackage("dev.retort.runtime.."),
					DescribedPredicate.describe("a command result type runtime reports in",
							(JavaClass target) -> RUNTIME_USES_COMMAND_RESULTS.contains(target.getName())))
			.check(CORE);
	}

	@Test
	void onlyRuntimeCommandDialectAndTheFacadeTouchJdbc() {
		noClasses().that()
			.resideOutsideOfPackages("dev.retort.runtime..", "dev.retort.command..", "dev.retort.dialect..",
					"dev.retort.operation..")
			.and()
			.resideOutsideOfPackage("dev.retort")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("java.sql..")
			.because("only runtime and command (and the facade, and dialect for the backfill runner) talk JDBC")
			.check(CORE);
	}

	@Test
	void operationsOnlyHandTheConnectionToJavaRevisions() {
		noClasses().that()
			.resideInAPackage("dev.retort.operation..")
			.should()
			.dependOnClassesThat(resideInAPackage("java.sql..").and(not(type(Connection.class))))
			.because("a Java revision may ask Operations for the JDBC Connection (SPEC §2.2), nothing more")
			.check(CORE);
	}

	@Test
	void coreDependsOnNoFramework() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "picocli..", "com.fasterxml.jackson..", "tools.jackson..")
			.because("core depends on the JDK and the SLF4J API only")
			.check(CORE);
	}

}
