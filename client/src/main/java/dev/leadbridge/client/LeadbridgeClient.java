package dev.leadbridge.client;

import dev.leadbridge.client.internal.Aggregation;
import dev.leadbridge.client.internal.ConnectionHandle;
import dev.leadbridge.client.internal.DaemonThreads;
import dev.leadbridge.client.internal.Leads;
import dev.leadbridge.client.internal.PageConcurrency;
import dev.leadbridge.client.internal.SyncRun;
import dev.leadbridge.client.internal.SyncState;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.canonical.ClientSort;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One entry point over many connections (accounts at providers): read one lead by global id, stream the leads of all
 * or some connections merged into one sorted stream with a per-connection outcome, sync incrementally from a
 * checkpoint, and create leads on one or several connections.
 *
 * <p>Build it in code with {@link #builder()}, or from the connection properties of the configuration file with
 * {@link #fromProperties(Properties, Function)}, where each connection's provider is found through
 * {@link java.util.ServiceLoader}: swapping a provider is a change of configuration, not of code. Two connections may
 * use the same provider with different accounts.
 *
 * <pre>{@code
 * try (LeadbridgeClient client = LeadbridgeClient.fromProperties(config, System::getenv);
 *      AggregateResult result = client.stream(AggregateQuery.of(
 *              LeadQuery.builder().sortBy(SortField.CREATED_AT, false).build()))) {
 *     result.leads().forEach(exporter::write);
 *     result.outcomes().values().forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>Errors: every method raises only {@link LeadbridgeException} subclasses. A connection name the client does not
 * have is an {@link UnknownConnectionException}; a malformed global id an {@link InvalidLeadIdException} (both are
 * {@link InvalidRequestException}s, raised before any request); a configuration problem a
 * {@link ConfigurationException}. Thread-safe; close it to stop its threads and close its connections.
 */
public final class LeadbridgeClient implements AutoCloseable {

    /**
     * Pages of one listing fetched at once for a connection that does not say and whose rate budget the client cannot
     * see (a provider added without core's resilience layers). A connection opened from configuration gets a default
     * from its rate budget instead: 6 without a rate limit, fewer with a small one (workspace-v1's 1000 requests an
     * hour: 2); see docs/configuration.md.
     */
    public static final int DEFAULT_PAGE_CONCURRENCY = 4;
    /**
     * The look-back window of incremental sync when the builder does not set one: 30 seconds. The cursor is a
     * provider's own {@code updatedAt}, so the client's clock skew does not move it; the window only has to cover
     * leads that become visible after a later-stamped one (skew between the provider's servers, late commits). Same
     * {@code updatedAt} ties are resolved by the ids the checkpoint keeps, not by the window. A 5-minute window made a
     * sync every minute with 100 changes a minute cost 5 times the request floor; 30 seconds costs 1 time
     * ({@code SyncCostBench}).
     */
    public static final Duration DEFAULT_SYNC_LOOK_BACK = Duration.ofSeconds(30);

    private final Map<String, ConnectionHandle> connections;
    private final Clock clock;
    private final boolean failFast;
    private final int bufferedPages;
    private final Duration syncLookBack;
    private final int clientSortLimit;
    private final ExecutorService executor;
    private final Map<String, SyncBudget> budgets;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LeadbridgeClient(Builder b, Map<String, ConnectionHandle> connections, Map<String, SyncBudget> budgets) {
        this.connections = connections;
        this.budgets = budgets;
        this.clock = b.clock;
        this.failFast = b.failFast;
        this.bufferedPages = b.bufferedPages;
        this.syncLookBack = b.syncLookBack;
        this.clientSortLimit = b.clientSortLimit;
        this.executor = DaemonThreads.newExecutor();
    }

    /** A builder with no connections and the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client over every connection in the configuration properties ({@code connections.<name>.provider},
     * {@code .base-url}, {@code .api-key} and the optional tuning keys), each provider found through
     * {@link java.util.ServiceLoader} and opened with its resilience layers. {@code ${NAME}} in a value expands from
     * {@code env}.
     *
     * @param config the properties
     * @param env    looks up environment variables, e.g. {@code System::getenv}
     * @throws ConfigurationException naming the key, variable or provider at fault
     */
    public static LeadbridgeClient fromProperties(Properties config, Function<String, String> env) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        return builder().connections(ConnectionConfig.parse(config, env)).build();
    }

    /** As {@link #fromProperties(Properties, Function)}, from a map of properties. */
    public static LeadbridgeClient fromProperties(Map<String, String> config, Function<String, String> env) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        return builder().connections(ConnectionConfig.parse(config, env)).build();
    }

    /** The connection names, in configuration order. */
    public List<String> connectionNames() {
        return List.copyOf(connections.keySet());
    }

    /**
     * The provider behind a connection, for operations the client does not wrap (update, status changes, ...).
     *
     * @throws UnknownConnectionException when the client has no such connection
     */
    public LeadProvider connection(String name) {
        return require(name).provider();
    }

    /**
     * The lead with this global id, {@code <connection>:<nativeId>}, read from its connection.
     *
     * @throws InvalidLeadIdException      when the id is not of that form (before any request)
     * @throws UnknownConnectionException  when the connection part names no configured connection
     * @throws dev.leadbridge.core.error.LeadNotFoundException when the connection has no such lead
     */
    public Lead get(String globalId) {
        ensureOpen();
        if (globalId == null) {
            throw new InvalidLeadIdException("a global lead id must not be null", ErrorDetails.NONE);
        }
        int colon = globalId.indexOf(':');
        if (colon <= 0 || colon == globalId.length() - 1) {
            throw new InvalidLeadIdException("'" + quote(globalId) + "' is not a global lead id; expected"
                    + " <connection>:<nativeId>, e.g. acme-octanist:lead_123", ErrorDetails.NONE);
        }
        ConnectionHandle handle = require(globalId.substring(0, colon));
        Lead lead = handle.provider().get(globalId.substring(colon + 1));
        return Leads.withPersonKey(lead, handle.defaultRegion());
    }

    /**
     * Starts an aggregation: every chosen connection is listed concurrently (pages prefetched within each
     * connection's page concurrency) and merged into one stream in the query's sort order. Lazy in memory: at most a
     * few pages per connection are held. The caller must close the result.
     *
     * @throws UnknownConnectionException when a chosen connection does not exist (before any request)
     */
    public AggregateResult stream(AggregateQuery query) {
        Objects.requireNonNull(query, "query");
        ensureOpen();
        List<ConnectionHandle> chosen = new ArrayList<>();
        if (query.connections().isEmpty()) {
            chosen.addAll(connections.values());
        } else {
            for (String name : new LinkedHashSet<>(query.connections())) {
                chosen.add(require(name));
            }
        }
        return Aggregation.start(chosen, query.query(), query.failFast() || failFast, query.progress(), executor,
                bufferedPages, clientSortLimit);
    }

    /** As {@link #stream(AggregateQuery)} over all connections, in partial-failure mode unless the client is fail-fast. */
    public AggregateResult stream(LeadQuery query) {
        return stream(AggregateQuery.of(query));
    }

    /**
     * The leads of one connection created or updated since {@code checkpoint} and matching {@code filter} (its sort
     * is replaced by {@code updatedAt} ascending; its projection is kept). Lazy: leads are fetched as the result is
     * iterated; see {@link SyncResult} for how to persist the checkpoint. A provider whose listing comes newest first
     * (workspace-v1) is read up to the leads the checkpoint already has, plus a share of a reconcile pass over the
     * older leads within the connection's {@link SyncBudget}; a first sync reads its pages concurrently.
     *
     * @param connection the connection name
     * @param checkpoint where the previous sync of this connection stopped, or {@link SyncCheckpoint#initial()}
     * @param filter     further filters, or null for none
     * @throws UnknownConnectionException when the client has no such connection
     * @throws InvalidRequestException    when the checkpoint belongs to another connection
     * @throws dev.leadbridge.core.error.OperationNotSupportedException when the provider cannot list leads
     */
    public SyncResult changesSince(String connection, SyncCheckpoint checkpoint, LeadQuery filter) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        ensureOpen();
        ConnectionHandle handle = require(connection);
        SyncState state = checkpoint.state();
        if (state.connection() != null && !state.connection().equals(connection)) {
            throw new InvalidRequestException("the checkpoint belongs to connection '" + state.connection()
                    + "', not '" + connection + "'", ErrorDetails.of(handle.provider().providerId(), connection));
        }
        SyncRun run = new SyncRun(handle, state, filter == null ? LeadQuery.ALL : filter, syncLookBack, clock,
                budgets.getOrDefault(connection, SyncBudget.DEFAULT), executor);
        return new SyncResult(connection, run);
    }

    /**
     * Creates a lead on one connection. Never retried once it may have reached the provider.
     *
     * @return {@link CreateOutcome.Created} with the stored lead, or {@link CreateOutcome.Failed} with the typed error
     * @throws UnknownConnectionException when the client has no such connection (before any request)
     */
    public CreateOutcome create(String connection, NewLead lead) {
        Objects.requireNonNull(lead, "lead");
        ensureOpen();
        return createOn(require(connection), lead);
    }

    /**
     * Creates the same lead on several connections concurrently.
     *
     * @param connections the connection names (duplicates are created once)
     * @return the outcome per connection, in the order given
     * @throws UnknownConnectionException when any name is unknown (before any lead is created)
     */
    public Map<String, CreateOutcome> createOnEach(List<String> connections, NewLead lead) {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(lead, "lead");
        ensureOpen();
        List<ConnectionHandle> targets = new ArrayList<>();
        for (String name : new LinkedHashSet<>(connections)) {
            targets.add(require(name));
        }
        Map<String, Future<CreateOutcome>> running = new LinkedHashMap<>();
        try {
            for (ConnectionHandle target : targets) {
                running.put(target.name(), executor.submit(() -> createOn(target, lead)));
            }
        } catch (RejectedExecutionException e) {
            running.values().forEach(f -> f.cancel(true));
            throw new IllegalStateException("the client is closed", e);
        }
        Map<String, CreateOutcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Future<CreateOutcome>> e : running.entrySet()) {
            try {
                outcomes.put(e.getKey(), e.getValue().get());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                running.values().forEach(f -> f.cancel(true));
                throw new LeadbridgeException("interrupted while creating leads", ErrorDetails.NONE, ie);
            } catch (ExecutionException ee) {
                outcomes.put(e.getKey(), new CreateOutcome.Failed(e.getKey(),
                        new LeadbridgeException("creating on '" + e.getKey() + "' failed: " + ee.getCause(),
                                ErrorDetails.of(null, e.getKey()), ee.getCause())));
            }
        }
        return java.util.Collections.unmodifiableMap(outcomes);
    }

    /** Stops every running fetch and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdownNow();
        for (ConnectionHandle handle : connections.values()) {
            try {
                handle.provider().close();
            } catch (RuntimeException ignored) {
                // closing the others matters more
            }
        }
    }

    private CreateOutcome createOn(ConnectionHandle handle, NewLead lead) {
        try {
            Lead created = handle.provider().create(lead);
            return new CreateOutcome.Created(handle.name(), Leads.withPersonKey(created, handle.defaultRegion()));
        } catch (RuntimeException e) {
            LeadbridgeException error = e instanceof LeadbridgeException typed ? typed
                    : new LeadbridgeException("creating on '" + handle.name() + "' failed unexpectedly: " + e,
                    ErrorDetails.of(handle.provider().providerId(), handle.name()), e);
            return new CreateOutcome.Failed(handle.name(), error);
        }
    }

    private ConnectionHandle require(String name) {
        ConnectionHandle handle = name == null ? null : connections.get(name);
        if (handle == null) {
            throw new UnknownConnectionException(name, connectionNames());
        }
        return handle;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
    }

    private static String quote(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder sb = new StringBuilder();
        for (char c : shown.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /**
     * Builds a {@link LeadbridgeClient}. Connections are added in order; a name may appear once. Each setting is
     * validated when set. Not thread-safe.
     */
    public static final class Builder {
        private final List<Object> specs = new ArrayList<>();
        private final LinkedHashSet<String> names = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private int pageConcurrency;  // 0: each connection's default from its rate budget
        private int bufferedPages = -1;
        private boolean failFast;
        private Duration syncLookBack = DEFAULT_SYNC_LOOK_BACK;
        private int clientSortLimit = ClientSort.DEFAULT_LIMIT;
        private SyncBudget syncBudget = SyncBudget.DEFAULT;
        private final Map<String, SyncBudget> syncBudgets = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a connection served by a provider built in code, named {@link LeadProvider#connection()}. The client
         * uses it as given, bare or layered: wrap it in core's
         * {@link dev.leadbridge.core.resilience.ResilientLeadProvider} if it should retry, rate-limit and bound its
         * concurrency (a connection added from configuration gets those layers automatically). For a layered
         * provider the outcomes report its retries and page prefetching stays within its bulkhead. The client closes
         * the provider when it is closed.
         *
         * @throws ConfigurationException when a connection of that name was already added
         */
        public Builder connection(LeadProvider provider) {
            Objects.requireNonNull(provider, "provider");
            addName(provider.connection(), provider.providerId());
            specs.add(provider);
            return this;
        }

        /**
         * Adds a connection from configuration; its provider is found through {@link java.util.ServiceLoader} and
         * opened with its resilience layers when the client is built. Reads {@code page-concurrency} and
         * {@code default-region} among its options.
         *
         * @throws ConfigurationException when a connection of that name was already added
         */
        public Builder connection(ConnectionConfig config) {
            Objects.requireNonNull(config, "config");
            addName(config.name(), config.provider());
            specs.add(config);
            return this;
        }

        /** Adds every connection, in order; see {@link #connection(ConnectionConfig)}. */
        public Builder connections(Collection<ConnectionConfig> configs) {
            configs.forEach(this::connection);
            return this;
        }

        /** The clock incremental sync compares watermarks with; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Pages of one listing fetched at once per connection, for connections whose configuration does not set
         * {@code page-concurrency}; 1 to 64. Unset, each connection gets a default from its rate budget (6 without a
         * rate limit, 2 for 1000 requests an hour; {@value LeadbridgeClient#DEFAULT_PAGE_CONCURRENCY} when the budget
         * is unknown).
         */
        public Builder pageConcurrency(int pages) {
            if (pages < 1 || pages > 64) {
                throw new IllegalArgumentException("pageConcurrency must be between 1 and 64, was " + pages);
            }
            this.pageConcurrency = pages;
            return this;
        }

        /**
         * Fetched pages each connection may hold ready for a consumer slower than the network, 1 to 64; default the
         * connection's page concurrency. With the pages being fetched (and those that arrived before an earlier one),
         * bounds an aggregation's memory to about {@code connections × (2 × pageConcurrency + bufferedPages + 1) ×
         * pageSize} leads.
         */
        public Builder bufferedPages(int pages) {
            if (pages < 1 || pages > 64) {
                throw new IllegalArgumentException("bufferedPages must be between 1 and 64, was " + pages);
            }
            this.bufferedPages = pages;
            return this;
        }

        /** Whether every aggregation stops at the first failing connection; default false (partial results). */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * How far before its watermark an incremental sync reads again, to catch leads whose {@code updatedAt} lies
         * in the past when they become visible (clock skew between servers, late commits); default 30 seconds
         * ({@link #DEFAULT_SYNC_LOOK_BACK}). Every sync re-reads the leads changed within it, so a longer window costs
         * requests on every run.
         */
        public Builder syncLookBack(Duration lookBack) {
            Objects.requireNonNull(lookBack, "lookBack");
            if (lookBack.isNegative()) {
                throw new IllegalArgumentException("syncLookBack must not be negative, was " + lookBack);
            }
            this.syncLookBack = lookBack;
            return this;
        }

        /**
         * What the background work of incremental sync (the reconcile pass of a provider read newest first) may spend
         * of each connection's request budget, for connections whose configuration and
         * {@link #syncBudget(String, SyncBudget)} do not say; default {@link SyncBudget#DEFAULT}.
         */
        public Builder syncBudget(SyncBudget budget) {
            this.syncBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * The sync budget of one connection (e.g. from its configuration: {@link SyncBudget#forConnection}), which
         * wins over its configuration's options and over {@link #syncBudget(SyncBudget)}.
         */
        public Builder syncBudget(String connection, SyncBudget budget) {
            syncBudgets.put(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(budget, "budget"));
            return this;
        }

        /**
         * The most leads of one connection held in memory when the query's sort cannot run on its provider's server
         * and must be done on the client; default {@link ClientSort#DEFAULT_LIMIT}.
         */
        public Builder clientSortLimit(int leads) {
            if (leads < 1) {
                throw new IllegalArgumentException("clientSortLimit must be positive, was " + leads);
            }
            this.clientSortLimit = leads;
            return this;
        }

        /**
         * Opens every configured connection and builds the client. When one connection cannot be opened, those
         * already opened are closed again.
         *
         * @throws ConfigurationException when there is no connection, or one cannot be opened
         */
        public LeadbridgeClient build() {
            if (specs.isEmpty()) {
                throw new ConfigurationException("a client needs at least one connection", ErrorDetails.NONE);
            }
            Map<String, ConnectionHandle> handles = new LinkedHashMap<>();
            Map<String, SyncBudget> budgets = new LinkedHashMap<>();
            try {
                for (Object spec : specs) {
                    ConnectionHandle handle = spec instanceof ConnectionConfig config ? open(config)
                            : handle((LeadProvider) spec);
                    handles.put(handle.name(), handle);
                    SyncBudget budget = syncBudgets.get(handle.name());
                    if (budget == null) {
                        budget = spec instanceof ConnectionConfig config
                                ? SyncBudget.forConnection(config, Optional.empty()) : syncBudget;
                    }
                    Optional<RateLimitSpec> limit = handle.provider() instanceof ResilientLeadProvider resilient
                            ? resilient.rateLimit() : Optional.empty();
                    budgets.put(handle.name(), budget.withRateLimit(limit));
                }
            } catch (RuntimeException e) {
                for (ConnectionHandle opened : handles.values()) {
                    if (specs.stream().noneMatch(s -> s == opened.provider())) {
                        try {
                            opened.provider().close();
                        } catch (RuntimeException ignored) {
                            // the original failure matters more
                        }
                    }
                }
                throw e;
            }
            return new LeadbridgeClient(this, java.util.Collections.unmodifiableMap(handles),
                    java.util.Collections.unmodifiableMap(budgets));
        }

        private ConnectionHandle handle(LeadProvider provider) {
            int pages = pageConcurrency > 0 ? pageConcurrency
                    : PageConcurrency.defaultFor(provider, DEFAULT_PAGE_CONCURRENCY);
            return ConnectionHandle.of(provider.connection(), provider, pages, null);
        }

        private ConnectionHandle open(ConnectionConfig config) {
            int pages = config.integer(ConnectionOptions.PAGE_CONCURRENCY, pageConcurrency);
            boolean chosen = pageConcurrency > 0 || config.option(ConnectionOptions.PAGE_CONCURRENCY) != null;
            if (chosen && (pages < 1 || pages > 64)) {
                throw new ConfigurationException("'connections." + config.name() + "."
                        + ConnectionOptions.PAGE_CONCURRENCY + "' must be between 1 and 64, was " + pages,
                        ErrorDetails.of(config.provider(), config.name()));
            }
            LeadProvider provider = LeadProviders.open(config);
            if (pages == 0) {
                pages = PageConcurrency.defaultFor(provider, DEFAULT_PAGE_CONCURRENCY);
            }
            return ConnectionHandle.of(config.name(), provider, pages, config.option(ConnectionOptions.DEFAULT_REGION));
        }

        private void addName(String name, String provider) {
            if (!names.add(name)) {
                throw new ConfigurationException("connection '" + name + "' is added twice",
                        ErrorDetails.of(provider, name));
            }
        }
    }
}
