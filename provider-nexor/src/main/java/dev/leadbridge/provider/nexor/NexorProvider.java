package dev.leadbridge.provider.nexor;

import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.nexor.internal.NexorClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    /** What Nexor offers: no listing and no delete are documented. */
    public static final ProviderCapabilities CAPABILITIES = new ProviderCapabilities(
            EnumSet.of(Operation.GET, Operation.CREATE, Operation.BULK_CREATE, Operation.UPDATE,
                    Operation.CHANGE_STATUS),
            Set.of(), Set.of(), false, List.of(), 0, false);

    private final String connection;
    private final String baseUrl;
    private final NexorClient client;

    private NexorProvider(Builder b) {
        this.connection = b.connection;
        this.baseUrl = b.baseUrl;
        this.client = new NexorClient(PROVIDER_ID, b.connection, b.baseUrl, b.apiKey, b.connectTimeout,
                b.readTimeout, b.defaultRegion, b.statusMapping(), b.bulkSize, b.clock);
    }

    /** A new builder; {@link Builder#apiKey(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default status mapping of workflow status keys, before any connection override. */
    public static StatusMapping defaultStatusMapping() {
        return NexorClient.defaultStatusMapping();
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
     * Builds a {@link NexorProvider}. Each setting may be given once; values are checked when given, the API key and
     * the base URL's scheme (https, or http on loopback only) when building. Not thread-safe.
     */
    public static final class Builder {
        private String connection = DEFAULT_CONNECTION;
        private String baseUrl = DEFAULT_BASE_URL;
        private ApiKey apiKey;
        private Duration connectTimeout = ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = ProviderHttpClient.DEFAULT_READ_TIMEOUT;
        private String defaultRegion;
        private final Map<String, String> statusOverrides = new LinkedHashMap<>();
        private int bulkSize = MAX_BULK_SIZE;
        private Clock clock = Clock.systemUTC();
        private final Set<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        private void once(String setting) {
            if (!set.add(setting)) {
                throw new IllegalStateException(setting + " was already set");
            }
        }

        /** The connection name (letters, digits, {@code -}, {@code _}); default {@value #DEFAULT_CONNECTION}. */
        public Builder connection(String connection) {
            once("connection");
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The API base URL; default {@value NexorProvider#DEFAULT_BASE_URL}. A trailing slash is dropped. */
        public Builder baseUrl(String baseUrl) {
            once("baseUrl");
            String url = Objects.requireNonNull(baseUrl, "baseUrl").trim();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            this.baseUrl = url;
            return this;
        }

        /** The Nexor API key ({@code nxr_live_...}); required. @throws IllegalArgumentException when blank */
        public Builder apiKey(String apiKey) {
            return apiKey(ApiKey.of(apiKey));
        }

        /** The Nexor API key; required. */
        public Builder apiKey(ApiKey apiKey) {
            once("apiKey");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The connect timeout; default 5 s. @throws IllegalArgumentException when not positive */
        public Builder connectTimeout(Duration timeout) {
            once("connectTimeout");
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** The read timeout; default 30 s. @throws IllegalArgumentException when not positive */
        public Builder readTimeout(Duration timeout) {
            once("readTimeout");
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** The region (ISO 3166, e.g. {@code NL}) for phone numbers without a country code; default none. */
        public Builder defaultRegion(String region) {
            once("defaultRegion");
            this.defaultRegion = region == null || region.isBlank() ? null : region.trim().toUpperCase(Locale.ROOT);
            return this;
        }

        /** Maps one more workflow status key to a canonical status (overriding the default for that key). */
        public Builder statusOverride(String statusKey, LeadStatus status) {
            Objects.requireNonNull(statusKey, "statusKey");
            Objects.requireNonNull(status, "status");
            statusOverrides.put(ConnectionOptions.STATUS_PREFIX + statusKey, status.name());
            return this;
        }

        /**
         * Takes the status overrides ({@code status.<key> = CATEGORY}) among connection options; other keys are
         * ignored. @throws IllegalArgumentException naming a key whose category is not a {@link LeadStatus}
         */
        public Builder statusOverrides(Map<String, String> options) {
            Map<String, String> picked = new LinkedHashMap<>();
            options.forEach((key, value) -> {
                if (key.startsWith(ConnectionOptions.STATUS_PREFIX)) {
                    picked.put(key, value);
                }
            });
            NexorClient.defaultStatusMapping().withOverrides(picked);
            statusOverrides.putAll(picked);
            return this;
        }

        /** Leads per bulk create request, 1 to {@value NexorProvider#MAX_BULK_SIZE}; default the maximum. */
        public Builder bulkSize(int size) {
            once("bulkSize");
            if (size < 1 || size > MAX_BULK_SIZE) {
                throw new IllegalArgumentException("bulkSize must be 1 to " + MAX_BULK_SIZE + ", was " + size);
            }
            this.bulkSize = size;
            return this;
        }

        /** The time source (for {@code Retry-After} dates); default the system UTC clock. */
        public Builder clock(Clock clock) {
            once("clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the provider.
         *
         * @throws ConfigurationException when the API key is missing, the connection name is invalid or the base
         *                                URL is not https (plain http only on loopback)
         */
        public NexorProvider build() {
            ErrorDetails where = ErrorDetails.of(PROVIDER_ID, connection);
            if (apiKey == null) {
                throw new ConfigurationException("a Nexor connection needs an API key (X-API-Key)", where);
            }
            URI uri;
            try {
                uri = new URI(baseUrl);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(baseUrl, "needs a scheme and a host");
                }
            } catch (URISyntaxException e) {
                throw new ConfigurationException("base URL '" + baseUrl + "' is not a URL", where);
            }
            // checks the connection name and the scheme (https, or http on loopback) like a configured connection
            new ConnectionConfig(connection, PROVIDER_ID, uri, apiKey, Map.of());
            return new NexorProvider(this);
        }

        private StatusMapping statusMapping() {
            return NexorClient.defaultStatusMapping().withOverrides(statusOverrides);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
