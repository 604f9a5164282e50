package dev.retort.boot.autoconfigure;

import dev.retort.Retort;

/**
 * Strategy that replaces what Retort does to the database at startup ('retort.on-startup').
 * Register a bean of this type to, for example, upgrade only to a branch, or to do nothing and
 * leave migrations to a Kubernetes Job.
 */
@FunctionalInterface
public interface RetortMigrationStrategy {

	/**
	 * Brings the database where the application needs it.
	 * @param retort the configured Retort facade
	 */
	void migrate(Retort retort);

}
