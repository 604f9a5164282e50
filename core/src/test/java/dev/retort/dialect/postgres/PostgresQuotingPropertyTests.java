package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;

/**
 * Any string, written as an offline literal or used as a quoted identifier, reads back from
 * PostgreSQL unchanged, whatever {@code standard_conforming_strings} says: offline scripts
 * cannot be broken out of by data.
 */
class PostgresQuotingPropertyTests {

	private static TestDatabase db;

	private static Connection connection;

	@BeforeContainer
	static void connect() throws SQLException {
		db = TestPostgres.freshDatabase();
		connection = db.connect();
	}

	@AfterContainer
	static void disconnect() throws SQLException {
		connection.close();
		db.drop();
	}

	@Property(tries = 300)
	void stringLiteralsReadBackUnchanged(@ForAll("awkwardText") String text, @ForAll boolean standardStrings)
			throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET standard_conforming_strings = " + (standardStrings ? "on" : "off"));
			statement.execute("SET escape_string_warning = off");
			try (ResultSet result = statement.executeQuery("SELECT " + PostgresLiterals.string(text))) {
				result.next();
				assertThat(result.getString(1)).isEqualTo(text);
			}
		}
	}

	@Property(tries = 200)
	void quotedIdentifiersReadBackUnchanged(@ForAll("awkwardText") String text) throws SQLException {
		String name = text.isEmpty() ? "x" : text.substring(0, Math.min(text.length(), 20));
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1 AS " + PostgresIdentifiers.quote(name))) {
			assertThat(result.getMetaData().getColumnLabel(1)).isEqualTo(name);
		}
	}

	@Provide
	Arbitrary<String> awkwardText() {
		return Arbitraries.strings()
			.withChars("'\"\\$%;-/*\n\t aZ09_é€")
			.withCharRange('\u0001', '\u007f')
			.ofMaxLength(40);
	}

}
