package dev.retort.schema;

import java.util.List;

/**
 * A table's row level security: whether it is enabled ({@code ENABLE ROW LEVEL SECURITY}), whether it
 * applies to the table's owner too ({@code FORCE ROW LEVEL SECURITY}), and its policies.
 *
 * @param enabled whether the table's policies apply
 * @param forced whether they apply to its owner as well
 * @param policies its policies, by name
 */
public record RowSecurity(boolean enabled, boolean forced, List<PolicyModel> policies) {

	/** A table without row level security or policies, as {@code CREATE TABLE} makes one. */
	public static final RowSecurity NONE = new RowSecurity(false, false, List.of());

	public RowSecurity {
		policies = List.copyOf(policies);
	}

	/** The policy of that name, or {@code null}. */
	public PolicyModel policy(String name) {
		return this.policies.stream().filter((policy) -> policy.name().equals(name)).findFirst().orElse(null);
	}

	/** The same, with these policies. */
	public RowSecurity withPolicies(List<PolicyModel> policies) {
		return new RowSecurity(this.enabled, this.forced, policies);
	}

}
