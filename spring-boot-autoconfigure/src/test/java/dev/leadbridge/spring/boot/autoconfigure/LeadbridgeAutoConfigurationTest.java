package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

class LeadbridgeAutoConfigurationTest {

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadbridgeAutoConfiguration.class));

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(3, 7L).build();
        workspace = WorkspaceSimulator.builder().seed(2, 7L).build();
    }

    @AfterAll
    static void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    static String[] acme() {
        return new String[] {
                "leadbridge.connections.acme.provider=octanist",
                "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
                "leadbridge.connections.acme.api-key=" + octanist.apiKey()};
    }

    static String[] acmeAndPolly() {
        return Stream.concat(Stream.of(acme()), Stream.of(
                "leadbridge.connections.polly.provider=workspace-v1",
                "leadbridge.connections.polly.base-url=" + workspace.baseUrl(),
                "leadbridge.connections.polly.api-key=" + workspace.apiKey())).toArray(String[]::new);
    }

    @Test
    void configuredConnectionsGiveAClientThatReadsFromEachProvider() {
        runner.withPropertyValues(acmeAndPolly()).run(context -> {
            LeadbridgeClient client = context.getBean(LeadbridgeClient.class);
            assertThat(client.connectionNames()).containsExactly("acme", "polly");
            assertThat(client.connection("acme").providerId()).isEqualTo("octanist");
            assertThat(client.connection("polly").providerId()).isEqualTo("workspace-v1");
            try (var result = client.stream(LeadQuery.ALL)) {
                assertThat(result.leads().count()).isEqualTo(5);
            }
        });
    }

    @Test
    void nestedTuningKeysReachTheConnectionAsInAPropertiesFile() {
        runner.withPropertyValues(acme())
                .withPropertyValues("leadbridge.connections.acme.retry.max-attempts=1",
                        "leadbridge.connections.acme.rate-limit.requests=42",
                        "leadbridge.connections.acme.rate-limit.period=1m")
                .run(context -> {
                    ResilientLeadProvider acme = (ResilientLeadProvider) context.getBean(LeadbridgeClient.class)
                            .connection("acme");
                    assertThat(acme.resilienceSettings().retryMaxAttempts()).isEqualTo(1);
                    assertThat(acme.rateLimit()).hasValueSatisfying(limit -> {
                        assertThat(limit.requests()).isEqualTo(42);
                        assertThat(limit.period()).hasMinutes(1);
                    });
                });
    }

    @Test
    void theSpringKeysAreTheFileKeysUnderLeadbridge() {
        LeadbridgeProperties properties = new LeadbridgeProperties();
        properties.getConnections().put("acme", new java.util.LinkedHashMap<>(java.util.Map.of(
                "provider", "octanist", "api-key", "k", "retry.max-attempts", "2")));
        assertThat(properties.toFlatProperties()).containsOnly(
                java.util.Map.entry("connections.acme.provider", "octanist"),
                java.util.Map.entry("connections.acme.api-key", "k"),
                java.util.Map.entry("connections.acme.retry.max-attempts", "2"));
        List<ConnectionConfig> parsed = ConnectionConfig.parse(properties.toFlatProperties(), name -> null);
        assertThat(parsed).singleElement().satisfies(c -> assertThat(c.option("retry.max-attempts")).isEqualTo("2"));
    }

    @Test
    void placeholdersInValuesResolveFromTheEnvironment() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
                        "leadbridge.connections.acme.api-key=${ACME_KEY}",
                        "ACME_KEY=" + octanist.apiKey())
                .run(context -> assertThat(context.getBean(LeadbridgeClient.class).connectionNames())
                        .containsExactly("acme"));
    }

    @Test
    void clientSettingsApplyToTheClient() {
        runner.withPropertyValues(acme())
                .withPropertyValues("leadbridge.client.fail-fast=true", "leadbridge.client.page-concurrency=2",
                        "leadbridge.client.sync-look-back=1m")
                .run(context -> assertThat(context).hasSingleBean(LeadbridgeClient.class));
    }

    @Test
    void noConnectionsMeansNoClientAndTheApplicationStillStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(LeadbridgeClient.class);
            assertThat(context).hasSingleBean(LeadbridgeProperties.class);
        });
    }

    @Test
    void disabledLeadbridgeConfiguresNothingEvenWithConnections() {
        runner.withPropertyValues(acme()).withPropertyValues("leadbridge.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LeadbridgeClient.class)
                        .doesNotHaveBean(LeadbridgeProperties.class));
    }

    @Test
    void withoutTheClientOnTheClassPathNothingIsConfigured() {
        runner.withPropertyValues(acme()).withClassLoader(new FilteredClassLoader(LeadbridgeClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(LeadbridgeProperties.class));
    }

    @Test
    void anApplicationClientReplacesTheAutoConfiguredOne() {
        runner.withPropertyValues(acmeAndPolly()).withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(LeadbridgeClient.class);
            assertThat(context.getBean(LeadbridgeClient.class).connectionNames()).containsExactly("own");
        });
    }

    @Test
    void theClientIsClosedWithTheContext() {
        LeadbridgeClient[] seen = new LeadbridgeClient[1];
        runner.withPropertyValues(acme()).run(context -> seen[0] = context.getBean(LeadbridgeClient.class));
        assertThatThrownBy(() -> seen[0].get("acme:lead_1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aMissingApiKeyFailsStartupNamingTheSpringKey() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.base-url=" + octanist.baseUrl())
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("'leadbridge.connections.acme.api-key'"));
    }

    @Test
    void aValueOfTheWrongKindFailsStartupNamingTheSpringKey() {
        runner.withPropertyValues(acme()).withPropertyValues("leadbridge.connections.acme.retry.max-attempts=often")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.connections.acme.retry.max-attempts' must be a whole number")
                        .hasMessageContaining("'often'"));
    }

    @Test
    void theStartupFailureReportNamesTheKeyAndSaysWhatToDo() {
        runner.withPropertyValues(acme()).withPropertyValues("leadbridge.connections.acme.cache.ttl=soon")
                .run(context -> {
                    FailureAnalysis analysis = new LeadbridgeConfigurationFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("'leadbridge.connections.acme.cache.ttl'")
                            .contains("'soon'");
                    assertThat(analysis.getAction()).contains("leadbridge.enabled=false");
                });
    }

    @Test
    void theFailureReportIsRegisteredForSpringBoot() throws Exception {
        java.util.List<String> analyzers = new java.util.ArrayList<>();
        var resources = getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
        while (resources.hasMoreElements()) {
            try (var in = resources.nextElement().openStream()) {
                java.util.Properties factories = new java.util.Properties();
                factories.load(in);
                String names = factories.getProperty(FailureAnalyzer.class.getName(), "");
                analyzers.addAll(java.util.Arrays.asList(names.split("\\s*,\\s*")));
            }
        }
        assertThat(analyzers).contains(LeadbridgeConfigurationFailureAnalyzer.class.getName());
    }

    @Test
    void aKeyNoProviderReadsFailsStartupNamingIt() {
        runner.withPropertyValues(acme()).withPropertyValues("leadbridge.connections.acme.colour=blue")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining("colour"));
    }

    @Test
    void plainHttpToAnotherHostFailsStartupAsInAPropertiesFile() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.base-url=http://leads.example.com",
                        "leadbridge.connections.acme.api-key=" + octanist.apiKey())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must use https").hasMessageContaining("'acme'"));
    }

    @Test
    void anUnsetEnvironmentVariableFailsStartupNamingItAndTheKey() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.api-key=${LEADBRIDGE_TEST_UNSET_KEY}")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'LEADBRIDGE_TEST_UNSET_KEY'")
                        .hasMessageContaining("'leadbridge.connections.acme.api-key'"));
    }

    @Test
    void anUnknownProviderFailsStartupNamingIt() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octopus",
                        "leadbridge.connections.acme.api-key=" + octanist.apiKey())
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining("octopus"));
    }

    @Test
    void aPageConcurrencyOutOfRangeFailsStartupNamingTheKey() {
        runner.withPropertyValues(acme()).withPropertyValues("leadbridge.client.page-concurrency=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'leadbridge.client.page-concurrency' must be between 1 and 64"));
    }

    @Test
    void noStartupFailureMessageShowsTheApiKey() {
        runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.base-url=http://leads.example.com",
                        "leadbridge.connections.acme.api-key=" + octanist.apiKey())
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure).isNotNull();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(octanist.apiKey());
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        LeadbridgeClient ownClient() {
            return LeadbridgeClient.builder().connection(ConnectionConfig.builder("own").provider("octanist")
                    .baseUrl(octanist.baseUrl()).apiKey(octanist.apiKey()).build()).build();
        }
    }
}
