package dev.retort.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanCurrentlyInCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetortDependencyCycleFailureAnalyzer}: which cycles are Retort's to explain.
 * {@code RetortJpaTests} shows the analysis a real start prints.
 */
class RetortDependencyCycleFailureAnalyzerTests {

	private final RetortDependencyCycleFailureAnalyzer analyzer = new RetortDependencyCycleFailureAnalyzer();

	@Test
	void aJavaRevisionThatInjectsAJdbcTemplateIsNamedWithThePathBack() {
		FailureAnalysis analysis = this.analyzer.analyze(created("retortInitializer", created("retort",
				created("addLatte", created("jdbcTemplate", new BeanCurrentlyInCreationException("retortInitializer"))))));
		assertThat(analysis.getDescription()).contains("Bean 'addLatte'")
			.contains("retort -> addLatte -> jdbcTemplate")
			.contains("'retortInitializer'");
		assertThat(analysis.getAction()).contains("op.connection()").doesNotContain("allow-circular-references");
	}

	@Test
	void otherCyclesAreLeftToSpringBootsAnalyzer() {
		assertThat(this.analyzer.analyze(created("a", created("b", new BeanCurrentlyInCreationException("a")))))
			.isNull();
		// The initializer in a cycle that does not go through the Retort bean: not a hook's doing.
		assertThat(this.analyzer.analyze(created("retortInitializer",
				created("someService", new BeanCurrentlyInCreationException("retortInitializer")))))
			.isNull();
	}

	private static BeanCreationException created(String beanName, Throwable cause) {
		return new BeanCreationException(beanName, "Error creating bean with name '" + beanName + "'", cause);
	}

}
