package dev.retort.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tables and free-standing sequences of one schema, by name.
 *
 * @param tables the tables
 * @param sequences the sequences no column owns (a {@code serial} column's comes with it)
 */
public record SchemaModel(Map<String, TableModel> tables, Map<String, SequenceModel> sequences) {

	public SchemaModel {
		tables = new TreeMap<>(tables);
		sequences = new TreeMap<>(sequences);
	}

}
