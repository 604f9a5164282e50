package dev.retort.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.retort.revision.Sha256;
import dev.retort.script.Migration;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.JavaBody;

/**
 * The checksum of a Java revision: the one its class gives ({@link Migration#checksum()}), else
 * that of the SQL its upgrade renders offline ({@link RenderedJava#checksum()}). A SQL revision's
 * is read with its file instead.
 */
public final class JavaChecksum {

	private JavaChecksum() {
	}

	/**
	 * The checksum an applied revision is compared with now.
	 * @param script a revision of either kind
	 * @return its checksum ({@code null} for a SQL revision built in code without one)
	 */
	public static String of(RevisionScript script) {
		if (!(script.body() instanceof JavaBody java)) {
			return script.revision().checksum();
		}
		String own = own(java.migration());
		return (own != null) ? own : MigrationRunner.renderJava(script, true).checksum();
	}

	/**
	 * The checksum a Java revision is recorded with as it is applied: as {@link #of}, but
	 * {@code null} (never compared) when a second rendering differs from {@code rendered}: SQL built
	 * from a random id or the clock would otherwise refuse every later run as an edit.
	 * @param rendered its upgrade, rendered once already
	 */
	static String toRecord(RevisionScript script, RenderedJava rendered) {
		String own = own(((JavaBody) script.body()).migration());
		if (own != null) {
			return own;
		}
		String checksum = rendered.checksum();
		return Objects.equals(checksum, MigrationRunner.renderJava(script, true).checksum()) ? checksum : null;
	}

	/** The SHA-256 of the value the class gives: any text, kept to the history column's 64 characters. */
	private static String own(Migration migration) {
		String own = migration.checksum();
		return (own != null) ? Sha256.hex(own.getBytes(StandardCharsets.UTF_8)) : null;
	}

}
