package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.cache.CacheSettings;
import dev.leadbridge.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading and validating {@link ResilienceSettings} and {@link CacheSettings}. */
class SettingsTest {

    private static ConnectionConfig config(Map<String, String> options) {
        ConnectionConfig.Builder b = ConnectionConfig.builder("acme").provider("workspace-v1").apiKey("k");
        options.forEach(b::option);
        return b.build();
    }

    @Test
    void withoutOptionsTheDefaultsAndThePublishedLimitApply() {
        ResilienceSettings settings = ResilienceSettings.forConnection(config(Map.of()),
                Optional.of(RateLimitSpec.perHour(1000)));
        assertThat(settings).isEqualTo(ResilienceSettings.custom().rateLimit(1000, Duration.ofHours(1)).build());
        assertThat(ResilienceSettings.forConnection(config(Map.of())).rateLimitSpec()).isEmpty();
        assertThat(CacheSettings.forConnection(config(Map.of()))).isEqualTo(CacheSettings.ofDefaults());
    }

    @Test
    void everyOptionIsRead() {
        ResilienceSettings settings = ResilienceSettings.forConnection(config(Map.ofEntries(
                Map.entry("retry.max-attempts", "5"), Map.entry("retry.initial-backoff", "100ms"),
                Map.entry("retry.max-backoff", "2s"), Map.entry("retry.max-wait", "30s"),
                Map.entry("retry.max-duration", "90s"),
                Map.entry("circuit-breaker.failure-rate", "75"), Map.entry("circuit-breaker.minimum-calls", "5"),
                Map.entry("circuit-breaker.window-size", "8"), Map.entry("circuit-breaker.open-duration", "1m"),
                Map.entry("circuit-breaker.half-open-calls", "2"), Map.entry("rate-limit.requests", "60"),
                Map.entry("rate-limit.period", "1m"), Map.entry("rate-limit.max-wait", "5m"),
                Map.entry("rate-limit.slow-down-below", "20"), Map.entry("bulkhead.max-concurrent", "4"),
                Map.entry("bulkhead.max-wait", "1s"))), Optional.of(RateLimitSpec.perHour(1000)));
        assertThat(settings).isEqualTo(new ResilienceSettings(5, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(90), 75, 5, 8, Duration.ofMinutes(1), 2, RateLimitSpec.of(60, Duration.ofMinutes(1)),
                Duration.ofMinutes(5), 20, 4, Duration.ofSeconds(1)));
        CacheSettings cache = CacheSettings.forConnection(config(Map.of("cache.enabled", "false",
                "cache.max-size", "50", "cache.ttl", "10s", "cache.not-found-ttl", "2s")));
        assertThat(cache).isEqualTo(new CacheSettings(false, 50, Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }

    @Test
    void badValuesAreConfigurationErrorsNamingTheKey() {
        assertThatThrownBy(() -> ResilienceSettings.forConnection(config(Map.of("circuit-breaker.failure-rate",
                "150")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connections.acme.circuit-breaker.failure-rate");
        assertThatThrownBy(() -> ResilienceSettings.forConnection(config(Map.of("circuit-breaker.minimum-calls",
                "500")))).isInstanceOf(ConfigurationException.class).hasMessageContaining("window-size");
        assertThatThrownBy(() -> ResilienceSettings.forConnection(config(Map.of("rate-limit.requests", "60"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rate-limit.period");
        assertThatThrownBy(() -> ResilienceSettings.forConnection(config(Map.of("rate-limit.period", "1m"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rate-limit.requests");
        assertThatThrownBy(() -> CacheSettings.forConnection(config(Map.of("cache.max-size", "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connections.acme.cache.max-size");
    }

    @Test
    void buildersRejectBadValuesAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceSettings.custom().retryMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry.max-attempts");
        assertThatThrownBy(() -> ResilienceSettings.custom().retryMaxWait(Duration.ofSeconds(-1)))
                .hasMessageContaining("retry.max-wait");
        assertThatThrownBy(() -> ResilienceSettings.custom().retryInitialBackoff(Duration.ofSeconds(5))
                .retryMaxBackoff(Duration.ofSeconds(1)).build()).hasMessageContaining("retry.max-backoff");
        assertThatThrownBy(() -> CacheSettings.custom().ttl(Duration.ZERO)).hasMessageContaining("cache.ttl");
        assertThatThrownBy(() -> RateLimitSpec.of(0, Duration.ofSeconds(1))).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(ResilienceSettings.from(ResilienceSettings.ofDefaults()).build())
                .isEqualTo(ResilienceSettings.ofDefaults());
        assertThat(RateLimitSpec.perHour(1000)).hasToString("1000 requests per 1h");
    }
}
