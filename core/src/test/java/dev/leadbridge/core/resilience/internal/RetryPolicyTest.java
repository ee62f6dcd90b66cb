package dev.leadbridge.core.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.CircuitOpenException;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.LeadbridgeException.Reason;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.http.HttpErrors;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Call;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Decision;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Kind;
import dev.leadbridge.core.resilience.internal.RetryPolicy.State;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

    private static final ErrorDetails WHERE = ErrorDetails.of("sim", "acme");

    /** What the table says: R = retry, U = fail with outcome unknown, F = fail with the error itself. */
    enum Expect { R, U, F }

    private static final Map<String, Supplier<LeadbridgeException>> ERRORS = Map.ofEntries(
            Map.entry("timeout", () -> HttpErrors.forIoFailure(new HttpTimeoutException("request timed out"), WHERE)),
            Map.entry("connection reset", () -> HttpErrors.forIoFailure(new IOException("Connection reset"), WHERE)),
            Map.entry("connection refused", () -> HttpErrors.forIoFailure(new ConnectException("refused"), WHERE)),
            Map.entry("503", () -> status(503, true)),
            Map.entry("502 HTML page", () -> status(502, false)),
            Map.entry("429 with Retry-After", () -> HttpErrors.forStatus(429, HttpErrors.ErrorBody.undocumented(),
                    WHERE, Duration.ofSeconds(1))),
            Map.entry("429 without Retry-After", () -> HttpErrors.forStatus(429,
                    HttpErrors.ErrorBody.undocumented(), WHERE, null)),
            Map.entry("429 asking beyond retry.max-wait", () -> HttpErrors.forStatus(429,
                    HttpErrors.ErrorBody.undocumented(), WHERE, Duration.ofMinutes(5))),
            Map.entry("400", () -> status(400, true)),
            Map.entry("401", () -> status(401, true)),
            Map.entry("404", () -> status(404, true)),
            Map.entry("409", () -> status(409, true)),
            Map.entry("malformed answer", () -> new MalformedResponseException("not JSON", WHERE)),
            Map.entry("outcome unknown", () -> new OutcomeUnknownException("may exist", WHERE, null)),
            Map.entry("circuit open", () -> new CircuitOpenException("open", WHERE, null, Duration.ofSeconds(30))),
            Map.entry("local rate limit", () -> new RateLimitedException("local", WHERE, null)));

    static Stream<Arguments> table() {
        //             error                                READ IDEMP DELETE CREATE BULK STATUS
        String[][] rows = {
                {"timeout",                          "R R R U U U"},
                {"connection reset",                 "R R R U U U"},
                {"connection refused",               "R R R R R R"},
                {"503",                              "R R R U U U"},
                {"502 HTML page",                    "R R R U U U"},
                {"429 with Retry-After",             "R R R R R R"},
                {"429 without Retry-After",          "R R R R R R"},
                {"429 asking beyond retry.max-wait", "F F F F F F"},
                {"400",                              "F F F F F F"},
                {"401",                              "F F F F F F"},
                {"404",                              "F F F F F F"},
                {"409",                              "F F F F F F"},
                {"malformed answer",                 "F F F F F F"},
                {"outcome unknown",                  "F F F F F F"},
                {"circuit open",                     "F F F F F F"},
                {"local rate limit",                 "F F F F F F"},
        };
        Kind[] kinds = {Kind.READ, Kind.IDEMPOTENT_WRITE, Kind.DELETE, Kind.CREATE, Kind.BULK_CREATE,
                Kind.STATUS_CHANGE};
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : rows) {
            String[] cells = row[1].split(" ");
            for (int i = 0; i < kinds.length; i++) {
                cases.add(Arguments.of(row[0], kinds[i], Expect.valueOf(cells[i])));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("table")
    void eachKindOfCallAndEachErrorHaveOneDecision(String error, Kind kind, Expect expected) {
        LeadbridgeException failure = ERRORS.get(error).get();
        Decision decision = policy(ResilienceSettings.ofDefaults()).decide(new Call("op", kind), failure,
                new State(1, false, Duration.ZERO));
        switch (expected) {
            case R -> assertThat(decision).isInstanceOfSatisfying(RetryPolicy.Retry.class,
                    r -> assertThat(r.failure()).isSameAs(failure));
            case U -> assertThat(decision).isInstanceOfSatisfying(RetryPolicy.Fail.class, f -> {
                assertThat(f.error()).isInstanceOf(OutcomeUnknownException.class).hasCause(failure)
                        .hasMessageContaining("connection 'acme'").hasMessageContaining("op failed after");
                assertThat(f.error().reason()).isEqualTo(Reason.OUTCOME_UNKNOWN);
            });
            case F -> assertThat(decision).isInstanceOfSatisfying(RetryPolicy.Fail.class,
                    f -> assertThat(f.error()).satisfiesAnyOf(
                            e -> assertThat(e).isSameAs(failure),
                            e -> assertThat(e).isInstanceOf(RateLimitedException.class).hasCause(failure)));
        }
    }

    @Test
    void everyTransportAndStatusErrorCarriesItsReasonSoNoMessageIsParsed() {
        assertThat(ERRORS.get("timeout").get().reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(ERRORS.get("connection reset").get().reason()).isEqualTo(Reason.CONNECTION);
        assertThat(ERRORS.get("connection refused").get().reason()).isEqualTo(Reason.CONNECT_FAILED);
        assertThat(ERRORS.get("503").get().reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(ERRORS.get("502 HTML page").get().reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(ERRORS.get("429 with Retry-After").get().reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(ERRORS.get("local rate limit").get().reason()).isEqualTo(Reason.LOCAL_RATE_LIMIT);
        assertThat(ERRORS.get("400").get()).isInstanceOf(InvalidRequestException.class);
        assertThat(ERRORS.get("400").get().reason()).isEqualTo(Reason.INVALID_REQUEST);
        assertThat(ERRORS.get("401").get()).isInstanceOf(AuthenticationException.class);
        assertThat(ERRORS.get("401").get().reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(ERRORS.get("404").get()).isInstanceOf(LeadNotFoundException.class);
        assertThat(ERRORS.get("409").get()).isInstanceOf(ConflictException.class);
        assertThat(ERRORS.get("409").get().reason()).isEqualTo(Reason.CONFLICT);
        assertThat(ERRORS.get("circuit open").get().reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(EnumSet.allOf(Reason.class).stream().filter(Reason::isTransient))
                .containsExactlyInAnyOrder(Reason.TIMEOUT, Reason.CONNECTION, Reason.CONNECT_FAILED,
                        Reason.SERVER_ERROR, Reason.RATE_LIMITED, Reason.LOCAL_RATE_LIMIT, Reason.CIRCUIT_OPEN,
                        Reason.BULKHEAD_FULL, Reason.STORE_UNAVAILABLE);
    }

    @Test
    void aRetryAfterWithinRetryMaxWaitIsTheWaitAndALongerOneFailsStatingIt() {
        RetryPolicy policy = policy(ResilienceSettings.ofDefaults());
        Decision asked = policy.decide(new Call("get", Kind.READ), ERRORS.get("429 with Retry-After").get(),
                new State(1, false, Duration.ZERO));
        assertThat(asked).isEqualTo(new RetryPolicy.Retry(Duration.ofSeconds(1),
                ((RetryPolicy.Retry) asked).failure()));
        Decision tooLong = policy.decide(new Call("get", Kind.READ),
                ERRORS.get("429 asking beyond retry.max-wait").get(), new State(1, false, Duration.ZERO));
        assertThat(((RetryPolicy.Fail) tooLong).error()).isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("asked to wait 5m").hasMessageContaining("retry.max-wait (1m)");
    }

    @Test
    void aDeleteWhoseRetryFindsTheLeadGoneAfterAnAttemptThatMayHaveDeletedIsDone() {
        RetryPolicy policy = policy(ResilienceSettings.ofDefaults());
        LeadbridgeException notFound = ERRORS.get("404").get();
        assertThat(policy.decide(new Call("delete", Kind.DELETE), notFound, new State(2, true, Duration.ZERO)))
                .isInstanceOf(RetryPolicy.Done.class);
        assertThat(policy.decide(new Call("delete", Kind.DELETE), notFound, new State(1, false, Duration.ZERO)))
                .isInstanceOf(RetryPolicy.Fail.class);
        assertThat(policy.decide(new Call("get", Kind.READ), notFound, new State(2, true, Duration.ZERO)))
                .isInstanceOf(RetryPolicy.Fail.class);
        assertThat(RetryPolicy.mayHaveActed(ERRORS.get("503").get())).isTrue();
        assertThat(RetryPolicy.mayHaveActed(ERRORS.get("connection refused").get())).isFalse();
    }

    @Test
    void noRetryIsMadeOnceTheAttemptsAreSpentOrTheWaitWouldEndBeyondRetryMaxDuration() {
        ResilienceSettings settings = ResilienceSettings.custom().retryMaxAttempts(4)
                .retryMaxDuration(Duration.ofSeconds(10)).build();
        RetryPolicy policy = policy(settings);
        LeadbridgeException failure = ERRORS.get("503").get();
        Call get = new Call("get", Kind.READ);
        assertThat(policy.decide(get, failure, new State(3, true, Duration.ZERO))).isInstanceOf(RetryPolicy.Retry.class);
        assertThat(policy.decide(get, failure, new State(4, true, Duration.ZERO)))
                .isInstanceOfSatisfying(RetryPolicy.Fail.class, f -> {
                    assertThat(f.error()).isSameAs(failure);
                    assertThat(f.why()).contains("all 4 attempts");
                });
        assertThat(policy.decide(get, ERRORS.get("429 with Retry-After").get(),
                new State(2, true, Duration.ofMillis(9_500))))
                .isInstanceOfSatisfying(RetryPolicy.Fail.class, f -> assertThat(f.why()).contains("retry.max-duration"));
    }

    @Test
    void theBackoffDoublesWithJitterWithinHalfAndOneAndAHalfTimesAndStopsAtTheMaximum() {
        RetryPolicy policy = policy(ResilienceSettings.ofDefaults());
        for (int attempt = 1; attempt <= 12; attempt++) {
            double base = Math.min(200 * Math.pow(2, attempt - 1), 10_000);
            for (int i = 0; i < 50; i++) {
                long millis = policy.backoff(attempt).toMillis();
                assertThat(millis).isBetween((long) Math.min(base * 0.5, 10_000), (long) Math.min(base * 1.5, 10_000));
            }
        }
        assertThat(new RetryPolicy("acme", ResilienceSettings.ofDefaults(), () -> 0.0).backoff(1))
                .isEqualTo(Duration.ofMillis(100));
        assertThat(new RetryPolicy("acme", ResilienceSettings.ofDefaults(), () -> 0.0).backoff(20))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDefaultsBoundOneCallAndMakeALossAtTwentyPercentFaultsVanishinglyUnlikely() {
        ResilienceSettings d = ResilienceSettings.ofDefaults();
        double perCall = Math.pow(0.2, d.retryMaxAttempts());
        assertThat(1 - Math.pow(1 - perCall, 1_000)).isLessThan(1e-5);
        RetryPolicy worst = new RetryPolicy("acme", d, () -> 0.999_999);
        Duration backoffs = Duration.ZERO;
        for (int attempt = 1; attempt < d.retryMaxAttempts(); attempt++) {
            backoffs = backoffs.plus(worst.backoff(attempt));
        }
        // immediate failures: every attempt is made, and the sum of the backoffs stays within retry.max-duration
        assertThat(backoffs).isLessThan(d.retryMaxDuration());
        assertThat(backoffs).isLessThanOrEqualTo(Duration.ofMillis(69_050));
    }

    private static RetryPolicy policy(ResilienceSettings settings) {
        Random random = new Random(42);
        return new RetryPolicy("acme", settings, random::nextDouble);
    }

    private static LeadbridgeException status(int status, boolean documented) {
        HttpErrors.ErrorBody body = documented ? new HttpErrors.ErrorBody(true, "E", "no", null, null)
                : HttpErrors.ErrorBody.undocumented();
        return HttpErrors.forStatus(status, body, WHERE, null);
    }

    @Test
    void aServerErrorBuiltWithoutAStatusStillCountsAsMayHaveReachedTheServer() {
        ProviderUnavailableException e = new ProviderUnavailableException("boom", WHERE, null, true);
        assertThat(e.reason()).isEqualTo(Reason.CONNECTION);
        assertThat(new ProviderUnavailableException("boom", WHERE, null, false).reason())
                .isEqualTo(Reason.CONNECT_FAILED);
    }
}
