package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A row level security policy of a table.
 *
 * @param name its name
 * @param command the command it applies to, as {@code CREATE POLICY … FOR} names it: {@code ALL}, {@code SELECT},
 * {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param permissive {@code true} for {@code AS PERMISSIVE} (the default), {@code false} for {@code AS RESTRICTIVE}
 * @param roles the roles it applies to, as {@code TO} names them ({@code PUBLIC} for every role), sorted
 * @param using its {@code USING} expression as PostgreSQL prints it, or {@code null}
 * @param withCheck its {@code WITH CHECK} expression as PostgreSQL prints it, or {@code null}
 * @param reads the columns its expressions read, as {@code table.column}: PostgreSQL refuses to drop or retype
 * them under it
 */
public record PolicyModel(String name, String command, boolean permissive, List<String> roles, String using,
		String withCheck, Set<String> reads) {

	public PolicyModel {
		roles = roles.stream().sorted().toList();
		reads = Set.copyOf(reads);
	}

	/** Whether the other is the same policy: the same command, kind, roles and expressions. */
	public boolean sameAs(PolicyModel other) {
		return this.name.equals(other.name) && this.command.equals(other.command) && this.permissive == other.permissive
				&& this.roles.equals(other.roles) && Objects.equals(this.using, other.using)
				&& Objects.equals(this.withCheck, other.withCheck);
	}

	/** Whether it reads a column of that relation. */
	public boolean readsFrom(String relation) {
		return this.reads.stream().anyMatch((column) -> column.startsWith(relation + "."));
	}

}
