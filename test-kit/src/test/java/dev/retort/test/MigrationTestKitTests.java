package dev.retort.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.operation.Column;
import dev.retort.operation.Operations;
import dev.retort.operation.Type;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kit on a real PostgreSQL: what it passes, and what it catches, naming the revision. */
@ExtendWith(PostgresExtension.class)
class MigrationTestKitTests {

	/** What the privileges tests grant on, and the function of their event trigger. */
	private static final String ORDERS = """
			CREATE TABLE orders (id serial PRIMARY KEY, status text);
			CREATE VIEW order_totals AS SELECT status, count(*) FROM orders GROUP BY status;
			CREATE FUNCTION order_count(status text) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders';
			CREATE TYPE mood AS ENUM ('calm', 'busy');
			CREATE FUNCTION forbid_drops() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';""";

	private static final String DROP_ORDERS = "DROP FUNCTION forbid_drops();\nDROP VIEW order_totals;\n"
			+ "DROP FUNCTION order_count(text);\nDROP TABLE orders;\nDROP TYPE mood;";

	@TempDir
	Path directory;

	/** The roles the tests created, dropped after each: roles belong to the whole server. */
	private final List<String> roles = new ArrayList<>();

	private TestDatabase rolesDatabase;

	@Test
	void revisionsWhoseDowngradesUndoTheirUpgradesPassEveryCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
				+ "CREATE INDEX users_email_idx ON users (email);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TYPE mood AS ENUM ('calm', 'busy');\nALTER TABLE users ADD COLUMN mood mood;\n"
				+ "COMMENT ON COLUMN users.mood IS 'how the user feels';",
				"ALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;");
		write("c3", "b2", "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;\n"
				+ "CREATE VIEW busy_users AS SELECT id FROM users WHERE mood = 'busy';",
				"DROP VIEW busy_users;\nDROP FUNCTION user_count();");
		assertThatCode(() -> kit(db).assertAll()).doesNotThrowAnyException();
	}

	@Test
	void aKitConfiguredWithTheUrlFormRetortAcceptsConnectsAndNeverQuotesThePassword(TestDatabase db)
			throws IOException {
		// 'postgresql://user:password@host/db', as DATABASE_URL has it: Retort connects with it, but
		// the kit handed it to the driver as it was ("No suitable driver found for postgresql://user:password@…").
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		String url = "postgresql://" + db.user() + ":T0pS3cret-kit@" + db.jdbcUrl().substring("jdbc:postgresql://".length());
		MigrationTestKit kit = MigrationTestKit
			.of(Retort.configure().url(url).locations("filesystem:" + this.directory))
			.mayEmptyAnyDatabase();
		assertThatCode(kit::assertEveryRevisionRoundTrips).doesNotThrowAnyException();
		assertThat(db.tableExists("retort_version")).isTrue();
	}

	@Test
	void aDowngradeThatLeavesSomethingBehindFailsNamingRevisionAndObject(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Path forgetful = write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;\n"
				+ "ALTER TABLE users ADD CONSTRAINT nickname_short CHECK (length(nickname) < 40);",
				"ALTER TABLE users DROP CONSTRAINT nickname_short;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (" + forgetful + "): its downgrade did not give back the schema")
			.withMessageContaining("+ column public.users.nickname text")
			// Only what there is: no word of what is "not restored" when nothing is.
			.withMessageContaining("\n  Make its downgrade drop what is left behind (+). (A revision that cannot be"
					+ " undone has no downgrade section: the kit then"
					+ " only upgrades it.)\n");
	}

	@Test
	void aDowngradeThatForgetsAColumnDefaultAndASequenceSaysEachOnceAndTheColumnIsNotAsItWas(TestDatabase db)
			throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, status text);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';\nCREATE SEQUENCE invoice_seq;", "SELECT 1;");
		// Before: "+ column public.users.status text default 'new'::text" and "- column public.users.status text",
		// with the advice to drop what is left behind (+) and create again what is not restored (-): the column.
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("(+ left behind, - not restored, ~ not as it was):\n"
					+ "    ~ column public.users.status text default 'new'::text (was: text)\n"
					// One line for the sequence, not a second "+ relation public.invoice_seq kind sequence".
					+ "    + sequence public.invoice_seq bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1\n"
					+ "  Make its downgrade drop what is left behind (+) and set back what is not as it was (~).")
			.withMessageNotContaining("- column");
	}

	@Test
	void aDowngradeThatLeavesSomethingBehindLeavesAnEmptyDatabaseForTheNextRun(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageEndingWith("\n  The kit emptied the database, so that the next run (or an application context"
					+ " starting on it) does not meet what the downgrade left behind.");
		assertThat(db.tableExists("users")).isFalse();
		// A @SpringBootTest's context of the next run migrates it as it starts, before the kit runs: at a1
		// with b2's column left behind, its upgrade of b2 would fail, and keep failing once the downgrade is fixed.
		Retort application = Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory).load();
		assertThatCode(() -> application.upgrade("heads")).doesNotThrowAnyException();
	}

	@Test
	void anUpgradeThatFailsAfterItsDowngradeLeavesAnEmptyDatabaseForTheNextRun(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE seen (n int PRIMARY KEY);",
				"DROP TABLE seen;\nDROP TABLE users;");
		// The downgrade leaves a row behind, which the kit does not compare, and the upgrade trips over it.
		write("b2", "a1", "CREATE TABLE flags (name text PRIMARY KEY);\nINSERT INTO seen VALUES (1);",
				"DROP TABLE flags;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("its upgrade failed when run again after its downgrade")
			.withMessageEndingWith("The kit emptied the database, so that the next run (or an application context"
					+ " starting on it) does not meet what the downgrade left behind.");
		assertThat(db.tableExists("users")).isFalse();
	}

	@Test
	void everyKindOfObjectTheKitReadsRoundTripsWhenTheDowngradeUndoesIt(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text);", "DROP TABLE users;");
		write("b2", "a1", """
				CREATE DOMAIN positive AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0);
				CREATE TYPE address AS (street text, zip text);
				CREATE SEQUENCE ticket_seq INCREMENT BY 5 START 100;
				CREATE UNLOGGED TABLE scratch (n positive, a address, note text COLLATE "C") WITH (fillfactor = 70);
				ALTER TABLE scratch ALTER COLUMN note SET STORAGE EXTERNAL;
				ALTER TABLE scratch ENABLE ROW LEVEL SECURITY;
				CREATE POLICY own_rows ON scratch USING (n > 1);
				CREATE FUNCTION add_positive(int, positive) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
				CREATE AGGREGATE positive_sum (positive) (SFUNC = add_positive, STYPE = int);
				CREATE TABLE tickets (id serial PRIMARY KEY, seat int);
				ALTER TABLE tickets CLUSTER ON tickets_pkey;
				CREATE STATISTICS tickets_stats ON id, seat FROM tickets;
				CREATE RULE tickets_keep AS ON DELETE TO tickets DO INSTEAD NOTHING;
				CREATE COLLATION c_copy FROM "C";""",
				"DROP COLLATION c_copy;\nDROP TABLE tickets;\n"
						+ "DROP AGGREGATE positive_sum (positive);\nDROP FUNCTION add_positive(int, positive);\nDROP TABLE scratch;\n"
						+ "DROP SEQUENCE ticket_seq;\nDROP TYPE address;\nDROP DOMAIN positive;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/**
	 * Changes that running the upgrade again would not trip over: only comparing the schema
	 * finds a downgrade that forgot them.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE users ALTER COLUMN name TYPE text COLLATE \"C\"",
			"ALTER TABLE users SET UNLOGGED", "ALTER TABLE users SET (fillfactor = 50)",
			"ALTER TABLE users ALTER COLUMN name SET STORAGE EXTERNAL", "ALTER TABLE users REPLICA IDENTITY FULL",
			"ALTER TABLE users ENABLE ROW LEVEL SECURITY", "ALTER TABLE users ALTER COLUMN id SET INCREMENT BY 10",
			"ALTER SEQUENCE tickets INCREMENT BY 10", "ALTER FUNCTION user_count() STABLE",
			"ALTER DOMAIN positive SET DEFAULT 1", "ALTER DOMAIN positive SET NOT NULL",
			"ALTER TABLE users ALTER COLUMN name SET COMPRESSION pglz", "ALTER TABLE users DISABLE TRIGGER users_touch",
			"ALTER TABLE users ENABLE ALWAYS TRIGGER users_touch", "ALTER TABLE events DETACH PARTITION events_2026",
			"ALTER TABLE events_2025 NO INHERIT events_base", "COMMENT ON FUNCTION user_count() IS 'how many'",
			"COMMENT ON DOMAIN positive IS 'above zero'", "COMMENT ON CONSTRAINT users_pkey ON users IS 'by id'",
			"COMMENT ON SCHEMA public IS 'the app'", "ALTER TABLE users CLUSTER ON users_pkey",
			"ALTER SEQUENCE tickets OWNED BY users.id", "CREATE STATISTICS IF NOT EXISTS users_stats ON id, name FROM users",
			"CREATE OR REPLACE RULE users_keep AS ON DELETE TO users DO INSTEAD NOTHING",
			"CREATE COLLATION IF NOT EXISTS c_copy FROM \"C\"",
			"ALTER TABLE users ALTER COLUMN name SET STATISTICS 500",
			"ALTER TABLE users ALTER COLUMN name SET (n_distinct = -0.5)" })
	void aDowngradeThatLeavesASettingBehindFails(String change, TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text);\n"
				+ "CREATE SEQUENCE tickets;\nCREATE DOMAIN positive AS int CHECK (VALUE > 0);\n"
				+ "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM users';\n"
				+ "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\n"
				+ "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
				+ "CREATE TABLE events (at date NOT NULL) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
				+ "CREATE TABLE events_base (at date NOT NULL);\nCREATE TABLE events_2025 (at date NOT NULL);\n"
				+ "ALTER TABLE events_2025 INHERIT events_base;",
				"DROP TABLE events_2025, events_base, events;\nDROP TRIGGER users_touch ON users;\n"
						+ "DROP FUNCTION touch();\nDROP FUNCTION user_count();\nDROP DOMAIN positive;\n"
						+ "DROP SEQUENCE tickets;\nDROP TABLE users;");
		write("b2", "a1", change + ";", "");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("its downgrade did not give back the schema");
	}

	/**
	 * {@code DISABLE TRIGGER ALL} (a bulk load or a data fix that goes around the foreign keys)
	 * disables a foreign key's own triggers: the constraint is still there, still valid, and no
	 * longer checks anything. Left so by a downgrade, production deletes customers with orders.
	 */
	@Test
	void aForeignKeyWhoseTriggersTheDowngradeLeavesDisabledFailsNamingTheTable(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE customers (id int PRIMARY KEY);\n"
				+ "CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers);",
				"DROP TABLE orders, customers;");
		write("b2", "a1", "ALTER TABLE orders ADD COLUMN note text;",
				"ALTER TABLE customers DISABLE TRIGGER ALL;\nDELETE FROM customers WHERE id < 0;\n"
						+ "ALTER TABLE orders DROP COLUMN note;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ constraint public.orders.orders_customer_fkey FOREIGN KEY (customer)"
					+ " REFERENCES customers(id) (its triggers disabled on public.customers: not enforced)"
					+ " (was: FOREIGN KEY (customer) REFERENCES customers(id))\n");
		write("b2", "a1", "ALTER TABLE orders ADD COLUMN note text;",
				"ALTER TABLE customers DISABLE TRIGGER ALL;\nDELETE FROM customers WHERE id < 0;\n"
						+ "ALTER TABLE customers ENABLE TRIGGER ALL;\nALTER TABLE orders DROP COLUMN note;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void aForeignKeyAnUpgradeLeavesNotEnforcedFailsAtTheHead(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE customers (id int PRIMARY KEY);\n"
				+ "CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers);",
				"DROP TABLE orders, customers;");
		Path load = write("b2", "a1", "ALTER TABLE orders DISABLE TRIGGER ALL;\nINSERT INTO orders VALUES (1, NULL);",
				"DELETE FROM orders;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertNothingInvalidAtHead())
			.withMessage("At the head, objects are left invalid:\n"
					+ "    constraint public.orders.orders_customer_fkey FOREIGN KEY (customer) REFERENCES customers(id)"
					+ " (its triggers disabled on public.orders: not enforced), left by revision b2 (" + load + ")\n"
					+ "  Validate each constraint (ALTER TABLE … VALIDATE CONSTRAINT), enable again the triggers of each"
					+ " one not enforced (ALTER TABLE … ENABLE TRIGGER ALL) and rebuild each index in a later revision.");
	}

	/**
	 * A materialized view the downgrade creates again {@code WITH NO DATA} has the same definition,
	 * and every query of it fails ("has not been populated") until someone refreshes it.
	 */
	@Test
	void aMaterializedViewTheDowngradeCreatesAgainWithoutItsRowsFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE orders (id int PRIMARY KEY, status text);\n"
				+ "CREATE MATERIALIZED VIEW paid_orders AS SELECT id FROM orders WHERE status = 'paid';",
				"DROP MATERIALIZED VIEW paid_orders;\nDROP TABLE orders;");
		write("b2", "a1", "DROP MATERIALIZED VIEW paid_orders;\nALTER TABLE orders ALTER COLUMN status TYPE varchar(20);",
				"ALTER TABLE orders ALTER COLUMN status TYPE text;\n"
						+ "CREATE MATERIALIZED VIEW paid_orders AS SELECT id FROM orders WHERE status = 'paid' WITH NO DATA;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ relation public.paid_orders kind materialized view not populated"
					+ " (was: kind materialized view)\n");
		write("b2", "a1", "DROP MATERIALIZED VIEW paid_orders;\nALTER TABLE orders ALTER COLUMN status TYPE varchar(20);",
				"ALTER TABLE orders ALTER COLUMN status TYPE text;\n"
						+ "CREATE MATERIALIZED VIEW paid_orders AS SELECT id FROM orders WHERE status = 'paid' WITH NO DATA;\n"
						+ "REFRESH MATERIALIZED VIEW paid_orders;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/**
	 * Logical replication sends the replica identity's columns as the key of each row updated or
	 * deleted: a downgrade that gives it back on another index replicates by other columns.
	 */
	@Test
	void aReplicaIdentityTheDowngradeGivesBackOnAnotherIndexFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id int NOT NULL, email text NOT NULL);\n"
				+ "CREATE UNIQUE INDEX users_id ON users (id);\nCREATE UNIQUE INDEX users_email ON users (email);\n"
				+ "ALTER TABLE users REPLICA IDENTITY USING INDEX users_id;", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users REPLICA IDENTITY USING INDEX users_email;",
				"ALTER TABLE users REPLICA IDENTITY USING INDEX users_email;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ relation public.users kind table replica identity using index users_email"
					+ " (was: kind table replica identity using index users_id)\n");
		write("b2", "a1", "ALTER TABLE users REPLICA IDENTITY USING INDEX users_email;",
				"ALTER TABLE users REPLICA IDENTITY USING INDEX users_id;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void aRuleTheDowngradeLeavesDisabledFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE orders (id int PRIMARY KEY);\n"
				+ "CREATE RULE orders_keep AS ON DELETE TO orders DO INSTEAD NOTHING;", "DROP TABLE orders;");
		// A purge that goes around the rule, and forgets to turn it back on.
		write("b2", "a1", "ALTER TABLE orders ADD COLUMN note text;",
				"ALTER TABLE orders DISABLE RULE orders_keep;\nDELETE FROM orders WHERE id < 0;\n"
						+ "ALTER TABLE orders DROP COLUMN note;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ rule public.orders.orders_keep CREATE RULE orders_keep AS\n"
					+ "    ON DELETE TO public.orders DO INSTEAD NOTHING; disabled (was: CREATE RULE orders_keep AS\n"
					+ "    ON DELETE TO public.orders DO INSTEAD NOTHING;)\n");
	}

	/**
	 * PostgreSQL has no {@code ALTER TYPE … DROP VALUE}: "set back what is not as it was" sent the
	 * reader looking for a statement that does not exist. The failure says how a downgrade gives
	 * the type back, and that one which does passes.
	 */
	@Test
	void anEnumLabelTheDowngradeLeavesSaysHowToCreateTheTypeAgain(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
				+ "CREATE TABLE orders (id int PRIMARY KEY, status order_status NOT NULL DEFAULT 'new');",
				"DROP TABLE orders;\nDROP TYPE order_status;");
		write("b2", "a1", "ALTER TYPE order_status ADD VALUE 'refunded';", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ enum public.order_status new, paid, refunded (was: new, paid)\n"
					+ "  Make its downgrade set back what is not as it was (~).")
			.withMessageContaining("\n  PostgreSQL cannot take a label out of an enum (ALTER TYPE … ADD VALUE has no undo):"
					+ " to give public.order_status back without 'refunded', its downgrade creates the type again:"
					+ " ALTER TYPE public.order_status RENAME TO order_status_old;"
					+ " CREATE TYPE public.order_status AS ENUM ('new', 'paid');"
					+ " ALTER TABLE … ALTER COLUMN … TYPE public.order_status USING …::text::public.order_status"
					+ " for each column of that type (its rows changed first where they hold 'refunded', its default"
					+ " dropped and set again, the views that read it dropped and created again);"
					+ " DROP TYPE public.order_status_old. Where the label may stay, the revision cannot be undone:"
					+ " remove its downgrade section.\n");
		write("b2", "a1", "ALTER TYPE order_status ADD VALUE 'refunded';", """
				UPDATE orders SET status = 'paid' WHERE status = 'refunded';
				ALTER TYPE order_status RENAME TO order_status_old;
				CREATE TYPE order_status AS ENUM ('new', 'paid');
				ALTER TABLE orders ALTER COLUMN status DROP DEFAULT,
				    ALTER COLUMN status TYPE order_status USING status::text::order_status,
				    ALTER COLUMN status SET DEFAULT 'new';
				DROP TYPE order_status_old;""");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/**
	 * A function put back with another body, or with a setting its upgrade gave it, is one function
	 * not as it was, with the lines of its definition that differ: two lines of hashes, one "left
	 * behind" and one "not restored", told its reader neither that it was one function nor what
	 * differed in it.
	 */
	@Test
	void aFunctionTheDowngradeGivesBackWithAnotherBodySaysTheLinesThatDiffer(TestDatabase db) throws IOException {
		String touch = """
				CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  NEW.total := coalesce(NEW.total, %s);
				  RETURN NEW;
				END
				$$;""";
		write("a1", "", "CREATE TABLE orders (id int PRIMARY KEY, total numeric);\n" + touch.formatted("0"),
				"DROP FUNCTION touch();\nDROP TABLE orders;");
		write("b2", "a1", touch.formatted("1"), touch.formatted("-1"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ function public.touch(), the lines of its definition not as they were:\n"
					+ "        now:   NEW.total := coalesce(NEW.total, -1);\n"
					+ "        was:   NEW.total := coalesce(NEW.total, 0);\n"
					+ "  Make its downgrade set back what is not as it was (~).");
		write("b2", "a1", "ALTER FUNCTION touch() SET search_path = public;", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining(":\n    ~ function public.touch(), the lines of its definition not as they were:\n"
					+ "        now:  SET search_path TO 'public'\n  Make");
		// The body copied back with other spaces: the lines above would look the same.
		write("b2", "a1", touch.formatted("1"), touch.formatted("0").replace("RETURN NEW;", "RETURN NEW; "));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("\n        (they differ in white space only)\n  Make");
		// Left behind, a function is named by its arguments, not with its whole definition.
		write("b2", "a1", "CREATE FUNCTION order_total(id int) RETURNS numeric LANGUAGE sql AS 'SELECT 1';", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining(":\n    + function public.order_total(id integer)\n  Make its downgrade drop");
	}

	@Test
	void anIdentityTheDowngradeGivesBackOfAnotherKindIsNamedInWords(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ALTER COLUMN id DROP IDENTITY;",
				"ALTER TABLE users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining(":\n    ~ column public.users.id bigint not null generated by default as identity"
					+ " (was: bigint not null generated always as identity)\n");
	}

	/**
	 * A composite type's values are filled by position ({@code ROW('Main St', '12345')::address}): one
	 * created again with its attributes in another order swaps them without an error.
	 */
	@Test
	void aCompositeTypeTheDowngradeCreatesAgainInAnotherOrderFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TYPE address AS (street text, zip text);", "DROP TYPE address;");
		write("b2", "a1", "DROP TYPE address;", "CREATE TYPE address AS (zip text, street text);");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining(":\n    ~ relation public.address kind composite type (zip, street)"
					+ " (was: kind composite type (street, zip))\n");
		write("b2", "a1", "DROP TYPE address;", "CREATE TYPE address AS (street text, zip text);");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void anExtensionUpdateTheDowngradeCannotUndoFails(TestDatabase db) throws IOException {
		assumeTrue(db.queryStrings("SELECT version FROM pg_available_extension_versions WHERE name = 'hstore'")
			.containsAll(List.of("1.7", "1.8")), "hstore 1.7 and 1.8 are installed with the server");
		// ALTER EXTENSION … UPDATE run again is a no-op ("already installed"): only the version tells.
		write("a1", "", "CREATE EXTENSION hstore VERSION '1.7';", "DROP EXTENSION hstore;");
		write("b2", "a1", "ALTER EXTENSION hstore UPDATE TO '1.8';", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining(":\n    ~ extension hstore version 1.8 schema public (was: version 1.7 schema public)\n");
		// An update PostgreSQL cannot take back is a revision without a downgrade.
		write("b2", "a1", "ALTER EXTENSION hstore UPDATE TO '1.8';", null);
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void aColumnSettingTheDowngradeForgetsReadsAsTheColumnNotAsItWas(TestDatabase db) throws IOException {
		// The planner's settings of a column: the upgrade run again never trips over them.
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, name text);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ALTER COLUMN name SET STATISTICS 500;\n"
				+ "ALTER TABLE users ALTER COLUMN name SET (n_distinct = -0.5);",
				"ALTER TABLE users ALTER COLUMN name SET STATISTICS -1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining(":\n    ~ column public.users.name text options (n_distinct=-0.5) (was: text)\n"
					+ "  Make its downgrade set back what is not as it was (~).");
		write("b2", "a1", "ALTER TABLE users ALTER COLUMN name SET STATISTICS 500;\n"
				+ "ALTER TABLE users ALTER COLUMN name SET (n_distinct = -0.5);",
				"ALTER TABLE users ALTER COLUMN name RESET (n_distinct);\n"
						+ "ALTER TABLE users ALTER COLUMN name SET STATISTICS -1;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/**
	 * Grants a downgrade forgets to revoke, and owners it forgets to give back: the upgrade's GRANT
	 * runs again without a word, so only comparing the privileges finds them. {@code ROLE} is a role
	 * of the test's own, as a project's test creates the roles its revisions grant to.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"GRANT SELECT ON orders TO ROLE | grant SELECT on table public.orders to ROLE",
			"GRANT SELECT ON orders TO ROLE WITH GRANT OPTION | grant SELECT on table public.orders to ROLE with grant option",
			"GRANT SELECT ON order_totals TO ROLE | grant SELECT on view public.order_totals to ROLE",
			"GRANT UPDATE (status) ON orders TO ROLE | grant UPDATE (status) on table public.orders to ROLE",
			"GRANT USAGE ON SEQUENCE orders_id_seq TO ROLE | grant USAGE on sequence public.orders_id_seq to ROLE",
			"GRANT EXECUTE ON FUNCTION order_count(text) TO ROLE"
					+ " | grant EXECUTE on function public.order_count(status text) to ROLE",
			"REVOKE EXECUTE ON FUNCTION order_count(text) FROM PUBLIC"
					+ " | revoke EXECUTE on function public.order_count(status text) from public",
			"REVOKE USAGE ON TYPE mood FROM PUBLIC | revoke USAGE on type public.mood from public",
			"GRANT USAGE ON SCHEMA public TO ROLE | grant USAGE on schema public to ROLE",
			"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ROLE"
					+ " | in schema public: grant SELECT on tables to ROLE",
			"ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC | : revoke EXECUTE on functions from public",
			"ALTER TABLE orders OWNER TO ROLE | owner of table public.orders is ROLE",
			"ALTER FUNCTION order_count(text) OWNER TO ROLE | owner of function public.order_count(status text) is ROLE",
			"ALTER TYPE mood OWNER TO ROLE | owner of type public.mood is ROLE",
			"ALTER SCHEMA public OWNER TO ROLE | owner of schema public is ROLE",
			"CREATE PUBLICATION order_changes FOR TABLE orders (id, status) WHERE (id > 0)"
					+ " | publication order_changes table public.orders (id, status) where (id > 0)",
			"CREATE PUBLICATION order_schema FOR TABLES IN SCHEMA public"
					+ " | publication order_schema tables in schema public",
			"CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert')"
					+ " | publication everything for all tables publish insert",
			"CREATE EVENT TRIGGER no_drops ON sql_drop EXECUTE FUNCTION forbid_drops()"
					+ " | event trigger no_drops on sql_drop execute function forbid_drops()" })
	void aDowngradeThatForgetsItsRevokeFailsNamingTheGrant(String change, String line, TestDatabase db)
			throws IOException {
		assumeTrue(!change.matches("CREATE PUBLICATION .*(WHERE|IN SCHEMA).*") || db.serverMajor() >= 15,
				"publications' column lists, row filters and schemas exist from PostgreSQL 15 on");
		String role = role(db);
		write("a1", "", ORDERS, DROP_ORDERS);
		write("b2", "a1", change.replace("ROLE", role) + ";", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("its downgrade did not give back the schema its upgrade started from "
					+ "(+ left behind, - not restored, ~ not as it was):\n    + ")
			.withMessageContaining(line.replace("ROLE", role));
	}

	@Test
	void aDowngradeThatRevokesWhatItsUpgradeGrantedPasses(TestDatabase db) throws IOException {
		String role = role(db);
		write("a1", "", ORDERS, DROP_ORDERS);
		write("b2", "a1", """
				GRANT SELECT ON orders, order_totals TO ROLE;
				GRANT UPDATE (status) ON orders TO ROLE;
				GRANT USAGE ON SEQUENCE orders_id_seq TO ROLE;
				REVOKE EXECUTE ON FUNCTION order_count(text) FROM PUBLIC;
				GRANT EXECUTE ON FUNCTION order_count(text) TO ROLE;
				REVOKE USAGE ON TYPE mood FROM PUBLIC;
				GRANT USAGE ON SCHEMA public TO ROLE;
				ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ROLE;
				ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
				ALTER TYPE mood OWNER TO ROLE;
				ALTER TABLE orders OWNER TO ROLE;
				CREATE TABLE audit (at timestamptz);
				CREATE PUBLICATION order_changes FOR TABLE orders, audit;
				CREATE EVENT TRIGGER no_drops ON sql_drop EXECUTE FUNCTION forbid_drops();""".replace("ROLE", role),
				"""
				DROP EVENT TRIGGER no_drops;
				DROP PUBLICATION order_changes;
				DROP TABLE audit;
				ALTER TABLE orders OWNER TO CURRENT_USER;
				ALTER TYPE mood OWNER TO CURRENT_USER;
				ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
				ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM ROLE;
				REVOKE USAGE ON SCHEMA public FROM ROLE;
				GRANT USAGE ON TYPE mood TO PUBLIC;
				REVOKE EXECUTE ON FUNCTION order_count(text) FROM ROLE;
				GRANT EXECUTE ON FUNCTION order_count(text) TO PUBLIC;
				REVOKE USAGE ON SEQUENCE orders_id_seq FROM ROLE;
				REVOKE UPDATE (status) ON orders FROM ROLE;
				REVOKE SELECT ON orders, order_totals FROM ROLE;""".replace("ROLE", role));
		// Given to the role and back, the table's grants to the role became its owner's: no grant left behind.
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/** Objects the revisions' user made, in a public it does not own (PostgreSQL 15 on), have no owner line. */
	@Test
	void aTableLeftBehindIsReportedWithoutAnOwnerNoRevisionChanged(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE flags (name text PRIMARY KEY);", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("+ relation public.flags kind table\n")
			.withMessageNotContaining("owner of");
	}

	@Test
	void aDowngradeThatLeavesAnEventTriggerDisabledFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';\n"
				+ "CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION log_ddl();",
				"DROP EVENT TRIGGER log_ddl;\nDROP FUNCTION log_ddl();");
		write("b2", "a1", "ALTER EVENT TRIGGER log_ddl DISABLE;", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("+ event trigger log_ddl on ddl_command_end when tag in (CREATE TABLE)"
					+ " execute function log_ddl() disabled")
			.withMessageContaining("- event trigger log_ddl on ddl_command_end when tag in (CREATE TABLE)"
					+ " execute function log_ddl()\n");
	}

	/**
	 * Revisions are written against a new database's {@code public}, which the kit creates again
	 * when it empties the database: a downgrade that gives it back its built-in owner and
	 * privileges gives back exactly what the round trip started from.
	 */
	@Test
	void aDowngradeThatGivesPublicBackItsBuiltInPrivilegesAndOwnerPasses(TestDatabase db) throws IOException {
		String role = role(db);
		boolean pg15 = db.serverMajor() >= 15;
		write("a1", "", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("b2", "a1", "REVOKE ALL ON SCHEMA public FROM PUBLIC;\nCOMMENT ON SCHEMA public IS 'orders only';",
				(pg15 ? "GRANT USAGE ON SCHEMA public TO PUBLIC;" : "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC;")
						+ "\nCOMMENT ON SCHEMA public IS 'standard public schema';");
		if (pg15) {
			write("c3", "b2", "ALTER SCHEMA public OWNER TO " + role + ";", "ALTER SCHEMA public OWNER TO pg_database_owner;");
		}
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void whatAFailedDowngradeLeftInTheDatabaseOutsideItsSchemasDoesNotFailTheFixedRevision(TestDatabase db)
			throws IOException {
		String role = role(db);
		write("a1", "", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		String upgrade = "CREATE PUBLICATION order_changes FOR TABLE orders;\n"
				+ "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO " + role + ";";
		write("b2", "a1", upgrade, "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("+ publication order_changes publish insert, update, delete, truncate")
			.withMessageContaining(": grant SELECT on tables to " + role);
		// Fixed, the next run on the same database (a CI server's, kept between builds) meets neither.
		write("b2", "a1", upgrade, "ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM " + role + ";\n"
				+ "DROP PUBLICATION order_changes;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void aDowngradeThatPutsAVirtualGeneratedColumnBackStoredFails(TestDatabase db) throws IOException {
		assumeTrue(db.serverMajor() >= 18, "virtual generated columns exist from PostgreSQL 18 on");
		write("a1", "", "CREATE TABLE cups (ml int, oz int GENERATED ALWAYS AS (ml / 30) VIRTUAL);", "DROP TABLE cups;");
		write("b2", "a1", "ALTER TABLE cups DROP COLUMN oz;",
				"ALTER TABLE cups ADD COLUMN oz int GENERATED ALWAYS AS (ml / 30) STORED;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("its downgrade did not give back the schema")
			.withMessageContaining("generated virtual");
	}

	@Test
	void aDowngradeThatFailsIsReportedWithTheServersReasonAndTheLine(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Path typo = write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;", "ALTER TABLE users DROP COLUMN nick_name;");
		// Not the runner's advice for a production database ("changed by hand?", retort stamp): the revision is wrong.
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessage("Revision b2 (" + typo + "): its downgrade failed at " + typo + ":10: ERROR: column "
					+ "\"nick_name\" of relation \"users\" does not exist [SQLSTATE 42703]\n"
					+ "  in statement: ALTER TABLE users DROP COLUMN nick_name\n"
					+ "  Fix its downgrade: it ran right after its upgrade, on exactly the schema that upgrade gave.");
	}

	@Test
	void anUpgradeThatFailsKeepsWhatTheStatementNeedsAndLeavesOutTheRecoveryAdvice(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		Path transactional = write("b2", "a1", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
				"DROP INDEX CONCURRENTLY users_email_idx;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (" + transactional + "): its upgrade failed: Revision b2 ("
					+ transactional + ":7) is transactional, but its upgrade runs 'CREATE INDEX CONCURRENTLY', which"
					+ " cannot run inside a transaction. Nothing was run.")
			.withMessageContaining("with '-- Transactional: false'")
			.withMessageNotContaining("run again");
		Path typo = write("c3", "b2", "CREATE INDEX users_mail_idx ON users (mail);", "DROP INDEX users_mail_idx;");
		java.nio.file.Files.delete(transactional);
		write("b2", "a1", "SELECT 1;", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision c3 (" + typo + "): its upgrade failed at " + typo
					+ ":7: ERROR: column \"mail\" does not exist [SQLSTATE 42703]")
			.withMessageEndingWith("\n  Fix its upgrade: it ran on exactly the schema its ancestors give.")
			.withMessageNotContaining("run again");
	}

	@Test
	void branchesAndTheirMergeRoundTripEachFromItsOwnAncestors(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		write("d3", "b2, c2", "", "");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		assertThatCode(() -> kit(db).assertSingleHead()).doesNotThrowAnyException();
	}

	@Test
	void aLocationWithoutRevisionsFailsRatherThanPassingHavingProvedNothing(TestDatabase db) {
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revision"));
		String noRevision = "No revision found in classpath:db/revision (Java packages: none): the kit has nothing to"
				+ " prove.";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertAll).withMessageStartingWith(noRevision);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertEveryRevisionRoundTrips)
			.withMessageStartingWith(noRevision);
	}

	@Test
	void theKitOfAConfiguredRetortProvesItsJavaRevisionsGivenAsInstances(TestDatabase db) throws IOException {
		// What a @SpringBootTest autowires: the application's Retort, Migration beans included.
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.javaMigrations(List.of(new MisspelledDowngrade()))
			.load();
		String java = MisspelledDowngrade.class.getName();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> MigrationTestKit.of(retort).assertAll())
			.withMessageStartingWith("Revision b2 (" + java + "): its downgrade failed at " + java + ":")
			.withMessageContaining("ERROR: column \"nick_name\" of relation \"users\" does not exist");
	}

	@Revision(id = "b2", revises = "a1", message = "nickname")
	static final class MisspelledDowngrade implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addColumn("users", Column.column("nickname", Type.TEXT).nullable());
		}

		@Override
		public void downgrade(Operations op) {
			op.dropColumn("users", "nick_name");
		}

	}

	@Test
	void aJavaPackageWithoutRevisionsFailsRatherThanLeavingThemOut(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.javaPackages("dev.retort.test.revisons"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertAll)
			.withMessage("No Java revision found in package dev.retort.test.revisons (a class annotated @Revision"
					+ " implementing Migration): give the kit the application's retort.java-packages.");
	}

	@Test
	void aConfigurationWithoutADatabaseSaysSo() throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure().locations("filesystem:" + this.directory));
		assertThatCode(kit::assertSingleHead).doesNotThrowAnyException();
		assertThatIllegalStateException().isThrownBy(kit::assertEveryRevisionRoundTrips)
			.withMessage("The kit has no database: give its configuration one it may empty, "
					+ "Retort.configure().dataSource(dataSource) or .url(\"jdbc:postgresql://…\").");
	}

	/**
	 * A revision is downgraded to what it needs, every one of its requirements kept: not to its
	 * first parent alone, which would also take away a dependency built on that parent, or another
	 * base it depends on.
	 */
	@Test
	void revisionsWithDependenciesRoundTripWithEveryRequirementKept(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("z1", "", "CREATE TABLE countries (code text PRIMARY KEY);", "DROP TABLE countries;", "reference", "");
		// A base revision that depends on another base.
		write("y2", "", "CREATE TABLE cities (country text REFERENCES countries);", "DROP TABLE cities;", "", "z1");
		// Depends on a revision built on its own first parent.
		write("c3", "a1", "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users;",
				"ALTER TABLE orders DROP COLUMN user_id;", "", "b2");
		// A merge naming one of its own ancestors first.
		write("d4", "a1, c3, y2", "", "");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void aForgetfulDowngradeOfARevisionWithADependencyIsCaught(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		// Downgrading b2 too would drop the column it forgets: only c3 may be downgraded.
		Path forgetful = write("c3", "a1", "ALTER TABLE orders ADD COLUMN user_id bigint;", "", "", "b2");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision c3 (" + forgetful + "): its downgrade did not give back the schema")
			.withMessageContaining("+ column public.orders.user_id bigint");
	}

	@Test
	void aRevisionOnlyDependedOnIsNoSecondHead(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("z1", "", "CREATE TABLE countries (code text PRIMARY KEY);", "DROP TABLE countries;", "reference", "");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN country text REFERENCES countries;",
				"ALTER TABLE users DROP COLUMN country;", "", "z1");
		assertThatCode(() -> kit(db).assertSingleHead()).doesNotThrowAnyException();
	}

	@Test
	void twoHeadsFailTheSingleHeadCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertSingleHead())
			.withMessageContaining("2 heads")
			.withMessageContaining("retort merge");
	}

	@Test
	void aLoneRevisionThatMakesASecondHeadIsSuspectedOfAForgottenParent(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN email text;", "ALTER TABLE users DROP COLUMN email;");
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.javaMigrations(List.of(new ForgotItsParent())));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertSingleHead)
			.withMessageContaining("2 heads")
			.withMessageEndingWith("\n  c3 (" + ForgotItsParent.class.getName() + ") revises nothing and nothing revises"
					+ " it: if it follows another revision, name that one in @Revision(revises = \"…\") instead of merging.");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertEveryRevisionRoundTrips)
			.withMessageStartingWith("Revision c3 (" + ForgotItsParent.class.getName() + "): its upgrade failed at ")
			.withMessageContaining("relation \"users\" does not exist")
			.withMessageEndingWith("\n  Fix its upgrade: it revises nothing, so it ran on an empty database. If it builds"
					+ " on another revision, name that one in @Revision(revises = \"…\").");
	}

	@Test
	void theRoundTripLeavesTheDatabaseAtEveryHead(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		Retort retort = Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.failOnMultipleHeads(true)
			.load();
		MigrationTestKit.of(retort).assertEveryRevisionRoundTrips();
		assertThat(retort.current().current()).containsExactlyInAnyOrder("b2", "c2");
		assertThat(db.tableExists("orders")).isTrue();
		assertThat(db.tableExists("invoices")).isTrue();
	}

	@Test
	void twoBranchesOfOneBaseAreNotSuspectedOfAForgottenParent(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertSingleHead())
			.withMessageNotContaining("revises nothing");
	}

	@Revision(id = "c3", message = "nickname")
	static final class ForgotItsParent implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addColumn("users", Column.column("nickname", Type.TEXT));
		}

		@Override
		public void downgrade(Operations op) {
			op.dropColumn("users", "nickname");
		}

	}

	@Test
	void anIrreversibleRevisionIsUpgradedAndNotDowngraded(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "INSERT INTO users VALUES (1);", null);
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void lintFindingsFailTheLintCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		write("b2", "a1", "CREATE INDEX users_email_idx ON users (email);", "DROP INDEX users_email_idx;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertLintPasses())
			.withMessageContaining("PG101 create-index-not-concurrent")
			.withMessageContaining("blocks its INSERT, UPDATE and DELETE for the whole build.\n      fix: CREATE INDEX"
					+ " CONCURRENTLY in a revision of its own with 'Transactional: false'")
			// The acknowledgement is part of the checksum: added to an applied revision, it stops every start.
			.withMessageEndingWith("Fix them, or acknowledge one with -- lint:ack <RULE> <reason> in a revision no"
					+ " database has applied yet (the line is part of its checksum); for an applied one, call the other"
					+ " checks one by one instead of assertAll() (docs/lint.md).");
	}

	@Test
	void aFindingInADowngradeSaysItIsAcknowledgedThereWhereNoChecksumReaches(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;",
				"ALTER TABLE users DROP COLUMN nickname;\nCREATE INDEX users_email_idx ON users (email);");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertLintPasses())
			.withMessageContaining("ERROR PG101 create-index-not-concurrent: In the downgrade, CREATE INDEX")
			.withMessageEndingWith(" A finding in a downgrade is acknowledged in the downgrade section, which no"
					+ " checksum covers: an applied revision can take it too.");
	}

	@Test
	void aForgetfulDowngradeOfAJavaRevisionIsCaughtNamingItsClass(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		String java = ForgetfulDowngrade.class.getName();
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.javaMigrations(List.of(new ForgetfulDowngrade())));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertEveryRevisionRoundTrips)
			.withMessageStartingWith("Revision b2 (" + java + "): its downgrade did not give back the schema")
			.withMessageContaining("+ column public.users.nickname text default 'anon'::text")
			// A Java revision has no section to leave out: it says what it is there.
			.withMessageContaining("(A revision that cannot be undone does not override downgrade(Operations): the kit"
					+ " then only upgrades it.)\n");
	}

	@Revision(id = "b2", revises = "a1", message = "nickname and its index")
	static final class ForgetfulDowngrade implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addColumn("users", Column.column("nickname", Type.TEXT).defaultValue("'anon'"));
			op.createIndex("ix_users_nickname", "users", "nickname");
		}

		@Override
		public void downgrade(Operations op) {
			op.dropIndex("ix_users_nickname");
		}

	}

	@Test
	void lintFindingsOfAJavaRevisionNameItsLineAndWhereItAcknowledges(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		String java = ForgetfulDowngrade.class.getName();
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.javaMigrations(List.of(new ForgetfulDowngrade())));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(kit::assertLintPasses)
			.withMessageContaining("\n  " + java + ":" + lineOf("op.createIndex(\"ix_users_nickname\"")
					+ " (rendered SQL:3): ERROR PG101 create-index-not-concurrent")
			.withMessageEndingWith(" A Java revision acknowledges only in SQL it runs itself, the comment line first:"
					+ " op.execute(\"-- lint:ack <RULE> <reason>\\n…\"); for a finding on an operation"
					+ " (op.createIndex…), call the other checks one by one.");
	}

	/** The line of this file holding {@code text} (once): where a revision above makes its call. */
	private static int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/retort/test/MigrationTestKitTests.java"));
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text) && !lines.get(i).contains("lineOf(")) {
				found.add(i + 1);
			}
		}
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	@Test
	void aDestructiveChangeBelowTheThresholdSaysWhyItFails(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		Path drop = write("b2", "a1", "ALTER TABLE users DROP COLUMN email;", "ALTER TABLE users ADD COLUMN email text;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertLintPasses())
			.withMessageStartingWith("retort lint found what fails at ERROR:\n  " + drop + ":7: WARNING PG114 "
					+ "destructive-change: DROP COLUMN loses the data of \"users.email\"; make sure no deployed code reads it."
					+ " (fails until acknowledged)\n");
	}

	@Test
	void aConstraintNeverValidatedFailsAtTheHead(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		Path unvalidated = write("b2", "a1", "ALTER TABLE users ADD CONSTRAINT email_set CHECK (email IS NOT NULL) NOT VALID;",
				"ALTER TABLE users DROP CONSTRAINT email_set;");
		write("c3", "b2", "ALTER TABLE users ADD COLUMN nickname text;", "ALTER TABLE users DROP COLUMN nickname;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertNothingInvalidAtHead())
			.withMessage("At the head, objects are left invalid:\n"
					+ "    constraint public.users.email_set CHECK ((email IS NOT NULL)) NOT VALID, left by revision b2 ("
					+ unvalidated + ")\n"
					+ "  Validate each constraint (ALTER TABLE … VALIDATE CONSTRAINT) and rebuild each index in a later"
					+ " revision.");
		// Left at its heads, as a passing check leaves it.
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("c3");
	}

	@Test
	void aConstraintNotEnforcedIsNotTakenForOneNeverValidated(TestDatabase db) throws IOException {
		assumeTrue(db.serverMajor() >= 18, "NOT ENFORCED constraints exist from PostgreSQL 18 on");
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		// PostgreSQL marks it not validated, and refuses to validate it: there is nothing to do later.
		write("b2", "a1", "ALTER TABLE users ADD CONSTRAINT email_set CHECK (email IS NOT NULL) NOT ENFORCED;",
				"ALTER TABLE users DROP CONSTRAINT email_set;");
		assertThatCode(() -> kit(db).assertNothingInvalidAtHead()).doesNotThrowAnyException();
	}

	@Test
	void revisionsThatDoNotGiveTheModelFailTheModelCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Path model = Files.writeString(this.directory.resolve("schema.txt"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text);");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertMatchesModel(model.toString()))
			.withMessageContaining("do not give the schema of the model")
			.withMessageContaining("- add column users.email")
			// The command to copy names this model, not a placeholder.
			.withMessageEndingWith("Write the difference as a revision: retort revision --autogenerate -m \"MESSAGE\" "
					+ "--model " + model + ", or correct the model.");
		// A classpath model is named by its source, where the command line reads classpath: locations.
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> kit(db).assertMatchesModel("classpath:dev/retort/test/model-with-email.sql"))
			.withMessageEndingWith("--model src/main/resources/dev/retort/test/model-with-email.sql, or correct the model.");
		Files.writeString(model, "CREATE TABLE users (id bigint PRIMARY KEY);");
		assertThatCode(() -> kit(db).assertMatchesModel("filesystem:" + model)).doesNotThrowAnyException();
	}

	@Test
	void aTriggerAndAFunctionOfTheModelThatNoRevisionCreatesFailTheModelCheckWithTheirStatements(TestDatabase db)
			throws IOException {
		String table = "CREATE TABLE rooms (id bigint PRIMARY KEY, updated_at timestamptz);";
		String function = "CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\n"
				+ "BEGIN NEW.updated_at := now(); RETURN NEW; END $$;";
		String trigger = "CREATE TRIGGER rooms_touch BEFORE UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION touch_updated_at();";
		write("a1", "", table, "DROP TABLE rooms;");
		Path model = Files.writeString(this.directory.resolve("schema.txt"), table + "\n" + function + "\n" + trigger);
		// Every table and column agrees: only what autogenerate does not compare is missing, and a CI
		// relying on the kit would ship revisions that never create the trigger.
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertMatchesModel(model.toString()))
			.withMessageStartingWith("The revisions do not give the schema of the model " + model + ":\n"
					+ "  Not compared by autogenerate, and not the same in the database the revisions gave as in the model,"
					+ " by their definitions as PostgreSQL prints them:\n"
					+ "  - function touch_updated_at, in the model and not in the database:\n"
					+ "      CREATE OR REPLACE FUNCTION touch_updated_at()\n")
			.withMessageContaining("  - trigger rooms_touch on rooms, in the model and not in the database:\n"
					+ "      CREATE TRIGGER rooms_touch BEFORE UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION"
					+ " touch_updated_at();\n")
			.withMessageEndingWith("Add them to a revision: retort revision --autogenerate -m \"MESSAGE\" --model " + model
					+ " writes one that lists them as comments, each with the statement to write in its upgrade and the"
					+ " one that undoes it in its downgrade; or correct the model.");
		// Written in a revision as the model has them, they are equal on both sides: the check passes.
		write("b2", "a1", function + "\n" + trigger, "DROP TRIGGER rooms_touch ON rooms;\nDROP FUNCTION touch_updated_at();");
		assertThatCode(() -> kit(db).assertMatchesModel(model.toString())).doesNotThrowAnyException();
		// A trigger a revision creates and the model dropped fails too, with what takes it away.
		Files.writeString(model, table + "\n" + function);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertMatchesModel(model.toString()))
			.withMessageContaining("  - trigger rooms_touch on rooms, in the database and not in the model:\n"
					+ "      DROP TRIGGER rooms_touch ON rooms;\n")
			.withMessageEndingWith("Add it to a revision: retort revision --autogenerate -m \"MESSAGE\" --model " + model
					+ " writes one that lists it as a comment, with the statement to write in its upgrade and the one"
					+ " that undoes it in its downgrade; or correct the model.");
		// Beside a difference autogenerate writes, the command it names lists the trigger too.
		Files.writeString(model, table.replace("timestamptz", "timestamptz, name text") + "\n" + function);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertMatchesModel(model.toString()))
			.withMessageContaining(":\n  - add column rooms.name\n  Not compared by autogenerate,")
			.withMessageEndingWith("Write the difference as a revision: retort revision --autogenerate -m \"MESSAGE\""
					+ " --model " + model + " writes one that also lists the one it does not compare as a comment, with the"
					+ " statement to write in its upgrade and the one that undoes it in its downgrade; or correct the model.");
	}

	@Test
	void differencesFromTheModelATestAcceptsPassAndEveryOtherStillFails(TestDatabase db) throws IOException {
		// The model, dumped from production, holds what the DBA added and no revision writes: an audit
		// trigger with its function, a column and the table its tooling writes to.
		String table = "CREATE TABLE rooms (id bigint PRIMARY KEY, updated_at timestamptz);";
		String function = "CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$\n"
				+ "BEGIN RETURN NEW; END $$;";
		String trigger = "CREATE TRIGGER rooms_audit AFTER UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION audit_row();";
		write("a1", "", table, "DROP TABLE rooms;");
		Path model = Files.writeString(this.directory.resolve("schema.txt"),
				table.replace("timestamptz", "timestamptz, audited_by text") + "\n" + function + "\n" + trigger
						+ "\nCREATE TABLE audit_log (at timestamptz);\nCREATE INDEX audit_log_at ON audit_log (at);");
		// A table's indexes are objects of their own, accepted one by one.
		AcceptedDifference auditLog = AcceptedDifference.of("table", "audit_log");
		AcceptedDifference auditLogAt = AcceptedDifference.of("index", "audit_log_at");
		assertThatCode(() -> kit(db).assertMatchesModel(model.toString(), AcceptedDifference.of("trigger", "rooms_audit"),
				AcceptedDifference.of("function", "audit_row"), AcceptedDifference.of("column", "rooms.audited_by"),
				auditLog, auditLogAt))
			.doesNotThrowAnyException();
		// One not accepted still fails, named as without the others; the accepted ones are not listed.
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> kit(db).assertMatchesModel(model.toString(), AcceptedDifference.of("trigger", "rooms_audit"),
					AcceptedDifference.of("column", "rooms.audited_by"), auditLog, auditLogAt))
			.withMessageStartingWith("The revisions do not give the schema of the model " + model + ":\n"
					+ "  Not compared by autogenerate, and not the same in the database the revisions gave as in the model,"
					+ " by their definitions as PostgreSQL prints them:\n"
					+ "  - function audit_row, in the model and not in the database:\n")
			.withMessageNotContaining("rooms_audit on rooms")
			.withMessageNotContaining("audited_by")
			.withMessageEndingWith("Add it to a revision: retort revision --autogenerate -m \"MESSAGE\" --model " + model
					+ " writes one that lists it as a comment, with the statement to write in its upgrade and the one"
					+ " that undoes it in its downgrade; or correct the model.");
		// A column accepted is that column alone, not one whose name starts the same.
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> kit(db).assertMatchesModel(model.toString(), AcceptedDifference.of("trigger", "rooms_audit"),
					AcceptedDifference.of("function", "audit_row"), AcceptedDifference.of("column", "rooms.audited"), auditLog, auditLogAt))
			.withMessageContaining("\n  - add column rooms.audited_by\n")
			.withMessageContaining("\n  Accepted, and no longer different: column rooms.audited: the revisions and the"
					+ " model agree on it now. Remove it from assertMatchesModel(…).\nWrite the difference");
		// Once a revision writes them, accepting them fails: the acceptance would otherwise outlive its reason.
		write("b2", "a1", "ALTER TABLE rooms ADD COLUMN audited_by text;\n" + function + "\n" + trigger,
				"DROP TRIGGER rooms_audit ON rooms;\nDROP FUNCTION audit_row();\nALTER TABLE rooms DROP COLUMN audited_by;");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> kit(db).assertMatchesModel(model.toString(), AcceptedDifference.of("trigger", "rooms_audit"),
					AcceptedDifference.of("function", "audit_row"), auditLog, auditLogAt))
			.withMessage("The model check accepts differences from the model " + model + " that no longer differ:"
					+ " trigger rooms_audit, function audit_row: the revisions and the model agree on them now. Remove"
					+ " them from assertMatchesModel(…).");
		assertThatCode(() -> kit(db).assertMatchesModel(model.toString(), auditLog, auditLogAt)).doesNotThrowAnyException();
	}

	@Test
	void anAcceptedDifferenceOfAKindTheModelCheckDoesNotNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AcceptedDifference.of("triger", "rooms_audit"))
			.withMessageStartingWith("The model check names no object of kind 'triger': accept one of table, column,");
		assertThatIllegalArgumentException().isThrownBy(() -> AcceptedDifference.of("column", "audited_by"))
			.withMessage("A column is accepted as table.column, as the model check names it:"
					+ " AcceptedDifference.of(\"column\", \"orders.audited_by\").");
	}

	@Test
	void theModelCheckAndTheHeadCheckStartFromAnEmptyDatabaseAsTheRoundTripDoes(TestDatabase db) throws IOException {
		String withoutEmail = "CREATE TABLE users (id bigint PRIMARY KEY);";
		String withEmail = "CREATE TABLE users (id bigint PRIMARY KEY, email text);";
		write("a1", "", withoutEmail, "DROP TABLE users;");
		kit(db).assertEveryRevisionRoundTrips();
		// The kit's database, next used from another branch of the project: the same revision id, another file.
		write("a1", "", withEmail, "DROP TABLE users;");
		Path model = Files.writeString(this.directory.resolve("schema.txt"), withEmail);
		assertThatCode(() -> kit(db).assertMatchesModel(model.toString())).doesNotThrowAnyException();
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
				+ " ORDER BY column_name")).containsExactly("email", "id");
		write("a1", "", withoutEmail, "DROP TABLE users;");
		assertThatCode(() -> kit(db).assertNothingInvalidAtHead()).doesNotThrowAnyException();
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
			.containsExactly("id");
	}

	@Test
	void theRoundTripReadsTheSchemaOnTheSessionHoldingItsLockNotOnANewOneEachTime(TestDatabase db) throws IOException {
		// Without a pool (PGSimpleDataSource, as the docs show) each session is a server process of its own,
		// loading the catalogs again: three reads a revision, each on a new session, made a round trip slower.
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		SessionCount oneRevision = new SessionCount(db.dataSource());
		MigrationTestKit.of(Retort.configure().dataSource(oneRevision).locations("filesystem:" + this.directory))
			.assertEveryRevisionRoundTrips();
		write("b2", "a1", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;");
		write("c3", "b2", "CREATE INDEX users_name ON users (name);", "DROP INDEX users_name;");
		SessionCount threeRevisions = new SessionCount(db.dataSource());
		MigrationTestKit.of(Retort.configure().dataSource(threeRevisions).locations("filesystem:" + this.directory))
			.assertEveryRevisionRoundTrips();
		// What Retort itself opens for a revision's steps in the round trip: where it is, up, down, up again.
		SessionCount steps = new SessionCount(db.dataSource());
		Retort retort = Retort.load(Retort.configure().dataSource(steps).locations("filesystem:" + this.directory).build());
		retort.downgrade("c3@-1");
		int before = steps.opened;
		retort.current();
		retort.upgrade("c3");
		retort.downgrade("c3@-1");
		retort.upgrade("c3");
		int retortsOwn = steps.opened - before;
		assertThat(threeRevisions.opened - oneRevision.opened).isEqualTo(2 * retortsOwn);
	}

	@Test
	void aPoolLendingSessionsWithoutAutoCommitHasTheDatabaseEmptiedAllTheSame(TestDatabase db)
			throws IOException {
		// spring.datasource.hikari.auto-commit=false: the kit's emptying was rolled back as its session went
		// back to the pool, and the next check met what the one before left ("a1 … not restored").
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN name text;", "SELECT 1;");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(db.jdbcUrl());
		config.setUsername(db.user());
		config.setPassword(db.password());
		config.setMaximumPoolSize(3);
		config.setAutoCommit(false);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			RetortConfig.Builder<Retort> revisions = Retort.configure().dataSource(pool)
				.locations("filesystem:" + this.directory);
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> MigrationTestKit.of(revisions).assertEveryRevisionRoundTrips())
				.withMessageStartingWith("Revision b2 (")
				.withMessageContaining("\n    + column public.users.name text\n");
			// Fixed, it passes: the kit emptied the database after the failure, and again before this run.
			write("b2", "a1", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;");
			assertThatCode(() -> MigrationTestKit.of(revisions).assertAll()).doesNotThrowAnyException();
		}
	}

	@Test
	void aKitWaitsForAnotherKitsAssertionOnTheSameDatabase(TestDatabase db) throws Exception {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// Another test class, run in parallel on the same database, in the middle of its round trip.
		try (java.sql.Connection other = db.dataSource().getConnection();
				java.sql.Statement statement = other.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(hashtext('retort-test-kit'), 0)");
			statement.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
			java.util.concurrent.CompletableFuture<Void> waiting = java.util.concurrent.CompletableFuture
				.runAsync(() -> kit(db).assertEveryRevisionRoundTrips());
			// Until the kit's session waits for the lock (not a sleep: it is observed).
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
			while (db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
					+ " AND wait_event_type = 'Lock' AND wait_event = 'advisory'").equals(List.of("0"))) {
				assertThat(waiting).as("the kit ran without waiting").isNotDone();
				assertThat(System.nanoTime()).as("the kit never waited for the lock").isLessThan(deadline);
				Thread.onSpinWait();
			}
			// The other kit's table is still there: this one has not emptied the database under it.
			assertThat(db.queryStrings("SELECT count(*) FROM users")).containsExactly("0");
			statement.execute("DROP TABLE users");
			statement.execute("SELECT pg_advisory_unlock(hashtext('retort-test-kit'), 0)");
			waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void aPoolTooSmallForTheKitFailsAtOnceSayingWhatToSet(int size, TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// Before: a pool of 2 waited the pool's timeout, then failed a1 with Retort's advice to lend "2 or more";
		// a pool of 1 failed with "Could not empty the test database: … Connection is not available".
		try (HikariDataSource pool = pool(db, size)) {
			MigrationTestKit kit = MigrationTestKit
				.of(Retort.configure().dataSource(pool).locations("filesystem:" + this.directory));
			assertThatIllegalStateException().isThrownBy(kit::assertAll)
				.withMessage("The kit needs 3 connections of its DataSource at once (one holds the kit's lock on the test"
						+ " database while Retort migrates with two), and the pool (com.zaxxer.hikari.HikariDataSource)"
						+ " lends at most " + size + ". Let it lend 3 or more: in a @SpringBootTest,"
						+ " spring.datasource.hikari.maximum-pool-size=3 (for instance @SpringBootTest(properties ="
						+ " \"spring.datasource.hikari.maximum-pool-size=3\")); for a pool the test builds,"
						+ " HikariDataSource.setMaximumPoolSize(3). Nothing was changed.");
		}
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void aPoolOfUnknownSizeThatRunsOutUnderTheKitSaysTheKitNeedsThree(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// A pool behind a proxy (datasource-proxy, P6Spy) hides its size: it runs out after its own timeout.
		try (HikariDataSource pool = pool(db, 2)) {
			pool.setConnectionTimeout(250);
			DataSource proxied = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { DataSource.class }, (proxy, method, arguments) -> {
						try {
							return method.invoke(pool, arguments);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
			MigrationTestKit kit = MigrationTestKit
				.of(Retort.configure().dataSource(proxied).locations("filesystem:" + this.directory));
			// Before: "Revision a1 (…): its upgrade failed: Could not get a second connection … let the pool lend 2 or more".
			assertThatIllegalStateException().isThrownBy(kit::assertEveryRevisionRoundTrips)
				.withMessageStartingWith("The kit needs 3 connections of its DataSource at once (one holds the kit's lock"
						+ " on the test database while Retort migrates with two), and the pool lent no more: ")
				.withMessageEndingWith(". Let it lend 3 or more (Spring Boot: spring.datasource.hikari.maximum-pool-size=3),"
						+ " beside what the test itself holds.");
		}
	}

	@Test
	void kitsOfOnePoolWaitForEachOtherWithoutTakingItsConnections(TestDatabase db) throws Exception {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// Two test classes run in parallel on one context's pool of 3. Each waiting on the database's lock with
		// a connection of the pool left the one running one short: it waited the pool's timeout and failed.
		try (HikariDataSource pool = pool(db, 3);
				java.sql.Connection other = db.dataSource().getConnection();
				java.sql.Statement statement = other.createStatement()) {
			// A kit of another fork holds the database's lock.
			statement.execute("SELECT pg_advisory_lock(hashtext('retort-test-kit'), 0)");
			java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				java.util.concurrent.Future<?> first = threads.submit(() -> poolKit(pool).assertEveryRevisionRoundTrips());
				waitFor(() -> advisoryWaiters(db) == 1, "the first kit to wait for the database's lock");
				Thread[] second = new Thread[1];
				java.util.concurrent.Future<?> other2 = threads.submit(() -> {
					second[0] = Thread.currentThread();
					poolKit(pool).assertEveryRevisionRoundTrips();
				});
				// Observed, not slept for: the second kit parks in this JVM, or takes a connection to wait in the database.
				waitFor(() -> advisoryWaiters(db) > 1 || (second[0] != null && second[0].getState() == Thread.State.WAITING),
						"the second kit to wait");
				assertThat(advisoryWaiters(db)).as("kits of the pool waiting in the database").isEqualTo(1);
				assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
				statement.execute("SELECT pg_advisory_unlock(hashtext('retort-test-kit'), 0)");
				assertThatCode(() -> first.get(60, java.util.concurrent.TimeUnit.SECONDS)).doesNotThrowAnyException();
				assertThatCode(() -> other2.get(60, java.util.concurrent.TimeUnit.SECONDS)).doesNotThrowAnyException();
			}
			finally {
				threads.shutdownNow();
			}
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a1");
	}

	private MigrationTestKit poolKit(DataSource pool) {
		return MigrationTestKit.of(Retort.configure().dataSource(pool).locations("filesystem:" + this.directory))
			.mayEmptyAnyDatabase();
	}

	private static int advisoryWaiters(TestDatabase db) {
		return Integer.parseInt(db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND wait_event_type = 'Lock' AND wait_event = 'advisory'").get(0));
	}

	private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static HikariDataSource pool(TestDatabase db, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(db.jdbcUrl());
		config.setUsername(db.user());
		config.setPassword(db.password());
		config.setMaximumPoolSize(size);
		return new HikariDataSource(config);
	}

	@ParameterizedTest
	@CsvSource({ "app, retort_history", ", app_history", "app, app_history" })
	void aKitDatabaseLastUsedWithAnotherSchemaOrHistoryTableIsEmptied(String schema, String historyTable,
			TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		// The team renames retort.schema or retort.history-table in one commit; the kit's database keeps the old
		// ones. Before: "holds 4 tables, views or sequences that no run of the kit made: no Retort history is there".
		MigrationTestKit renamed = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.schema(schema)
			.historyTable(historyTable));
		assertThatCode(renamed::assertEveryRevisionRoundTrips).doesNotThrowAnyException();
		assertThat(db.queryStrings("SELECT table_schema || '.' || table_name FROM information_schema.tables"
				+ " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
			.containsExactly(((schema != null) ? schema : "public") + "." + historyTable,
					((schema != null) ? schema : "public") + ".retort_version",
					((schema != null) ? schema : "public") + ".users");
	}

	@Test
	void aDatabaseAnApplicationMigratedUnderAnotherSchemaIsStillRefusedNamingItsHistory(TestDatabase db)
			throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory)
			.applicationName("coffee-app").schema("legacy").load().upgrade("heads");
		db.execute("UPDATE legacy.retort_history SET started_at = '2026-01-02 03:04:05+00'");
		assertThatIllegalStateException().isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("holds 1 table, view or sequence besides Retort's own tables, and its Retort history"
					+ " (legacy.retort_history) holds 1 row(s) written before this test run, by ");
		assertThat(db.queryStrings("SELECT count(*) FROM legacy.users")).containsExactly("0");
	}

	@Test
	void aTestContextsStartupEmptiesTheDatabaseTheLastRunLeftAndUpgradesIt(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		// The developer edits the revision no one has shipped yet; the next run's context upgraded the database
		// the last run left and failed to start: "Applied revision a1 (…) changed since it was applied".
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		Retort application = Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory).load();
		// What the test's RetortMigrationStrategy bean does as the context starts.
		MigrationTestKit.of(application).emptyAndUpgrade();
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
				+ " ORDER BY ordinal_position")).containsExactly("id", "email");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a1");
	}

	@Test
	void aTestContextsStartupDoesNotEmptyADatabaseSomethingElseMigrated(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Retort application = Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory)
			.applicationName("coffee-app").load();
		application.upgrade("heads");
		db.execute("UPDATE retort_history SET started_at = '2026-01-02 03:04:05+00'", "INSERT INTO users VALUES (7)");
		assertThatIllegalStateException().isThrownBy(() -> MigrationTestKit.of(application).emptyAndUpgrade())
			.withMessageEndingWith("Nothing was changed.");
		assertThat(db.queryStrings("SELECT id FROM users")).containsExactly("7");
	}

	@Test
	void revisionsOfAnApplicationWithASchemaOfItsOwnRoundTrip(TestDatabase db) throws IOException {
		// retort.schema=tenant_a: Retort creates the schema for its tables, which no downgrade removes.
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;", "ALTER TABLE users DROP COLUMN nickname;");
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory)
			.schema("tenant_a"));
		assertThatCode(kit::assertAll).doesNotThrowAnyException();
		assertThat(db.queryStrings("SELECT table_schema FROM information_schema.tables WHERE table_name = 'users'"))
			.containsExactly("tenant_a");
	}

	@Test
	void aDatabaseHoldingTablesOfItsOwnIsNotEmptied(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// A developer's own database, which a test's configuration pointed at by mistake.
		db.execute("CREATE TABLE customers (id int)", "INSERT INTO customers VALUES (1)",
				"CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
		assertThatIllegalStateException().isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessage("The kit empties the database it is given (it drops every schema in it), and database '"
					+ db.name() + "' holds 1 table, view or sequence, 1 function or procedure that no run of the kit"
					+ " made: no Retort history is there. Give the kit a database of its own (Testcontainers'"
					+ " PostgreSQLContainer, an embedded PostgreSQL), or, if this one may be emptied, say so:"
					+ " MigrationTestKit.of(…).mayEmptyAnyDatabase(). Nothing was changed.");
		assertThat(db.queryStrings("SELECT count(*) FROM customers")).containsExactly("1");
	}

	@Test
	void aDatabaseAnApplicationMigratedBeforeThisTestRunIsNotEmptiedUnlessTheTestSaysSo(TestDatabase db)
			throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory)
			.applicationName("coffee-app").load().upgrade("heads");
		db.execute("UPDATE retort_history SET started_at = '2026-01-02 03:04:05+00'", "INSERT INTO users VALUES (7)");

		assertThatIllegalStateException().isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			// The users table, not Retort's own: the history names its client by host and application name.
			.withMessageContaining("holds 1 table, view or sequence besides Retort's own tables, and its Retort history"
					+ " (retort_history) holds 1 row(s) written before this test run, by ")
			.withMessageContaining(" coffee-app, the first at 2026-01-02T03:04:05Z.")
			.withMessageEndingWith("Nothing was changed.");
		assertThat(db.queryStrings("SELECT id FROM users")).containsExactly("7");

		assertThatCode(() -> kit(db).mayEmptyAnyDatabase().assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		assertThat(db.queryStrings("SELECT count(*) FROM users")).containsExactly("0");
	}

	@Test
	void aDatabaseAnApplicationDowngradedToBaseIsRefusedForItsHistoryAlone(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Retort app = Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory)
			.applicationName("coffee-app").load();
		app.upgrade("heads");
		app.downgrade("base");
		db.execute("UPDATE retort_history SET started_at = '2026-01-02 03:04:05+00'");
		assertThatIllegalStateException().isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageContaining("' holds nothing but Retort's own tables, and its Retort history (retort_history) holds"
					+ " 2 row(s) written before this test run, by ");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history")).containsExactly("2");
	}

	@Test
	void aDatabaseMigratedInThisTestRunOrByTheKitIsEmptied(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		// A @SpringBootTest: the application's context migrated its test database as it started.
		Retort.configure().dataSource(db.dataSource()).locations("filesystem:" + this.directory).load().upgrade("heads");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		// The history is the kit's now, whenever the next run of the tests comes.
		db.execute("UPDATE retort_history SET started_at = '2026-01-02 03:04:05+00'");
		assertThat(db.queryStrings("SELECT DISTINCT client FROM retort_history"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.endsWith(" retort-test-kit");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	/** A role of the test's own, as a project's test creates the roles its revisions grant to. */
	private String role(TestDatabase db) {
		String role = "reporting_" + db.name();
		db.execute("CREATE ROLE " + role);
		this.roles.add(role);
		this.rolesDatabase = db;
		return role;
	}

	@AfterEach
	void dropRoles() {
		for (String role : this.roles) {
			// What the revisions gave it in the test database (which is dropped next), then the role.
			this.rolesDatabase.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role,
					"DROP ROLE " + role);
		}
	}

	private MigrationTestKit kit(TestDatabase db) {
		return MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory));
	}

	private Path write(String id, String revises, String upgrade, String downgrade) throws IOException {
		return write(id, revises, upgrade, downgrade, "", "");
	}

	private Path write(String id, String revises, String upgrade, String downgrade, String branchLabels,
			String dependsOn) throws IOException {
		String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
				+ (branchLabels.isEmpty() ? "" : "\n-- Branch Labels: " + branchLabels)
				+ (dependsOn.isEmpty() ? "" : "\n-- Depends On: " + dependsOn)
				+ "\n\n-- +upgrade\n" + upgrade + "\n" + ((downgrade != null) ? "\n-- +downgrade\n" + downgrade + "\n" : "");
		return Files.writeString(this.directory.resolve(id + "_revision.sql"), text);
	}


	/** A test database's own DataSource, counting the sessions it opens on the server. */
	private static final class SessionCount implements DataSource {

		private final DataSource sessions;

		private int opened;

		SessionCount(DataSource sessions) {
			this.sessions = sessions;
		}

		@Override
		public java.sql.Connection getConnection() throws java.sql.SQLException {
			this.opened++;
			return this.sessions.getConnection();
		}

		@Override
		public java.sql.Connection getConnection(String user, String password) throws java.sql.SQLException {
			this.opened++;
			return this.sessions.getConnection(user, password);
		}

		@Override
		public java.io.PrintWriter getLogWriter() throws java.sql.SQLException {
			return this.sessions.getLogWriter();
		}

		@Override
		public void setLogWriter(java.io.PrintWriter out) throws java.sql.SQLException {
			this.sessions.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws java.sql.SQLException {
			this.sessions.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws java.sql.SQLException {
			return this.sessions.getLoginTimeout();
		}

		@Override
		public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
			return this.sessions.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
			return this.sessions.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
			return this.sessions.isWrapperFor(type);
		}

	}

}
