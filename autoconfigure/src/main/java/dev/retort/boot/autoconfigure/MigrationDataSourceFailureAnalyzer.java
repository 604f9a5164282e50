package dev.retort.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MigrationDataSourceException} as Spring Boot reports a missing or ambiguous
 * bean: what is wrong and the action to take, not a stack trace of bean creation.
 */
class MigrationDataSourceFailureAnalyzer extends AbstractFailureAnalyzer<MigrationDataSourceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationDataSourceException cause) {
		return new FailureAnalysis(cause.problem(), cause.action(), cause);
	}

}
