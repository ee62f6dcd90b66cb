package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web application with the store on a SQLite file of its own ({@code leadbridge.store.url}), no DataSource. */
class WebhookApplicationOnSqliteFileTest extends WebhookApplicationSuite {

    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("leadbridge-webhooks").resolve("leads.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("leadbridge.store.url", () -> "jdbc:sqlite:" + FILE);
        registry.add("spring.autoconfigure.exclude",
                () -> "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
    }

    @Test
    void theStoreIsTheSqliteFile() {
        assertThat(store.url()).isEqualTo("jdbc:sqlite:" + FILE);
        assertThat(FILE).exists();
    }
}
