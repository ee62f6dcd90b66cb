package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadbridgeHealthAutoConfigurationTest {

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadbridgeAutoConfiguration.class,
                    LeadbridgeHealthAutoConfiguration.class));

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(2, 5L).build();
        workspace = WorkspaceSimulator.builder().seed(2, 5L).build();
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
                "leadbridge.connections.acme.retry.max-attempts=1",
                "leadbridge.connections.acme.rate-limit.requests=50",
                "leadbridge.connections.acme.rate-limit.period=1m",
                "leadbridge.connections.polly.provider=workspace-v1",
                "leadbridge.connections.polly.base-url=" + workspace.baseUrl(),
                "leadbridge.connections.polly.api-key=" + workspace.apiKey());
    }

    private static Health health(AssertableApplicationContext context, String connection) {
        CompositeHealthContributor composite = context.getBean("leadbridgeHealthContributor",
                CompositeHealthContributor.class);
        HealthContributor contributor = composite.getContributor(connection);
        assertThat(contributor).as("health of connection " + connection).isInstanceOf(HealthIndicator.class);
        return ((HealthIndicator) contributor).health();
    }

    @Test
    void eachConnectionHasAHealthIndicatorThatIsUpWhileItsCircuitIsClosed() {
        withConnections().run(context -> {
            Health acme = health(context, "acme");
            assertThat(acme.getStatus()).isEqualTo(Status.UP);
            assertThat(acme.getDetails()).containsEntry("provider", "octanist").containsEntry("circuit", "CLOSED")
                    .containsEntry("rateLimitPermitsLeft", 50).doesNotContainKey("lastFailure");
            assertThat(health(context, "polly").getDetails()).containsEntry("provider", "workspace-v1");
        });
    }

    @Test
    void anOpenCircuitIsDownAndAHalfOpenOneUnknown() {
        withConnections().run(context -> {
            ResilientLeadProvider acme = (ResilientLeadProvider) context.getBean(LeadbridgeClient.class)
                    .connection("acme");
            acme.circuitBreaker().transitionToOpenState();
            assertThat(health(context, "acme").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health(context, "acme").getDetails()).containsEntry("circuit", "OPEN");
            acme.circuitBreaker().transitionToHalfOpenState();
            assertThat(health(context, "acme").getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health(context, "polly").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void theLastFailureIsShownWithItsTypeAndMessage() {
        withConnections().run(context -> {
            LeadbridgeClient client = context.getBean(LeadbridgeClient.class);
            String id = octanist.leads().get(0).get("id").asText();
            octanist.faults().next(Fault.respondJson(503, "{\"error\":\"maintenance\"}"));
            assertThatThrownBy(() -> client.get("acme:" + id)).isInstanceOf(ProviderUnavailableException.class);
            Map<String, Object> details = health(context, "acme").getDetails();
            assertThat(details).containsKey("lastFailure");
            @SuppressWarnings("unchecked")
            Map<String, Object> last = (Map<String, Object>) details.get("lastFailure");
            assertThat(last).containsEntry("error", "ProviderUnavailableException").containsKeys("at", "message");
            assertThat(details.toString()).doesNotContain(octanist.apiKey());
        });
    }

    @Test
    void theProvidersReportedBudgetIsShownOnceItAnswered() {
        withConnections().run(context -> {
            LeadbridgeClient client = context.getBean(LeadbridgeClient.class);
            String id = workspace.leads().get(0).get("id").asText();
            client.get("polly:" + id);
            assertThat(health(context, "polly").getDetails()).containsKey("providerBudget");
        });
    }

    @Test
    void withoutSpringBootHealthNoContributorIsConfigured() {
        withConnections().withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LeadbridgeClient.class)
                        .doesNotHaveBean("leadbridgeHealthContributor"));
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        withConnections().withPropertyValues("management.health.leadbridge.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("leadbridgeHealthContributor"));
    }

    @Test
    void withoutAClientNoContributorIsConfigured() {
        runner.run(context -> assertThat(context).doesNotHaveBean("leadbridgeHealthContributor"));
    }

    @Test
    void anApplicationContributorReplacesTheAutoConfiguredOne() {
        withConnections().withUserConfiguration(OwnHealth.class).run(context -> {
            assertThat(context.getBean("leadbridgeHealthContributor")).isInstanceOf(HealthIndicator.class);
            assertThat(((HealthIndicator) context.getBean("leadbridgeHealthContributor")).health().getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHealth {
        @Bean
        HealthIndicator leadbridgeHealthContributor() {
            return () -> Health.outOfService().build();
        }
    }
}
