package dev.retort.boot.actuate;

import java.util.stream.Stream;

import dev.retort.Retort;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code migrations} contributor of an application that migrates a schema per tenant: one
 * {@link RetortHealthIndicator} per schema its runs migrated, named by the schema, so a readiness
 * group that includes {@code migrations} waits for every tenant, and a tenant whose run failed is
 * {@code DOWN} under its own name. The schemas are those of {@link RetortSchemas#bySchema()} at each
 * check, so a tenant migrated while the application runs is checked from then on.
 */
public class RetortSchemasHealthContributor implements CompositeHealthContributor {

	private final RetortSchemas schemas;

	/**
	 * Creates a contributor.
	 * @param schemas the schemas of the application's Retort
	 */
	public RetortSchemasHealthContributor(RetortSchemas schemas) {
		this.schemas = schemas;
	}

	@Override
	public HealthContributor getContributor(String name) {
		Retort schema = this.schemas.bySchema().get(name);
		return (schema != null) ? new RetortHealthIndicator(schema) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return this.schemas.bySchema()
			.entrySet()
			.stream()
			.map((schema) -> new Entry(schema.getKey(), new RetortHealthIndicator(schema.getValue())));
	}

}
