package dev.retort.boot.docker.compose;

import dev.retort.boot.autoconfigure.RetortConnectionDetails;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * {@link ConnectionDetailsFactory} that adapts the {@link JdbcConnectionDetails} of a Docker
 * Compose service to {@link RetortConnectionDetails}, so migrations run on that service.
 */
class JdbcAdaptingRetortConnectionDetailsFactory
		implements ConnectionDetailsFactory<JdbcConnectionDetails, RetortConnectionDetails> {

	@Override
	public RetortConnectionDetails getConnectionDetails(JdbcConnectionDetails input) {
		return new RetortConnectionDetails() {

			@Override
			public String getUsername() {
				return input.getUsername();
			}

			@Override
			public String getPassword() {
				return input.getPassword();
			}

			@Override
			public String getJdbcUrl() {
				return input.getJdbcUrl();
			}

			@Override
			public String getDriverClassName() {
				return input.getDriverClassName();
			}

		};
	}

}
