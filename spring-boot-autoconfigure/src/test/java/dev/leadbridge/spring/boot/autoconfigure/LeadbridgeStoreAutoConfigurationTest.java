package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LeadbridgeStoreAutoConfigurationTest {

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadbridgeAutoConfiguration.class,
                    LeadbridgeStoreAutoConfiguration.class));

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(4, 9L).build();
        workspace = WorkspaceSimulator.builder().seed(3, 9L).build();
    }

    @AfterAll
    static void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    private ApplicationContextRunner withConnections() {
        return runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
                "leadbridge.connections.acme.api-key=" + octanist.apiKey(),
                "leadbridge.connections.polly.provider=workspace-v1",
                "leadbridge.connections.polly.base-url=" + workspace.baseUrl(),
                "leadbridge.connections.polly.api-key=" + workspace.apiKey());
    }

    @Test
    void theStoreIsOffUnlessEnabled() {
        withConnections().withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("off.db"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LeadStore.class)
                        .doesNotHaveBean(LeadSync.class).doesNotHaveBean(LeadbridgeSyncScheduler.class));
    }

    /** With Boot's auto-configuration of {@code spring.datasource.*}: the application's DataSource, a Hikari pool. */
    private ApplicationContextRunner withDataSource() {
        return withConnections().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));
    }

    @Test
    void theScheduledSyncFillsTheStoreOnTheApplicationsDatabase() {
        withDataSource().withPropertyValues("leadbridge.store.enabled=true",
                        "spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"),
                        "leadbridge.store.initial-delay=0s", "leadbridge.store.sync-interval=1h")
                .run(context -> {
                    LeadbridgeSyncScheduler scheduler = context.getBean(LeadbridgeSyncScheduler.class);
                    assertThat(scheduler.isRunning()).isTrue();
                    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                    while (scheduler.lastReport().isEmpty() && Instant.now().isBefore(deadline)) {
                        Thread.sleep(50);
                    }
                    SyncReport report = scheduler.lastReport().orElseThrow();
                    assertThat(report.failures()).isZero();
                    assertThat(context.getBean(LeadStore.class).count(false)).isEqualTo(7);
                    assertThat(context.getBean(LeadStore.class).url()).contains("app.db");
                });
    }

    @Test
    void anOwnStoreUrlWinsOverTheDatasourceAndTheSyncSharesTheClientsConnections() {
        withDataSource().withPropertyValues("leadbridge.store.enabled=true",
                        "spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"),
                        "leadbridge.store.url=jdbc:sqlite:" + dir.resolve("leads.db"),
                        "leadbridge.store.sync-interval=0")
                .run(context -> {
                    assertThat(context.getBean(LeadStore.class).url()).contains("leads.db");
                    LeadbridgeSyncScheduler scheduler = context.getBean(LeadbridgeSyncScheduler.class);
                    assertThat(scheduler.isRunning()).isFalse();
                    assertThat(scheduler.runOnce().failures()).isZero();
                    assertThat(context.getBean(LeadSync.class).connectionNames()).containsExactly("acme", "polly");
                    assertThat(context.getBean(LeadStore.class).count(false)).isEqualTo(7);
                    // the sync used the client's connections and left them open for the client
                    assertThat(context.getBean(LeadbridgeClient.class).connection("acme")
                            .get(octanist.leads().get(0).get("id").asText())).isNotNull();
                });
    }

    @Test
    void withoutAnyDatabaseUrlStartupFailsNamingTheKey() {
        withConnections().withPropertyValues("leadbridge.store.enabled=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.store.url'"));
    }

    @Test
    void withoutTheStoreModuleNothingOfItIsConfigured() {
        withConnections().withPropertyValues("leadbridge.store.enabled=true",
                        "leadbridge.store.url=jdbc:sqlite:" + dir.resolve("x.db"))
                .withClassLoader(new FilteredClassLoader(LeadStore.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LeadbridgeClient.class)
                        .doesNotHaveBean(LeadbridgeSyncScheduler.class));
    }

    @Test
    void anApplicationStoreReplacesTheAutoConfiguredOne() {
        Path own = dir.resolve("own.db");
        withConnections().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.sync-interval=0")
                .withBean(LeadStore.class, () -> LeadStore.open("jdbc:sqlite:" + own))
                .run(context -> {
                    assertThat(context).hasSingleBean(LeadStore.class);
                    assertThat(context.getBean(LeadStore.class).url()).contains("own.db");
                });
    }

    @Test
    void onTheApplicationsDataSourceTheStoreWritesThroughThePoolAndLeavesItOpen() {
        withDataSource().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.sync-interval=0",
                        "spring.datasource.url=jdbc:sqlite:" + dir.resolve("pooled.db"))
                .run(context -> {
                    assertThat(context).hasSingleBean(DataSource.class);
                    LeadbridgeSyncScheduler scheduler = context.getBean(LeadbridgeSyncScheduler.class);
                    assertThat(scheduler.runOnce().failures()).isZero();
                    DataSource pool = context.getBean(DataSource.class);
                    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leads")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(7);
                    }
                    assertThat(context.getBean(LeadStore.class).url()).contains("pooled.db");
                    context.getBean(LeadStore.class).close();
                    // the store closed, the application's pool still serves connections
                    try (Connection c = pool.getConnection()) {
                        assertThat(c.isValid(2)).isTrue();
                    }
                });
    }

    @Test
    void onAPostgresDataSourceTheStoreLivesInTheLeadbridgeSchemaApartFromTheApplicationsTables() throws Exception {
        String url = TestPostgres.freshUrl();
        withDataSource().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.sync-interval=0",
                        "spring.datasource.url=" + url)
                .run(context -> {
                    assertThat(context.getBean(LeadbridgeSyncScheduler.class).runOnce().failures()).isZero();
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                         Statement st = c.createStatement()) {
                        assertThat(c.getSchema()).isEqualTo("public");
                        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leadbridge.leads")) {
                            rs.next();
                            assertThat(rs.getLong(1)).isEqualTo(7);
                        }
                        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                                + " WHERE table_schema = 'public'")) {
                            rs.next();
                            assertThat(rs.getLong(1)).as("nothing in the application's schema").isZero();
                        }
                    }
                });
        withDataSource().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.sync-interval=0",
                        "leadbridge.store.schema=reporting", "spring.datasource.url=" + url)
                .run(context -> {
                    context.getBean(LeadStore.class).save(dev.leadbridge.core.Lead.builder().connection("x")
                            .provider("octanist").nativeId("1").build(), dev.leadbridge.store.Origin.CREATE);
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                         Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM reporting.leads")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(1);
                    }
                });
    }

    @Test
    void severalDataSourcesWithoutAPrimaryFailStartupNamingTheKey() {
        withConnections().withPropertyValues("leadbridge.store.enabled=true")
                .withBean("one", DataSource.class, () -> sqlite(dir.resolve("one.db")))
                .withBean("two", DataSource.class, () -> sqlite(dir.resolve("two.db")))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.store.url'")
                        .hasMessageContaining("several DataSource beans"));
    }

    @Test
    void aStoreUrlOfNoSupportedDatabaseFailsStartupNamingTheKey() {
        withConnections().withPropertyValues("leadbridge.store.enabled=true",
                        "leadbridge.store.url=jdbc:mysql://db/leads")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(dev.leadbridge.core.error.ConfigurationException.class)
                        .hasMessageContaining("'leadbridge.store.url'"));
    }

    @Test
    void aBadSchemaNameFailsStartupNamingTheKey() throws Exception {
        withDataSource().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.schema=no-dashes",
                        "spring.datasource.url=" + TestPostgres.freshUrl())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.store.schema'"));
    }

    private static DataSource sqlite(Path file) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:sqlite:" + file);
        return pool;
    }
}
