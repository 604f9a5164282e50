package dev.retort.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands each test a fresh {@link TestDatabase} parameter and drops it
 * afterwards. Use with {@code @ExtendWith(PostgresExtension.class)}.
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PostgresExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		TestDatabase database = TestPostgres.freshDatabase();
		databases(extensionContext).add(database);
		return database;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// Databases are dropped with the test that made them, so a long run never fills the server.
		for (TestDatabase database : databases(context)) {
			database.drop();
		}
	}

	@SuppressWarnings("unchecked")
	private static List<TestDatabase> databases(ExtensionContext context) {
		return context.getStore(NAMESPACE).getOrComputeIfAbsent("databases", (key) -> new ArrayList<TestDatabase>(),
				List.class);
	}

}
