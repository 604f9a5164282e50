package dev.retort.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.schema.ConstraintModel;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.TableModel;

/**
 * The foreign keys of the model to a table of a schema Retort does not migrate (Supabase's
 * {@code auth.users}, another team's {@code shared.countries}). Adding one takes a {@code SHARE ROW
 * EXCLUSIVE} lock on that table, which blocks its writes: held from where the model adds it to the
 * end of the comparison, it would stop that schema's writers for the whole of it. Such a statement,
 * when the table it refers to exists there, is put off: it runs once the rest of the model has,
 * under a savepoint rolled back as soon as the foreign keys it adds are read (which releases the
 * lock); those are then added to the model read from the catalog.
 */
final class ForeignKeysElsewhere {

	/** A name as SQL writes it, quoted or not. */
	static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";

	/**
	 * A statement that adds one foreign key to a table named with its schema and does nothing else,
	 * as Hibernate writes it ({@code alter table if exists orders add constraint FK… foreign key
	 * (country_id) references shared.countries}): putting it off changes nothing else of the model.
	 */
	private static final Pattern ADDS_FOREIGN_KEY_ELSEWHERE = Pattern.compile("(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*"
			+ "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?\\s+ADD\\s+"
			+ "(?:CONSTRAINT\\s+" + NAME + "\\s+)?FOREIGN\\s+KEY\\s*\\([^()]*\\)\\s*REFERENCES\\s+(" + NAME + "\\s*\\.\\s*"
			+ NAME + ")\\s*(?:\\([^()]*\\))?[^,();'\"]*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/**
	 * The foreign keys of the tables of a schema (the parameter) to a table of another: those
	 * {@link #read} finds added by the statements put off.
	 */
	private static final String FOREIGN_KEYS = "SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)"
			+ " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " JOIN pg_class r ON r.oid = con.confrelid WHERE n.nspname = ? AND con.contype = 'f'"
			+ " AND r.relnamespace <> n.oid ORDER BY 1, 2";

	private ForeignKeysElsewhere() {
	}

	/**
	 * The table a statement of the model refers to, as written ({@code shared.countries}), when the
	 * statement can be put off, adding a foreign key alone; otherwise {@code null}.
	 */
	static String referencedTable(String sql) {
		Matcher matcher = ADDS_FOREIGN_KEY_ELSEWHERE.matcher(sql);
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * The foreign keys of the model's tables to tables of other schemas, each by the table it is on:
	 * read once the statements put off have run, under a savepoint the caller then rolls back.
	 * @param connection a connection whose search_path is the one the model is read with, so that
	 * the definitions print as the model's other ones
	 */
	static Map<String, List<ConstraintModel>> read(Connection connection, String modelSchema) throws SQLException {
		Map<String, List<ConstraintModel>> foreignKeys = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS)) {
			statement.setString(1, modelSchema);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					foreignKeys.computeIfAbsent(rows.getString(1), (table) -> new ArrayList<>())
						.add(new ConstraintModel(rows.getString(2), "f", rows.getString(3)));
				}
			}
		}
		return foreignKeys;
	}

	/** The model with the foreign keys {@link #read} found, those its tables have already left as they are. */
	static SchemaModel with(SchemaModel model, Map<String, List<ConstraintModel>> foreignKeys) {
		if (foreignKeys.isEmpty()) {
			return model;
		}
		Map<String, TableModel> tables = new LinkedHashMap<>(model.tables());
		foreignKeys.forEach((name, added) -> tables.computeIfPresent(name, (key, table) -> {
			List<ConstraintModel> constraints = new ArrayList<>(table.constraints());
			for (ConstraintModel foreignKey : added) {
				if (constraints.stream().noneMatch((constraint) -> constraint.name().equals(foreignKey.name()))) {
					constraints.add(foreignKey);
				}
			}
			// In the order the catalog gives them.
			constraints.sort(Comparator.comparing(ConstraintModel::name));
			return new TableModel(table.name(), table.columns(), constraints, table.indexes(), table.comment(),
					table.partitionKey(), table.rowSecurity(), table.options());
		}));
		return new SchemaModel(tables, model.views(), model.sequences(), model.enums(), model.partitions(),
				model.domains(), model.compositeTypes());
	}

}
