package dev.leadbridge.core.spi;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.ConnectionOptions;
import dev.leadbridge.core.api.internal.ConnectionRules;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.ProviderHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one base of every provider's builder: the settings each connection has (connection name, base URL, API key,
 * timeouts, default region, clock, status overrides), checked the same way for every provider. A provider's builder
 * extends it, adds its own settings with {@link #once(String)} and {@link #invalid(String)}, and builds its provider
 * from the completed {@link ProviderSettings} in {@link #create(ProviderSettings)}.
 *
 * <p>Rules: each setting may be given once (a repeated setting is an {@link IllegalStateException} naming it, as a
 * programming error); a wrong or missing value is a {@link ConfigurationException} naming the setting and never
 * showing the API key. The base URL must be https, or plain http on a loopback host, and loses trailing slashes.
 * Not thread-safe.
 *
 * @param <B> the provider's builder type
 * @param <P> the provider type
 */
public abstract class ProviderBuilder<B extends ProviderBuilder<B, P>, P> {

    private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}");

    private final String providerId;
    private final String defaultBaseUrl;
    private final Set<String> given = new HashSet<>();
    private final Map<String, String> statusOverrides = new LinkedHashMap<>();
    private String connection;
    private String baseUrl;
    private ApiKey apiKey;
    private Duration connectTimeout;
    private Duration readTimeout;
    private String defaultRegion;
    private Clock clock;
    private StatusMapping statusMapping;

    /**
     * @param providerId        the provider id, for errors
     * @param defaultBaseUrl    the documented production API base
     * @param defaultConnection the connection name when none is given, or null to require one
     */
    protected ProviderBuilder(String providerId, String defaultBaseUrl, String defaultConnection) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.defaultBaseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        this.connection = defaultConnection;
    }

    /** This builder as its own type, for chaining. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Takes everything a configured connection says that every provider reads: name, base URL (or the default),
     * key, {@code connect-timeout}, {@code read-timeout}, {@code default-region} and {@code status.<raw>} overrides.
     * The provider reads its own options afterwards.
     *
     * @throws ConfigurationException naming the key at fault ({@code connections.<name>.<key>})
     */
    public B configure(ConnectionConfig config) {
        connection(config.name());
        baseUrl(config.baseUrlOr(defaultBaseUrl));
        apiKey(config.apiKey());
        connectTimeout(config.duration(ConnectionOptions.CONNECT_TIMEOUT, ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT));
        readTimeout(config.duration(ConnectionOptions.READ_TIMEOUT, ProviderHttpClient.DEFAULT_READ_TIMEOUT));
        String region = config.option(ConnectionOptions.DEFAULT_REGION);
        if (region != null && !region.isBlank()) {
            if (!REGION.matcher(region.trim()).matches()) {
                throw invalid("'connections." + config.name() + "." + ConnectionOptions.DEFAULT_REGION
                        + "' must be a two-letter ISO 3166 region such as NL, was '" + region + "'");
            }
            defaultRegion(region);
        }
        config.options().forEach((key, value) -> {
            if (key.startsWith(ConnectionOptions.STATUS_PREFIX)) {
                statusOverride(key.substring(ConnectionOptions.STATUS_PREFIX.length()),
                        category("'connections." + config.name() + "." + key + "'", value));
            }
        });
        return self();
    }

    /** The connection name: letters, digits, {@code -} and {@code _}. */
    public B connection(String name) {
        once("connection");
        this.connection = ConnectionRules.requireValidName(name, ErrorDetails.of(providerId, name));
        return self();
    }

    /** The API base; https, or plain http for loopback hosts only; trailing slashes are dropped. */
    public B baseUrl(String url) {
        once("baseUrl");
        this.baseUrl = ConnectionRules.normalizedBaseUrl(url, "baseUrl", where());
        return self();
    }

    /** The API key. @throws ConfigurationException when blank or not of the provider's form */
    public B apiKey(String key) {
        if (key == null || key.isBlank()) {
            throw invalid("the api-key must not be blank");
        }
        ApiKey checked;
        try {
            checked = ApiKey.of(key);
        } catch (ConfigurationException e) {
            String format = apiKeyFormat();
            throw invalid(format == null ? e.getMessage() : e.getMessage() + "; " + format);
        }
        return apiKey(checked);
    }

    /** The API key. @throws ConfigurationException when not of the provider's form */
    public B apiKey(ApiKey key) {
        once("apiKey");
        Objects.requireNonNull(key, "apiKey");
        checkApiKey(key);
        this.apiKey = key;
        return self();
    }

    /** Connect timeout; positive; default {@link ProviderHttpClient#DEFAULT_CONNECT_TIMEOUT}. */
    public B connectTimeout(Duration timeout) {
        once("connectTimeout");
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /** Read timeout; positive; default {@link ProviderHttpClient#DEFAULT_READ_TIMEOUT}. */
    public B readTimeout(Duration timeout) {
        once("readTimeout");
        this.readTimeout = positive(timeout, "readTimeout");
        return self();
    }

    /** The ISO 3166 region (e.g. {@code NL}) for phone numbers without a country code; default none. */
    public B defaultRegion(String region) {
        once("defaultRegion");
        if (region == null || !REGION.matcher(region.trim()).matches()) {
            throw invalid("defaultRegion must be a two-letter ISO 3166 region such as NL, was '" + region + "'");
        }
        this.defaultRegion = region.trim().toUpperCase(Locale.ROOT);
        return self();
    }

    /** The time source (listing pins, {@code Retry-After} dates); default the system UTC clock. */
    public B clock(Clock clock) {
        once("clock");
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * The whole status table, replacing the provider's default one; derive it from the provider's default with
     * {@link StatusMapping#withOverrides(Map)}. Overrides given with {@link #statusOverride} still apply on top.
     */
    public B statusMapping(StatusMapping mapping) {
        once("statusMapping");
        this.statusMapping = Objects.requireNonNull(mapping, "statusMapping");
        return self();
    }

    /** Maps one more raw status value (any case) to a category, overriding the table for it; once per value. */
    public B statusOverride(String raw, LeadStatus category) {
        Objects.requireNonNull(category, "category");
        if (raw == null || raw.isBlank()) {
            throw invalid("a status override needs a raw value");
        }
        String key = ConnectionOptions.STATUS_PREFIX + raw.trim().toLowerCase(Locale.ROOT);
        if (statusOverrides.containsKey(key)) {
            throw new IllegalStateException("the status mapping of '" + raw.trim() + "' was already set");
        }
        statusOverrides.put(key, category.name());
        return self();
    }

    /**
     * Builds the provider; nothing is sent until its first call.
     *
     * @throws ConfigurationException when the connection name or the API key is missing, or a provider setting is
     *                                wrong
     */
    public final P build() {
        return create(settings());
    }

    /**
     * The completed settings without building the provider: for what reads the provider's data without calling it
     * (its webhook reader).
     *
     * @throws ConfigurationException as {@link #build()}
     */
    public final ProviderSettings settings() {
        if (connection == null) {
            throw invalid("a connection name is required");
        }
        if (apiKey == null) {
            throw invalid("connection '" + connection + "' needs an API key (the api-key setting, apiKey in code)");
        }
        StatusMapping statuses;
        try {
            statuses = (statusMapping == null ? defaultStatuses() : statusMapping).withOverrides(statusOverrides);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), where(), e);
        }
        return new ProviderSettings(providerId, connection,
                baseUrl == null ? defaultBaseUrl : baseUrl, apiKey,
                connectTimeout == null ? ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT : connectTimeout,
                readTimeout == null ? ProviderHttpClient.DEFAULT_READ_TIMEOUT : readTimeout,
                defaultRegion, clock == null ? Clock.systemUTC() : clock, statuses);
    }

    /** The provider's default status table (its {@code XStatuses}). */
    protected abstract StatusMapping defaultStatuses();

    /** Builds the provider from the completed settings and the provider's own ones. */
    protected abstract P create(ProviderSettings settings);

    /**
     * Checks the form of a key before it is kept; by default any non-blank key.
     *
     * @throws ConfigurationException naming what is wrong, never showing the key
     */
    protected void checkApiKey(ApiKey key) {
    }

    /**
     * What a key of this provider looks like, added to the message when a key holds a character a header cannot
     * carry; null (the default) when the provider documents no particular form.
     */
    protected String apiKeyFormat() {
        return null;
    }

    /** Marks {@code setting} as given. @throws IllegalStateException when it was given before */
    protected final void once(String setting) {
        if (!given.add(setting)) {
            throw new IllegalStateException(setting + " was already set");
        }
    }

    /** The one exception type for a wrong setting, with the provider and connection (when known) attached. */
    protected final ConfigurationException invalid(String message) {
        return new ConfigurationException(message, where());
    }

    /** Checks a duration setting. @throws ConfigurationException when null, zero or negative */
    protected final Duration positive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw invalid(setting + " must be a positive duration, was " + d);
        }
        return d;
    }

    private ErrorDetails where() {
        return ErrorDetails.of(providerId, connection);
    }

    private LeadStatus category(String key, String value) {
        try {
            return LeadStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(key + " must be one of OPEN, CONTACTED, QUALIFIED, WON, LOST, UNKNOWN, was '" + value + "'");
        }
    }
}
