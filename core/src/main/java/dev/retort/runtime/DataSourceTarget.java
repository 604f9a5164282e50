package dev.retort.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import javax.sql.DataSource;

import dev.retort.config.DatabaseUrl;

/**
 * Words for a plain {@link DataSource} in a connection failure: the URL and user it connects
 * with, as its JavaBean getters say ({@code getJdbcUrl()} of a Hikari pool, {@code getUrl()} of
 * Spring's {@code SimpleDriverDataSource}, pgjdbc's, DBCP's and Tomcat's pools; {@code getUsername()}
 * or {@code getUser()}), through a Spring {@code DelegatingDataSource}'s
 * {@code getTargetDataSource()}. Core knows none of those classes, and the server cannot be asked
 * when it is the thing that failed: only read when a connection failed, never on a good run.
 */
final class DataSourceTarget {

	private static final String UNKNOWN = "the configured DataSource";

	/** Wrappers of wrappers: enough for a proxy around a pool, bounded for a cycle. */
	private static final int MAX_DEPTH = 4;

	private DataSourceTarget() {
	}

	/**
	 * @param dataSource the data source
	 * @return {@code 'URL' as user 'USER' (the configured DataSource)}, or "the configured
	 * DataSource" when it does not say its URL; a password the URL has is masked
	 */
	static String describe(DataSource dataSource) {
		Object target = withUrl(dataSource);
		if (target != null) {
			String user = property(target, "getUsername", "getUser");
			// Masked before it is quoted: the URL alone tells where its password ends, text after it does not.
			return "'" + DatabaseUrl.masked(property(target, "getJdbcUrl", "getUrl")) + "'"
					+ ((user != null && !user.isBlank()) ? " as user '" + user + "'" : "") + " (" + UNKNOWN + ")";
		}
		return UNKNOWN;
	}

	/**
	 * @param dataSource the data source
	 * @return the URL it connects to, as written (a password in it unmasked: never to be shown
	 * whole), or {@code null} when it does not say
	 */
	static String url(DataSource dataSource) {
		Object target = withUrl(dataSource);
		return (target != null) ? property(target, "getJdbcUrl", "getUrl") : null;
	}

	/**
	 * @param dataSource the data source
	 * @return the password it connects with, as its getter says ({@code getPassword()} of a Hikari
	 * pool, of Spring's and pgjdbc's data sources) or its URL holds; {@code null} when it does not
	 * say. Only to mask it in what a failure quotes, never to be shown
	 */
	static String password(DataSource dataSource) {
		Object target = withUrl(dataSource);
		if (target == null) {
			return null;
		}
		String password = property(target, "getPassword");
		if (password != null && !password.isEmpty()) {
			return password;
		}
		try {
			return ConnectionFactory.JdbcUrl.parse(property(target, "getJdbcUrl", "getUrl")).password();
		}
		catch (RuntimeException ex) {
			// A URL that does not parse holds no password to mask.
			return null;
		}
	}

	/** The data source, or the one it wraps, that says its URL; {@code null} when none does. */
	private static Object withUrl(DataSource dataSource) {
		Object target = dataSource;
		for (int depth = 0; depth < MAX_DEPTH && target != null; depth++) {
			String url = property(target, "getJdbcUrl", "getUrl");
			if (url != null && !url.isBlank()) {
				return target;
			}
			target = getter(target, "getTargetDataSource");
		}
		return null;
	}

	private static String property(Object target, String... getters) {
		for (String name : getters) {
			if (getter(target, name) instanceof String value) {
				return value;
			}
		}
		return null;
	}

	private static Object getter(Object target, String name) {
		try {
			Method method = target.getClass().getMethod(name);
			if (Modifier.isStatic(method.getModifiers())) {
				return null;
			}
			return method.invoke(target);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Not a getter it has, or one it does not let us call: the URL is not known.
			return null;
		}
	}

}
