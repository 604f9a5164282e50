package dev.retort.schema;

import java.util.List;

/**
 * What a table is besides its columns and constraints: whether it is {@code UNLOGGED}, its storage
 * parameters ({@code WITH (fillfactor = 70)}, its autovacuum settings) and its {@code REPLICA IDENTITY}.
 *
 * @param unlogged whether it is unlogged: not written to the WAL, emptied after a crash, not replicated
 * @param storageParameters its storage parameters as PostgreSQL keeps them ({@code fillfactor=70}), sorted
 * @param replicaIdentity as {@code REPLICA IDENTITY} writes it: {@code DEFAULT}, {@code FULL}, {@code NOTHING} or
 * {@code USING INDEX name}
 */
public record TableOptions(boolean unlogged, List<String> storageParameters, String replicaIdentity) {

	/** A table as {@code CREATE TABLE} makes one without options. */
	public static final TableOptions DEFAULT = new TableOptions(false, List.of(), "DEFAULT");

	public TableOptions {
		storageParameters = storageParameters.stream().sorted().toList();
	}

}
