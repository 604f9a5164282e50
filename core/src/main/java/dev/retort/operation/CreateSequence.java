package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE SEQUENCE}. {@code null} options keep PostgreSQL's defaults.
 *
 * @param name the sequence, optionally schema-qualified
 * @param dataType {@code AS} type ({@code SMALLINT}, {@code INTEGER}, {@code BIGINT}), or {@code null}
 * @param start {@code START WITH}, or {@code null}
 * @param increment {@code INCREMENT BY}, or {@code null}
 * @param minValue {@code MINVALUE}, or {@code null}
 * @param maxValue {@code MAXVALUE}, or {@code null}
 * @param cache {@code CACHE}, or {@code null}
 * @param cycle whether to add {@code CYCLE}
 * @param ownedBy {@code OWNED BY table.column}, or {@code null}
 * @param ifNotExists whether to add {@code IF NOT EXISTS}
 */
public record CreateSequence(String name, Type dataType, Long start, Long increment, Long minValue, Long maxValue,
		Long cache, boolean cycle, String ownedBy, boolean ifNotExists) implements Operation {

	public CreateSequence {
		Names.require(name, "name");
		if (increment != null && increment == 0) {
			throw new IllegalArgumentException("'increment' of sequence '" + name + "' must not be 0");
		}
	}

	/** A sequence with PostgreSQL's defaults. */
	public static CreateSequence named(String name) {
		return new CreateSequence(name, null, null, null, null, null, null, false, null, false);
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateSequence(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropSequence(this.name, false, false, this));
	}

	/** The options of {@code op.createSequence(name, seq -> seq.startWith(1000))}. */
	public static final class Builder {

		private Type dataType;

		private Long start;

		private Long increment;

		private Long minValue;

		private Long maxValue;

		private Long cache;

		private boolean cycle;

		private String ownedBy;

		private boolean ifNotExists;

		Builder() {
		}

		/** {@code AS type}. */
		public Builder as(Type type) {
			this.dataType = type;
			return this;
		}

		/** {@code START WITH value}. */
		public Builder startWith(long value) {
			this.start = value;
			return this;
		}

		/** {@code INCREMENT BY value}. */
		public Builder incrementBy(long value) {
			this.increment = value;
			return this;
		}

		/** {@code MINVALUE value}. */
		public Builder minValue(long value) {
			this.minValue = value;
			return this;
		}

		/** {@code MAXVALUE value}. */
		public Builder maxValue(long value) {
			this.maxValue = value;
			return this;
		}

		/** {@code CACHE value}. */
		public Builder cache(long value) {
			this.cache = value;
			return this;
		}

		/** {@code CYCLE}. */
		public Builder cycle() {
			this.cycle = true;
			return this;
		}

		/** {@code OWNED BY table.column}: the sequence is dropped with the column. */
		public Builder ownedBy(String table, String column) {
			this.ownedBy = table + "." + column;
			return this;
		}

		/** {@code IF NOT EXISTS}. */
		public Builder ifNotExists() {
			this.ifNotExists = true;
			return this;
		}

		CreateSequence build(String name) {
			return new CreateSequence(name, this.dataType, this.start, this.increment, this.minValue, this.maxValue,
					this.cache, this.cycle, this.ownedBy, this.ifNotExists);
		}

	}

}
