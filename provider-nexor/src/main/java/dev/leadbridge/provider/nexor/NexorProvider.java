package dev.leadbridge.provider.nexor;

import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.spi.ProviderBuilder;
import dev.leadbridge.core.spi.ProviderSettings;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.nexor.internal.NexorClient;
import dev.leadbridge.provider.nexor.internal.NexorStatuses;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connection to one Nexor account ({@code https://api.getnexor.ai/api/public}, {@code X-API-Key} auth): get,
 * create (single and bulk), update and status change of leads by their UUID. Nexor documents no listing endpoint,
 * so {@link #list(LeadQuery, int)} and {@link #stream(LeadQuery)} raise
 * {@link dev.leadbridge.core.error.OperationNotSupportedException}. Calls are not retried here. Thread-safe.
 *
 * <pre>{@code
 * LeadProvider nexor = NexorProvider.builder()
 *         .connection("acme-nexor")
 *         .apiKey(System.getenv("NEXOR_API_KEY"))
 *         .build();
 * Lead lead = nexor.get("123e4567-e89b-12d3-a456-426614174000");
 * }</pre>
 */
public final class NexorProvider implements LeadProvider {

    /** The provider id. */
    public static final String PROVIDER_ID = "nexor";
    /** The documented production API base. */
    public static final String DEFAULT_BASE_URL = "https://api.getnexor.ai/api/public";
    /** The most leads Nexor accepts in one bulk create request, and the default bulk size. */
    public static final int MAX_BULK_SIZE = NexorClient.MAX_BULK_SIZE;
    /** The connection name used when none is set. */
    public static final String DEFAULT_CONNECTION = "nexor";
    /** The default status table of workflow status keys: new, contacted, engaged, qualified, won, lost. */
    public static final StatusMapping DEFAULT_STATUS_MAPPING = NexorStatuses.DEFAULTS;
    /** What Nexor offers: no listing and no delete are documented. */
    public static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(
            EnumSet.of(Operation.GET, Operation.CREATE, Operation.BULK_CREATE, Operation.UPDATE,
                    Operation.CHANGE_STATUS),
            Set.of(), Set.of(), false, List.of(), 0, false);

    private final String connection;
    private final String baseUrl;
    private final NexorClient client;

    private NexorProvider(ProviderSettings settings, int bulkSize) {
        this.connection = settings.connection();
        this.baseUrl = settings.baseUrl();
        this.client = new NexorClient(settings, bulkSize);
    }

    /** A new builder; {@link Builder#apiKey(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }


    /** {@inheritDoc} Always {@value #PROVIDER_ID}. */
    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    /** {@inheritDoc} */
    @Override
    public String connection() {
        return connection;
    }

    /** {@inheritDoc} See {@link #CAPABILITIES}. */
    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * The lead with this UUID, from either documented answer shape.
     *
     * @throws dev.leadbridge.core.error.InvalidLeadIdException when the id is not a UUID (before any request)
     * @throws dev.leadbridge.core.error.LeadNotFoundException when Nexor has no such lead
     */
    @Override
    public Lead get(String nativeId) {
        return client.get(nativeId);
    }

    /** The fields of the wrong type in a lead Nexor sent (its {@code raw} read again); no request. */
    @Override
    public List<UnreadableField> unreadableFields(Lead lead) {
        return client.unreadable(lead);
    }

    /**
     * Always fails: Nexor documents no endpoint that lists leads.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException always
     */
    @Override
    public LeadPage list(LeadQuery query, int page) {
        throw unsupported("listing leads");
    }

    /**
     * Creates one lead ({@code POST /leads}) and returns the lead of the answer. {@code firstName} is required;
     * fields Nexor's create cannot store are refused before the request.
     *
     * @throws dev.leadbridge.core.error.InvalidRequestException when firstName is missing or Nexor rejects the lead
     * @throws dev.leadbridge.core.error.OperationNotSupportedException for a field Nexor's create cannot store
     */
    @Override
    public Lead create(NewLead lead) {
        return client.create(lead);
    }

    /**
     * Creates many leads in bulk requests of at most {@link Builder#bulkSize(int)} leads; returns one item per input
     * in input order, with the created lead or that item's typed error. Leads refused locally are not sent.
     */
    @Override
    public BulkCreateResult createAll(List<NewLead> leads) {
        return client.createAll(leads);
    }

    /**
     * Applies field changes with {@code PUT /leads/{id}} (metadata merged key by key), then a status change with
     * {@code POST /leads/{id}/status} (reason kept in Nexor's history), and returns the lead read back afterwards.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException for a change Nexor cannot store (e.g. name
     *                                                                  without first and last name, value, note)
     */
    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        return client.update(nativeId, update);
    }

    /** {@inheritDoc} Nexor documents no rate-limit headers; filled only if answers carry {@code X-RateLimit-*}. */
    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return client.rateLimitStatus();
    }

    /** Shows connection and base URL, never the API key. */
    @Override
    public String toString() {
        return "NexorProvider[connection=" + connection + ", baseUrl=" + baseUrl + "]";
    }

    /**
     * Builds a {@link NexorProvider}: the settings every provider has (see {@link ProviderBuilder}; the connection
     * name defaults to {@value #DEFAULT_CONNECTION}) and {@link #bulkSize(int)}. Each setting may be given once (a
     * repeated setting is an {@link IllegalStateException}); a wrong or missing value is a
     * {@link ConfigurationException}; the API key is required. Not thread-safe.
     */
    public static final class Builder extends ProviderBuilder<Builder, NexorProvider> {
        private int bulkSize = MAX_BULK_SIZE;

        private Builder() {
            super(PROVIDER_ID, DEFAULT_BASE_URL, DEFAULT_CONNECTION);
        }

        /** Leads per bulk create request, 1 to {@value NexorProvider#MAX_BULK_SIZE}; default the maximum. */
        public Builder bulkSize(int size) {
            once("bulkSize");
            if (size < 1 || size > MAX_BULK_SIZE) {
                throw invalid("bulkSize must be 1 to " + MAX_BULK_SIZE + ", was " + size);
            }
            this.bulkSize = size;
            return this;
        }

        @Override
        protected StatusMapping defaultStatuses() {
            return DEFAULT_STATUS_MAPPING;
        }

        @Override
        protected NexorProvider create(ProviderSettings settings) {
            return new NexorProvider(settings, bulkSize);
        }
    }
}
