package dev.leadbridge.core.spi;

import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.http.ProviderHttpClient;
import dev.leadbridge.core.http.ProviderHttpClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every provider connection has, checked and completed with defaults by {@link ProviderBuilder}: what a
 * provider's client is built from. Immutable; its {@link #toString()} never shows the API key.
 *
 * @param providerId     the provider id
 * @param connection     the connection name
 * @param baseUrl        the API base, https (or http on loopback), without trailing slashes
 * @param apiKey         the credential
 * @param connectTimeout connect timeout
 * @param readTimeout    read timeout
 * @param defaultRegion  ISO 3166 region (upper case) for phone numbers without a country code, or null
 * @param clock          the time source (listing pins, {@code Retry-After} dates)
 * @param statuses       the provider's default status table with the connection's overrides applied
 */
public record ProviderSettings(String providerId, String connection, String baseUrl, ApiKey apiKey,
                               Duration connectTimeout, Duration readTimeout, String defaultRegion, Clock clock,
                               StatusMapping statuses) {

    /** Requires every setting but {@code defaultRegion}. */
    public ProviderSettings {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(statuses, "statuses");
    }

    /** Provider and connection, for typed errors. */
    public ErrorDetails details() {
        return ErrorDetails.of(providerId, connection);
    }

    /**
     * A builder of the Feign client of {@code api} at {@link #baseUrl()}, with this connection's timeouts, key
     * redaction, error details and clock already set; the provider adds its authentication header and error body
     * reader.
     */
    public <T> ProviderHttpClientBuilder<T> http(Class<T> api) {
        return http(api, baseUrl);
    }

    /** As {@link #http(Class)}, for a target below the base URL (e.g. a per-account path prefix). */
    public <T> ProviderHttpClientBuilder<T> http(Class<T> api, String target) {
        return ProviderHttpClient.builder(api, target)
                .timeouts(connectTimeout, readTimeout)
                .details(details())
                .apiKey(apiKey)
                .clock(clock);
    }
}
