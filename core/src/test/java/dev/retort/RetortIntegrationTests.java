package dev.retort;

import java.nio.file.Path;
import java.util.List;

import dev.retort.command.CurrentResult;
import dev.retort.command.MigrationResult;
import dev.retort.command.RevisionFiles;
import dev.retort.command.StepResult;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class RetortIntegrationTests {

	@Test
	void upgradeAppliesLinearRevisionsAndCurrentReportsTheHead(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a1a1a1a1a1a1", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write("b2b2b2b2b2b2", "a1a1a1a1a1a1", "ALTER TABLE coffee ADD COLUMN kind text;",
				"ALTER TABLE coffee DROP COLUMN kind;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.load();
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of(), List.of("b2b2b2b2b2b2"), false));
		assertThat(db.tableExists("retort_version")).isFalse();
		MigrationResult result = retort.upgrade(null);
		assertThat(result.from()).isEmpty();
		assertThat(result.to()).containsExactly("b2b2b2b2b2b2");
		assertThat(result.steps()).extracting(StepResult::revision).containsExactly("a1a1a1a1a1a1", "b2b2b2b2b2b2");
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of("b2b2b2b2b2b2"), List.of("b2b2b2b2b2b2"), true));
		assertThat(retort.upgrade("heads").steps()).isEmpty();
		MigrationResult down = retort.downgrade("-1");
		assertThat(down.to()).containsExactly("a1a1a1a1a1a1");
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'coffee'"))
			.containsExactly("id");
	}

}
