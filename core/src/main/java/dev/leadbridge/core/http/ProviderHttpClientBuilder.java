package dev.leadbridge.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.api.ApiKey;
import dev.leadbridge.core.error.ErrorDetails;
import feign.RequestInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds the Feign client of one provider API with the set-up every provider shares (see
 * {@link ProviderHttpClient}): name what differs (authentication header, error body reader, response header
 * listener) and leave the rest at its default. Start from {@link ProviderHttpClient#builder(Class, String)}, or from
 * {@code ProviderSettings.http(Class)} which fills in the connection's timeouts, key and clock. Not thread-safe.
 *
 * @param <T> the Feign interface
 */
public final class ProviderHttpClientBuilder<T> {

    private final Class<T> api;
    private final String baseUrl;
    private Duration connectTimeout = ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = ProviderHttpClient.DEFAULT_READ_TIMEOUT;
    private RequestInterceptor auth = template -> { };
    private Function<JsonNode, HttpErrors.ErrorBody> errorBody = body -> HttpErrors.ErrorBody.undocumented();
    private ErrorDetails details = ErrorDetails.NONE;
    private ApiKey apiKey;
    private Consumer<Map<String, Collection<String>>> onResponse;
    private Clock clock = Clock.systemUTC();

    ProviderHttpClientBuilder(Class<T> api, String baseUrl) {
        this.api = Objects.requireNonNull(api, "api");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** Connect and read timeouts; default {@link ProviderHttpClient#DEFAULT_CONNECT_TIMEOUT} and {@code _READ_}. */
    public ProviderHttpClientBuilder<T> timeouts(Duration connect, Duration read) {
        this.connectTimeout = Objects.requireNonNull(connect, "connect");
        this.readTimeout = Objects.requireNonNull(read, "read");
        return this;
    }

    /** Sets the authentication header on every request; default none. */
    public ProviderHttpClientBuilder<T> auth(RequestInterceptor auth) {
        this.auth = Objects.requireNonNull(auth, "auth");
        return this;
    }

    /**
     * Reads the provider's error body (null when it is not JSON) for {@link HttpErrors}; default: every body is
     * undocumented.
     */
    public ProviderHttpClientBuilder<T> errorBody(Function<JsonNode, HttpErrors.ErrorBody> errorBody) {
        this.errorBody = Objects.requireNonNull(errorBody, "errorBody");
        return this;
    }

    /** Provider and connection, for every typed error; default {@link ErrorDetails#NONE}. */
    public ProviderHttpClientBuilder<T> details(ErrorDetails details) {
        this.details = Objects.requireNonNull(details, "details");
        return this;
    }

    /** The key, redacted from any server message that echoes it; default none (nothing redacted). */
    public ProviderHttpClientBuilder<T> apiKey(ApiKey apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        return this;
    }

    /** Sees the headers of every response, e.g. to record rate-limit headers; default none. */
    public ProviderHttpClientBuilder<T> onResponse(Consumer<Map<String, Collection<String>>> onResponse) {
        this.onResponse = Objects.requireNonNull(onResponse, "onResponse");
        return this;
    }

    /** The time source for {@code Retry-After} dates; default the system UTC clock. */
    public ProviderHttpClientBuilder<T> clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The client; nothing is sent until its first call. */
    public T build() {
        return ProviderHttpClient.build(api, baseUrl, connectTimeout, readTimeout, auth, errorBody, details,
                apiKey, onResponse, clock);
    }
}
