package dev.retort.boot.actuate;

import java.util.Locale;

import dev.retort.config.DatabaseUrl;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks Retort's own credentials in {@code /actuator/env} and {@code /actuator/configprops} when
 * their {@code show-values} is {@code always} or {@code when-authorized}: Spring Boot 4 then
 * masks no value by its key. {@code retort.password} is masked whole; {@code retort.url} keeps
 * its host, port and database, which an operator reads it for, with the password written in it
 * ({@code user:pass@}, {@code password=}) masked as Retort's messages mask it.
 * <p>
 * Keys are compared in the form Spring Boot binds them from ({@code retort.password},
 * {@code RETORT_PASSWORD} of the environment, {@code retort.url} of {@code /actuator/configprops}),
 * so that every property source that sets them is covered. Other values pass unchanged, to the
 * next function or to Boot's own rules.
 */
public final class RetortCredentialsSanitizingFunction implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = relaxed(data.getKey());
		if (key.equals("retort.password")) {
			return data.withSanitizedValue();
		}
		if (key.equals("retort.url") && data.getValue() instanceof CharSequence url) {
			return data.withValue(DatabaseUrl.masked(url.toString()));
		}
		return data;
	}

	/** {@code RETORT_PASSWORD}, {@code retort.Password} and {@code retort.password} alike. */
	private static String relaxed(String key) {
		return key.replace('_', '.').replace("-", "").toLowerCase(Locale.ROOT);
	}

}
