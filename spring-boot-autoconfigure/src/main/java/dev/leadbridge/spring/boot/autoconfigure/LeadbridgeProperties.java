package dev.leadbridge.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code leadbridge.*} settings of a Spring Boot application. The connections are kept as text, exactly as
 * written, and read by the same parser as the {@code connections.<name>.<key>} lines of a Leadbridge configuration
 * file ({@link dev.leadbridge.core.api.ConnectionConfig#parse}): same keys, same defaults, same error messages.
 */
@ConfigurationProperties(prefix = "leadbridge")
public class LeadbridgeProperties {

    /** Whether the Leadbridge client (and its meters and health) is configured at all. */
    private boolean enabled = true;

    /**
     * The connections by name, each one account at one provider: {@code provider} (octanist, nexor or workspace-v1),
     * {@code api-key}, optionally {@code base-url} and any tuning key of the Leadbridge configuration file, e.g.
     * {@code retry.max-attempts}, {@code rate-limit.requests}, {@code cache.ttl} or {@code status.<raw>}.
     */
    private Map<String, Map<String, String>> connections = new LinkedHashMap<>();

    /** Settings of the client over all connections. */
    private final Client client = new Client();

    /** Whether Leadbridge is configured at all; default true. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Switches Leadbridge's auto-configuration on or off. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The connections by name, each a map of its settings as written. */
    public Map<String, Map<String, String>> getConnections() {
        return connections;
    }

    /** Sets the connections by name. */
    public void setConnections(Map<String, Map<String, String>> connections) {
        this.connections = connections == null ? new LinkedHashMap<>() : connections;
    }

    /** Settings of the client over all connections. */
    public Client getClient() {
        return client;
    }

    /**
     * The connections as the flat {@code connections.<name>.<key>} map of a Leadbridge configuration file, ready for
     * {@link dev.leadbridge.core.api.ConnectionConfig#parse}.
     */
    public Map<String, String> toFlatProperties() {
        Map<String, String> flat = new LinkedHashMap<>();
        connections.forEach((name, settings) -> {
            if (settings != null) {
                settings.forEach((key, value) -> flat.put("connections." + name + "." + key, value));
            }
        });
        return flat;
    }

    /** Settings of the {@link dev.leadbridge.client.LeadbridgeClient} over all connections. */
    public static class Client {

        /** Whether every aggregation stops at the first failing connection instead of returning partial results. */
        private boolean failFast;

        /**
         * Pages of one listing fetched at once per connection, 1 to 64, for connections that do not set their own
         * {@code page-concurrency}.
         */
        private Integer pageConcurrency;

        /** How far before its watermark an incremental sync reads again (late or clock-skewed updates). */
        private Duration syncLookBack;

        /** Whether every aggregation stops at the first failing connection. */
        public boolean isFailFast() {
            return failFast;
        }

        /** Sets whether every aggregation stops at the first failing connection. */
        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        /** Pages fetched at once per connection, or null for the client's default. */
        public Integer getPageConcurrency() {
            return pageConcurrency;
        }

        /** Sets the pages fetched at once per connection. */
        public void setPageConcurrency(Integer pageConcurrency) {
            this.pageConcurrency = pageConcurrency;
        }

        /** The look-back of incremental sync, or null for the client's default. */
        public Duration getSyncLookBack() {
            return syncLookBack;
        }

        /** Sets the look-back of incremental sync. */
        public void setSyncLookBack(Duration syncLookBack) {
            this.syncLookBack = syncLookBack;
        }
    }
}
