package dev.leadbridge.client;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.spi.AbstractLeadProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An in-memory provider for unit tests of the client: pages over a list of leads with the canonical comparator,
 * counts calls and concurrency, and fails on demand. Thread-safe.
 */
class FakeProvider extends AbstractLeadProvider {

    private final Map<String, Lead> leads = new LinkedHashMap<>();
    private final Set<SortField> sortFields;
    private final boolean lists;
    private final boolean reportsTotalPages;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile Duration latency = Duration.ZERO;
    volatile IntFunction<RuntimeException> failOnPage = page -> null;
    private int nextId = 1;

    FakeProvider(String connection, Set<SortField> sortFields, boolean lists, boolean reportsTotalPages) {
        super("fake", connection);
        this.sortFields = sortFields.isEmpty() ? Set.of() : EnumSet.copyOf(sortFields);
        this.lists = lists;
        this.reportsTotalPages = reportsTotalPages;
    }

    /** Sorts on every field, lists, reports page counts. */
    static FakeProvider sorting(String connection) {
        return new FakeProvider(connection, EnumSet.allOf(SortField.class), true, true);
    }

    synchronized FakeProvider add(Lead.Builder lead) {
        Lead built = lead.connection(connection()).provider("fake").build();
        leads.put(built.nativeId(), built);
        return this;
    }

    /** Adds {@code n} leads named {@code prefix-i}, created one minute apart from {@code start}. */
    synchronized FakeProvider addMany(int n, String prefix, Instant start) {
        for (int i = 0; i < n; i++) {
            Instant t = start.plusSeconds(60L * i);
            add(Lead.builder().nativeId(prefix + "-" + String.format("%05d", i)).name(prefix + " " + i)
                    .email(prefix + i + "@example.com").createdAt(t).updatedAt(t)
                    .value(java.math.BigDecimal.valueOf((i * 37L) % 101)));
        }
        return this;
    }

    /** Replaces a lead with a copy whose updatedAt is {@code at}. */
    synchronized void touch(String nativeId, Instant at) {
        Lead lead = leads.remove(nativeId);
        leads.put(nativeId, lead.toBuilder().updatedAt(at).build());
    }

    synchronized List<Lead> all() {
        return List.copyOf(leads.values());
    }

    @Override
    public ProviderCapabilities capabilities() {
        Set<Operation> ops = lists ? EnumSet.of(Operation.GET, Operation.LIST, Operation.CREATE)
                : EnumSet.of(Operation.GET, Operation.CREATE);
        return new ProviderCapabilities(ops, Set.of(), sortFields, true, List.of(), 1000, reportsTotalPages);
    }

    @Override
    protected LeadPage fetchPage(LeadQuery query, int page) {
        calls.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            RuntimeException failure = failOnPage.apply(page);
            if (failure != null) {
                throw failure;
            }
            List<Lead> matching;
            synchronized (this) {
                matching = new ArrayList<>(leads.values().stream().filter(query::matches).toList());
            }
            if (!query.sort().isEmpty()) {
                matching.sort(query.comparator());
            }
            int size = query.pageSize();
            int total = (matching.size() + size - 1) / size;
            int from = Math.min(matching.size(), (page - 1) * size);
            List<Lead> slice = matching.subList(from, Math.min(matching.size(), from + size));
            return new LeadPage(slice, page, size, reportsTotalPages ? total : null, (long) matching.size(),
                    page < total, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.leadbridge.core.error.ProviderUnavailableException("interrupted", details(), e, false);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public synchronized Lead get(String nativeId) {
        Lead lead = leads.get(nativeId);
        if (lead == null) {
            throw new LeadNotFoundException("no lead " + nativeId, ErrorDetails.of("fake", connection()));
        }
        return lead;
    }

    @Override
    public synchronized Lead create(NewLead lead) {
        String id = "new-" + nextId++;
        Lead created = Lead.builder().connection(connection()).provider("fake").nativeId(id).name(lead.name())
                .email(lead.email()).phone(lead.phone()).build();
        leads.put(id, created);
        return created;
    }

    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        throw unsupported("update");
    }
}
