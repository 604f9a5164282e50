package dev.retort.boot.autoconfigure;

import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import dev.retort.Retort;

import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Hibernate that Retort manages a {@link DataSource}, so that {@code ddl-auto} defaults
 * to {@code none} rather than {@code create-drop} for it.
 */
class RetortSchemaManagementProvider implements SchemaManagementProvider {

	private final Iterable<Retort> retorts;

	RetortSchemaManagementProvider(Iterable<Retort> retorts) {
		this.retorts = retorts;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		return StreamSupport.stream(this.retorts.spliterator(), false)
			.map((retort) -> managed(retort.config().dataSource()))
			.filter(dataSource::equals)
			.findFirst()
			.map((managed) -> SchemaManagement.MANAGED)
			.orElse(SchemaManagement.UNMANAGED);
	}

	/** The {@code @RetortDataSource} bean itself, which the migrations reach through a wrapper that names it. */
	private static DataSource managed(DataSource migrations) {
		return (migrations instanceof DescribedMigrationDataSource described) ? described.getTargetDataSource()
				: migrations;
	}

}
