package dev.retort.command;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

import dev.retort.dialect.postgres.PostgresLiterals;
import dev.retort.revision.Revision;

/**
 * A small JSON writer for the result records, so the CLI and the in-app commands print SPEC §5's
 * JSON without a JSON library: a record becomes an object of its components in declaration
 * order, a collection an array, a map an object; strings are escaped, an {@link Instant} is an
 * ISO-8601 string, a {@link Path} its string, a {@link Revision.Kind} its JSON name. A {@code null} component is written as
 * {@code null}, except {@link RevisionInfo#state()}, which SPEC §5 shows only where a database
 * was read, and an empty {@link StepResult#droppedInvalidIndexes()}; {@link ShowResult} is one object, the revision's members followed by its SQL, as
 * SPEC §5 shows it. Output is pretty-printed with two-space indentation.
 */
public final class Json {

	private static final String INDENT = "  ";

	private Json() {
	}

	/** The JSON of a value, pretty-printed, without a trailing newline. */
	public static String write(Object value) {
		StringBuilder json = new StringBuilder();
		value(json, value, 0);
		return json.toString();
	}

	private static void value(StringBuilder json, Object value, int depth) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Revision.Kind kind) {
			// As a revision's "kind" reads everywhere else: "sql" or "java".
			string(json, kind.jsonName());
		}
		else if (value instanceof CharSequence || value instanceof Character || value instanceof Path
				|| value instanceof Enum<?>) {
			string(json, value.toString());
		}
		else if (value instanceof Number number) {
			number(json, number);
		}
		else if (value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof TemporalAccessor) {
			string(json, value.toString());
		}
		else if (value instanceof Collection<?> collection) {
			array(json, collection, depth);
		}
		else if (value instanceof Object[] array) {
			array(json, java.util.Arrays.asList(array), depth);
		}
		else if (value instanceof Map<?, ?> map) {
			map(json, map, depth);
		}
		else if (value.getClass().isRecord()) {
			record(json, (Record) value, depth);
		}
		else {
			string(json, value.toString());
		}
	}

	private static void number(StringBuilder json, Number number) {
		if ((number instanceof Double d && (d.isNaN() || d.isInfinite()))
				|| (number instanceof Float f && (f.isNaN() || f.isInfinite()))) {
			json.append("null");
		}
		else {
			json.append(number);
		}
	}

	private static void array(StringBuilder json, Collection<?> values, int depth) {
		if (values.isEmpty()) {
			json.append("[]");
			return;
		}
		json.append("[");
		boolean first = true;
		for (Object each : values) {
			json.append(first ? "\n" : ",\n");
			first = false;
			indent(json, depth + 1);
			value(json, each, depth + 1);
		}
		json.append("\n");
		indent(json, depth);
		json.append("]");
	}

	private static void map(StringBuilder json, Map<?, ?> map, int depth) {
		if (map.isEmpty()) {
			json.append("{}");
			return;
		}
		json.append("{");
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			first = member(json, String.valueOf(entry.getKey()), entry.getValue(), depth, first);
		}
		json.append("\n");
		indent(json, depth);
		json.append("}");
	}

	private static void record(StringBuilder json, Record record, int depth) {
		json.append("{");
		boolean first;
		first = members(json, record, depth, true);
		if (first) {
			json.append("}");
			return;
		}
		json.append("\n");
		indent(json, depth);
		json.append("}");
	}

	private static boolean members(StringBuilder json, Record record, int depth, boolean first) {
		boolean result = first;
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			Object value = read(record, component);
			if (value instanceof Record inner && flattened(record, component)) {
				result = members(json, inner, depth, result);
				continue;
			}
			if (value == null && omittedWhenNull(record, component)) {
				continue;
			}
			if (value instanceof Collection<?> values && values.isEmpty() && omittedWhenEmpty(record, component)) {
				continue;
			}
			result = member(json, component.getName(), value, depth, result);
		}
		return result;
	}

	/** SPEC §5 shows {@code show} as the revision's members plus its SQL, in one object. */
	private static boolean flattened(Record record, RecordComponent component) {
		return record instanceof ShowResult && component.getName().equals("revision");
	}

	private static boolean member(StringBuilder json, String name, Object value, int depth, boolean first) {
		json.append(first ? "\n" : ",\n");
		indent(json, depth + 1);
		string(json, name);
		json.append(": ");
		value(json, value, depth + 1);
		return false;
	}

	private static boolean omittedWhenNull(Record record, RecordComponent component) {
		return record instanceof RevisionInfo && component.getName().equals("state");
	}

	/** A step's dropped INVALID leftovers are rare news: the step keeps SPEC §5's members without them. */
	private static boolean omittedWhenEmpty(Record record, RecordComponent component) {
		return record instanceof StepResult && component.getName().equals("droppedInvalidIndexes");
	}

	private static Object read(Record record, RecordComponent component) {
		try {
			component.getAccessor().setAccessible(true);
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + component + " of " + record.getClass().getName(), ex);
		}
	}

	private static void string(StringBuilder json, String value) {
		// The dialect writes JSON values too (a Map for a jsonb column): one escaper for both.
		PostgresLiterals.jsonString(json, value);
	}

	private static void indent(StringBuilder json, int depth) {
		json.append(INDENT.repeat(depth));
	}

}
