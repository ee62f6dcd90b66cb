package dev.leadbridge.store.internal;

import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.spi.LeadStreams;
import dev.leadbridge.core.api.ProviderCapabilities;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A provider that counts the calls made to it (each listed page, each get, each write), so a sync can report the
 * requests it cost. Streams are read page by page through {@link #list}, so their pages are counted too. Retries
 * inside the wrapped provider's resilience layer are not counted: one call is one request asked for.
 */
public final class CountingProvider implements LeadProvider {

    private final LeadProvider delegate;
    private final AtomicLong calls = new AtomicLong();

    /** Counts the calls to {@code delegate}. */
    public CountingProvider(LeadProvider delegate) {
        this.delegate = delegate;
    }

    /** The calls counted so far. */
    public long calls() {
        return calls.get();
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public String connection() {
        return delegate.connection();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return delegate.capabilities();
    }

    /**
     * {@inheritDoc} Always {@linkplain LeadProvider#getFresh fresh}: the sync engine confirms deletions and refreshes
     * leads by id, where a cached copy would hide the change it is looking for.
     */
    @Override
    public Lead get(String nativeId) {
        return getFresh(nativeId);
    }

    @Override
    public Lead getFresh(String nativeId) {
        calls.incrementAndGet();
        return delegate.getFresh(nativeId);
    }

    /** Not counted: no request. */
    @Override
    public List<UnreadableField> unreadableFields(Lead lead) {
        return delegate.unreadableFields(lead);
    }

    @Override
    public LeadPage list(LeadQuery query, int page) {
        calls.incrementAndGet();
        return delegate.list(query, page);
    }

    @Override
    public LeadPage listTryingSort(LeadQuery query, int page) {
        calls.incrementAndGet();
        return delegate.listTryingSort(query, page);
    }

    @Override
    public Stream<Lead> stream(LeadQuery query) {
        return LeadStreams.stream(this, query, LeadStreams.DEFAULT_CLIENT_SORT_LIMIT);
    }

    @Override
    public Lead create(NewLead lead) {
        calls.incrementAndGet();
        return delegate.create(lead);
    }

    @Override
    public BulkCreateResult createAll(List<NewLead> leads) {
        calls.incrementAndGet();
        return delegate.createAll(leads);
    }

    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        calls.incrementAndGet();
        return delegate.update(nativeId, update);
    }

    @Override
    public void delete(String nativeId) {
        calls.incrementAndGet();
        delegate.delete(nativeId);
    }

    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return delegate.rateLimitStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
