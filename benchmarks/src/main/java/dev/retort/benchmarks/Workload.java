package dev.retort.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The migrations every tool runs: revision {@code i} of a linear history, as SQL text that is
 * the same for Retort, Flyway, Liquibase and plain JDBC. Four revisions work on one table
 * (create it with a few rows, add a column and update rows, index it, add a foreign key and
 * more rows), and every revision writes its number into {@code bench_ledger}, so a run can
 * prove that each revision ran exactly once.
 */
public final class Workload {

	/** File name of the Liquibase master changelog inside a Liquibase directory. */
	public static final String LIQUIBASE_CHANGELOG = "db.changelog-master.xml";

	private Workload() {
	}

	/** The upgrade statements of revision {@code i} (1-based), each ending with {@code ;}. */
	public static List<String> upgrade(int i) {
		List<String> sql = new ArrayList<>();
		if (i == 1) {
			sql.add("CREATE TABLE bench_ledger (\n    revision integer NOT NULL,\n"
					+ "    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()\n);");
		}
		int group = (i - 1) / 4 + 1;
		String table = table(group);
		switch ((i - 1) % 4) {
			case 0 -> {
				sql.add("CREATE TABLE " + table + " (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
						+ "    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()\n);");
				sql.add("INSERT INTO " + table + " (name) VALUES ('alpha'), ('beta'), ('gamma');");
			}
			case 1 -> {
				sql.add("ALTER TABLE " + table + " ADD COLUMN status varchar(20) NOT NULL DEFAULT 'new';");
				sql.add("UPDATE " + table + " SET status = 'active' WHERE id <= 2;");
			}
			case 2 -> {
				sql.add("CREATE INDEX ix_" + table + "_status ON " + table + " (status);");
				sql.add("ALTER TABLE " + table + " ADD COLUMN amount numeric(12, 2);");
			}
			default -> {
				String referenced = (group > 1) ? table(group - 1) : table;
				sql.add("ALTER TABLE " + table + " ADD COLUMN previous_id bigint REFERENCES " + referenced + " (id);");
				sql.add("UPDATE " + table + " SET amount = id * 10.5 WHERE status = 'active';");
				sql.add("INSERT INTO " + table + " (name, status, amount) VALUES ('delta', 'new', 1.25);");
			}
		}
		sql.add("INSERT INTO bench_ledger (revision) VALUES (" + i + ");");
		return sql;
	}

	/** The downgrade statements of revision {@code i}: Retort's downgrade, Liquibase's rollback. */
	public static List<String> downgrade(int i) {
		List<String> sql = new ArrayList<>();
		sql.add("DELETE FROM bench_ledger WHERE revision = " + i + ";");
		int group = (i - 1) / 4 + 1;
		String table = table(group);
		switch ((i - 1) % 4) {
			case 0 -> sql.add("DROP TABLE " + table + ";");
			case 1 -> sql.add("ALTER TABLE " + table + " DROP COLUMN status;");
			case 2 -> {
				sql.add("ALTER TABLE " + table + " DROP COLUMN amount;");
				sql.add("DROP INDEX ix_" + table + "_status;");
			}
			default -> {
				sql.add("DELETE FROM " + table + " WHERE name = 'delta';");
				sql.add("ALTER TABLE " + table + " DROP COLUMN previous_id;");
			}
		}
		if (i == 1) {
			sql.add("DROP TABLE bench_ledger;");
		}
		return sql;
	}

	/** A one-line message for revision {@code i}. */
	public static String message(int i) {
		String table = table((i - 1) / 4 + 1);
		return switch ((i - 1) % 4) {
			case 0 -> "Create " + table;
			case 1 -> "Add status to " + table;
			case 2 -> "Index " + table + " status, add amount";
			default -> "Link " + table + " to its predecessor";
		};
	}

	private static String table(int group) {
		return String.format(Locale.ROOT, "bt_%05d", group);
	}

	/**
	 * Revision ids of 12 hex digits, like Alembic's, deterministic so runs are comparable.
	 * Index {@code i} (1-based) is at position {@code i - 1}.
	 */
	public static List<String> revisionIds(int count) {
		List<String> ids = new ArrayList<>(count);
		Set<String> seen = new HashSet<>();
		long state = 0x5EED_0F_4E70_47L;
		while (ids.size() < count) {
			state += 0x9E3779B97F4A7C15L;
			long z = state;
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			z = z ^ (z >>> 31);
			String id = String.format(Locale.ROOT, "%012x", z & 0xFFFF_FFFF_FFFFL);
			if (seen.add(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	/** Writes {@code n} revisions for {@code tool} into {@code dir} (created), in a straight line. */
	public static void write(Tool tool, int n, Path dir) {
		try {
			Files.createDirectories(dir);
			switch (tool) {
				case RETORT -> writeRetort(dir, Shape.chain(n));
				case FLYWAY -> writeFlyway(dir, n);
				case LIQUIBASE -> writeLiquibase(dir, n);
				case JDBC -> writeJdbc(dir, n);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes Retort SQL revision files (SPEC §2.1) of a graph shape into {@code dir}. */
	public static void writeRetort(Path dir, Shape shape) throws IOException {
		Files.createDirectories(dir);
		List<String> ids = shape.ids();
		for (int k = 0; k < ids.size(); k++) {
			int i = k + 1;
			StringBuilder file = new StringBuilder(512);
			file.append("-- ").append(message(i)).append('\n');
			file.append("--\n");
			file.append("-- Revision ID: ").append(ids.get(k)).append('\n');
			file.append("-- Revises: ").append(String.join(", ", shape.parents().get(k))).append('\n');
			file.append("-- Create Date: 2026-11-25 21:00:00\n");
			file.append("-- Branch Labels:\n");
			file.append("-- Depends On:\n");
			file.append("--\n\n");
			file.append("-- +upgrade\n");
			upgrade(i).forEach((statement) -> file.append(statement).append('\n'));
			file.append("\n-- +downgrade\n");
			downgrade(i).forEach((statement) -> file.append(statement).append('\n'));
			String slug = message(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
			Files.writeString(dir.resolve(ids.get(k) + "_" + slug + ".sql"), file);
		}
	}

	private static void writeFlyway(Path dir, int n) throws IOException {
		for (int i = 1; i <= n; i++) {
			String slug = message(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
			Files.writeString(dir.resolve("V" + i + "__" + slug + ".sql"), String.join("\n", upgrade(i)) + "\n");
		}
	}

	private static void writeLiquibase(Path dir, int n) throws IOException {
		Path changes = Files.createDirectories(dir.resolve("changes"));
		StringBuilder master = new StringBuilder();
		master.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		master.append("<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n");
		master.append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n");
		master.append("    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog ");
		master.append("http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">\n");
		for (int i = 1; i <= n; i++) {
			String name = String.format(Locale.ROOT, "r%05d.sql", i);
			StringBuilder file = new StringBuilder(512);
			// A logical path keeps each changeset's identity the same whichever way the changelog
			// is opened (DirectoryResourceAccessor here, a file: URL in Spring Boot).
			file.append("--liquibase formatted sql logicalFilePath:changes/").append(name).append("\n\n");
			file.append("--changeset bench:").append(i).append('\n');
			file.append("--comment: ").append(message(i)).append('\n');
			upgrade(i).forEach((statement) -> file.append(statement).append('\n'));
			downgrade(i).forEach((statement) -> file.append("--rollback ").append(statement).append('\n'));
			Files.writeString(changes.resolve(name), file);
			master.append("    <include file=\"changes/").append(name).append("\" relativeToChangelogFile=\"true\"/>\n");
		}
		master.append("</databaseChangeLog>\n");
		Files.writeString(dir.resolve(LIQUIBASE_CHANGELOG), master);
	}

	private static void writeJdbc(Path dir, int n) throws IOException {
		for (int i = 1; i <= n; i++) {
			Files.writeString(dir.resolve(String.format(Locale.ROOT, "%05d.sql", i)), String.join("\n", upgrade(i)) + "\n");
		}
	}

	/**
	 * The shape of a Retort revision graph: ids and each revision's parents, in load order.
	 *
	 * @param ids revision ids
	 * @param parents the parents of each revision
	 */
	public record Shape(List<String> ids, List<List<String>> parents) {

		public Shape {
			ids = List.copyOf(ids);
			parents = List.copyOf(parents);
		}

		/** One straight line: each revision revises the one before. */
		public static Shape chain(int n) {
			List<String> ids = revisionIds(n);
			List<List<String>> parents = new ArrayList<>(n);
			for (int k = 0; k < n; k++) {
				parents.add((k == 0) ? List.of() : List.of(ids.get(k - 1)));
			}
			return new Shape(ids, parents);
		}

		/**
		 * Blocks of 20 revisions: a branch point, two branches of 9 revisions each, and a merge
		 * of the two; {@code n / 20} blocks one after another (500 branch points and 500 merges
		 * for 10,000 revisions).
		 */
		public static Shape branchy(int n) {
			List<String> ids = revisionIds(n);
			List<List<String>> parents = new ArrayList<>(n);
			String previous = null;
			int k = 0;
			while (k < n) {
				if (n - k < 20) {
					parents.add((previous == null) ? List.of() : List.of(previous));
					previous = ids.get(k++);
					continue;
				}
				String branchPoint = ids.get(k);
				parents.add((previous == null) ? List.of() : List.of(previous));
				k++;
				String left = branchPoint;
				for (int j = 0; j < 9; j++) {
					parents.add(List.of(left));
					left = ids.get(k++);
				}
				String right = branchPoint;
				for (int j = 0; j < 9; j++) {
					parents.add(List.of(right));
					right = ids.get(k++);
				}
				parents.add(List.of(left, right));
				previous = ids.get(k++);
			}
			return new Shape(ids, parents);
		}

	}

}
