package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web application with the store on the application's own DataSource ({@code spring.datasource.*}). */
class WebhookApplicationOnDataSourceTest extends WebhookApplicationSuite {

    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("leadbridge-app").resolve("app.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + FILE);
    }

    @Test
    void theEventsAreInTheApplicationsDatabase() throws Exception {
        pollyDelivery(Deliveries.pollyLeadCreated(WORKSPACE.leads().get(5)), Deliveries.POLLY_SECRET);
        assertThat(store.url()).contains(FILE.toString());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM webhook_events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(recordedEvents()).isPositive();
        }
    }
}
