package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
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

    @Test
    void theScheduledSyncFillsTheStoreOnTheApplicationsDatabase() {
        withConnections().withPropertyValues("leadbridge.store.enabled=true",
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
        withConnections().withPropertyValues("leadbridge.store.enabled=true",
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
}
