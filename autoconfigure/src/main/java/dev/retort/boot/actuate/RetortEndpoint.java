package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.retort.Retort;
import dev.retort.command.RevisionInfo;
import dev.retort.command.ShowResult;
import dev.retort.command.StatusReport;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.runtime.PasswordLiterals;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} {@code migrations}: where the database stands (SPEC §7) and one
 * revision with its SQL. Read-only: no operation changes the database.
 */
@Endpoint(id = "migrations")
public class RetortEndpoint {

	private final Retort retort;

	/**
	 * Creates a new endpoint.
	 * @param retort the application's Retort
	 */
	public RetortEndpoint(Retort retort) {
		this.retort = retort;
	}

	/**
	 * {@code GET /actuator/migrations}.
	 * @return the status report
	 */
	@ReadOperation
	public StatusReport migrations() {
		return this.retort.status();
	}

	/**
	 * {@code GET /actuator/migrations/{revision}}: one revision as {@code retort show --format json}
	 * prints it, or 404 when no revision matches.
	 * @param revision a revision id, unique prefix or symbolic name
	 * @return the revision and its SQL, or {@code null}
	 */
	@ReadOperation
	public Map<String, Object> revision(@Selector String revision) {
		ShowResult shown;
		try {
			shown = this.retort.show(revision);
		}
		catch (RetortException ex) {
			if (ex.code() == ErrorCode.UNKNOWN_REVISION) {
				return null;
			}
			if (ex.exitCode() == 2) {
				throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
			}
			throw ex;
		}
		return flatten(shown, (shown.revision().state() != null) ? shown.revision().state() : state(shown.revision()));
	}

	/**
	 * The revision's state as {@code GET /actuator/migrations} lists it: the endpoint reads the
	 * database anyway, and a revision looked up alone should not lose what the list says of it.
	 */
	private String state(RevisionInfo revision) {
		return this.retort.status()
			.revisions()
			.stream()
			.filter((listed) -> listed.revision().equals(revision.revision()))
			.map(RevisionInfo::state)
			.findFirst()
			.orElse(null);
	}

	private static Map<String, Object> flatten(ShowResult shown, String state) {
		RevisionInfo info = shown.revision();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("revision", info.revision());
		body.put("revises", info.revises());
		body.put("dependsOn", info.dependsOn());
		body.put("branchLabels", info.branchLabels());
		body.put("message", info.message());
		body.put("createDate", info.createDate());
		body.put("source", info.source());
		body.put("kind", info.kind());
		body.put("transactional", info.transactional());
		body.put("reversible", info.reversible());
		body.put("isHead", info.isHead());
		body.put("isBase", info.isBase());
		body.put("isBranchPoint", info.isBranchPoint());
		body.put("isMerge", info.isMerge());
		if (state != null) {
			body.put("state", state);
		}
		body.put("notes", info.notes());
		// Over HTTP, a role's password the SQL sets is masked (as the env endpoint masks values).
		body.put("upgradeSql", PasswordLiterals.mask(shown.upgradeSql()));
		body.put("downgradeSql", PasswordLiterals.mask(shown.downgradeSql()));
		return body;
	}

}
