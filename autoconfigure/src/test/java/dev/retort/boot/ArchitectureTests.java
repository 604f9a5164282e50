package dev.retort.boot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shapes Spring Boot's own build enforces on its auto-configurations, held here the same way.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		// Not Predefined.DO_NOT_INCLUDE_TESTS: it knows only 'target/', and work trees build elsewhere.
		.withImportOption((location) -> !location.contains("/test-classes/"))
		.importPackages("dev.retort.boot");

	@Test
	void autoConfigurationsArePublicAndFinal() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(classes);
	}

	@Test
	void beanMethodsAreNotPublic() {
		methods().that().areAnnotatedWith(Bean.class).should().notBePublic().check(classes);
	}

	@Test
	void conditionsAreNotPublic() {
		classes().that().implement(Condition.class).should().notBePublic().allowEmptyShould(true).check(classes);
	}

	@Test
	void beanMethodsHaveNoClassConditions() {
		noMethods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.beAnnotatedWith("org.springframework.boot.autoconfigure.condition.ConditionalOnClass")
			.check(classes);
	}

	@Test
	void onlyTheCommandPackageTouchesTheCli() {
		noClasses().that()
			.resideOutsideOfPackage("dev.retort.boot.command..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.retort.cli..")
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.retort.boot.(*)..").should().beFreeOfCycles().check(classes);
	}

}
