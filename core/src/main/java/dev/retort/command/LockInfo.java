package dev.retort.command;

import java.time.Instant;

/**
 * Who holds the migration lock, if anyone.
 *
 * @param held whether a session holds it
 * @param holderPid backend pid of the holder, or {@code null}
 * @param holderApplication {@code application_name} of the holder, or {@code null}
 * @param since when the holder's session started, or {@code null}
 */
public record LockInfo(boolean held, Integer holderPid, String holderApplication, Instant since) {

	public static final LockInfo FREE = new LockInfo(false, null, null, null);

}
