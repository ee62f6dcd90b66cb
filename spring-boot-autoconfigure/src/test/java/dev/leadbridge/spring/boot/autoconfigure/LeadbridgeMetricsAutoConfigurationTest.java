package dev.leadbridge.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadbridgeMetricsAutoConfigurationTest {

    private static OctanistSimulator octanist;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadbridgeAutoConfiguration.class,
                    LeadbridgeMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        octanist = OctanistSimulator.builder().seed(2, 3L).build();
    }

    @AfterAll
    static void stopSimulator() {
        octanist.close();
    }

    private ApplicationContextRunner withAcme() {
        return runner.withPropertyValues("leadbridge.connections.acme.provider=octanist",
                "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
                "leadbridge.connections.acme.api-key=" + octanist.apiKey(),
                "leadbridge.connections.acme.rate-limit.requests=100",
                "leadbridge.connections.acme.rate-limit.period=1m");
    }

    @Test
    void theConnectionsMetersAppearInTheApplicationsRegistry() {
        withAcme().run(context -> {
            assertThat(context).hasSingleBean(LeadbridgeMeterBinder.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "acme").gauges()).isNotEmpty();
            assertThat(registry.find("resilience4j.retry.calls").tag("name", "acme").meters()).isNotEmpty();
            assertThat(registry.get("leadbridge.ratelimit.available.permits").tag("connection", "acme").gauge()
                    .value()).isEqualTo(100.0);
        });
    }

    @Test
    void callsThroughTheClientAreCounted() {
        withAcme().run(context -> {
            LeadbridgeClient client = context.getBean(LeadbridgeClient.class);
            String id = octanist.leads().get(0).get("id").asText();
            client.get("acme:" + id);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("resilience4j.circuitbreaker.calls").tag("name", "acme")
                    .tag("kind", "successful").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutMicrometerNoBinderIsConfigured() {
        // Spring Boot's own metrics configuration needs Micrometer too, so only Leadbridge's runs here
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LeadbridgeAutoConfiguration.class,
                        LeadbridgeMetricsAutoConfiguration.class))
                .withPropertyValues("leadbridge.connections.acme.provider=octanist",
                        "leadbridge.connections.acme.base-url=" + octanist.baseUrl(),
                        "leadbridge.connections.acme.api-key=" + octanist.apiKey())
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LeadbridgeClient.class);
                    assertThat(context).doesNotHaveBean(LeadbridgeMeterBinder.class);
                });
    }

    @Test
    void withoutResilience4jMicrometerNoBinderIsConfigured() {
        withAcme().withClassLoader(new FilteredClassLoader(TaggedCircuitBreakerMetrics.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LeadbridgeMeterBinder.class));
    }

    @Test
    void withoutAClientNoBinderIsConfigured() {
        runner.run(context -> assertThat(context).doesNotHaveBean(LeadbridgeMeterBinder.class));
    }

    @Test
    void anApplicationBinderReplacesTheAutoConfiguredOne() {
        withAcme().withUserConfiguration(OwnBinder.class).run(context -> {
            assertThat(context).hasSingleBean(LeadbridgeMeterBinder.class);
            assertThat(context.getBean(LeadbridgeMeterBinder.class)).isSameAs(context.getBean("ownBinder"));
            assertThat(context.getBean(MeterRegistry.class).find("resilience4j.circuitbreaker.state").meters())
                    .isEmpty();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBinder {
        @Bean
        LeadbridgeMeterBinder ownBinder(LeadbridgeClient client) {
            return new LeadbridgeMeterBinder(client) {
                @Override
                public void bindTo(MeterRegistry registry) {
                    // binds nothing: the application chose its own meters
                }
            };
        }
    }

}
