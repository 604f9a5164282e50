package dev.retort.boot.actuate;

import java.util.Map;
import java.util.function.Function;

import dev.retort.Retort;
import dev.retort.command.ShowResult;
import dev.retort.error.RetortException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} of the {@link RetortEndpoint} over HTTP:
 * while the database cannot be read, {@code 503 Service Unavailable} (as Boot's health answers
 * {@code DOWN}) with what the revision files say and the error, rather than a bare 500. A
 * dashboard polls the endpoint exactly when things are wrong.
 */
@EndpointWebExtension(endpoint = RetortEndpoint.class)
public class RetortEndpointWebExtension {

	private final RetortEndpoint endpoint;

	/**
	 * Creates a new extension.
	 * @param endpoint the endpoint it answers for
	 */
	public RetortEndpointWebExtension(RetortEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * {@code GET /actuator/migrations[?schema=]}: the status report, {@code 404} for a schema the
	 * application did not migrate, or {@code 503} with the files' side of it and {@code error}
	 * while the database cannot be read.
	 * @param schema a schema the application migrated, or {@code null} for the bean's own
	 * @return the response
	 */
	@ReadOperation
	public WebEndpointResponse<Object> migrations(@Nullable String schema) {
		Retort facade;
		try {
			facade = this.endpoint.facade(schema);
		}
		catch (RetortException ex) {
			return unavailable(ex, (error) -> Map.of("error", error.getMessage()));
		}
		if (facade == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			return new WebEndpointResponse<>(this.endpoint.migrations(schema));
		}
		catch (RetortException ex) {
			return unavailable(ex, (error) -> this.endpoint.fromFilesOnly(facade, error));
		}
	}

	/**
	 * {@code GET /actuator/migrations/{revision}}: as {@link RetortEndpoint#revision(String)}, or
	 * {@code 503} while the database cannot be read: with the revision from its file, its
	 * {@code state} {@code null}, and {@code error}; with {@code error} alone for {@code current},
	 * which only the database can name.
	 * @param revision a revision id, unique prefix or symbolic name
	 * @return the response
	 */
	@ReadOperation
	public WebEndpointResponse<Map<String, Object>> revision(@Selector String revision) {
		ShowResult shown;
		try {
			shown = this.endpoint.show(revision);
		}
		catch (RetortException ex) {
			return unavailable(ex, (error) -> Map.of("error", error.getMessage()));
		}
		if (shown == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			return new WebEndpointResponse<>(this.endpoint.describe(shown));
		}
		catch (RetortException ex) {
			return unavailable(ex, (error) -> this.endpoint.describeFromFilesOnly(shown, error));
		}
	}

	/**
	 * {@code 503} with {@code body} when {@code ex} says the database could not be read; any other
	 * failure (a bad selector, a broken graph) is thrown on, as the endpoint alone would.
	 */
	private static <T> WebEndpointResponse<T> unavailable(RetortException ex, Function<RetortException, T> body) {
		if (!RetortEndpoint.unreadableDatabase(ex)) {
			throw ex;
		}
		return new WebEndpointResponse<>(body.apply(ex), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

}
