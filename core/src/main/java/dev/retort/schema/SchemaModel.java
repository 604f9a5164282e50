package dev.retort.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tables, views, free-standing sequences and enum types of one schema, by name.
 *
 * @param tables the tables
 * @param views the views
 * @param sequences the sequences no column owns (a {@code serial} column's comes with it)
 * @param enums the enum types
 */
public record SchemaModel(Map<String, TableModel> tables, Map<String, ViewModel> views,
		Map<String, SequenceModel> sequences, Map<String, EnumModel> enums) {

	public SchemaModel {
		tables = new TreeMap<>(tables);
		views = new TreeMap<>(views);
		sequences = new TreeMap<>(sequences);
		enums = new TreeMap<>(enums);
	}

}
