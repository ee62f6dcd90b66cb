package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    private static final ErrorDetails WHERE = ErrorDetails.of("octanist", "acme");
    private static final HttpErrors.ErrorBody DOCUMENTED =
            new HttpErrors.ErrorBody(true, "INVALID_FILTER", "bad filter", "req-1", "lead-9");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    private static LeadbridgeException forStatus(int status, HttpErrors.ErrorBody body) {
        return HttpErrors.forStatus(status, body, WHERE, null);
    }

    @Test
    void mapsEveryStatusToItsTypedError() {
        assertThat(forStatus(401, DOCUMENTED)).isInstanceOf(AuthenticationException.class);
        assertThat(forStatus(403, DOCUMENTED)).isInstanceOf(RejectedException.class);
        assertThat(forStatus(404, DOCUMENTED)).isInstanceOf(LeadNotFoundException.class);
        assertThat(forStatus(409, DOCUMENTED)).isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).existingLeadId()).isEqualTo("lead-9");
        assertThat(forStatus(429, DOCUMENTED)).isInstanceOf(RateLimitedException.class);
        assertThat(forStatus(503, DOCUMENTED)).isInstanceOf(ProviderUnavailableException.class)
                .matches(LeadbridgeException::isRetriable);
        assertThat(forStatus(400, DOCUMENTED)).isInstanceOf(InvalidRequestException.class)
                .matches(e -> !e.isRetriable());
        assertThat(forStatus(422, HttpErrors.ErrorBody.undocumented()))
                .isInstanceOf(MalformedResponseException.class);
        assertThat(forStatus(502, HttpErrors.ErrorBody.undocumented()))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void theErrorCarriesStatusCodeRequestIdAndWhere() {
        LeadbridgeException e = forStatus(400, DOCUMENTED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.providerCode()).isEqualTo("INVALID_FILTER");
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e.connection()).isEqualTo("acme");
        assertThat(e.getMessage()).contains("bad filter").contains("connection=acme").contains("status=400");
    }

    @Test
    void ioFailuresSayWhetherTheRequestMayHaveBeenSent() {
        ProviderUnavailableException refused = HttpErrors.forIoFailure(
                new RuntimeException(new ConnectException("Connection refused")), WHERE);
        ProviderUnavailableException connectTimeout = HttpErrors.forIoFailure(
                new HttpConnectTimeoutException("connect timed out"), WHERE);
        ProviderUnavailableException readTimeout = HttpErrors.forIoFailure(
                new RuntimeException(new HttpTimeoutException("request timed out")), WHERE);
        ProviderUnavailableException reset = HttpErrors.forIoFailure(new IOException("Connection reset"), WHERE);

        assertThat(refused.requestMayHaveReachedServer()).isFalse();
        assertThat(connectTimeout.requestMayHaveReachedServer()).isFalse();
        assertThat(readTimeout.requestMayHaveReachedServer()).isTrue();
        assertThat(readTimeout.getMessage()).contains("timed out");
        assertThat(reset.requestMayHaveReachedServer()).isTrue();
    }

    @Test
    void retryAfterReadsSecondsAnHttpDateOrTheRateLimitReset() {
        assertThat(HttpErrors.retryAfter(headers("Retry-After", "7"), CLOCK)).isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpErrors.retryAfter(headers("retry-after", "Mon, 02 Mar 2026 09:01:30 GMT"), CLOCK))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(HttpErrors.retryAfter(headers("X-RateLimit-Reset",
                Long.toString(CLOCK.instant().getEpochSecond() + 42)), CLOCK)).isEqualTo(Duration.ofSeconds(42));
        assertThat(HttpErrors.retryAfter(headers("Retry-After", "-3"), CLOCK)).isZero();
        assertThat(HttpErrors.retryAfter(Map.of(), CLOCK)).isNull();
    }

    @Test
    void readsTheRateLimitHeadersIncludingResetsBeyond2038() {
        Map<String, Collection<String>> headers = Map.of("X-RateLimit-Limit", List.of("1000"),
                "x-ratelimit-remaining", List.of("12"), "X-RateLimit-Used", List.of("988"),
                "X-RateLimit-Reset", List.of("4102444800"));
        assertThat(HttpErrors.rateLimit(headers))
                .isEqualTo(new RateLimitStatus(1000, 12, Instant.parse("2100-01-01T00:00:00Z"), 988));
        assertThat(HttpErrors.rateLimit(Map.of("Content-Type", List.of("application/json")))).isNull();
    }

    @Test
    void a429SaysHowLongTheProviderAskedToWait() {
        LeadbridgeException e = HttpErrors.forStatus(429, DOCUMENTED, WHERE, Duration.ofSeconds(30));
        assertThat(e).isInstanceOf(RateLimitedException.class).hasMessageContaining("30s");
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    private static Map<String, Collection<String>> headers(String name, String value) {
        return Map.of(name, List.of(value));
    }
}
