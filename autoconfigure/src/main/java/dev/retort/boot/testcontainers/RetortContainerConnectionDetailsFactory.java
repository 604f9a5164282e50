package dev.retort.boot.testcontainers;

import dev.retort.boot.autoconfigure.RetortConnectionDetails;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} creating {@link RetortConnectionDetails} from a
 * {@code @ServiceConnection}-annotated {@link JdbcDatabaseContainer}, so migrations run on the
 * container, as Flyway's and Liquibase's do.
 */
class RetortContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<JdbcDatabaseContainer<?>, RetortConnectionDetails> {

	@Override
	protected RetortConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<JdbcDatabaseContainer<?>> source) {
		return new RetortContainerConnectionDetails(source);
	}

	/**
	 * {@link RetortConnectionDetails} backed by a {@link JdbcDatabaseContainer}.
	 */
	private static final class RetortContainerConnectionDetails
			extends ContainerConnectionDetails<JdbcDatabaseContainer<?>> implements RetortConnectionDetails {

		private RetortContainerConnectionDetails(ContainerConnectionSource<JdbcDatabaseContainer<?>> source) {
			super(source);
		}

		@Override
		public String getUsername() {
			return getContainer().getUsername();
		}

		@Override
		public String getPassword() {
			return getContainer().getPassword();
		}

		@Override
		public String getJdbcUrl() {
			return getContainer().getJdbcUrl();
		}

		@Override
		public String getDriverClassName() {
			return getContainer().getDriverClassName();
		}

	}

}
