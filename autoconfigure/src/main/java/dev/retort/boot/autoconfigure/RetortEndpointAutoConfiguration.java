package dev.retort.boot.autoconfigure;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortEndpoint;
import dev.retort.boot.actuate.RetortEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RetortEndpoint} ({@code /actuator/migrations}).
 */
@AutoConfiguration(after = RetortAutoConfiguration.class)
@ConditionalOnClass({ Retort.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(RetortEndpoint.class)
public final class RetortEndpointAutoConfiguration {

	// One Retort, or the @Primary one of several (an application that migrates two databases
	// with Retort beans of its own): its state is what the endpoint shows.
	@Bean
	@ConditionalOnSingleCandidate(Retort.class)
	@ConditionalOnMissingBean
	RetortEndpoint retortEndpoint(Retort retort) {
		return new RetortEndpoint(retort);
	}

	// Over HTTP, a database that cannot be read is a 503 with what the files say, not a bare 500.
	@Bean
	@ConditionalOnBean(RetortEndpoint.class)
	@ConditionalOnMissingBean
	RetortEndpointWebExtension retortEndpointWebExtension(RetortEndpoint endpoint) {
		return new RetortEndpointWebExtension(endpoint);
	}

}
