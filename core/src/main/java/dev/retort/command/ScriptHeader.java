package dev.retort.command;

import java.util.ArrayList;
import java.util.List;

import dev.retort.config.TransactionMode;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.runtime.DdlSettings;

/**
 * What an {@code --sql} script tells its reviewer before its first statement: every step in the
 * order it runs, with the revision's message and file, which steps run outside a transaction,
 * and the timeouts the script sets. Without it a reviewer approving a script of hundreds of lines
 * reads it all to learn which revisions it holds, and which of them cannot be rolled back.
 * Files are named without their directory: a script goes to people and systems that have no
 * business with the author's home directory.
 */
final class ScriptHeader {

	private static final int WIDTH = 97;

	/** Joins the words of a command, so that no line ends inside it. */
	private static final char NO_BREAK = '\u00a0';

	private ScriptHeader() {
	}

	/**
	 * The comment lines of the header, none for a script with no step.
	 * @param command the command as the script's first line names it ({@code upgrade heads})
	 * @param plans the plans the script runs, in order (a baseline's stamp first)
	 */
	static List<String> lines(String command, List<Plan> plans, DdlSettings ddl, TransactionMode mode) {
		List<Step> steps = plans.stream().flatMap((plan) -> plan.steps().stream()).toList();
		if (steps.isEmpty()) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		lines.add(steps.size() + ((steps.size() == 1) ? " step" : " steps") + ", in this order:");
		int number = 1;
		for (Step step : steps) {
			lines.add("  " + number++ + ". " + step.describe("<base>") + source(step) + (outside(step)
					? " [Transactional: false: outside a transaction]" : ""));
		}
		boolean anyOutside = steps.stream().anyMatch(ScriptHeader::outside);
		String failure = (mode == TransactionMode.ALL)
				? "One transaction holds every step (retort.transaction-mode: all). A failing statement stops psql"
						+ " there and rolls every step back: fix the cause and run the script again."
				: "Each step runs in a transaction of its own, with its version-table change. A failing statement"
						+ " stops psql there; its step is rolled back" + (anyOutside
								? " (one outside a transaction keeps what ran before that statement)" : "")
						+ " and the version table stays at the step before. Fix the cause, then write the script again"
						+ " from where the database stands (" + resume(command, plans) + "): once a step of this one"
						+ " committed, it stops at its first check and changes nothing.";
		lines.addAll(wrap(failure));
		lines.addAll(wrap(timeouts(ddl.assignments(), anyOutside)));
		return List.copyOf(lines);
	}

	private static String timeouts(List<String> settings, boolean anyOutside) {
		String lock = setting(settings, "lock_timeout");
		String statement = setting(settings, "statement_timeout");
		String set = (lock != null || statement != null) ? " Set in each transaction (SET LOCAL)"
				+ (anyOutside ? " and around each step outside one (SET, RESET)" : "") + "." : "";
		return "Timeouts: " + ((lock != null) ? lock : "lock_timeout not set, the session's own applies")
				+ " (retort.ddl.lock-timeout); "
				+ ((statement != null) ? statement : "statement_timeout not set, the session's own applies")
				+ " (retort.ddl.statement-timeout)." + set + ((lock != null) ? " A statement that waits longer for a"
						+ " lock fails as any other: a script does not retry (retort.ddl.retries)." : "")
				+ ((lock != null && anyOutside) ? " Except a concurrent index build (CREATE INDEX CONCURRENTLY, REINDEX"
						+ " CONCURRENTLY) outside a transaction: it runs with lock_timeout = 0, and waits for every older"
						+ " transaction to end, blocking no reads or writes meanwhile; given up, it would leave an INVALID"
						+ " index behind." : "");
	}

	private static String setting(List<String> settings, String name) {
		return settings.stream().filter((setting) -> setting.startsWith(name + " ")).findFirst().orElse(null);
	}

	/** {@code text} in lines of at most 100 characters, as the script's reader reads them. */
	private static List<String> wrap(String text) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append((line.length() > 0) ? " " : "").append(word);
		}
		lines.add(line.toString());
		return lines.stream().map((each) -> each.replace(NO_BREAK, ' ')).toList();
	}

	/**
	 * The command that writes the rest of the script after a failure: from {@code current}, to the
	 * revision this one leads to (not its target as written: {@code -1} from a new start is another).
	 */
	private static String resume(String command, List<Plan> plans) {
		String verb = command.substring(0, Math.max(command.indexOf(' '), 0));
		List<String> to = plans.get(plans.size() - 1).toHeads();
		if ((verb.equals("upgrade") || verb.equals("downgrade")) && to.size() <= 1) {
			return ("retort " + verb + " current:" + (to.isEmpty() ? "base" : to.get(0)) + " --sql").replace(' ',
					NO_BREAK);
		}
		return "'current' as FROM";
	}

	/** Whether {@code step} runs statement by statement, outside any transaction. */
	private static boolean outside(Step step) {
		Revision revision = step.revision();
		return step.operation() != Step.Operation.STAMP && revision != null && !revision.transactional();
	}

	/** The file (or Java class) of the step's revision, without its directory. */
	private static String source(Step step) {
		if (step.operation() == Step.Operation.STAMP || step.revision() == null) {
			return "";
		}
		String source = step.revision().origin().source();
		int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
		return " (" + source.substring(slash + 1) + ")";
	}

}
