package dev.leadbridge.benchmarks;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A provider {@code stub} that only answers {@code get}, in memory: what the benches that measure the layers above
 * a provider (cache, store confirm) put under them. Subclasses give the connection and the leads.
 */
abstract class GetOnlyStub implements LeadProvider {

    private static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(
            EnumSet.of(Operation.GET), Set.of(), Set.of(), false, List.of(), 100, false);

    @Override
    public String providerId() {
        return "stub";
    }

    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public LeadPage list(LeadQuery query, int page) {
        throw unsupported("listing leads");
    }

    @Override
    public Lead create(NewLead lead) {
        throw unsupported("create");
    }

    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        throw unsupported("update");
    }
}
