package dev.retort.command;

/**
 * What {@code --sql} prints: a psql script.
 *
 * @param sql the script
 */
public record OfflineScript(String sql) {
}
