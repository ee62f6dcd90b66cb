package dev.leadbridge.store;

import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncBudget;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.client.UnknownConnectionException;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.store.SyncReport.ConnectionReport;
import dev.leadbridge.store.SyncReport.Outcome;
import dev.leadbridge.store.internal.CountingProvider;
import dev.leadbridge.store.internal.LeadRows;
import dev.leadbridge.store.internal.RefreshPosition;
import dev.leadbridge.store.internal.SqlErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sync engine: brings a {@link LeadStore} up to date with each connection. A connection that can list is read
 * incrementally from its stored checkpoint (the client's {@link LeadbridgeClient#changesSince}); every batch of leads
 * is written together with the connection's new checkpoint in one transaction, so a sync killed at any moment loses
 * nothing, duplicates nothing and the next run continues from the last commit. A lead is never overwritten by an
 * older version of itself. A full sync ({@code full}) reads the whole listing and then asks the provider for every
 * stored lead the listing did not show: only a "not found" marks it deleted. A connection that cannot list (Nexor)
 * is refreshed by id: the leads the store knows are read again, a pass continued across runs within the share of the
 * rate budget its {@link SyncBudget} allows ({@code sync.reconcile-share}, {@code sync.full-pass-interval}); with
 * {@code full}, all of them at once.
 *
 * <pre>{@code
 * try (LeadStore store = LeadStore.open("jdbc:sqlite:leadbridge.db");
 *      LeadSync sync = LeadSync.builder().store(store).connections(ConnectionConfig.parse(props, System::getenv))
 *              .build()) {
 *     SyncReport report = sync.run();
 *     report.connections().forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>One sync at a time per store. {@link #stop()} may be called from any thread (e.g. a shutdown hook): the run
 * stops after its current transaction.
 */
public final class LeadSync implements AutoCloseable {

    /** Leads written per transaction when the builder does not say: one provider page. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    private final LeadStore store;
    private final LeadbridgeClient client;
    private final Map<String, CountingProvider> providers;
    private final int batchSize;
    private final Map<String, SyncBudget> budgets;
    private final Clock clock;
    private final AtomicBoolean stop = new AtomicBoolean();

    private LeadSync(LeadStore store, LeadbridgeClient client, Map<String, CountingProvider> providers,
                     int batchSize, Map<String, SyncBudget> budgets, Clock clock) {
        this.store = store;
        this.client = client;
        this.providers = providers;
        this.batchSize = batchSize;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** A builder; a store and at least one connection are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The connection names, in the order they were added. */
    public List<String> connectionNames() {
        return List.copyOf(providers.keySet());
    }

    /** Syncs every connection incrementally. */
    public SyncReport run() {
        return run(List.of(), false);
    }

    /**
     * Syncs the chosen connections (all when empty), in the order they were added.
     *
     * @param connections the connection names, or empty for all
     * @param full        whether to read every connection's whole listing and reconcile deletions
     * @throws UnknownConnectionException when a name is not a connection (before anything is synced)
     * @throws StoreException             when the store fails; connections synced before stay committed
     */
    public SyncReport run(Collection<String> connections, boolean full) {
        Objects.requireNonNull(connections, "connections");
        List<String> chosen = new ArrayList<>();
        if (connections.isEmpty()) {
            chosen.addAll(providers.keySet());
        } else {
            LinkedHashSet<String> wanted = new LinkedHashSet<>();
            for (String name : connections) {
                if (!providers.containsKey(name)) {
                    throw new UnknownConnectionException(name, connectionNames());
                }
                wanted.add(name);
            }
            providers.keySet().stream().filter(wanted::contains).forEach(chosen::add);
        }
        stop.set(false);
        List<ConnectionReport> reports = new ArrayList<>();
        for (String name : chosen) {
            if (stop.get()) {
                break;
            }
            reports.add(syncOne(name, full));
        }
        return new SyncReport(reports, stop.get());
    }

    /** Asks a running sync to stop after its current transaction; safe from any thread. */
    public void stop() {
        stop.set(true);
    }

    /** Closes the connections to the providers (not the store). */
    @Override
    public void close() {
        client.close();
    }

    // ------------------------------------------------------------------------------------------ one connection

    private ConnectionReport syncOne(String name, boolean full) {
        CountingProvider provider = providers.get(name);
        boolean lists = provider.capabilities().supports(Operation.LIST);
        String mode = !lists ? "refresh" : full ? "full" : "incremental";
        long startedNanos = System.nanoTime();
        long requestsBefore = provider.calls();
        long runId = store.transaction("cannot write to", rows -> rows.startRun(name, mode, store.now()));
        Counts counts = new Counts();
        String error = null;
        Outcome outcome = Outcome.OK;
        try {
            if (lists) {
                List<String> warnings = list(name, full, runId, counts);
                if (!warnings.isEmpty()) {
                    error = "warning: " + String.join("; ", warnings);
                }
                if (full && !stop.get()) {
                    confirmUnseen(name, new LivingIds(name, runId, null), Long.MAX_VALUE, runId, counts, null);
                }
            } else {
                refresh(name, full, runId, counts);
            }
            if (stop.get()) {
                outcome = Outcome.FAILED;
                error = "stopped before the end; the next run continues from the last commit";
            }
        } catch (StoreException e) {
            finish(runId, Outcome.FAILED, counts, provider.calls() - requestsBefore, e.getMessage());
            throw e;
        } catch (LeadbridgeException e) {
            outcome = Outcome.FAILED;
            error = SqlErrors.detail(e);
        }
        long requests = provider.calls() - requestsBefore;
        finish(runId, outcome, counts, requests, error);
        return new ConnectionReport(name, provider.providerId(), mode, outcome, counts.inserted, counts.updated,
                counts.unchanged, counts.deleted, requests, Duration.ofNanos(System.nanoTime() - startedNanos),
                error);
    }

    /** Reads the connection's changes into the store; returns the listing's warnings (why it ended early). */
    private List<String> list(String name, boolean full, long runId, Counts counts) {
        SyncCheckpoint start = SyncCheckpoint.initial();
        if (!full) {
            String saved = store.transaction("cannot read from", rows -> rows.checkpoint(name));
            if (saved != null) {
                try {
                    start = SyncCheckpoint.parse(saved);
                } catch (InvalidRequestException e) {
                    // not a checkpoint of this version (or of a connection that could not list): read it all again
                    start = SyncCheckpoint.initial();
                }
            }
        }
        try (SyncResult changes = client.changesSince(name, start, LeadQuery.ALL)) {
            List<Lead> batch = new ArrayList<>(batchSize);
            for (Lead lead : changes) {
                batch.add(lead);
                if (batch.size() >= batchSize) {
                    commit(name, batch, changes.next(), runId, counts);
                    batch.clear();
                    if (stop.get()) {
                        return changes.warnings();
                    }
                }
            }
            commit(name, batch, changes.next(), runId, counts);
            return changes.warnings();
        }
    }

    /** One transaction: the batch's leads and the checkpoint past them. */
    private void commit(String name, List<Lead> batch, SyncCheckpoint checkpoint, long runId, Counts counts) {
        String text = checkpoint.asString();
        LeadRows.Counts c = store.transaction("cannot write to", rows -> {
            LeadRows.Counts written = rows.write(batch, Origin.LIST.column(), store.now(), runId);
            rows.saveCheckpoint(name, text, store.now());
            return written;
        });
        counts.add(c);
    }

    /**
     * Refreshes by id the living leads the store knows of a connection that cannot list, continuing a pass across
     * runs from the position kept in {@code sync_state} ({@link RefreshPosition}): each run refreshes the next leads
     * in native-id order within the requests its {@link SyncBudget} leaves in the sliding hour; a new pass starts
     * once the previous one started {@code sync.full-pass-interval} ago. {@code full} refreshes every lead at once.
     * The ids are read from the store a batch at a time ({@link LivingIds}), never all at once.
     */
    private void refresh(String name, boolean full, long runId, Counts counts) {
        if (full) {
            confirmUnseen(name, new LivingIds(name, null, null), Long.MAX_VALUE, runId, counts, null);
            return;
        }
        SyncBudget budget = budgets.getOrDefault(name, SyncBudget.DEFAULT);
        RefreshPosition position = RefreshPosition.parse(store.transaction("cannot read from",
                rows -> rows.checkpoint(name)));
        java.time.Instant now = clock.instant();
        if (position.after() == null && position.lastPassStarted() != null
                && now.isBefore(position.lastPassStarted().plus(budget.fullPassInterval()))) {
            return;
        }
        if (position.after() == null) {
            position = position.startPass(now);
        }
        int left = budget.reconcileRequestsPerHour() - position.spentWithin(now);
        confirmUnseen(name, new LivingIds(name, null, position.after()), Math.max(0, left), runId, counts,
                position.passing());
    }

    /**
     * Reads by id the next {@code limit} leads of {@code ids}: a lead found is written (origin {@code get} when new),
     * one the provider answers "not found" is marked deleted. Committed every batch, with the refresh position past
     * the batch when {@code refresh} is given (the pass is complete when no living lead follows).
     */
    private void confirmUnseen(String name, LivingIds ids, long limit, long runId, Counts counts,
                               RefreshPosition.Passing refresh) {
        List<Lead> found = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        int requests = 0;
        long done = 0;
        while (done < limit && ids.hasNext()) {
            String nativeId = ids.next();
            try {
                found.add(client.get(name + ":" + nativeId));
            } catch (LeadNotFoundException e) {
                gone.add(name + ":" + nativeId);
            }
            requests++;
            done++;
            boolean last = done >= limit || !ids.hasNext();
            if (found.size() + gone.size() >= batchSize || last) {
                writeConfirmed(name, found, gone, runId, counts, refresh == null ? null
                        : refresh.after(nativeId, requests, last && !ids.hasNext(), clock.instant()));
                requests = 0;
                if (stop.get()) {
                    return;
                }
            }
        }
        if (done == 0 && refresh != null) {
            writeConfirmed(name, found, gone, runId, counts, refresh.after(null, 0, !ids.hasNext(), clock.instant()));
        }
    }

    /**
     * The native ids of a connection's living leads in native-id order, read from the store in keyset chunks of one
     * batch ({@code native_id > last ORDER BY native_id LIMIT batch}), so a confirm or refresh of a million leads
     * holds one chunk of ids, not a million. A chunk is read in its own short transaction; the leads written or
     * marked deleted meanwhile all sort before the next chunk, so the walk neither skips nor repeats one. Optionally
     * only the leads not seen in a run (a full listing's leftovers).
     */
    private final class LivingIds {
        private final String name;
        private final Long notSeenInRun;
        private final ArrayDeque<String> chunk = new ArrayDeque<>();
        private String after;
        private boolean exhausted;

        LivingIds(String name, Long notSeenInRun, String after) {
            this.name = name;
            this.notSeenInRun = notSeenInRun;
            this.after = after;
        }

        boolean hasNext() {
            if (chunk.isEmpty() && !exhausted) {
                String from = after;
                List<String> next = store.transaction("cannot read from",
                        rows -> rows.livingNativeIds(name, notSeenInRun, from, batchSize));
                exhausted = next.size() < batchSize;
                if (!next.isEmpty()) {
                    after = next.get(next.size() - 1);
                    chunk.addAll(next);
                }
            }
            return !chunk.isEmpty();
        }

        String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk.removeFirst();
        }
    }

    private void writeConfirmed(String name, List<Lead> found, List<String> gone, long runId, Counts counts,
                                String position) {
        if (found.isEmpty() && gone.isEmpty() && position == null) {
            return;
        }
        long[] deleted = new long[1];
        LeadRows.Counts c = store.transaction("cannot write to", rows -> {
            LeadRows.Counts written = rows.write(found, Origin.GET.column(), store.now(), runId);
            for (String id : gone) {
                if (rows.markDeleted(id, store.now())) {
                    deleted[0]++;
                }
            }
            if (position != null) {
                rows.saveCheckpoint(name, position, store.now());
            }
            return written;
        });
        counts.add(c);
        counts.deleted += deleted[0];
        found.clear();
        gone.clear();
    }

    private void finish(long runId, Outcome outcome, Counts counts, long requests, String error) {
        try {
            store.transaction("cannot write to", rows -> {
                rows.finishRun(runId, outcome.column(), counts.inserted, counts.updated, counts.deleted, requests,
                        error, store.now());
                return null;
            });
        } catch (StoreException e) {
            if (outcome == Outcome.OK) {
                throw e;
            }
            // the store failed already; the original failure is reported
        }
    }

    private static final class Counts {
        long inserted;
        long updated;
        long unchanged;
        long deleted;

        void add(LeadRows.Counts c) {
            inserted += c.inserted;
            updated += c.updated;
            unchanged += c.unchanged;
        }
    }

    /**
     * Builds a {@link LeadSync}: the store, the connections (from configuration or built in code), the clock the
     * incremental sync compares watermarks with, and the leads per transaction. Not thread-safe.
     */
    public static final class Builder {
        private LeadStore store;
        private final List<Object> specs = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lookBack = LeadbridgeClient.DEFAULT_SYNC_LOOK_BACK;

        private Builder() {
        }

        /** The store to keep current (required; the sync does not close it). */
        public Builder store(LeadStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Adds a connection from configuration; opened with its resilience layers when the sync is built. */
        public Builder connection(ConnectionConfig config) {
            specs.add(Objects.requireNonNull(config, "config"));
            return this;
        }

        /** Adds every connection, in order. */
        public Builder connections(Collection<ConnectionConfig> configs) {
            configs.forEach(this::connection);
            return this;
        }

        /** Adds a connection served by a provider built in code; the sync closes it when closed. */
        public Builder connection(LeadProvider provider) {
            specs.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** The clock incremental sync compares watermarks with; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far before its watermark an incremental sync reads again; default 30 seconds (the client's default). */
        public Builder syncLookBack(Duration lookBack) {
            this.lookBack = Objects.requireNonNull(lookBack, "lookBack");
            return this;
        }

        /** Leads written per transaction, 1 to 10,000; default {@value LeadSync#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int leads) {
            if (leads < 1 || leads > 10_000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + leads);
            }
            this.batchSize = leads;
            return this;
        }

        /**
         * Opens every connection and builds the engine.
         *
         * @throws ConfigurationException when there is no store or connection, or a connection cannot be opened
         */
        public LeadSync build() {
            if (store == null) {
                throw new ConfigurationException("a sync needs a store", ErrorDetails.NONE);
            }
            if (specs.isEmpty()) {
                throw new ConfigurationException("a sync needs at least one connection", ErrorDetails.NONE);
            }
            Map<String, CountingProvider> counted = new LinkedHashMap<>();
            Map<String, SyncBudget> budgets = new LinkedHashMap<>();
            LeadbridgeClient.Builder client = LeadbridgeClient.builder().clock(clock).syncLookBack(lookBack);
            try {
                for (Object spec : specs) {
                    LeadProvider provider = spec instanceof ConnectionConfig config ? LeadProviders.open(config)
                            : (LeadProvider) spec;
                    CountingProvider counting = new CountingProvider(provider);
                    if (counted.putIfAbsent(provider.connection(), counting) != null) {
                        provider.close();
                        throw new ConfigurationException("connection '" + provider.connection() + "' is added twice",
                                ErrorDetails.of(provider.providerId(), provider.connection()));
                    }
                    client.connection(counting);
                    Optional<RateLimitSpec> limit = provider instanceof ResilientLeadProvider resilient
                            ? resilient.rateLimit() : Optional.empty();
                    SyncBudget budget = spec instanceof ConnectionConfig config
                            ? SyncBudget.forConnection(config, limit) : SyncBudget.DEFAULT.withRateLimit(limit);
                    client.syncBudget(provider.connection(), budget);
                    budgets.put(provider.connection(), budget);
                }
                return new LeadSync(store, client.build(), counted, batchSize, budgets, clock);
            } catch (RuntimeException e) {
                counted.values().forEach(CountingProvider::close);
                throw e;
            }
        }
    }
}
