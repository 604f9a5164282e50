package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresIdentifiers.qualified;
import static dev.retort.dialect.postgres.PostgresIdentifiers.quote;

import dev.retort.operation.AlterSequence;
import dev.retort.operation.CreateSequence;

/** The {@code CREATE SEQUENCE} and {@code ALTER SEQUENCE} statements, which share their options. */
final class SequenceStatements {

	private SequenceStatements() {
	}

	/** {@code CREATE SEQUENCE} with its options. */
	static String create(CreateSequence operation) {
		StringBuilder sql = new StringBuilder("CREATE SEQUENCE ");
		if (operation.ifNotExists()) {
			sql.append("IF NOT EXISTS ");
		}
		sql.append(qualified(operation.name()));
		if (operation.dataType() != null) {
			sql.append(" AS ").append(Definitions.type(operation.dataType()));
		}
		appendOption(sql, " INCREMENT BY ", operation.increment());
		appendOption(sql, " MINVALUE ", operation.minValue());
		appendOption(sql, " MAXVALUE ", operation.maxValue());
		appendOption(sql, " START WITH ", operation.start());
		appendOption(sql, " CACHE ", operation.cache());
		if (operation.cycle()) {
			sql.append(" CYCLE");
		}
		appendOwnedBy(sql, operation.ownedBy());
		return sql.toString();
	}

	/** {@code ALTER SEQUENCE}: the options in {@code CREATE SEQUENCE}'s order, {@code RESTART} after {@code START WITH}. */
	static String alter(AlterSequence operation) {
		StringBuilder sql = new StringBuilder("ALTER SEQUENCE ").append(qualified(operation.name()));
		if (operation.dataType() != null) {
			sql.append(" AS ").append(Definitions.type(operation.dataType()));
		}
		appendOption(sql, " INCREMENT BY ", operation.increment());
		appendOption(sql, " MINVALUE ", operation.minValue());
		appendOption(sql, " MAXVALUE ", operation.maxValue());
		appendOption(sql, " START WITH ", operation.start());
		if (operation.restart()) {
			sql.append(" RESTART");
			appendOption(sql, " WITH ", operation.restartWith());
		}
		appendOption(sql, " CACHE ", operation.cache());
		if (operation.cycle() != null) {
			sql.append(operation.cycle() ? " CYCLE" : " NO CYCLE");
		}
		if (AlterSequence.OWNED_BY_NONE.equals(operation.ownedBy())) {
			sql.append(" OWNED BY NONE");
		}
		else {
			appendOwnedBy(sql, operation.ownedBy());
		}
		return sql.toString();
	}

	private static void appendOwnedBy(StringBuilder sql, String ownedBy) {
		if (ownedBy != null) {
			int dot = ownedBy.lastIndexOf('.');
			sql.append(" OWNED BY ").append(qualified(ownedBy.substring(0, dot))).append('.')
				.append(quote(ownedBy.substring(dot + 1)));
		}
	}

	private static void appendOption(StringBuilder sql, String keyword, Long value) {
		if (value != null) {
			sql.append(keyword).append(value);
		}
	}

}
