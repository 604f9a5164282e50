package dev.retort.lint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.retort.lint.Tokens.Kind;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.parenthesized;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * Whether the valid CHECK constraints of a table imply a partition's bound on one key column, so
 * that ATTACH PARTITION reads none of its rows, or, of a default partition, exclude it, so that a
 * partition added beside it reads none of the default's rows (PG126). PostgreSQL proves it from
 * the conjuncts of all the checks together (and the column's NOT NULL); this reads the simple
 * ones as it does: {@code key IS NOT NULL}, {@code key >= v} (and {@code >}, {@code <}, {@code <=},
 * {@code =}, either way round, {@code BETWEEN}), {@code key IN (…)}, {@code key NOT IN (…)},
 * {@code key <> v}, {@code NOT (…)} of those and an {@code OR} of comparisons, against a range
 * bound of one value each side or a list bound. What it cannot read or order (an expression, a
 * string of a type that reads two spellings as one value) it leaves to PostgreSQL:
 * {@link Verdict#UNKNOWN}, which the rule passes. LockClaimsTests holds each form against the server.
 */
final class BoundImplication {

	/** What the checks say of the bound. */
	enum Verdict {

		/** PostgreSQL finds the bound implied (or, of a default partition, excluded) and reads no row. */
		PROVEN,

		/** PostgreSQL reads every row: {@link Result#reason()} says what is missing. */
		NOT_PROVEN,

		/** The checks say something of the key that is not read here: left to PostgreSQL. */
		UNKNOWN

	}

	/**
	 * A verdict, and for {@link Verdict#NOT_PROVEN} what is missing, said of the checks.
	 * @param namesKey whether any valid check says something of the key
	 */
	record Result(Verdict verdict, String reason, boolean namesKey) {

		boolean scans() {
			return this.verdict == Verdict.NOT_PROVEN;
		}

	}

	/** ISO dates and timestamps, which order as their text does when both have the same shape. */
	private static final Pattern ISO_TIME = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?");

	/** Types that read two different strings as one value ('2023-1-1' and '2023-01-01', 'EU' and 'eu' of citext). */
	private static final Pattern NOT_TEXTUAL = Pattern.compile("^(date|time|timestamp|interval|int|smallint|bigint"
			+ "|integer|numeric|decimal|real|double|float|bool|uuid|inet|cidr|citext|char\\b|character(?! varying)"
			+ "|bpchar|money|macaddr|bit|json|oid)");

	private final Bound bound;

	private final String key;

	/** Whether distinct strings are distinct values of the key: of a text, varchar or enum type. */
	private final boolean textual;

	private BoundImplication(Bound bound, String key, String keyType) {
		this.bound = bound;
		this.key = key;
		this.textual = keyType != null && !NOT_TEXTUAL.matcher(keyType).find();
	}

	/**
	 * Whether {@code conditions}, the valid checks of the table attached, imply the {@code bound}
	 * (tokens from FOR VALUES on) on {@code key}.
	 * @param keyNotNull whether the column is NOT NULL, which PostgreSQL counts as a check
	 * @param keyType the key's declared type, or {@code null}
	 */
	static Result implies(List<List<Token>> conditions, String key, String keyType, boolean keyNotNull,
			List<Token> bound) {
		Bound read = Bound.of(bound);
		Facts facts = Facts.of(conditions, key);
		if (read == null || facts.unknown) {
			return new Result(Verdict.UNKNOWN, null, facts.namesKey);
		}
		Result result = new BoundImplication(read, key, keyType).implies(facts, keyNotNull);
		// A NOT (…) or an OR of the key is read for a default partition only: here PostgreSQL decides.
		boolean unread = !facts.negations.isEmpty() || !facts.disjunctions.isEmpty();
		return (result.scans() && unread) ? new Result(Verdict.UNKNOWN, null, true) : result;
	}

	/**
	 * Whether {@code conditions}, the valid checks of a default partition, exclude the {@code bound}
	 * of a partition added beside it.
	 */
	static Result excludes(List<List<Token>> conditions, String key, String keyType, List<Token> bound) {
		Bound read = Bound.of(bound);
		Facts facts = Facts.of(conditions, key);
		if (read == null) {
			return new Result(Verdict.UNKNOWN, null, facts.namesKey);
		}
		return new BoundImplication(read, key, keyType).excludes(facts);
	}

	private Result implies(Facts facts, boolean keyNotNull) {
		if (!keyNotNull && !facts.notNull) {
			return notProven(facts, "none says " + this.key + " IS NOT NULL, and the bound excludes NULL");
		}
		if (this.bound.values != null) {
			Boolean within = Boolean.FALSE;
			for (List<Value> allowed : facts.allowed) {
				within = or(within, all(allowed, (value) -> inList(value)));
			}
			return verdict(within, facts, "none says " + this.key + " IN " + this.bound.describe());
		}
		Boolean above = this.bound.from == null;
		Boolean below = this.bound.to == null;
		for (Comparison comparison : facts.comparisons) {
			if (this.bound.from != null && comparison.op.startsWith(">")) {
				above = or(above, atLeast(order(comparison.value, this.bound.from), 0));
			}
			if (this.bound.to != null && (comparison.op.equals("<") || comparison.op.equals("<="))) {
				Integer order = order(comparison.value, this.bound.to);
				below = or(below, comparison.op.equals("<") ? atMost(order, 0) : atMost(order, -1));
			}
		}
		for (List<Value> allowed : facts.allowed) {
			above = or(above, (this.bound.from == null) ? Boolean.TRUE
					: all(allowed, (value) -> atLeast(order(value, this.bound.from), 0)));
			below = or(below, (this.bound.to == null) ? Boolean.TRUE
					: all(allowed, (value) -> atMost(order(value, this.bound.to), -1)));
		}
		if (Boolean.FALSE.equals(above) || (above == null && Boolean.TRUE.equals(below))) {
			return verdict(above, facts, "none says " + this.key + " >= " + this.bound.from.sql());
		}
		return verdict(below, facts, "none says " + this.key + " < " + this.bound.to.sql());
	}

	private Result excludes(Facts facts) {
		Boolean excluded = Boolean.FALSE;
		for (Comparison comparison : facts.comparisons) {
			excluded = or(excluded, excludedBy(comparison));
		}
		for (List<Comparison> disjunction : facts.disjunctions) {
			Boolean each = Boolean.TRUE;
			for (Comparison comparison : disjunction) {
				each = and(each, excludedBy(comparison));
			}
			excluded = or(excluded, each);
		}
		for (List<Value> allowed : facts.allowed) {
			excluded = or(excluded, all(allowed, (value) -> not(inBound(value))));
		}
		if (this.bound.values != null && !facts.refused.isEmpty()) {
			excluded = or(excluded, all(this.bound.values, (value) -> any(facts.refused, (refused) -> same(value, refused))));
		}
		for (Facts negated : facts.negations) {
			excluded = or(excluded, negated.unknown ? null : contains(negated));
		}
		if (facts.unknown && !Boolean.TRUE.equals(excluded)) {
			return new Result(Verdict.UNKNOWN, null, true);
		}
		return verdict(excluded, facts, "none keeps " + this.key + " out of " + this.bound.describe());
	}

	/** Whether a comparison of a default partition's check lets no value of the bound through. */
	private Boolean excludedBy(Comparison comparison) {
		if (this.bound.values != null) {
			return comparison.op.equals("<>") ? all(this.bound.values, (value) -> same(value, comparison.value))
					: comparison.op.equals("=") ? not(inList(comparison.value)) : null;
		}
		Integer belowFrom = (this.bound.from != null) ? order(comparison.value, this.bound.from) : null;
		Integer fromTo = (this.bound.to != null) ? order(comparison.value, this.bound.to) : null;
		return switch (comparison.op) {
			case "<" -> (this.bound.from != null) ? atMost(belowFrom, 0) : Boolean.FALSE;
			case "<=" -> (this.bound.from != null) ? atMost(belowFrom, -1) : Boolean.FALSE;
			case ">", ">=" -> (this.bound.to != null) ? atLeast(fromTo, 0) : Boolean.FALSE;
			case "=" -> not(inBound(comparison.value));
			default -> Boolean.FALSE;
		};
	}

	/** Whether every value of the bound meets the conjuncts of a NOT (…), which then keeps them all out. */
	private Boolean contains(Facts negated) {
		if (negated.others || !negated.disjunctions.isEmpty() || !negated.negations.isEmpty()
				|| !negated.refused.isEmpty()) {
			return Boolean.FALSE;
		}
		Boolean contains = Boolean.TRUE;
		for (Comparison comparison : negated.comparisons) {
			contains = and(contains, (this.bound.values != null)
					? all(this.bound.values, (value) -> meets(value, comparison)) : rangeMeets(comparison));
		}
		for (List<Value> allowed : negated.allowed) {
			contains = and(contains, (this.bound.values != null)
					? all(this.bound.values, (value) -> any(allowed, (other) -> same(value, other))) : Boolean.FALSE);
		}
		return contains;
	}

	private Boolean rangeMeets(Comparison comparison) {
		return switch (comparison.op) {
			case ">=" -> (this.bound.from != null) ? atMost(order(comparison.value, this.bound.from), 0) : Boolean.FALSE;
			case ">" -> (this.bound.from != null) ? atMost(order(comparison.value, this.bound.from), -1) : Boolean.FALSE;
			case "<", "<=" -> (this.bound.to != null) ? atLeast(order(comparison.value, this.bound.to), 0) : Boolean.FALSE;
			default -> Boolean.FALSE;
		};
	}

	private Boolean meets(Value value, Comparison comparison) {
		Integer order = order(value, comparison.value);
		return switch (comparison.op) {
			case "=" -> same(value, comparison.value);
			case "<>" -> not(same(value, comparison.value));
			case ">=" -> atLeast(order, 0);
			case ">" -> atLeast(order, 1);
			case "<=" -> atMost(order, 0);
			case "<" -> atMost(order, -1);
			default -> null;
		};
	}

	private Boolean inList(Value value) {
		return any(this.bound.values, (listed) -> same(value, listed));
	}

	private Boolean inBound(Value value) {
		if (this.bound.values != null) {
			return inList(value);
		}
		Boolean above = (this.bound.from != null) ? atLeast(order(value, this.bound.from), 0) : Boolean.TRUE;
		Boolean below = (this.bound.to != null) ? atMost(order(value, this.bound.to), -1) : Boolean.TRUE;
		return and(above, below);
	}

	private Result verdict(Boolean proven, Facts facts, String reason) {
		if (Boolean.TRUE.equals(proven)) {
			return new Result(Verdict.PROVEN, null, facts.namesKey);
		}
		return (proven == null && facts.namesKey) ? new Result(Verdict.UNKNOWN, null, true) : notProven(facts, reason);
	}

	private static Result notProven(Facts facts, String reason) {
		return new Result(Verdict.NOT_PROVEN, reason, facts.namesKey);
	}

	/** Whether two values are one value of the key: {@code null} when it cannot tell. */
	private Boolean same(Value a, Value b) {
		Integer order = order(a, b);
		if (order != null) {
			return order == 0;
		}
		return (this.textual && a.string && b.string) ? a.text.equals(b.text) : null;
	}

	/** How {@code a} orders against {@code b}: numbers, or ISO times of one shape; {@code null} for any other. */
	private static Integer order(Value a, Value b) {
		if (!a.string && !b.string) {
			return Integer.signum(new BigDecimal(a.text).compareTo(new BigDecimal(b.text)));
		}
		if (a.string && b.string && a.text.equals(b.text)) {
			return 0;
		}
		if (a.string && b.string && a.text.length() == b.text.length() && ISO_TIME.matcher(a.text).matches()
				&& ISO_TIME.matcher(b.text).matches()) {
			return Integer.signum(a.text.compareTo(b.text));
		}
		return null;
	}

	// Three-valued logic: null is "cannot tell".

	private static Boolean atLeast(Integer order, int least) {
		return (order != null) ? order >= least : null;
	}

	private static Boolean atMost(Integer order, int most) {
		return (order != null) ? order <= most : null;
	}

	private static Boolean not(Boolean value) {
		return (value != null) ? !value : null;
	}

	private static Boolean or(Boolean a, Boolean b) {
		return (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) ? Boolean.TRUE
				: (a == null || b == null) ? null : Boolean.FALSE;
	}

	private static Boolean and(Boolean a, Boolean b) {
		return (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) ? Boolean.FALSE
				: (a == null || b == null) ? null : Boolean.TRUE;
	}

	private static <T> Boolean all(List<T> items, java.util.function.Function<T, Boolean> test) {
		Boolean all = Boolean.TRUE;
		for (T item : items) {
			all = and(all, test.apply(item));
		}
		return all;
	}

	private static <T> Boolean any(List<T> items, java.util.function.Function<T, Boolean> test) {
		Boolean any = Boolean.FALSE;
		for (T item : items) {
			any = or(any, test.apply(item));
		}
		return any;
	}

	/** A constant: a string (its text) or a number. */
	private record Value(boolean string, String text) {

		String sql() {
			return this.string ? "'" + this.text.replace("'", "''") + "'" : this.text;
		}

		/** The constant {@code tokens} are ({@code '2023-01-01'}, {@code '2023-01-01'::date}, {@code -5}), or {@code null}. */
		static Value of(List<Token> tokens) {
			if (tokens.size() == 2 && tokens.get(0).isSymbol('-') && tokens.get(1).kind() == Kind.NUMBER) {
				return number("-" + tokens.get(1).text());
			}
			if (tokens.isEmpty() || (tokens.get(0).kind() != Kind.STRING && tokens.get(0).kind() != Kind.NUMBER)) {
				return null;
			}
			boolean cast = tokens.size() >= 4 && tokens.get(1).isSymbol(':') && tokens.get(2).isSymbol(':')
					&& tokens.subList(3, tokens.size()).stream().allMatch((token) -> token.kind() == Kind.WORD);
			if (tokens.size() != 1 && !cast) {
				return null;
			}
			Token token = tokens.get(0);
			return (token.kind() == Kind.STRING) ? new Value(true, token.text()) : number(token.text());
		}

		private static Value number(String text) {
			try {
				new BigDecimal(text);
				return new Value(false, text);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

	/** A comparison of the key with a constant, the key on the left: {@code >=}, {@code >}, {@code <}, {@code <=}, {@code =}, {@code <>}. */
	private record Comparison(String op, Value value) {
	}

	/**
	 * A partition's bound on one column: a range ({@code from} and {@code to}, {@code null} for
	 * MINVALUE and MAXVALUE) or a list of values.
	 */
	private record Bound(Value from, Value to, List<Value> values) {

		String describe() {
			return (this.values != null)
					? "(" + String.join(", ", this.values.stream().map(Value::sql).toList()) + ")"
					: "FROM (" + ((this.from != null) ? this.from.sql() : "MINVALUE") + ") TO ("
							+ ((this.to != null) ? this.to.sql() : "MAXVALUE") + ")";
		}

		/** The bound of {@code tokens} from FOR VALUES on, or {@code null} for one not read here (DEFAULT, hash, NULL, several columns). */
		static Bound of(List<Token> tokens) {
			if (startsWith(tokens, 0, "FOR", "VALUES", "FROM")) {
				int to = indexOfWord(tokens, "TO", 3);
				List<Token> from = parenthesized(tokens, 3);
				List<Token> upTo = (to >= 0) ? parenthesized(tokens, to + 1) : List.of();
				boolean unboundedFrom = from.size() == 1 && from.get(0).is("MINVALUE");
				boolean unboundedTo = upTo.size() == 1 && upTo.get(0).is("MAXVALUE");
				Value lower = unboundedFrom ? null : Value.of(from);
				Value upper = unboundedTo ? null : Value.of(upTo);
				return ((lower == null && !unboundedFrom) || (upper == null && !unboundedTo)) ? null
						: new Bound(lower, upper, null);
			}
			if (startsWith(tokens, 0, "FOR", "VALUES", "IN")) {
				List<Value> values = constants(parenthesized(tokens, 3));
				return (values != null) ? new Bound(null, null, values) : null;
			}
			return null;
		}

	}

	/** The constants of a parenthesized list, or {@code null} when one is not a constant (NULL, an expression). */
	private static List<Value> constants(List<Token> list) {
		if (list.isEmpty()) {
			return null;
		}
		List<Value> values = new ArrayList<>();
		for (List<Token> item : split(list, 0, list.get(0).depth())) {
			Value value = Value.of(item);
			if (value == null) {
				return null;
			}
			values.add(value);
		}
		return values;
	}

	/** What the conjuncts of some checks say of the key. */
	private static final class Facts {

		boolean notNull;

		/** Comparisons with a constant, each of its own conjunct. */
		final List<Comparison> comparisons = new ArrayList<>();

		/** The lists the key must be in ({@code IN}, {@code =}), one per conjunct. */
		final List<List<Value>> allowed = new ArrayList<>();

		/** The values the key must not be ({@code NOT IN}, {@code <>}), of all the conjuncts. */
		final List<Value> refused = new ArrayList<>();

		/** The conjuncts that are an OR of comparisons. */
		final List<List<Comparison>> disjunctions = new ArrayList<>();

		/** The conjuncts {@code NOT (…)}, read as conjuncts themselves. */
		final List<Facts> negations = new ArrayList<>();

		/** Whether a conjunct says something of the key not read here. */
		boolean unknown;

		/** Whether a conjunct is of other columns. */
		boolean others;

		boolean namesKey;

		static Facts of(List<List<Token>> conditions, String key) {
			Facts facts = new Facts();
			for (List<Token> condition : conditions) {
				if (condition.isEmpty()) {
					// A check whose text is not known here (left by DETACH … CONCURRENTLY of a bound not linted).
					facts.unknown = true;
					facts.namesKey = true;
				}
				else {
					facts.read(condition, key);
				}
			}
			return facts;
		}

		private void read(List<Token> condition, String key) {
			for (List<Token> conjunct : conjuncts(unwrap(condition))) {
				List<Token> part = unwrap(conjunct);
				boolean names = part.stream().anyMatch((token) -> isKey(token, key));
				this.namesKey |= names;
				if (!names) {
					this.others = true;
				}
				else if (!readConjunct(part, key)) {
					this.unknown = true;
				}
			}
		}

		/** Reads one conjunct that names the key; whether it could. */
		private boolean readConjunct(List<Token> part, String key) {
			if (part.size() == 4 && isKey(part.get(0), key) && startsWith(part, 1, "IS", "NOT", "NULL")) {
				this.notNull = true;
				return true;
			}
			if (part.size() >= 2 && part.get(0).is("NOT") && part.get(1).isSymbol('(')
					&& parenthesized(part, 1).size() == part.size() - 3) {
				Facts negated = new Facts();
				negated.read(parenthesized(part, 1), key);
				this.negations.add(negated);
				return true;
			}
			if (part.size() >= 3 && isKey(part.get(0), key) && (startsWith(part, 1, "IN") || startsWith(part, 1, "NOT", "IN"))) {
				int open = startsWith(part, 1, "IN") ? 2 : 3;
				List<Value> values = (part.size() > open && part.get(open).isSymbol('(')
						&& parenthesized(part, open).size() == part.size() - open - 2) ? constants(parenthesized(part, open)) : null;
				if (values == null) {
					return false;
				}
				if (open == 2) {
					this.allowed.add(values);
				}
				else {
					this.refused.addAll(values);
				}
				return true;
			}
			if (part.size() >= 5 && isKey(part.get(0), key) && part.get(1).is("BETWEEN")) {
				int and = indexOfWord(part, "AND", 2);
				Value low = (and > 0) ? Value.of(part.subList(2, and)) : null;
				Value high = (and > 0) ? Value.of(part.subList(and + 1, part.size())) : null;
				if (low == null || high == null) {
					return false;
				}
				this.comparisons.add(new Comparison(">=", low));
				this.comparisons.add(new Comparison("<=", high));
				return true;
			}
			List<List<Token>> arms = disjuncts(part);
			if (arms.size() > 1) {
				List<Comparison> disjunction = new ArrayList<>();
				for (List<Token> arm : arms) {
					Comparison comparison = comparison(unwrap(arm), key);
					if (comparison == null) {
						return false;
					}
					disjunction.add(comparison);
				}
				this.disjunctions.add(disjunction);
				return true;
			}
			Comparison comparison = comparison(part, key);
			if (comparison == null) {
				return false;
			}
			if (comparison.op.equals("=")) {
				this.allowed.add(List.of(comparison.value));
			}
			else if (comparison.op.equals("<>")) {
				this.refused.add(comparison.value);
			}
			this.comparisons.add(comparison);
			return true;
		}

		/** {@code key op constant} or {@code constant op key}, the key then put on the left; or {@code null}. */
		private static Comparison comparison(List<Token> part, String key) {
			int at = 0;
			while (at < part.size() && !(part.get(at).kind() == Kind.SYMBOL && "<>=!".contains(part.get(at).text()))) {
				at++;
			}
			int end = at;
			while (end < part.size() && part.get(end).kind() == Kind.SYMBOL && "<>=!".contains(part.get(end).text())) {
				end++;
			}
			String op = String.join("", part.subList(at, end).stream().map(Token::text).toList()).replace("!=", "<>");
			if (at == 0 || end == part.size() || !List.of("<", "<=", ">", ">=", "=", "<>").contains(op)) {
				return null;
			}
			List<Token> left = part.subList(0, at);
			List<Token> right = part.subList(end, part.size());
			if (left.size() == 1 && isKey(left.get(0), key)) {
				Value value = Value.of(right);
				return (value != null) ? new Comparison(op, value) : null;
			}
			if (right.size() == 1 && isKey(right.get(0), key)) {
				Value value = Value.of(left);
				String flipped = op.replace('<', '~').replace('>', '<').replace('~', '>');
				return (value != null) ? new Comparison(op.equals("<>") ? op : flipped, value) : null;
			}
			return null;
		}

		private static boolean isKey(Token token, String key) {
			return (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED) && token.name().equals(key);
		}

		/** {@code tokens} without the parentheses that enclose all of them. */
		private static List<Token> unwrap(List<Token> tokens) {
			while (tokens.size() >= 2 && tokens.get(0).isSymbol('(')
					&& parenthesized(tokens, 0).size() == tokens.size() - 2) {
				tokens = tokens.subList(1, tokens.size() - 1);
			}
			return tokens;
		}

		/** The parts of {@code tokens} between its outermost ANDs (not a BETWEEN's). */
		private static List<List<Token>> conjuncts(List<Token> tokens) {
			return splitAt(tokens, "AND");
		}

		private static List<List<Token>> disjuncts(List<Token> tokens) {
			return splitAt(tokens, "OR");
		}

		private static List<List<Token>> splitAt(List<Token> tokens, String word) {
			List<List<Token>> parts = new ArrayList<>();
			int depth = tokens.stream().mapToInt(Token::depth).min().orElse(0);
			int start = 0;
			boolean between = false;
			for (int i = 0; i < tokens.size(); i++) {
				Token token = tokens.get(i);
				if (token.depth() != depth) {
					continue;
				}
				if (token.is("BETWEEN")) {
					between = true;
				}
				else if (token.is(word) && word.equals("AND") && between) {
					between = false;
				}
				else if (token.is(word)) {
					parts.add(tokens.subList(start, i));
					start = i + 1;
				}
			}
			parts.add(tokens.subList(start, tokens.size()));
			return parts;
		}

	}

}
