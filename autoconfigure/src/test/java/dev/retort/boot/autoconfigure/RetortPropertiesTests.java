package dev.retort.boot.autoconfigure;

import dev.retort.boot.autoconfigure.RetortProperties.OnStartup;
import dev.retort.config.RetortConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetortProperties}: the defaults users read in their IDE are core's defaults.
 */
class RetortPropertiesTests {

	@Test
	void defaultValuesAreConsistentWithRetortConfig() {
		RetortProperties properties = new RetortProperties();
		RetortConfig config = RetortConfig.builder().build();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getOnStartup()).isEqualTo(OnStartup.UPGRADE);
		assertThat(properties.getTarget()).isEqualTo("heads");
		assertThat(properties.getLocations()).isEqualTo(config.locations());
		assertThat(properties.getJavaPackages()).isEqualTo(config.javaPackages());
		assertThat(properties.getSchema()).isEqualTo(config.schema());
		assertThat(properties.isCreateSchema()).isEqualTo(config.createSchema());
		assertThat(properties.getVersionTable()).isEqualTo(config.versionTable());
		assertThat(properties.getHistoryTable()).isEqualTo(config.historyTable());
		assertThat(properties.getTransactionMode()).isEqualTo(config.transactionMode());
		assertThat(properties.isValidateChecksums()).isEqualTo(config.validateChecksums());
		assertThat(properties.getBaseline()).isEqualTo(config.baseline());
		assertThat(properties.getLock().isEnabled()).isEqualTo(config.lockEnabled());
		assertThat(properties.getLock().getWaitTimeout()).isEqualTo(config.lockWaitTimeout());
		assertThat(properties.getDdl().getLockTimeout()).isEqualTo(config.ddlLockTimeout());
		assertThat(properties.getDdl().getRetries()).isEqualTo(config.ddlRetries());
		assertThat(properties.getDdl().getStatementTimeout()).isEqualTo(config.ddlStatementTimeout());
		assertThat(properties.getConnectRetries()).isEqualTo(config.connectRetries());
		assertThat(properties.getConnectRetriesInterval()).isEqualTo(config.connectRetriesInterval());
		assertThat(properties.getUrl()).isEqualTo(config.url());
		assertThat(properties.getUser()).isEqualTo(config.user());
		assertThat(properties.getPassword()).isEqualTo(config.password());
		assertThat(properties.isFailOnMultipleHeads()).isEqualTo(config.failOnMultipleHeads());
		assertThat(properties.getFileTemplate()).isEqualTo(config.fileTemplate());
	}

}
