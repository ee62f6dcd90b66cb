package dev.leadbridge.store;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.spi.LeadStreams;
import dev.leadbridge.core.api.ProviderCapabilities;
import java.util.stream.Stream;

/** A provider that forwards every call, for tests that change one behaviour of a real provider. */
class ForwardingProvider implements LeadProvider {

    private final LeadProvider delegate;

    ForwardingProvider(LeadProvider delegate) {
        this.delegate = delegate;
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

    @Override
    public Lead get(String nativeId) {
        return delegate.get(nativeId);
    }

    @Override
    public LeadPage list(LeadQuery query, int page) {
        return delegate.list(query, page);
    }

    @Override
    public Stream<Lead> stream(LeadQuery query) {
        return LeadStreams.stream(this, query, LeadStreams.DEFAULT_CLIENT_SORT_LIMIT);
    }

    @Override
    public Lead create(NewLead lead) {
        return delegate.create(lead);
    }

    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        return delegate.update(nativeId, update);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
