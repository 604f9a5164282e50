package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER SEQUENCE}: changes the options of a sequence, whether {@link CreateSequence} made
 * it or a {@code serial} or identity column did ({@code orders_id_seq}). {@code null} options stay
 * as they are.
 *
 * @param name the sequence, optionally schema-qualified
 * @param dataType {@code AS} type ({@code SMALLINT}, {@code INTEGER}, {@code BIGINT}), or {@code null}
 * @param increment {@code INCREMENT BY}, or {@code null}
 * @param minValue {@code MINVALUE}, or {@code null}
 * @param maxValue {@code MAXVALUE}, or {@code null}
 * @param start {@code START WITH} (where a later {@code RESTART} goes), or {@code null}
 * @param restart whether to add {@code RESTART}: the next value is {@code restartWith}, or the
 * start value when that is {@code null}
 * @param restartWith {@code RESTART WITH}, or {@code null}
 * @param cache {@code CACHE}, or {@code null}
 * @param cycle {@code CYCLE} when true, {@code NO CYCLE} when false, or {@code null}
 * @param ownedBy {@code OWNED BY table.column}, {@value #OWNED_BY_NONE} for {@code OWNED BY NONE}, or
 * {@code null}
 */
public record AlterSequence(String name, Type dataType, Long increment, Long minValue, Long maxValue, Long start,
		boolean restart, Long restartWith, Long cache, Boolean cycle, String ownedBy) implements Operation {

	/** {@link #ownedBy()} of a sequence that no longer belongs to a column. */
	public static final String OWNED_BY_NONE = "NONE";

	public AlterSequence {
		Names.require(name, "name");
		if (increment != null && increment == 0) {
			throw new IllegalArgumentException("'increment' of sequence '" + name + "' must not be 0");
		}
		if (restartWith != null && !restart) {
			throw new IllegalArgumentException("'restartWith' of sequence '" + name + "' needs 'restart'");
		}
		if (ownedBy != null && !ownedBy.equals(OWNED_BY_NONE) && ownedBy.indexOf('.') <= 0) {
			throw new IllegalArgumentException("'ownedBy' of sequence '" + name + "' must be 'table.column' or '"
					+ OWNED_BY_NONE + "', not '" + ownedBy + "'");
		}
		if (dataType == null && increment == null && minValue == null && maxValue == null && start == null
				&& !restart && cache == null && cycle == null && ownedBy == null) {
			throw new IllegalArgumentException("ALTER SEQUENCE of '" + name + "' changes nothing: give an option");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitAlterSequence(this);
	}

	/** None: the record does not say what the options were, and a restart cannot be undone. */
	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

	/** The options of {@code op.alterSequence(name, s -> s.restartWith(1000).incrementBy(10))}. */
	public static final class Builder {

		private Type dataType;

		private Long increment;

		private Long minValue;

		private Long maxValue;

		private Long start;

		private boolean restart;

		private Long restartWith;

		private Long cache;

		private Boolean cycle;

		private String ownedBy;

		Builder() {
		}

		/** {@code AS type}. */
		public Builder as(Type type) {
			this.dataType = type;
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

		/** {@code START WITH value}: where a later {@code RESTART} goes; the next value is unchanged. */
		public Builder startWith(long value) {
			this.start = value;
			return this;
		}

		/** {@code RESTART}: the next value is the start value. */
		public Builder restart() {
			this.restart = true;
			this.restartWith = null;
			return this;
		}

		/** {@code RESTART WITH value}: the next value is {@code value}. */
		public Builder restartWith(long value) {
			this.restart = true;
			this.restartWith = value;
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

		/** {@code NO CYCLE}. */
		public Builder noCycle() {
			this.cycle = false;
			return this;
		}

		/** {@code OWNED BY table.column}: the sequence is dropped with the column. */
		public Builder ownedBy(String table, String column) {
			this.ownedBy = Names.require(table, "table") + "." + Names.require(column, "column");
			return this;
		}

		/** {@code OWNED BY NONE}: the sequence no longer goes with a column. */
		public Builder ownedByNone() {
			this.ownedBy = OWNED_BY_NONE;
			return this;
		}

		AlterSequence build(String name) {
			return new AlterSequence(name, this.dataType, this.increment, this.minValue, this.maxValue, this.start,
					this.restart, this.restartWith, this.cache, this.cycle, this.ownedBy);
		}

	}

}
