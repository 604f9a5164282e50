package dev.retort.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanCurrentlyInCreationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains the cycle a {@code Migration}, {@code MigrationListener} or
 * {@code RetortConfigurationCustomizer} bean makes when it injects a bean that waits for the
 * migrations ({@code JdbcTemplate}, a JPA repository, an {@code EntityManager}): Retort needs the
 * bean before it can migrate, the bean needs the migration done. Spring's own analysis of the
 * cycle suggests {@code spring.main.allow-circular-references}, which cannot help here.
 */
class RetortDependencyCycleFailureAnalyzer extends AbstractFailureAnalyzer<BeanCurrentlyInCreationException>
		implements Ordered {

	/** The auto-configured beans' names: their factory methods' in {@link RetortAutoConfiguration}. */
	private static final String RETORT_BEAN = "retort";

	private static final String INITIALIZER_BEAN = "retortInitializer";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BeanCurrentlyInCreationException cause) {
		if (!INITIALIZER_BEAN.equals(cause.getBeanName())) {
			return null;
		}
		List<String> path = beansAfterRetort(rootFailure);
		if (path.isEmpty()) {
			return null;
		}
		String hook = path.get(0);
		String description = "Bean '" + hook + "', which Retort needs before it migrates (a Java revision, a "
				+ "MigrationListener or a RetortConfigurationCustomizer), depends on beans that wait for the migrations "
				+ "to finish:" + System.lineSeparator() + System.lineSeparator() + "    " + RETORT_BEAN + " -> "
				+ String.join(" -> ", path) + " -> ... -> " + INITIALIZER_BEAN + System.lineSeparator()
				+ System.lineSeparator() + "('" + INITIALIZER_BEAN + "' runs the migrations, and needs '" + RETORT_BEAN
				+ "' first).";
		String action = "Do not inject JdbcTemplate, JdbcClient, an EntityManager, a JPA repository, a jOOQ DSLContext "
				+ "or a @DependsOnDatabaseInitialization bean into '" + hook + "': they are made to wait for the "
				+ "migrations. A Java revision changes data through the Operations it is given: op.execute(sql), "
				+ "op.bulkInsert(table, rows), or op.connection() for JDBC in the revision's own transaction (as in "
				+ "Alembic, entities describe today's schema, not the schema at that revision). A MigrationListener "
				+ "that writes to the database can use the DataSource, which does not wait.";
		return new FailureAnalysis(description, action, cause);
	}

	/** The beans of the chain that Retort's bean was creating, in the order they were asked for. */
	private static List<String> beansAfterRetort(Throwable failure) {
		List<String> beans = new ArrayList<>();
		boolean afterRetort = false;
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation && creation.getBeanName() != null
					&& !(candidate instanceof BeanCurrentlyInCreationException)) {
				if (afterRetort && (beans.isEmpty() || !beans.get(beans.size() - 1).equals(creation.getBeanName()))) {
					beans.add(creation.getBeanName());
				}
				afterRetort = afterRetort || RETORT_BEAN.equals(creation.getBeanName());
			}
		}
		return beans;
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's analyzer of the same exception, which would claim it first.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
