package dev.leadbridge.provider.workspace;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.QueryFeature;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.spi.AbstractLeadProvider;
import dev.leadbridge.core.spi.StatusMapping;
import dev.leadbridge.provider.workspace.internal.WorkspaceClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workspace-v1 (PollyBot) lead API as a {@link dev.leadbridge.core.api.LeadProvider}: get, list, update, delete
 * and, when a chatbot id is configured, create. Authenticates with {@code Authorization: Bearer sk-workspace_...}.
 *
 * <p><b>Paths.</b> Without a chatbot id the workspace-level routes of the operation pages are used
 * ({@code /leads}, {@code /leads/{id}}); with one, every call uses the chatbot-scoped routes of the docs' index page
 * and the public client ({@code /chatbots/{chatbotId}/leads...}), which are the only documented place to create
 * leads. Without a chatbot id, {@link #create(NewLead)} raises
 * {@link dev.leadbridge.core.error.OperationNotSupportedException} and {@link #capabilities()} lacks
 * {@link Operation#CREATE}.
 *
 * <p><b>Listing.</b> The server is asked for what it can filter ({@code status} when the wanted categories stand
 * for a single raw value, one {@code source}, {@code search} when it cannot miss a phone match); core applies the
 * whole query on the client. The server's order, createdAt descending, is the natural order; every other sort is
 * done on the client by {@link #stream(LeadQuery)} within {@link dev.leadbridge.core.spi.LeadStreams#DEFAULT_CLIENT_SORT_LIMIT}
 * leads. Pages are at most {@value WorkspaceClient#MAX_PAGE_SIZE} leads; a lead seen twice while leads are inserted
 * during a listing is dropped by id.
 *
 * <p><b>Rate limits.</b> The {@code X-RateLimit-*} headers of each response are exposed by
 * {@link #rateLimitStatus()} and on every {@link LeadPage#rateLimit()}; a 429 is a
 * {@link dev.leadbridge.core.error.RateLimitedException} whose wait comes from {@code Retry-After}, else from
 * {@code X-RateLimit-Reset}. This is a bare provider: retries and client-side rate limiting are added by core's
 * resilience decorators. Thread-safe.
 */
public final class WorkspaceProvider extends AbstractLeadProvider {

    /** The provider id used in configuration: {@code workspace-v1}. */
    public static final String PROVIDER_ID = "workspace-v1";
    /** The documented production API base. */
    public static final String DEFAULT_BASE_URL = "https://pollybot.app/api/v1";
    /** The connection option naming the chatbot whose routes are used (required to create leads). */
    public static final String CHATBOT_ID_OPTION = "chatbot-id";
    /** The prefix of every workspace-v1 API key. */
    public static final String API_KEY_PREFIX = "sk-workspace_";

    /** The default mapping of raw statuses (case-insensitive); the first value of a category is the one written. */
    static final Map<String, LeadStatus> DEFAULT_STATUSES = defaultStatuses();

    private final WorkspaceClient client;
    private final ProviderCapabilities capabilities;
    private final String baseUrl;
    private final String chatbotId;

    private WorkspaceProvider(Builder b, String connection, ApiKey apiKey) {
        super(PROVIDER_ID, connection);
        this.baseUrl = b.baseUrl;
        this.chatbotId = b.chatbotId;
        StatusMapping statuses;
        try {
            statuses = StatusMapping.of(DEFAULT_STATUSES).withOverrides(b.statusOverrides);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), details(), e);
        }
        this.client = new WorkspaceClient(PROVIDER_ID, connection, b.baseUrl, b.chatbotId, apiKey,
                b.connectTimeout, b.readTimeout, statuses, b.defaultRegion, b.clock);
        this.capabilities = capabilities(b.chatbotId != null);
    }

    /** A new builder; connection name and API key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The capabilities of a connection with ({@code canCreate}) or without a chatbot id. */
    static ProviderCapabilities capabilities(boolean canCreate) {
        Set<Operation> operations = EnumSet.of(Operation.GET, Operation.LIST, Operation.UPDATE,
                Operation.CHANGE_STATUS, Operation.DELETE);
        if (canCreate) {
            operations.add(Operation.CREATE);
        }
        return new ProviderCapabilities(operations,
                EnumSet.of(QueryFeature.STATUS, QueryFeature.SOURCE, QueryFeature.SEARCH),
                Set.of(), false, List.of(SortKey.desc(SortField.CREATED_AT)), WorkspaceClient.MAX_PAGE_SIZE, true);
    }

    /**
     * {@inheritDoc} {@link Operation#CREATE} is present only when a chatbot id is configured.
     */
    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /**
     * {@inheritDoc} Accepts the documented {@code lead_<hex>} ids and the unprefixed ids of the live API alike;
     * anything but letters, digits, {@code -} and {@code _} is rejected before any request, as is the server's
     * {@code INVALID_ID_FORMAT}.
     */
    @Override
    public Lead get(String nativeId) {
        return client.get(nativeId);
    }

    /** Fetches one page of the server's answer to the pushed-down part of the query, in the server's order. */
    @Override
    protected LeadPage fetchPage(LeadQuery query, int page) {
        return client.list(query, page);
    }

    /**
     * {@inheritDoc} Needs a chatbot id; name and email are required and checked before the request. The attribution's
     * UTM values are stored as {@code utm_*} keys of {@code metadata} together with {@code custom}; fields the API
     * cannot store (company, title, value, note, consent, click ids, ...) are refused, naming them.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException without a chatbot id, or for fields the API
     *                                                                   cannot store
     * @throws dev.leadbridge.core.error.InvalidRequestException        when name or email is missing
     * @throws dev.leadbridge.core.error.ConflictException              for a duplicate email, naming the existing lead
     */
    @Override
    public Lead create(NewLead lead) {
        return client.create(lead);
    }

    /**
     * {@inheritDoc} Changes name, email, phone, source, status (sent as the category's preferred raw value) and
     * custom (merged into {@code metadata}; a null entry removes the key); any other field is refused before the
     * request, naming it.
     *
     * @throws dev.leadbridge.core.error.OperationNotSupportedException naming fields the API cannot change
     * @throws dev.leadbridge.core.error.ConflictException              for a duplicate email, naming the existing lead
     */
    @Override
    public Lead update(String nativeId, LeadUpdate update) {
        return client.update(nativeId, update);
    }

    /** Deletes the lead permanently. @throws dev.leadbridge.core.error.LeadNotFoundException when it does not exist */
    @Override
    public void delete(String nativeId) {
        client.delete(nativeId);
    }

    /** The {@code X-RateLimit-*} budget of the latest response that reported one. */
    @Override
    public Optional<RateLimitStatus> rateLimitStatus() {
        return client.rateLimitStatus();
    }

    /** Connection, base URL and chatbot id; never the API key. */
    @Override
    public String toString() {
        return "WorkspaceProvider[connection=" + connection() + ", baseUrl=" + baseUrl
                + (chatbotId == null ? "" : ", chatbotId=" + chatbotId) + "]";
    }

    private static Map<String, LeadStatus> defaultStatuses() {
        Map<String, LeadStatus> m = new LinkedHashMap<>();
        m.put("new", LeadStatus.OPEN);
        m.put("contacted", LeadStatus.CONTACTED);
        m.put("follow_up", LeadStatus.CONTACTED);
        m.put("unresponsive", LeadStatus.CONTACTED);
        m.put("qualified", LeadStatus.QUALIFIED);
        m.put("negotiating", LeadStatus.QUALIFIED);
        m.put("converted", LeadStatus.WON);
        m.put("lost", LeadStatus.LOST);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Builds a {@link WorkspaceProvider}. Each setting may be given once (a repeated setting is an
     * {@link IllegalStateException}); an invalid value is a {@link ConfigurationException} naming the setting and
     * never showing the API key. Not thread-safe.
     */
    public static final class Builder {
        private static final Pattern KEY = Pattern.compile(Pattern.quote(API_KEY_PREFIX) + "[\\x21-\\x7E&&[^{}]]+");
        private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
        private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}");

        private String connection;
        private String baseUrl;
        private ApiKey apiKey;
        private Duration connectTimeout;
        private Duration readTimeout;
        private String defaultRegion;
        private String chatbotId;
        private Clock clock;
        private final Map<String, String> statusOverrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** The connection name (letters, digits, {@code -}, {@code _}); required. */
        public Builder connection(String name) {
            requireUnset(connection, "connection");
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw invalid("connection name '" + name + "' must be letters, digits, '-' or '_'");
            }
            this.connection = name;
            return this;
        }

        /**
         * The API base, default {@value WorkspaceProvider#DEFAULT_BASE_URL}; https, or plain http for loopback hosts
         * only. The client appends {@code /leads...} (or {@code /chatbots/<id>/leads...}).
         */
        public Builder baseUrl(String url) {
            requireUnset(baseUrl, "baseUrl");
            this.baseUrl = checkedBaseUrl(url);
            return this;
        }

        /** The API key, {@code sk-workspace_...}; required. Sent only in the {@code Authorization} header. */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw invalid("the api-key must not be blank");
            }
            return apiKey(ApiKey.of(key));
        }

        /** The API key, {@code sk-workspace_...}; required. Sent only in the {@code Authorization} header. */
        public Builder apiKey(ApiKey key) {
            requireUnset(apiKey, "apiKey");
            Objects.requireNonNull(key, "apiKey");
            if (!KEY.matcher(key.reveal()).matches()) {
                throw invalid("the api-key is not a workspace-v1 key: keys start with '" + API_KEY_PREFIX
                        + "' followed by printable characters (create one in the workspace dashboard)");
            }
            this.apiKey = key;
            return this;
        }

        /** Connect timeout, default {@link ProviderHttpClient#DEFAULT_CONNECT_TIMEOUT}; positive. */
        public Builder connectTimeout(Duration timeout) {
            requireUnset(connectTimeout, "connectTimeout");
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Read timeout, default {@link ProviderHttpClient#DEFAULT_READ_TIMEOUT}; positive. */
        public Builder readTimeout(Duration timeout) {
            requireUnset(readTimeout, "readTimeout");
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** The ISO 3166 region (e.g. {@code NL}) for phone numbers without a country code; default none. */
        public Builder defaultRegion(String region) {
            requireUnset(defaultRegion, "defaultRegion");
            if (region == null || !REGION.matcher(region.trim()).matches()) {
                throw invalid("defaultRegion must be a two-letter ISO 3166 region such as NL, was '" + region + "'");
            }
            this.defaultRegion = region.trim().toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * The chatbot whose routes ({@code /chatbots/<id>/leads...}) every call uses; required to create leads.
         * Must be a URL-safe token (letters, digits, {@code -}, {@code _}).
         */
        public Builder chatbotId(String id) {
            requireUnset(chatbotId, "chatbotId");
            if (id == null || !TOKEN.matcher(id.trim()).matches()) {
                throw invalid("chatbot-id must be a URL-safe token of letters, digits, '-' and '_' (at most 256),"
                        + " was '" + (id == null ? null : id.length() > 64 ? id.substring(0, 64) + "..." : id)
                        + "'");
            }
            this.chatbotId = id.trim();
            return this;
        }

        /** Maps one more raw status value (any case) to a category, overriding the default mapping for it. */
        public Builder statusMapping(String raw, LeadStatus category) {
            Objects.requireNonNull(category, "category");
            if (raw == null || raw.isBlank()) {
                throw invalid("a status mapping needs a raw value");
            }
            String key = "status." + raw.trim().toLowerCase(Locale.ROOT);
            if (statusOverrides.containsKey(key)) {
                throw new IllegalStateException("the status mapping of '" + raw.trim() + "' was already set");
            }
            statusOverrides.put(key, category.name());
            return this;
        }

        /** The time source for {@code Retry-After} dates; default the system UTC clock. */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the provider; nothing is sent until the first call.
         *
         * @throws ConfigurationException when the connection name or the API key is missing
         */
        public WorkspaceProvider build() {
            if (connection == null) {
                throw invalid("a connection name is required");
            }
            if (apiKey == null) {
                throw invalid("connection '" + connection + "' needs an api-key");
            }
            if (baseUrl == null) {
                baseUrl = DEFAULT_BASE_URL;
            }
            if (connectTimeout == null) {
                connectTimeout = ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT;
            }
            if (readTimeout == null) {
                readTimeout = ProviderHttpClient.DEFAULT_READ_TIMEOUT;
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            return new WorkspaceProvider(this, connection, apiKey);
        }

        private ConfigurationException invalid(String message) {
            return new ConfigurationException(message, ErrorDetails.of(PROVIDER_ID, connection));
        }

        private static void requireUnset(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set");
            }
        }

        private Duration positive(Duration d, String setting) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw invalid(setting + " must be a positive duration, was " + d);
            }
            return d;
        }

        private String checkedBaseUrl(String url) {
            URI uri;
            try {
                uri = new URI(url == null ? "" : url.trim());
            } catch (URISyntaxException e) {
                throw invalid("baseUrl is not a URL: '" + url + "'");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw invalid("baseUrl must be an http(s) URL with a host, was '" + url + "'");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw invalid("baseUrl must not have user info, a query or a fragment, was '" + url + "'");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw invalid("baseUrl '" + url + "' must use https (plain http is allowed only for loopback hosts)");
            }
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        }

        private static boolean isLoopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!h.matches("[0-9.]+") && !h.contains(":")) {
                return false;
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
