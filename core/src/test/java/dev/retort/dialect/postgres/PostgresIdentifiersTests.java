package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

/**
 * Identifier quoting checked against the server itself: its keyword list, and names created
 * with Retort's quoting read back from the catalog unchanged.
 */
@ExtendWith(PostgresExtension.class)
class PostgresIdentifiersTests {

	@Test
	void reservedWordsAreTheServersReservedAndTypeOrFunctionNameKeywords(TestDatabase db) {
		List<String> server = db.queryStrings("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')");
		// Never fewer words than the server; more only where an older server (14, 15) lacks a newer one.
		TreeSet<String> extra = new TreeSet<>(PostgresIdentifiers.RESERVED);
		extra.removeAll(server);
		assertThat(PostgresIdentifiers.RESERVED).containsAll(server);
		assertThat(extra).isSubsetOf("system_user");
	}

	@Test
	void everyKeywordAndAwkwardNameSurvivesAsATableColumnAndIndexName(TestDatabase db) throws SQLException {
		List<String> names = new ArrayList<>(db.queryStrings("SELECT word FROM pg_get_keywords()"));
		names.addAll(List.of("UserId", "1st", "first name", "a\"b", "café", "price$usd", "_private", "x-y", "ÆØÅ",
				"Select", "tab\tname"));
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (String name : names) {
				String quoted = PostgresIdentifiers.quote(name);
				statement.execute("CREATE TABLE " + quoted + " (" + quoted + " integer)");
				statement.execute("CREATE INDEX " + PostgresIdentifiers.quote(name + "_ix") + " ON " + quoted + " ("
						+ quoted + ")");
			}
		}
		List<String> expected = new ArrayList<>();
		for (String name : names) {
			expected.add(name + "|" + name + "|" + name + "_ix");
		}
		assertThat(db.queryStrings("SELECT c.relname || '|' || a.attname || '|' || i.relname FROM pg_class c"
				+ " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 JOIN pg_index x ON x.indrelid = c.oid"
				+ " JOIN pg_class i ON i.oid = x.indexrelid WHERE c.relnamespace = 'public'::regnamespace"))
			.containsExactlyInAnyOrderElementsOf(expected);
	}

}
