package dev.retort.test;

import java.lang.reflect.Method;
import java.util.List;

import javax.sql.DataSource;

/**
 * How many connections the pool behind a {@code DataSource} lends at once, read by the getter of
 * each pool a Spring Boot project uses (no dependency on any): the kit holds one for its lock
 * while Retort migrates with two, the migration's and its lock's. A pool of 2 made a round trip
 * wait for the pool's connection timeout (Hikari's 30 s) and then fail with Retort's own advice to
 * "let the pool lend 2 or more"; a pool of 1 failed with "Could not empty the test database:
 * HikariPool-1 - Connection is not available".
 */
final class PoolCapacity {

	/** Connections the kit needs at once: its lock's, the migration's and Retort's lock's. */
	static final int NEEDED = 3;

	/**
	 * A pool's getter of its size, its setter's name, and the Spring Boot property that sets it.
	 * A negative size (Commons DBCP 2, Tomcat JDBC) has no limit.
	 */
	private record Pool(String getter, String setter, String bootProperty) {
	}

	private static final List<Pool> POOLS = List.of(
			new Pool("getMaximumPoolSize", "setMaximumPoolSize", "spring.datasource.hikari.maximum-pool-size"),
			new Pool("getMaxTotal", "setMaxTotal", "spring.datasource.dbcp2.max-total"),
			new Pool("getMaxActive", "setMaxActive", "spring.datasource.tomcat.max-active"),
			new Pool("getMaxPoolSize", "setMaxPoolSize", "spring.datasource.oracleucp.max-pool-size"));

	private PoolCapacity() {
	}

	/**
	 * Null when the pool lends enough connections, or its size is unknown; else what to set.
	 * @param dataSource the kit's {@code DataSource}
	 */
	static String shortfall(DataSource dataSource) {
		Object target = unwrapped(dataSource);
		for (Pool pool : POOLS) {
			Integer size = size(target, pool.getter());
			if (size != null && size >= 0 && size < NEEDED) {
				return "The kit needs " + NEEDED + " connections of its DataSource at once (one holds the kit's lock on"
						+ " the test database while Retort migrates with two), and the pool ("
						+ target.getClass().getName() + ") lends at most " + size + ". Let it lend " + NEEDED
						+ " or more: in a @SpringBootTest, " + pool.bootProperty() + "=" + NEEDED + " (for instance"
						+ " @SpringBootTest(properties = \"" + pool.bootProperty() + "=" + NEEDED + "\")); for a pool the"
						+ " test builds, " + target.getClass().getSimpleName() + "." + pool.setter() + "(" + NEEDED + ")."
						+ " Nothing was changed.";
			}
		}
		return null;
	}

	/**
	 * What to do when the pool, of a size the kit could not read, lends no more connections while
	 * the kit holds its lock: not that the database is down, nor Retort's own advice of 2.
	 * @param reason the pool's words
	 */
	static String exhausted(String reason) {
		return "The kit needs " + NEEDED + " connections of its DataSource at once (one holds the kit's lock on the test"
				+ " database while Retort migrates with two), and the pool lent no more: " + reason + ". Let it lend "
				+ NEEDED + " or more (Spring Boot: spring.datasource.hikari.maximum-pool-size=" + NEEDED + "), beside"
				+ " what the test itself holds.";
	}

	/** Through Spring's {@code DelegatingDataSource}s (a described or proxied pool) to the pool. */
	private static Object unwrapped(DataSource dataSource) {
		Object target = dataSource;
		for (int depth = 0; depth < 8; depth++) {
			Object next = invoke(target, "getTargetDataSource");
			if (!(next instanceof DataSource)) {
				break;
			}
			target = next;
		}
		return target;
	}

	private static Integer size(Object pool, String getter) {
		return (invoke(pool, getter) instanceof Integer size) ? size : null;
	}

	private static Object invoke(Object target, String getter) {
		try {
			Method method = target.getClass().getMethod(getter);
			return method.invoke(target);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Not that pool, or a getter it does not open to us: its size is unknown, the kit goes on.
			return null;
		}
	}

}
