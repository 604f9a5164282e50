package dev.retort.runtime;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A run with work to do holds one session of the {@code DataSource} and could not get the second
 * one, for the migration lock: a pool too small to lend two at once (a pool of one waits for
 * itself until its connection timeout). Not a database that is down or a wrong password.
 */
public class SecondSessionUnavailableException extends RetortException {

	SecondSessionUnavailableException(String reason) {
		super(ErrorCode.CONNECTION_FAILED, "Could not get a second connection from the configured DataSource for the"
				+ " migration lock's session, while the migration holds one already: " + reason
				+ ". A run with revisions to apply needs 2 connections at once: let the pool lend 2 or more"
				+ " (Spring Boot: 'spring.datasource.hikari.maximum-pool-size'), or give migrations a connection of"
				+ " their own ('retort.url', or 'retort.user', which derives one from the DataSource's URL).");
	}

}
