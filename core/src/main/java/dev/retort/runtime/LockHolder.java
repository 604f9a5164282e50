package dev.retort.runtime;

import java.time.Instant;

/**
 * Who holds a migration lock, read from {@code pg_locks} and {@code pg_stat_activity}.
 *
 * @param held whether a session holds it
 * @param pid backend pid of the holder, or {@code null}
 * @param application {@code application_name} of the holder, or {@code null}
 * @param since when the holder's session started, or {@code null}
 * @param client the holder's client address ({@code client_addr}), or {@code null} (a Unix socket):
 * instances of one application share its {@code application_name}, and this tells them apart (a
 * pod's IP), as the {@code client} column of the history table does
 */
public record LockHolder(boolean held, Integer pid, String application, Instant since, String client) {

	/** Nobody holds it. */
	public static final LockHolder FREE = new LockHolder(false, null, null, null, null);

}
