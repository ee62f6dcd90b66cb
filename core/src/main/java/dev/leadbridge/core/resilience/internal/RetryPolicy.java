package dev.leadbridge.core.resilience.internal;

import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.LeadbridgeException.Reason;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.api.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The one place that decides, after a failed attempt, whether a call is tried again and after how long: a decision
 * table of what the call does ({@link Kind}) &times; what went wrong ({@link Reason}), then the limits (attempts,
 * total retry time). The table ({@code docs/resilience.md} shows it too):
 * <pre>
 *   reason                         READ / IDEMPOTENT_WRITE / DELETE    CREATE / BULK_CREATE / STATUS_CHANGE
 *   CONNECT_FAILED (never sent)    retry, backoff                      retry, backoff
 *   RATE_LIMITED (provider 429)    retry after Retry-After or backoff  retry after Retry-After or backoff
 *     ... asking more than retry.max-wait: fail at once (RateLimitedException stating the wait)
 *   TIMEOUT, CONNECTION (reset),   retry, backoff                      fail: OutcomeUnknownException
 *   SERVER_ERROR (5xx, HTML 502)
 *   NOT_FOUND                      DELETE after an attempt that may    fail
 *                                  have deleted: done; else fail
 *   CIRCUIT_OPEN, LOCAL_RATE_LIMIT, fail (local: nothing was sent)     fail
 *   BULKHEAD_FULL, INTERRUPTED
 *   any other reason (4xx, malformed answer, outcome unknown ...): fail
 * </pre>
 * A retry happens only while attempts are left ({@code retry.max-attempts}) and the wait still ends within
 * {@code retry.max-duration} of the call's first attempt. The backoff before retry {@code n} (1-based) is
 * {@code min(retry.max-backoff, retry.initial-backoff * 2^(n-1))}, times a random factor in [0.5, 1.5), at most
 * {@code retry.max-backoff}.
 * Immutable apart from the random source; thread-safe.
 */
public final class RetryPolicy {

    /** What a call does, which decides whether it may be retried once it may have reached the provider. */
    public enum Kind {
        /** A read (get, list page): idempotent. */
        READ(true, null),
        /** An update without a status change (PUT/PATCH of field values): idempotent. */
        IDEMPOTENT_WRITE(true, null),
        /** A delete: idempotent; a 404 on a retry after an attempt that may have deleted counts as done. */
        DELETE(true, null),
        /** Creating one lead: never retried once it may have reached the provider. */
        CREATE(false, "the lead may have been created; look it up (e.g. by email) before creating it again"),
        /** Creating many leads in one request: never retried once it may have reached the provider. */
        BULK_CREATE(false, "some or all of the leads may have been created; look them up before creating them again"),
        /** A status change (may add status history): never retried once it may have reached the provider. */
        STATUS_CHANGE(false, "the status change may have been applied; read the lead before changing it again");

        private final boolean idempotent;
        private final String ambiguity;

        Kind(boolean idempotent, String ambiguity) {
            this.idempotent = idempotent;
            this.ambiguity = ambiguity;
        }

        /** Whether repeating the call after it may have reached the provider is harmless. */
        public boolean idempotent() {
            return idempotent;
        }
    }

    /**
     * One call, for decisions and log lines.
     *
     * @param operation what is done, e.g. {@code get} or {@code list page 3}
     * @param kind      its kind
     */
    public record Call(String operation, Kind kind) {
        /** Checks the components. */
        public Call {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** What to do after a failed attempt. */
    public sealed interface Decision {
    }

    /**
     * Try again after {@code wait}.
     *
     * @param delay   how long to wait first
     * @param failure the failure that is retried
     */
    public record Retry(Duration delay, LeadbridgeException failure) implements Decision {
    }

    /**
     * Give up and throw {@code error} (the failure itself, or what it means for this kind of call).
     *
     * @param error what the caller sees
     * @param why   why there is no further attempt, for the log
     */
    public record Fail(LeadbridgeException error, String why) implements Decision {
    }

    /** The call is done after all: a delete whose retry found the lead gone. */
    public record Done() implements Decision {
    }

    /**
     * Where a call stands when an attempt failed.
     *
     * @param attempt      the number of the attempt that failed, from 1
     * @param mayHaveActed whether an earlier attempt of the call may have reached the provider
     * @param elapsed      time since the call's first attempt began
     */
    public record State(int attempt, boolean mayHaveActed, Duration elapsed) {
    }

    private final String connection;
    private final ResilienceSettings settings;
    private final DoubleSupplier random;

    /**
     * Creates the policy of one connection.
     *
     * @param connection the connection name, for messages
     * @param settings   attempts, backoff, the longest Retry-After honoured and the total retry time
     * @param random     uniform numbers in [0, 1) for the jitter (tests pass a seeded source)
     */
    public RetryPolicy(String connection, ResilienceSettings settings, DoubleSupplier random) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Decides what follows a failed attempt of {@code call}.
     *
     * @param call    the call
     * @param failure how the attempt failed
     * @param state   the attempt's number, whether earlier attempts may have acted, the time spent so far
     * @return retry after a wait, fail with an error, or done
     */
    public Decision decide(Call call, LeadbridgeException failure, State state) {
        Reason reason = failure.reason();
        if (reason == Reason.NOT_FOUND && call.kind() == Kind.DELETE && state.mayHaveActed()) {
            return new Done();
        }
        Duration wait;
        switch (reason) {
            case CONNECT_FAILED -> wait = backoff(state.attempt());
            case RATE_LIMITED -> {
                Duration asked = failure instanceof RateLimitedException r ? r.retryAfter() : null;
                if (asked != null && asked.compareTo(settings.retryMaxWait()) > 0) {
                    return new Fail(new RateLimitedException("connection '" + connection
                            + "': the provider asked to wait " + Durations.format(asked) + " (" + asked.toSeconds()
                            + "s) before " + call.operation() + " may be tried again, longer than retry.max-wait ("
                            + Durations.format(settings.retryMaxWait()) + "); failing at once", failure.details(),
                            asked, failure), "the provider asked for a wait above retry.max-wait");
                }
                wait = asked != null ? asked : backoff(state.attempt());
            }
            case TIMEOUT, CONNECTION, SERVER_ERROR -> {
                if (!call.kind().idempotent()) {
                    return new Fail(outcomeUnknown(call, failure), "the request may have reached the provider");
                }
                wait = backoff(state.attempt());
            }
            default -> {
                return new Fail(failure, reason.isTransient() ? "nothing was sent (" + reason + ")"
                        : "not a transient failure (" + reason + ")");
            }
        }
        if (state.attempt() >= settings.retryMaxAttempts()) {
            return new Fail(failure, "all " + settings.retryMaxAttempts() + " attempts (retry.max-attempts) failed");
        }
        if (state.elapsed().plus(wait).compareTo(settings.retryMaxDuration()) > 0) {
            return new Fail(failure, "another attempt after " + Durations.format(wait) + " would start beyond "
                    + "retry.max-duration (" + Durations.format(settings.retryMaxDuration()) + ")");
        }
        return new Retry(wait, failure);
    }

    /**
     * The backoff before the retry that follows attempt {@code attempt}: the initial backoff doubled per earlier
     * retry and capped at {@code retry.max-backoff}, times a random factor in [1 - jitter, 1 + jitter), capped at
     * {@code retry.max-backoff} again (so at the cap the wait lies between half the maximum and the maximum).
     */
    public Duration backoff(int attempt) {
        double base = Math.min(settings.retryMaxBackoff().toMillis(), settings.retryInitialBackoff().toMillis()
                * Math.pow(ResilienceSettings.RETRY_BACKOFF_MULTIPLIER, Math.max(0, attempt - 1)));
        double jittered = base * (1 + ResilienceSettings.RETRY_JITTER * (2 * random.getAsDouble() - 1));
        long millis = (long) Math.min(settings.retryMaxBackoff().toMillis(), Math.max(1, jittered));
        return Duration.ofMillis(millis);
    }

    /** Whether a failed attempt may have reached the provider and acted (for a delete's later 404). */
    public static boolean mayHaveActed(LeadbridgeException failure) {
        Reason r = failure.reason();
        return r == Reason.TIMEOUT || r == Reason.CONNECTION || r == Reason.SERVER_ERROR;
    }

    private OutcomeUnknownException outcomeUnknown(Call call, LeadbridgeException e) {
        ErrorDetails details = e.details();
        return new OutcomeUnknownException("connection '" + connection + "': " + call.operation()
                + " failed after the request may have reached the provider (" + describe(e) + "); "
                + call.kind().ambiguity, details, e);
    }

    /** A short description of a failure for log lines and messages: the status, or the message without details. */
    public static String describe(LeadbridgeException e) {
        if (e.httpStatus() != null) {
            String wait = e instanceof RateLimitedException r && r.retryAfter() != null
                    ? ", asked to wait " + Durations.format(r.retryAfter()) : "";
            return "HTTP " + e.httpStatus() + wait;
        }
        String message = String.valueOf(e.getMessage());
        int details = message.lastIndexOf(" [");
        return details > 0 && message.endsWith("]") ? message.substring(0, details) : message;
    }
}
