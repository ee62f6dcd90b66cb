package dev.leadbridge.server;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.resilience.LeadbridgeMetrics;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.WebhookInbox;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The long-running service behind {@code leadbridge serve}: receives the providers' webhooks into the store's
 * {@link WebhookInbox} ({@code POST /webhooks/{connection}}), runs a {@link LeadSync} of every connection on a
 * schedule, and answers {@code GET /health} and {@code GET /metrics} (Prometheus text). Built on Undertow
 * (docs/serve.md says why); request work runs on Undertow's worker threads, never on its IO threads.
 *
 * <pre>{@code
 * try (LeadStore store = LeadStore.open("jdbc:sqlite:leadbridge.db");
 *      LeadbridgeServer server = LeadbridgeServer.builder().store(store).connections(configs).port(8080).build()) {
 *     server.start();
 *     System.err.println("listening on " + server.address());
 *     ...   // until shutdown: close() drains
 * }
 * }</pre>
 *
 * <p>A delivery is acknowledged (2xx) only once its event row is committed; its lead is stored right after, on
 * one inbox thread, and what is pending at start or failed and due is processed again. {@link #close()} stops
 * accepting, finishes the requests in flight and the current sync transaction, then closes the connections to the
 * providers (not the store).
 */
public final class LeadbridgeServer implements AutoCloseable {

    /** The default listening address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default time between two syncs. */
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(15);
    /** The default time between two passes over the inbox's due events. */
    public static final Duration DEFAULT_INBOX_EVERY = Duration.ofSeconds(30);
    /** The largest webhook body accepted: 1 MiB; more is answered 413 without reading further. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How long {@link #close()} waits for requests in flight and for the current sync. */
    static final Duration DRAIN = Duration.ofSeconds(60);

    private final LeadStore store;
    private final List<ConnectionConfig> configs;
    private final String bind;
    private final int port;
    private final Duration every;
    private final Duration inboxEvery;
    private final Consumer<String> log;

    private LeadbridgeClient client;
    private LeadSync sync;
    private PrometheusMeterRegistry registry;
    private Scheduler scheduler;
    private Recorder recorder;
    private Undertow undertow;
    private GracefulShutdownHandler graceful;
    private InetSocketAddress address;
    private boolean closed;

    private LeadbridgeServer(Builder b) {
        this.store = b.store;
        this.configs = List.copyOf(b.configs);
        this.bind = b.bind;
        this.port = b.port;
        this.every = b.every;
        this.inboxEvery = b.inboxEvery;
        this.log = b.log;
    }

    /** A builder; a store and at least one connection are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the connections, starts listening, processes what the inbox holds pending and starts the first sync.
     *
     * @return this server, listening on {@link #address()}
     * @throws ServerStartException when the address cannot be bound
     * @throws dev.leadbridge.core.error.ConfigurationException when a connection's configuration is wrong
     * @throws IllegalStateException when already started
     */
    public synchronized LeadbridgeServer start() {
        if (undertow != null || closed) {
            throw new IllegalStateException("the server was already started");
        }
        Map<String, WebhookReader> readers = new LinkedHashMap<>();
        for (ConnectionConfig config : configs) {
            if (config.option(WEBHOOK_SECRET) != null) {
                LeadProviders.webhooks(config).ifPresent(reader -> readers.put(config.name(), reader));
            }
        }
        client = LeadbridgeClient.builder().connections(configs).build();
        try {
            Map<String, LeadProvider> providers = new LinkedHashMap<>();
            LeadSync.Builder syncBuilder = LeadSync.builder().store(store);
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            for (String name : client.connectionNames()) {
                LeadProvider provider = client.connection(name);
                providers.put(name, provider);
                syncBuilder.connection(provider);
                if (provider instanceof ResilientLeadProvider resilient) {
                    LeadbridgeMetrics.bind(resilient, registry);
                }
            }
            sync = syncBuilder.build();
            WebhookInbox inbox = WebhookInbox.of(store, name -> Optional.ofNullable(providers.get(name)));
            ServerMeters meters = new ServerMeters(registry, inbox);
            scheduler = new Scheduler(sync, inbox, meters, every, inboxEvery, log);
            recorder = new Recorder(inbox);
            Routes routes = new Routes(readers, inbox, recorder, scheduler, meters, registry);
            graceful = Handlers.gracefulShutdown(routes);
            undertow = Undertow.builder()
                    .addHttpListener(port, bind)
                    .setHandler(graceful)
                    .build();
            try {
                undertow.start();
            } catch (RuntimeException e) {
                undertow = null;
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new ServerStartException("cannot listen on " + bind + ":" + port + ": "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                        : " (" + cause.getMessage() + ")"), e);
            }
            address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
            scheduler.start();
            return this;
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The address the server listens on (the real port when {@code port(0)} asked for any free one). */
    public synchronized InetSocketAddress address() {
        if (address == null) {
            throw new IllegalStateException("the server is not started");
        }
        return address;
    }

    /** The base URL, {@code http://host:port}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The store's URL (without its password), for reports. */
    public String storeUrl() {
        return store.url();
    }

    /** The connections that receive webhooks (those with a {@code webhook-secret} and a provider that sends them). */
    public List<String> webhookConnections() {
        List<String> names = new ArrayList<>();
        for (ConnectionConfig config : configs) {
            if (config.option(WEBHOOK_SECRET) != null && LeadProviders.webhooks(config).isPresent()) {
                names.add(config.name());
            }
        }
        return names;
    }

    /**
     * Stops accepting, lets the requests in flight finish, stops the schedule after the current sync transaction,
     * and closes the connections to the providers (not the store). Idempotent; safe from a shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        if (graceful != null) {
            graceful.shutdown();
            try {
                graceful.awaitShutdown(DRAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
        if (recorder != null) {
            recorder.stop();
        }
        if (scheduler != null) {
            scheduler.stop(DRAIN);
        }
        if (sync != null) {
            sync.close();
        }
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static final String WEBHOOK_SECRET = "webhook-secret";

    /** Builds a {@link LeadbridgeServer}; each setting is checked as it is given. */
    public static final class Builder {
        private LeadStore store;
        private final List<ConnectionConfig> configs = new ArrayList<>();
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private Duration every = DEFAULT_EVERY;
        private Duration inboxEvery = DEFAULT_INBOX_EVERY;
        private Consumer<String> log = line -> { };

        private Builder() {
        }

        /** The store (required); the server does not close it. */
        public Builder store(LeadStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The connections to sync and to receive webhooks for (at least one). */
        public Builder connections(Collection<ConnectionConfig> configs) {
            this.configs.addAll(Objects.requireNonNull(configs, "configs"));
            return this;
        }

        /** The address to listen on (default {@code 127.0.0.1}: loopback only). */
        public Builder bind(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the bind address must not be blank");
            }
            this.bind = host.trim();
            return this;
        }

        /** The port (default 8080; 0 for any free port, see {@link LeadbridgeServer#address()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("the port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The time between two syncs (default 15 minutes); the first runs at start. */
        public Builder every(Duration every) {
            this.every = positive(every, "every");
            return this;
        }

        /** The time between two passes over the inbox's due events (default 30 seconds). */
        public Builder inboxEvery(Duration every) {
            this.inboxEvery = positive(every, "inboxEvery");
            return this;
        }

        /** Where the server's one-line reports go (each sync's result, failures); default nowhere. */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * The server, not started.
         *
         * @throws IllegalStateException when the store or the connections are missing
         */
        public LeadbridgeServer build() {
            if (store == null) {
                throw new IllegalStateException("a store is required");
            }
            if (configs.isEmpty()) {
                throw new IllegalStateException("at least one connection is required");
            }
            return new LeadbridgeServer(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
