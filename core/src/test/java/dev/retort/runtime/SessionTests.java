package dev.retort.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/** A session borrowed from an application's pool goes back to it. */
@ExtendWith(PostgresExtension.class)
class SessionTests {

	@Test
	void aBorrowedConnectionTheServerDroppedIsStillHandedBackToThePool(TestDatabase db) throws Exception {
		AtomicBoolean handedBack = new AtomicBoolean();
		try (Connection physical = db.connect()) {
			Session session = new Session(borrowed(physical, handedBack), new AtomicLong(), "retort-test");
			session.identify();
			int pid = physical.unwrap(PGConnection.class).getBackendPID();
			// The server goes away (a failover, an operator) while Retort holds the connection: the
			// RESET of its application_name cannot be sent.
			db.execute("SELECT pg_terminate_backend(" + pid + ")");
			session.close();
		}
		assertThat(handedBack).as("close() reached the pool's connection").isTrue();
	}

	/** A pooled connection as a pool lends it: close() hands it back (recorded here). */
	private static Connection borrowed(Connection physical, AtomicBoolean handedBack) {
		return (Connection) Proxy.newProxyInstance(SessionTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("close")) {
						handedBack.set(true);
						return null;
					}
					try {
						return method.invoke(physical, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
