package dev.retort.dialect.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which session settings a statement changes, read from its text. */
class SessionSettingsTests {

	@Test
	void everyFormOfSetNamesTheSettingItChanges() {
		assertThat(SessionSettings.changedBy("SET search_path TO beans")).containsExactly("search_path");
		assertThat(SessionSettings.changedBy("-- why\n/* nested /* */ */ set Session Work_Mem = '1MB'"))
			.containsExactly("work_mem");
		assertThat(SessionSettings.changedBy("SET LOCAL lock_timeout = '1s'")).containsExactly("lock_timeout");
		assertThat(SessionSettings.changedBy("SET TIME ZONE 'UTC'")).containsExactly("timezone");
		assertThat(SessionSettings.changedBy("SET SCHEMA 'beans'")).containsExactly("search_path");
		assertThat(SessionSettings.changedBy("SET app.tenant = 'x'")).containsExactly("app.tenant");
		assertThat(SessionSettings.changedBy("SET ROLE coffee_owner")).containsExactly("role");
		assertThat(SessionSettings.changedBy("SET SESSION AUTHORIZATION coffee_owner"))
			.containsExactly("session_authorization", "role");
		assertThat(SessionSettings.changedBy("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"))
			.containsExactly("default_transaction_isolation", "default_transaction_read_only",
					"default_transaction_deferrable");
	}

	@Test
	void resetAndSetConfigChangeSettingsToo() {
		assertThat(SessionSettings.changedBy("RESET statement_timeout")).containsExactly("statement_timeout");
		assertThat(SessionSettings.changedBy("RESET ALL")).containsExactly("all");
		assertThat(SessionSettings.changedBy("DISCARD ALL")).containsExactly("session_authorization", "role", "all");
		assertThat(SessionSettings.changedBy("SELECT pg_catalog.set_config('search_path', '', false)"))
			.containsExactly("search_path");
		assertThat(SessionSettings.changedBy("DO $$ BEGIN PERFORM SET_CONFIG( 'Role', 'x', true); END $$"))
			.containsExactly("role");
	}

	@Test
	void commentsBeforeTheCommandAreSkippedNestedBlockCommentsWhole() {
		assertThat(SessionSettings.changedBy("-- the tenant's schema\n/* outer /* inner */ still outer */ SET search_path = t"))
			.containsExactly("search_path");
		assertThat(SessionSettings.changedBy("/* SET search_path = t */ SELECT 1")).isEmpty();
		assertThat(SessionSettings.changedBy("/* never closed SET role x")).isEmpty();
	}

	@Test
	void statementsThatChangeNoSessionSettingNameNone() {
		assertThat(SessionSettings.changedBy("UPDATE coffee SET strength = 3")).isEmpty();
		assertThat(SessionSettings.changedBy("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")).isEmpty();
		assertThat(SessionSettings.changedBy("SET CONSTRAINTS ALL DEFERRED")).isEmpty();
		assertThat(SessionSettings.changedBy("ALTER ROLE app SET search_path = beans")).isEmpty();
		assertThat(SessionSettings.changedBy("CREATE TABLE settings (id int)")).isEmpty();
		assertThat(SessionSettings.changedBy("SELECT set_config(name, 'x', false) FROM t")).isEmpty();
	}

}
