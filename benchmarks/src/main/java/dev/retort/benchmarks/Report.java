package dev.retort.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of one run: one row per scenario and tool, rendered as the markdown table that
 * {@code run.sh} prints and writes to {@code docs/benchmarks.md}.
 */
final class Report {

	private final List<Row> rows = new ArrayList<>();

	private final List<String> targets = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	void add(Row row) {
		this.rows.add(row);
		System.out.println("  " + row.scenario() + " | " + row.tool() + " | " + row.summary());
	}

	void target(String line) {
		this.targets.add(line);
	}

	void note(String line) {
		this.notes.add(line);
	}

	List<String> targets() {
		return this.targets;
	}

	List<String> notes() {
		return this.notes;
	}

	Optional<Row> find(String scenario, String tool) {
		return this.rows.stream()
			.filter((row) -> row.scenario().equals(scenario) && row.tool().equals(tool) && row.error() == null
					&& !row.samples().isEmpty())
			.findFirst();
	}

	/** The results table in markdown. */
	String table() {
		StringBuilder table = new StringBuilder();
		table.append("| Scenario | Tool | Median | Spread (min–max) | Runs | × plain JDBC | × Retort | Note |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
		for (Row row : this.rows) {
			table.append("| ").append(row.scenario()).append(" | ").append(row.tool()).append(" | ");
			if (row.error() != null || row.samples().isEmpty()) {
				table.append("— | — | 0 | — | — | ").append(escape(row.error() != null ? "failed: " + row.error() : row.note()));
				table.append(" |\n");
				continue;
			}
			table.append(format(row.median(), row.unit())).append(" | ");
			table.append(format(row.min(), "")).append("–").append(format(row.max(), "")).append(" | ");
			table.append(row.samples().size()).append(" | ");
			table.append(ratio(row, Tool.JDBC.displayName())).append(" | ");
			table.append(ratio(row, Tool.RETORT.displayName())).append(" | ");
			table.append(escape(row.note())).append(" |\n");
		}
		return table.toString();
	}

	private String ratio(Row row, String baseline) {
		if (!row.comparable()) {
			return "";
		}
		return find(row.scenario(), baseline).filter(Row::comparable)
			.map((base) -> String.format(Locale.ROOT, "%.2f×", row.median() / base.median()))
			.orElse("");
	}

	static String format(double value, String unit) {
		String number;
		if (value != 0 && Math.abs(value) < 0.1) {
			number = String.format(Locale.ROOT, "%.2g", value);
		}
		else if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			number = String.format(Locale.ROOT, "%,.0f", value);
		}
		else {
			number = String.format(Locale.ROOT, "%.1f", value);
		}
		return unit.isEmpty() ? number : number + " " + unit;
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		String oneLine = text.replace('\n', ' ').replace("|", "\\|");
		return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "…" : oneLine;
	}

	/**
	 * One cell of the table.
	 *
	 * @param scenario what was measured
	 * @param tool which tool
	 * @param unit unit of the samples
	 * @param samples one value per run
	 * @param note anything to add (a check that passed, a derived number)
	 * @param error why it could not be measured, or {@code null}
	 * @param comparable whether ratios to other tools mean something
	 */
	record Row(String scenario, String tool, String unit, List<Double> samples, String note, String error,
			boolean comparable) {

		Row {
			samples = List.copyOf(samples);
		}

		static Row of(String scenario, Tool tool, String unit, List<Double> samples, String note) {
			return new Row(scenario, tool.displayName(), unit, samples, note, null, true);
		}

		static Row failed(String scenario, String tool, String error) {
			return new Row(scenario, tool, "", List.of(), null, error, false);
		}

		double median() {
			List<Double> sorted = sorted();
			int n = sorted.size();
			return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		}

		double min() {
			return sorted().get(0);
		}

		double max() {
			return sorted().get(sorted().size() - 1);
		}

		private List<Double> sorted() {
			List<Double> sorted = new ArrayList<>(this.samples);
			Collections.sort(sorted);
			return sorted;
		}

		String summary() {
			if (this.error != null) {
				return "failed: " + this.error;
			}
			if (this.samples.isEmpty()) {
				return String.valueOf(this.note);
			}
			return format(median(), this.unit) + " (" + format(min(), "") + "–" + format(max(), "") + ", n="
					+ this.samples.size() + ")" + ((this.note != null && !this.note.isEmpty()) ? " " + this.note : "");
		}

	}

}
