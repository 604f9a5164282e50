package dev.retort.operation;

/**
 * A function's signature split into its name, quoted as any name, and its argument list, written
 * as given ({@code billing.tax(amount numeric)}: {@code billing.tax} and {@code (amount numeric)}).
 *
 * @param name the name, optionally schema-qualified
 * @param arguments the argument list with its parentheses
 */
public record FunctionSignature(String name, String arguments) {

	/**
	 * @param signature {@code name(arguments)}
	 * @return its parts
	 * @throws IllegalArgumentException without an argument list: {@code DROP FUNCTION} needs it to
	 * tell functions of one name apart, and {@code CREATE FUNCTION} fails without it
	 */
	public static FunctionSignature of(String signature) {
		String trimmed = signature.strip();
		int open = trimmed.indexOf('(');
		if (open <= 0 || !trimmed.endsWith(")")) {
			throw new IllegalArgumentException("signature '" + signature + "' needs its arguments in parentheses, as"
					+ " PostgreSQL tells functions of one name apart by them: touch_updated_at(), tax(amount numeric)");
		}
		return new FunctionSignature(trimmed.substring(0, open).strip(), trimmed.substring(open));
	}

}
