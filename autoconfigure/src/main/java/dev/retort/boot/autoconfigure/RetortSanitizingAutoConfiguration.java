package dev.retort.boot.autoconfigure;

import dev.retort.boot.actuate.RetortCredentialsSanitizingFunction;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link RetortCredentialsSanitizingFunction}
 * that keeps {@code retort.password} and the password in {@code retort.url} out of
 * {@code /actuator/env} and {@code /actuator/configprops} shown with {@code show-values}. Whenever
 * Actuator is there, whether or not Retort migrates: those endpoints show the properties anyway.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class RetortSanitizingAutoConfiguration {

	@Bean
	RetortCredentialsSanitizingFunction retortCredentialsSanitizingFunction() {
		return new RetortCredentialsSanitizingFunction();
	}

}
