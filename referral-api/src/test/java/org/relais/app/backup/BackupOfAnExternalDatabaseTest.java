package org.relais.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.relais.app.support.TestSigningKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With an external database Relais copies nothing itself: the database's own tools back it up. The endpoints say so
 * with a problem, and write nothing.
 */
class BackupOfAnExternalDatabaseTest {

    @Test
    void the_backup_endpoints_answer_a_conflict_that_names_the_database_tools() {
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);
        java.nio.file.Path dataDir = TestDataDirs.create("backup-external");
        java.nio.file.Path backups = dataDir.resolveSibling(dataDir.getFileName() + "-backups");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo", "fast-passwords").run(
                        // an "external" database: any configured URL counts
                        "--spring.datasource.url=jdbc:h2:mem:backup-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--relais.privacy.master-key=" + zeros,
                        "--relais.privacy.integrity-key=" + zeros, "--relais.privacy.index-key=" + zeros,
                        "--relais.integrity.signing-key=" + TestSigningKey.BASE64,
                        "--relais.data-dir=" + dataDir, "--relais.backup.dir=" + backups, "--server.port=0",
                        "--relais.read-side.embedded=memory", "--logging.level.root=WARN")) {
            ApiClient api = new ApiClient(Integer.parseInt(app.getEnvironment()
                    .getRequiredProperty("local.server.port")));
            for (ApiClient.Response answer : new ApiClient.Response[] {
                    api.postJson("/api/admin/backups", "admin", ""), api.get("/api/admin/backups", "admin")}) {
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("code").asString()).isEqualTo("BACKUP_OF_EXTERNAL_DATABASE");
                assertThat(answer.json().get("detail").asString()).contains("own tools");
            }
        }
        assertThat(backups).doesNotExist();
    }
}
