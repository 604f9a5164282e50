package dev.retort.boot.command;

/**
 * Marks an exception of the starter that says the application's configuration is wrong (no
 * {@code DataSource} Retort can tell to migrate, say): an in-app command whose application stops
 * on it ends with exit code 2, as SPEC §5 says for configuration ({@link StartFailure}).
 */
public interface ConfigurationFailure {

}
