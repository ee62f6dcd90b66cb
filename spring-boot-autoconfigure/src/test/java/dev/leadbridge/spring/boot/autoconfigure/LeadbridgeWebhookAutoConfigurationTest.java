package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.Origin;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

class LeadbridgeWebhookAutoConfigurationTest {

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;

    @TempDir
    Path dir;

    private static final AutoConfigurations LEADBRIDGE = AutoConfigurations.of(LeadbridgeAutoConfiguration.class,
            LeadbridgeStoreAutoConfiguration.class, LeadbridgeWebhookAutoConfiguration.class);

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(2, 5L).build();
        workspace = WorkspaceSimulator.builder().seed(3, 5L).build();
    }

    @AfterAll
    static void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    private static String[] connections() {
        return new String[] {"leadbridge.connections.acme.provider=octanist",
            "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
            "leadbridge.connections.acme.api-key=" + octanist.apiKey(),
            "leadbridge.connections.polly.provider=workspace-v1",
            "leadbridge.connections.polly.base-url=" + workspace.baseUrl(),
            "leadbridge.connections.polly.api-key=" + workspace.apiKey()};
    }

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner().withConfiguration(LEADBRIDGE).withPropertyValues(connections());
    }

    private WebApplicationContextRunner enabled() {
        return withoutSecret().withPropertyValues("leadbridge.connections.polly.webhook-secret=" + Deliveries.POLLY_SECRET);
    }

    private WebApplicationContextRunner withoutSecret() {
        return web().withPropertyValues("leadbridge.webhooks.enabled=true", "leadbridge.store.enabled=true",
                "leadbridge.store.sync-interval=0", "leadbridge.store.url=jdbc:sqlite:" + dir.resolve("leads.db"));
    }

    @Test
    void theEndpointIsOffUnlessEnabled() {
        web().withPropertyValues("leadbridge.store.enabled=true", "leadbridge.store.sync-interval=0",
                        "leadbridge.store.url=jdbc:sqlite:" + dir.resolve("off.db"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LeadStore.class)
                        .doesNotHaveBean(LeadbridgeWebhookController.class).doesNotHaveBean(WebhookInbox.class)
                        .doesNotHaveBean(LeadbridgeWebhookProcessor.class));
    }

    @Test
    void enabledWithTheStoreItReceivesTheConnectionsThatHaveAWebhookSecret() {
        enabled().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookInbox.class)
                    .hasSingleBean(LeadbridgeWebhookProcessor.class);
            // acme is Octanist (no webhooks): its deliveries are answered 404
            assertThat(context.getBean(LeadbridgeWebhookController.class).connections()).containsExactly("polly");
            assertThat(context.getBean(LeadbridgeWebhookProcessor.class).isRunning()).isTrue();
        });
    }

    @Test
    void outsideAServletWebApplicationNothingOfItIsConfigured() {
        new ApplicationContextRunner().withConfiguration(LEADBRIDGE).withPropertyValues(connections())
                .withPropertyValues("leadbridge.webhooks.enabled=true", "leadbridge.store.enabled=true",
                        "leadbridge.store.sync-interval=0", "leadbridge.store.url=jdbc:sqlite:" + dir.resolve("n.db"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LeadStore.class)
                        .doesNotHaveBean(LeadbridgeWebhookController.class));
    }

    @Test
    void withoutSpringMvcOnTheClassPathNothingOfItIsConfigured() {
        enabled().withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LeadStore.class)
                        .doesNotHaveBean(LeadbridgeWebhookController.class).doesNotHaveBean(WebhookInbox.class));
    }

    @Test
    void withoutAnyConnectionNothingOfItIsConfigured() {
        new WebApplicationContextRunner().withConfiguration(LEADBRIDGE)
                .withPropertyValues("leadbridge.webhooks.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LeadbridgeClient.class)
                        .doesNotHaveBean(LeadbridgeWebhookController.class));
    }

    @Test
    void enabledWithoutTheStoreFailsStartupNamingTheKey() {
        web().withPropertyValues("leadbridge.webhooks.enabled=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.store.enabled'")
                        .hasMessageContaining("'leadbridge.webhooks.enabled'"));
    }

    @Test
    void enabledWithoutTheStoreModuleFailsStartupNamingTheKey() {
        web().withPropertyValues("leadbridge.webhooks.enabled=true", "leadbridge.store.enabled=true")
                .withClassLoader(new FilteredClassLoader("dev.leadbridge.store"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.webhooks.enabled'")
                        .hasMessageContaining("leadbridge-store"));
    }

    @Test
    void withoutAnyWebhookSecretStartupFailsNamingTheKey() {
        withoutSecret()
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.connections.<name>.webhook-secret'"));
    }

    @Test
    void aWebhookSecretOnAProviderWithoutWebhooksFailsStartupNamingTheKey() {
        enabled().withPropertyValues("leadbridge.connections.acme.webhook-secret=whsec_x")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.connections.acme.webhook-secret'")
                        .hasMessageNotContaining("whsec_x"));
    }

    @Test
    void aBadPathFailsStartupNamingTheKey() {
        enabled().withPropertyValues("leadbridge.webhooks.path=hooks/{x}")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.webhooks.path'"));
    }

    @Test
    void aNegativeRetryIntervalFailsStartupNamingTheKey() {
        enabled().withPropertyValues("leadbridge.webhooks.retry-interval=-1m")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.webhooks.retry-interval'"));
    }

    @Test
    void anApplicationControllerAndInboxReplaceTheAutoConfiguredOnes() {
        enabled().withPropertyValues("own.store=jdbc:sqlite:" + dir.resolve("own.db"))
                .withUserConfiguration(OwnWebhooks.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(WebhookInbox.class).hasBean("myInbox")
                            .hasSingleBean(LeadbridgeWebhookController.class).hasBean("myController");
                    assertThat(context.getBean(LeadbridgeWebhookController.class).connections()).isEmpty();
                });
    }

    @Test
    void eventsLeftPendingByAPreviousRunAreStoredAtStartup() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("leads.db");
        String nativeId = workspace.leads().get(1).get("id").asText();
        try (LeadStore store = LeadStore.open(url)) {
            WebhookInbox inbox = WebhookInbox.of(store, name -> Optional.empty());
            inbox.record(new WebhookEvent("polly", "workspace-v1", "evt-left-pending", "LEAD_UPDATED", false,
                    Optional.empty(), Optional.of(nativeId)));
            assertThat(inbox.count(WebhookInbox.Status.PENDING)).isEqualTo(1);
        }
        enabled().run(context -> {
            WebhookInbox inbox = context.getBean(WebhookInbox.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (inbox.count(WebhookInbox.Status.DONE) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(inbox.find("evt-left-pending").orElseThrow().status()).isEqualTo(WebhookInbox.Status.DONE);
            assertThat(context.getBean(LeadStore.class).find("polly:" + nativeId).orElseThrow().origin())
                    .isEqualTo(Origin.WEBHOOK);
        });
    }

    /** An application's own inbox and endpoint. */
    @Configuration(proxyBeanMethods = false)
    static class OwnWebhooks {

        @Bean(destroyMethod = "close")
        LeadStore ownStore(org.springframework.core.env.Environment environment) {
            return LeadStore.open(environment.getProperty("own.store"));
        }

        @Bean
        WebhookInbox myInbox(LeadStore ownStore) {
            return WebhookInbox.of(ownStore, name -> Optional.empty());
        }

        @Bean
        LeadbridgeWebhookController myController(WebhookInbox inbox, LeadbridgeWebhookProcessor processor) {
            return new LeadbridgeWebhookController(Map.of(), inbox, processor);
        }
    }
}
