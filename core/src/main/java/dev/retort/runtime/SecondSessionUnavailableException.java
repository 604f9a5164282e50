package dev.retort.runtime;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A run with work to do holds one session of the {@code DataSource} and could not get the second
 * one, for the migration lock: a pool too small to lend two at once (a pool of one waits for
 * itself until its connection timeout), or runs in parallel on one pool (a schema per tenant, several
 * migrated at once) that each hold one and wait for a second. Not a database that is down or a
 * wrong password.
 */
public class SecondSessionUnavailableException extends RetortException {

	SecondSessionUnavailableException(String reason) {
		super(ErrorCode.CONNECTION_FAILED, "Could not get a second connection from the configured DataSource for the"
				+ " migration lock's session, while the migration holds one already: " + reason
				+ ". A run with revisions to apply needs 2 connections at once: let the pool lend 2 or more"
				+ " (Spring Boot: 'spring.datasource.hikari.maximum-pool-size'), or give migrations a connection of"
				+ " their own ('retort.url', or 'retort.user', which derives one from the DataSource's URL). Runs in"
				+ " parallel on one DataSource (one per schema, as a multi-tenant application migrates its tenants)"
				+ " need 2 each at the same time, beside what the application uses: a pool of 10 migrates at most 5"
				+ " schemas at once. Migrate fewer at once, or give migrations a pool of their own with 2 connections"
				+ " per parallel run.");
	}

}
