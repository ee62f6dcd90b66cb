package dev.leadbridge.core.http;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.error.RejectedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where an HTTP status becomes a typed error, shared by every provider: 401 authentication,
 * 403 rejected, 404 not found, 409 conflict, 429 rate limited, 5xx unavailable, other 4xx invalid request; a body that
 * is not the provider's documented error JSON keeps the status's type for those statuses, and otherwise is a
 * malformed response. Also reads {@code Retry-After} and the {@code X-RateLimit-*} headers.
 */
public final class HttpErrors {

    private HttpErrors() {
    }

    /**
     * What a provider could read from an error body.
     *
     * @param documented     whether the body had the provider's documented error shape
     * @param code           the provider's error code, or null
     * @param message        the provider's message, or null (already free of credentials)
     * @param requestId      the provider's request id, or null
     * @param existingLeadId for conflicts, the id of the lead already there, or null
     */
    public record ErrorBody(boolean documented, String code, String message, String requestId,
                            String existingLeadId) {

        /** A body that is not the documented error JSON. */
        public static ErrorBody undocumented() {
            return new ErrorBody(false, null, null, null, null);
        }
    }

    /**
     * The typed error for an HTTP error response.
     *
     * @param status     the HTTP status
     * @param body       what was read from the body
     * @param details    provider and connection
     * @param retryAfter for 429, the wait the provider asked for, or null
     */
    public static LeadbridgeException forStatus(int status, ErrorBody body, ErrorDetails details,
                                                Duration retryAfter) {
        ErrorDetails where = details.withResponse(status, body.code(), body.requestId());
        String said = body.message() == null ? "" : ": " + body.message();
        String shape = body.documented() ? "" : " (the body was not the provider's documented error JSON)";
        if (status == 401) {
            return new AuthenticationException("the provider refused the API key (HTTP 401)" + said
                    + "; check the connection's api-key" + shape, where);
        }
        if (status == 403) {
            return new RejectedException("the provider refused the call (HTTP 403)" + said + shape, where);
        }
        if (status == 404) {
            return new LeadNotFoundException("not found (HTTP 404)" + said + shape, where);
        }
        if (status == 409) {
            return new ConflictException("conflict (HTTP 409)" + said + shape, where, body.existingLeadId());
        }
        if (status == 429) {
            return new RateLimitedException("rate limited by the provider (HTTP 429)"
                    + (retryAfter == null ? "" : ", asked to wait " + retryAfter.toSeconds() + "s") + said, where,
                    retryAfter);
        }
        if (status >= 500) {
            return new ProviderUnavailableException("the provider failed (HTTP " + status + ")" + said + shape, where,
                    null, true);
        }
        if (!body.documented()) {
            return new MalformedResponseException("the provider answered HTTP " + status
                    + " with a body that is not its documented error JSON", where);
        }
        return new InvalidRequestException("the provider rejected the request (HTTP " + status + ")" + said, where);
    }

    /** The typed error for an I/O failure: unavailable, saying whether the request may have reached the server. */
    public static ProviderUnavailableException forIoFailure(Throwable failure, ErrorDetails details) {
        Throwable root = failure;
        while (root.getCause() != null && !(root instanceof IOException)) {
            root = root.getCause();
        }
        boolean neverSent = root instanceof ConnectException || root instanceof HttpConnectTimeoutException;
        boolean timeout = root instanceof HttpTimeoutException && !neverSent;
        String what = timeout ? "timed out waiting for the provider"
                : neverSent ? "could not connect to the provider" : "the connection to the provider failed";
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        LeadbridgeException.Reason reason = timeout ? LeadbridgeException.Reason.TIMEOUT
                : neverSent ? LeadbridgeException.Reason.CONNECT_FAILED : LeadbridgeException.Reason.CONNECTION;
        return new ProviderUnavailableException(what + " (" + cause + ")", details, failure, !neverSent, reason);
    }

    /**
     * How long a 429 asks to wait: {@code Retry-After} (seconds or an HTTP date) when present, else the time until
     * {@code X-RateLimit-Reset} (Unix seconds); null when neither is given.
     */
    public static Duration retryAfter(Map<String, Collection<String>> headers, Clock clock) {
        String retryAfter = header(headers, "Retry-After");
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return nonNegative(Duration.between(clock.instant(), at));
                } catch (DateTimeParseException ignored) {
                    // fall through to X-RateLimit-Reset
                }
            }
        }
        RateLimitStatus status = rateLimit(headers);
        if (status != null && status.resetAt() != null) {
            return nonNegative(Duration.between(clock.instant(), status.resetAt()));
        }
        return null;
    }

    /** The {@code X-RateLimit-*} headers, or null when none is present or readable. */
    public static RateLimitStatus rateLimit(Map<String, Collection<String>> headers) {
        Integer limit = integer(header(headers, "X-RateLimit-Limit"));
        Integer remaining = integer(header(headers, "X-RateLimit-Remaining"));
        Integer used = integer(header(headers, "X-RateLimit-Used"));
        Long reset = epochSeconds(header(headers, "X-RateLimit-Reset"));
        if (limit == null && remaining == null && used == null && reset == null) {
            return null;
        }
        return new RateLimitStatus(limit, remaining, reset == null ? null : Instant.ofEpochSecond(reset), used);
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public static String header(Map<String, Collection<String>> headers, String name) {
        for (Map.Entry<String, Collection<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long epochSeconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
