package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.retort.Retort;

/**
 * The schemas the starter reports for one {@code Retort} bean. As long as the application migrates
 * nothing but the bean's own schema ({@code retort.schema}, else the connection's), that one, as
 * SPEC §7 describes it. Once its runs migrated another schema through {@link Retort#forSchema}
 * (a {@code RetortMigrationStrategy} that migrates a schema per tenant), each schema they migrated,
 * failed runs too ({@link Retort#migrated()}), and the bean's own only when it ran one itself: the
 * strategy never migrates the bean's own schema, where every revision stays pending for good.
 * Read from memory at each call: a tenant the application migrates while it runs is reported from
 * then on ({@link #eachGauged} for meters, which are registered once each), and nothing here reads
 * the database, except to name the bean's own schema when it is the connection's and was migrated
 * beside others (once, for the health contributor and the endpoint; the gauges do without).
 */
public final class RetortSchemas {

	/** The {@code schema} tag of the bean's own schema's gauges: see {@link #eachGauged}. */
	private static final String OWN_SCHEMA_TAG = "";

	private final Retort retort;

	/** The connection's schema, once read: the name of the bean's own when {@code retort.schema} is unset. */
	private volatile String connectionSchema;

	/**
	 * Creates the schemas of a bean.
	 * @param retort the application's Retort
	 */
	public RetortSchemas(Retort retort) {
		this.retort = retort;
	}

	/**
	 * Whether the application's runs migrated a schema other than the bean's own: then
	 * {@link #bySchema()} is what to report.
	 */
	public boolean several() {
		String own = this.retort.config().schema();
		for (Retort migrated : this.retort.migrated()) {
			if (!Objects.equals(migrated.config().schema(), own)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Each schema the application's runs migrated, by name, in the order of their first run; the
	 * bean's own schema alone when it migrated no other.
	 */
	public Map<String, Retort> bySchema() {
		Map<String, Retort> schemas = new LinkedHashMap<>();
		List<Retort> migrated = this.retort.migrated();
		if (!several()) {
			schemas.put(name(this.retort), this.retort);
			return schemas;
		}
		for (Retort facade : migrated) {
			// forSchema("public") beside the bean's own run of the connection's public: one schema.
			schemas.putIfAbsent(name(facade), facade);
		}
		return schemas;
	}

	/**
	 * Calls {@code bind} with the {@code schema} tag and the facade of each schema the gauges report
	 * now, then of each schema the application's runs migrate for the first time from now on (a
	 * tenant onboarded while it runs, through {@code retort.forSchema(tenant).upgrade(…)}; the bean's
	 * own schema first migrated beside tenants), as that run starts: once per schema, for meters
	 * registered once each. The gauges report the schemas {@link #bySchema()} reports, and keep each
	 * they reported: the bean's own schema, once reported, stays as tenants come.
	 * <p>
	 * Every gauge carries the tag, whatever the application migrates while it runs: Prometheus wants
	 * one set of tag keys per name, and its registry leaves out of every scrape a meter whose keys
	 * differ from those of the first one of its name (with a warning, once). The bean's own schema is
	 * tagged {@code ""}, which Prometheus stores as no label at all: the series of an application
	 * without tenants are those of the untagged gauges it had, and naming that schema, when it is the
	 * connection's, would take a query. A tenant is tagged with its schema's configured name. Memory
	 * only.
	 * @param bind told each schema's tag and facade once, from any thread; it must not throw
	 */
	public void eachGauged(BiConsumer<String, Retort> bind) {
		Set<String> bound = ConcurrentHashMap.newKeySet();
		// Asked before reading the schemas now, so that a run that starts meanwhile is not missed.
		this.retort.whenFirstMigrated((facade) -> {
			String tag = tag(facade);
			if (bound.add(tag)) {
				bind.accept(tag, facade);
			}
		});
		if (!several()) {
			if (bound.add(OWN_SCHEMA_TAG)) {
				bind.accept(OWN_SCHEMA_TAG, this.retort);
			}
			return;
		}
		for (Retort facade : this.retort.migrated()) {
			String tag = tag(facade);
			if (bound.add(tag)) {
				bind.accept(tag, facade);
			}
		}
	}

	/** The {@code schema} tag of a facade's gauges: see {@link #eachGauged}. */
	private String tag(Retort facade) {
		String schema = facade.config().schema();
		return Objects.equals(schema, this.retort.config().schema()) ? OWN_SCHEMA_TAG : schema;
	}

	/** The names of {@link #bySchema()}. */
	public List<String> names() {
		return List.copyOf(bySchema().keySet());
	}

	/**
	 * The facade of one schema that {@link #bySchema()} reports, the bean's own schema always, or
	 * {@code null} for a schema the application did not migrate.
	 * @param schema a schema's name as reported
	 */
	public Retort schema(String schema) {
		Retort reported = bySchema().get(schema);
		if (reported != null) {
			return reported;
		}
		return schema.equals(name(this.retort)) ? this.retort : null;
	}

	private String name(Retort facade) {
		String schema = facade.config().schema();
		if (schema != null) {
			return schema;
		}
		String read = this.connectionSchema;
		if (read == null) {
			read = facade.status().schema();
			this.connectionSchema = read;
		}
		return read;
	}

}
