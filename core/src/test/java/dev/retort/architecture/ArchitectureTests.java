package dev.retort.architecture;

import java.sql.Connection;

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

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.retort.(*)..")
			.should()
			.beFreeOfCycles()
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
