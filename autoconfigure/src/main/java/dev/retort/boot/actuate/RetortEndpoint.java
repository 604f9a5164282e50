package dev.retort.boot.actuate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import dev.retort.command.RevisionInfo;
import dev.retort.command.ShowResult;
import dev.retort.command.StatusReport;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.runtime.PasswordLiterals;
import dev.retort.runtime.UnrecordedVersionRowsException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} {@code migrations}: where the database stands (SPEC §7) and one
 * revision with its SQL. Read-only: no operation changes the database. An application that migrated
 * other schemas than the bean's own ({@link RetortSchemas}: a schema per tenant) gets the bean's
 * document with {@code schemas}, the schemas its runs migrated, and each one's document with
 * {@code ?schema=}.
 */
@Endpoint(id = "migrations")
public class RetortEndpoint {

	private static final String CURRENT = "current";

	private final Retort retort;

	private final RetortSchemas schemas;

	/**
	 * Creates a new endpoint.
	 * @param retort the application's Retort
	 */
	public RetortEndpoint(Retort retort) {
		this.retort = retort;
		this.schemas = new RetortSchemas(retort);
	}

	/**
	 * The bean's schema as SPEC §7 describes it, without {@code schemas}: what
	 * {@code GET /actuator/migrations} answers an application that migrates only its own schema.
	 * @return the status report
	 */
	public StatusReport migrations() {
		return this.retort.status();
	}

	/**
	 * {@code GET /actuator/migrations}: the bean's schema (SPEC §7); in an application that
	 * migrated other schemas too, with {@code schemas}, their names. {@code ?schema=} names one of
	 * those, or the bean's own.
	 * @param schema a schema the application migrated, or {@code null} for the bean's own
	 * @return the status report, or {@code null} (404) for a schema the application did not migrate
	 */
	@ReadOperation
	public Object migrations(@Nullable String schema) {
		Retort facade = facade(schema);
		if (facade == null) {
			return null;
		}
		StatusReport status = facade.status();
		if (schema != null || !this.schemas.several()) {
			return status;
		}
		Map<String, Object> body = body(status);
		body.put("schemas", this.schemas.names());
		return body;
	}

	/**
	 * The facade of the schema a request names: the bean for none, {@code null} for a schema the
	 * application did not migrate, whose tables, if any, another application owns.
	 */
	Retort facade(String schema) {
		return (schema == null) ? this.retort : this.schemas.schema(schema);
	}

	/** SPEC §7's document as the record serializes (nulls left out), to add {@code schemas} to. */
	private static Map<String, Object> body(StatusReport status) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (RecordComponent component : StatusReport.class.getRecordComponents()) {
			Object value;
			try {
				value = component.getAccessor().invoke(status);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException(ex);
			}
			if (value != null) {
				body.put(component.getName(), value);
			}
		}
		return body;
	}

	/**
	 * {@code GET /actuator/migrations/{revision}}: one revision as {@code retort show --format json}
	 * prints it, or 404 when no revision matches.
	 * @param revision a revision id, unique prefix or symbolic name
	 * @return the revision and its SQL, or {@code null}
	 */
	@ReadOperation
	public Map<String, Object> revision(@Selector String revision) {
		ShowResult shown = show(revision);
		return (shown != null) ? describe(shown) : null;
	}

	/**
	 * The revision a selector names, from its file (from the database for {@code current}).
	 * @param revision a revision id, unique prefix or symbolic name
	 * @return the revision, or {@code null} when none matches
	 */
	ShowResult show(String revision) {
		try {
			return this.retort.show(revision);
		}
		catch (RetortException ex) {
			// 'current' on a database ahead (a newer version's revision, or rows Alembic wrote): a
			// revision no file here declares, so unknown here as any other, not a bad request.
			if (ex.code() == ErrorCode.UNKNOWN_REVISION || ex.code() == ErrorCode.DATABASE_AHEAD) {
				return null;
			}
			if (ex.code() == ErrorCode.INVALID_TARGET && noCurrentRevision(revision)) {
				return null;
			}
			if (ex.exitCode() == 2) {
				throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
			}
			throw ex;
		}
	}

	/**
	 * Whether {@code revision} is {@code current} on a database at base. Nothing is current there:
	 * a dashboard that shows the current revision polls it on an environment nothing migrated yet,
	 * and the name is right, so it is not found, as on a database ahead, not a bad request. The
	 * database is read again on this refusal only; {@code current} at several rows stays a 400.
	 */
	private boolean noCurrentRevision(String revision) {
		return CURRENT.equals(revision) && this.retort.current().current().isEmpty();
	}

	/** One revision as the endpoint answers it, with the state the list gives it. */
	Map<String, Object> describe(ShowResult shown) {
		return flatten(shown, (shown.revision().state() != null) ? shown.revision().state() : state(shown.revision()),
				false);
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

	/**
	 * Whether a failure is the database's, not the request's: the server down, a pool with no
	 * connection to lend, a query that failed (exit code 1), or version rows that upgrade refuses
	 * to start from (Alembic's table taken over under new ids), where what is pending cannot be
	 * told. The files' side can still be answered.
	 */
	static boolean unreadableDatabase(RetortException ex) {
		return ex.exitCode() == 1 || ex instanceof UnrecordedVersionRowsException;
	}

	/**
	 * {@code GET /actuator/migrations} while the database cannot be read (or its version rows are
	 * ones upgrade refuses, which {@code current} then lists): the document of SPEC §7
	 * with what the revision files say (the heads, every revision, without a state) and
	 * {@code null} for what only the database knows, never a guess (an empty {@code current} would
	 * read as base, an empty {@code pending} as up to date), and {@code error}, core's message
	 * (which never holds a password).
	 * @param ex why the database could not be read
	 * @return the document
	 */
	Map<String, Object> fromFilesOnly(RetortException ex) {
		return fromFilesOnly(this.retort, ex);
	}

	/**
	 * As {@link #fromFilesOnly(RetortException)} for one schema's facade.
	 * @param facade the facade of the schema asked for
	 * @param ex why the database could not be read
	 * @return the document
	 */
	Map<String, Object> fromFilesOnly(Retort facade, RetortException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schema", facade.config().schema());
		body.put("versionTable", facade.config().versionTable());
		// The rows themselves are known when it is they that upgrade refuses.
		body.put("current", (ex instanceof UnrecordedVersionRowsException refused) ? refused.unknownRevisions() : null);
		body.put("heads", this.retort.graph().realHeads().stream().map(Revision::id).toList());
		body.put("upToDate", null);
		body.put("databaseAhead", null);
		body.put("pending", null);
		body.put("revisions", this.retort.history(null, false).revisions());
		body.put("history", null);
		body.put("lastMigration", null);
		body.put("lock", null);
		body.put("error", ex.getMessage());
		return body;
	}

	/**
	 * {@code GET /actuator/migrations/{revision}} while the database cannot be read: the revision
	 * and its SQL from its file, {@code state} {@code null}, and {@code error}.
	 * @param shown the revision
	 * @param ex why the database could not be read
	 * @return the document
	 */
	Map<String, Object> describeFromFilesOnly(ShowResult shown, RetortException ex) {
		// 'state': null, in its place: not known, where a missing key says there is none.
		Map<String, Object> body = flatten(shown, null, true);
		body.put("error", ex.getMessage());
		return body;
	}

	private static Map<String, Object> flatten(ShowResult shown, String state, boolean stateUnknown) {
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
		body.put("isEffectiveHead", info.isEffectiveHead());
		body.put("isBase", info.isBase());
		body.put("isBranchPoint", info.isBranchPoint());
		body.put("isMerge", info.isMerge());
		if (state != null || stateUnknown) {
			body.put("state", state);
		}
		body.put("notes", info.notes());
		// Over HTTP, a role's password the SQL sets is masked (as the env endpoint masks values).
		body.put("upgradeSql", PasswordLiterals.mask(shown.upgradeSql()));
		body.put("downgradeSql", PasswordLiterals.mask(shown.downgradeSql()));
		return body;
	}

}
