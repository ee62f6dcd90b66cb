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

    /** The lead store kept up to date by scheduled syncs. */
    private final Store store = new Store();

    /** The webhook endpoint, a Spring MVC handler receiving the providers' webhooks into the store. */
    private final Webhooks webhooks = new Webhooks();

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

    /** The lead store kept up to date by scheduled syncs. */
    public Store getStore() {
        return store;
    }

    /** The webhook endpoint. */
    public Webhooks getWebhooks() {
        return webhooks;
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

    /** The Leadbridge store ({@code leadbridge-store}) and its scheduled syncs. */
    public static class Store {

        /** Whether to open the lead store and sync every connection into it on a schedule. */
        private boolean enabled;

        /**
         * A database of the store's own, jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, instead of the
         * application's DataSource (the default).
         */
        private String url;

        /**
         * The PostgreSQL schema of the store's tables, created when missing; default "leadbridge" on the
         * application's DataSource, and the URL's currentSchema, else public, with leadbridge.store.url.
         */
        private String schema;

        /** Time between the end of one sync of every connection and the start of the next; 0 switches off. */
        private Duration syncInterval = Duration.ofMinutes(15);

        /** Time from startup to the first sync. */
        private Duration initialDelay = Duration.ofSeconds(10);

        /** Whether the store and its syncs are configured. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Switches the store and its syncs on or off. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The store's own JDBC URL, or null for the application's DataSource. */
        public String getUrl() {
            return url;
        }

        /** Sets the store's JDBC URL. */
        public void setUrl(String url) {
            this.url = url;
        }

        /** The PostgreSQL schema, or null for the default. */
        public String getSchema() {
            return schema;
        }

        /** Sets the PostgreSQL schema. */
        public void setSchema(String schema) {
            this.schema = schema;
        }

        /** Time between two syncs; zero switches the schedule off. */
        public Duration getSyncInterval() {
            return syncInterval;
        }

        /** Sets the time between two syncs. */
        public void setSyncInterval(Duration syncInterval) {
            this.syncInterval = syncInterval;
        }

        /** Time from startup to the first sync. */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /** Sets the time from startup to the first sync. */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }
    }

    /** The webhook endpoint ({@code leadbridge-store} and Spring MVC needed). */
    public static class Webhooks {

        /**
         * Whether to receive the providers' webhooks at POST {path}/{connection} into the store (needs
         * leadbridge.store.enabled=true and a servlet web application).
         */
        private boolean enabled;

        /** The path under which each connection receives its webhooks, at {path}/{connection}. */
        private String path = "/webhooks";

        /**
         * Time between two passes over the recorded events whose lead is not stored yet (pending or failed), each
         * got again by id; the first pass runs at startup. 0 runs only that one.
         */
        private Duration retryInterval = Duration.ofMinutes(15);

        /** Whether the webhook endpoint is configured. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Switches the webhook endpoint on or off. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The path of the endpoint, without the connection. */
        public String getPath() {
            return path;
        }

        /** Sets the path of the endpoint, without the connection. */
        public void setPath(String path) {
            this.path = path;
        }

        /** Time between two passes over the events not stored yet; zero runs only the one at startup. */
        public Duration getRetryInterval() {
            return retryInterval;
        }

        /** Sets the time between two passes over the events not stored yet. */
        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }
}
