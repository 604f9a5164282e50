package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.retort.Retort;

/**
 * The schemas the starter reports for one {@code Retort} bean. As long as the application migrates
 * nothing but the bean's own schema ({@code retort.schema}, else the connection's), that one, as
 * SPEC §7 describes it. Once its runs migrated another schema through {@link Retort#forSchema}
 * (a {@code RetortMigrationStrategy} that migrates a schema per tenant), each schema they migrated,
 * failed runs too ({@link Retort#migrated()}), and the bean's own only when it ran one itself: the
 * strategy never migrates the bean's own schema, where every revision stays pending for good.
 * Read from memory at each call: a tenant the application migrates while it runs is reported from
 * then on ({@link #eachSchema} for meters, which are registered once each), and nothing here reads
 * the database, except to name the bean's own schema when it is the connection's and was migrated
 * beside others (once).
 */
public final class RetortSchemas {

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

	/** The bean itself, whose schema an application that migrates only its own reports. */
	public Retort retort() {
		return this.retort;
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
	 * Calls {@code bind} with each schema {@link #bySchema()} reports now, then with each other schema
	 * the application's runs migrate for the first time from now on (a tenant onboarded while it
	 * runs, through {@code retort.forSchema(tenant).upgrade(…)}), as that run starts: once per schema,
	 * for meters that exist per schema. Only for an application that reports {@link #several()}
	 * schemas: one that migrated only its own has untagged meters, which tagged ones beside them would
	 * break (Prometheus wants one set of tags per name). The bean's own schema, when it is the
	 * connection's and is first migrated after this call, is left out: naming it would take a query
	 * in the middle of that run.
	 * @param bind told each schema's name once, from any thread; it must not throw
	 */
	public void eachSchema(Consumer<String> bind) {
		Set<String> bound = ConcurrentHashMap.newKeySet();
		// Asked before reading the schemas now, so that a run that starts meanwhile is not missed.
		this.retort.whenFirstMigrated((facade) -> {
			String schema = facade.config().schema();
			if (schema != null && bound.add(schema)) {
				bind.accept(schema);
			}
		});
		for (String schema : bySchema().keySet()) {
			if (bound.add(schema)) {
				bind.accept(schema);
			}
		}
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
