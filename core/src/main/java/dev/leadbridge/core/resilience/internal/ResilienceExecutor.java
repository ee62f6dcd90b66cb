package dev.leadbridge.core.resilience.internal;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.Durations;
import dev.leadbridge.core.error.CircuitOpenException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.Sleeper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every provider call of one connection through the instances named after it, in this order (outermost
 * first): <b>Retry &rarr; CircuitBreaker &rarr; RateLimiter (with adaptive pacing) &rarr; Bulkhead &rarr; call</b>.
 * Retry, circuit breaker and bulkhead are Resilience4j's; the rate limit is a sliding window on the injected clock
 * ({@link SlidingWindow}), because providers count a sliding window (workspace-v1: any 60 minutes) while
 * Resilience4j's limiter counts fixed periods on {@code System.nanoTime()}, which can let twice the limit into one
 * sliding window across a period boundary and cannot follow a simulated clock. The retry loop drives Resilience4j's {@link Retry} context (so its events and metrics are the usual ones)
 * but sleeps through the injected {@link Sleeper}; each attempt asks the breaker for permission, then waits for the
 * rate limit, then takes a bulkhead slot. Rejections by the breaker, the rate limiter or the bulkhead are local
 * (nothing was sent) and are never retried; the breaker records only provider failures (unavailable, or a 429 from
 * the provider). Thread-safe.
 */
public final class ResilienceExecutor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.leadbridge.core.resilience");

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

    private final String connection;
    private final ErrorDetails details;
    private final ResilienceSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Supplier<Optional<RateLimitStatus>> reportedBudget;
    private final RetryRegistry retryRegistry;
    private final CircuitBreakerRegistry breakerRegistry;
    private final BulkheadRegistry bulkheadRegistry;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final AdaptivePacer pacer;
    private final SlidingWindow window;

    /**
     * Creates the instances of one connection.
     *
     * @param connection     the connection name, used as every instance's name
     * @param providerId     the provider id, for errors
     * @param settings       the settings
     * @param clock          time source of the breaker and the pacer
     * @param sleeper        how waits are done
     * @param reportedBudget the provider's last reported rate-limit budget, read after every call
     */
    public ResilienceExecutor(String connection, String providerId, ResilienceSettings settings, Clock clock,
                              Sleeper sleeper, Supplier<Optional<RateLimitStatus>> reportedBudget) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.details = ErrorDetails.of(providerId, connection);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.reportedBudget = Objects.requireNonNull(reportedBudget, "reportedBudget");

        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.retryInitialBackoff(),
                ResilienceSettings.RETRY_BACKOFF_MULTIPLIER, ResilienceSettings.RETRY_JITTER,
                settings.retryMaxBackoff());
        RetryConfig retryConfig = RetryConfig.<Object>custom()
                .maxAttempts(settings.retryMaxAttempts())
                .intervalBiFunction((attempt, outcome) -> {
                    Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                    if (failure instanceof RateLimitedException r && r.retryAfter() != null) {
                        return r.retryAfter().toMillis();
                    }
                    return backoff.apply(attempt);
                })
                .retryOnException(this::retriable)
                .failAfterMaxAttempts(false)
                .build();
        this.retryRegistry = RetryRegistry.of(retryConfig);
        this.retry = retryRegistry.retry(connection);

        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindowSize())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.breakerHalfOpenCalls())
                .recordException(ResilienceExecutor::isProviderFailure)
                .clock(clock)
                .build();
        this.breakerRegistry = CircuitBreakerRegistry.of(breakerConfig);
        this.breaker = breakerRegistry.circuitBreaker(connection);
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition t = event.getStateTransition();
            if (t.getToState() == CircuitBreaker.State.OPEN) {
                CircuitBreaker.Metrics m = breaker.getMetrics();
                LOG.warn("connection {}: circuit breaker {} -> OPEN (failure rate {}% over the last {} calls);"
                                + " failing fast for {}", connection, t.getFromState(), percent(m.getFailureRate()),
                        m.getNumberOfBufferedCalls(), Durations.format(settings.breakerOpenDuration()));
            } else {
                LOG.info("connection {}: circuit breaker {} -> {}", connection, t.getFromState(), t.getToState());
            }
        });

        BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(settings.bulkheadMaxConcurrent())
                .maxWaitDuration(settings.bulkheadMaxWait())
                .build();
        this.bulkheadRegistry = BulkheadRegistry.of(bulkheadConfig);
        this.bulkhead = bulkheadRegistry.bulkhead(connection);
        this.pacer = new AdaptivePacer(clock, settings.rateLimitSlowDownBelow());
        this.window = settings.rateLimit() == null ? null
                : new SlidingWindow(settings.rateLimit().requests(), settings.rateLimit().period());
    }

    /**
     * Runs {@code action} with retries, breaker, rate limit and bulkhead.
     *
     * @return what the action returned
     * @throws LeadbridgeException the last failure; for a non-idempotent call that may have reached the provider an
     *                             {@link OutcomeUnknownException}; a {@link RateLimitedException} when the provider
     *                             asked for a wait above {@code retry.max-wait} or the rate limit would need one above
     *                             {@code rate-limit.max-wait}; a {@link CircuitOpenException} while the breaker is open
     */
    public <T> T execute(Call call, Supplier<T> action) {
        Retry.AsyncContext<Object> context = retry.asyncContext();
        boolean mayHaveActed = false;
        for (int attempt = 1; ; attempt++) {
            LeadbridgeException failure;
            try {
                T result = attempt(call, action);
                context.onComplete();
                return result;
            } catch (LocalRejection rejection) {
                throw rejection.error;
            } catch (LeadbridgeException e) {
                if (call.kind() == Kind.DELETE && mayHaveActed && e instanceof LeadNotFoundException) {
                    LOG.info("connection {}: {} found the lead gone on attempt {}; an earlier attempt deleted it",
                            connection, call.operation(), attempt);
                    context.onComplete();
                    return null;
                }
                mayHaveActed |= e instanceof ProviderUnavailableException p && p.requestMayHaveReachedServer();
                failure = classify(call, e);
            } catch (RuntimeException e) {
                context.onError(e);
                throw e;
            }
            long delay = context.onError(failure);
            if (delay < 0) {
                throw failure;
            }
            Duration wait = Duration.ofMillis(delay);
            LOG.info("connection {}: retry {}/{} of {} after {} (waiting {})", connection, attempt + 1,
                    settings.retryMaxAttempts(), call.operation(), describe(failure), Durations.format(wait));
            if (!sleep(wait)) {
                throw failure;
            }
        }
    }

    private <T> T attempt(Call call, Supplier<T> action) {
        if (!breaker.tryAcquirePermission()) {
            throw new LocalRejection(circuitOpen(call));
        }
        SlidingWindow.Slot slot = null;
        try {
            slot = awaitRateLimit(call);
            acquireBulkhead(call);
        } catch (RuntimeException e) {
            if (slot != null) {
                window.cancel(slot);
            }
            pacer.released();
            breaker.releasePermission();
            throw e;
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = action.get();
            breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), result);
            return result;
        } catch (RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            if (e instanceof RateLimitedException r && r.httpStatus() != null && r.retryAfter() != null
                    && r.retryAfter().compareTo(settings.retryMaxWait()) <= 0) {
                pacer.holdUntil(clock.instant().plus(r.retryAfter()));
            }
            throw e;
        } finally {
            if (slot != null) {
                window.complete(slot, clock.instant());
            }
            bulkhead.onComplete();
            pacer.released();
            observeBudget();
        }
    }

    private SlidingWindow.Slot awaitRateLimit(Call call) {
        AdaptivePacer.Wait paced = pacer.reserve();
        Duration maxWait = settings.rateLimitMaxWait();
        if (paced.duration().compareTo(maxWait) > 0) {
            throw new LocalRejection(new RateLimitedException("connection '" + connection + "': " + call.operation()
                    + " would have to wait " + Durations.format(paced.duration()) + " because " + paced.reason()
                    + ", longer than rate-limit.max-wait (" + Durations.format(maxWait) + ")", details,
                    paced.duration()));
        }
        Duration wait = paced.duration();
        String reason = paced.reason();
        SlidingWindow.Slot slot = null;
        if (window != null) {
            java.time.Instant now = clock.instant();
            slot = window.reserve(now, maxWait);
            if (slot == null) {
                throw new LocalRejection(new RateLimitedException("connection '" + connection + "': its rate limit of "
                        + settings.rateLimit() + " allows no further call within rate-limit.max-wait ("
                        + Durations.format(maxWait) + "); " + call.operation() + " was not sent", details, null));
            }
            Duration limited = Duration.between(now, slot.time);
            if (limited.compareTo(wait) > 0) {
                wait = limited;
                reason = "the connection's rate limit is " + settings.rateLimit();
            }
        }
        if (wait.isZero() || wait.isNegative()) {
            return slot;
        }
        if (wait.compareTo(Duration.ofSeconds(1)) >= 0) {
            LOG.info("connection {}: waiting {} before {} ({})", connection, Durations.format(wait),
                    call.operation(), reason);
        } else {
            LOG.debug("connection {}: waiting {} before {} ({})", connection, Durations.format(wait),
                    call.operation(), reason);
        }
        if (!sleep(wait)) {
            throw new LocalRejection(new ProviderUnavailableException("connection '" + connection
                    + "': interrupted while waiting for the rate limit; " + call.operation() + " was not sent",
                    details, new InterruptedException(), false));
        }
        return slot;
    }

    private void acquireBulkhead(Call call) {
        try {
            bulkhead.acquirePermission();
        } catch (BulkheadFullException e) {
            throw new LocalRejection(new ProviderUnavailableException("connection '" + connection + "' already has "
                    + settings.bulkheadMaxConcurrent() + " calls in flight (bulkhead.max-concurrent) and none"
                    + " finished within " + Durations.format(settings.bulkheadMaxWait()) + "; " + call.operation()
                    + " was not sent", details, e, false));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new LocalRejection(new ProviderUnavailableException("connection '" + connection
                        + "': interrupted while waiting for a bulkhead slot; " + call.operation() + " was not sent",
                        details, e, false));
            }
            throw e;
        }
    }

    private void observeBudget() {
        try {
            reportedBudget.get().ifPresent(pacer::observe);
        } catch (RuntimeException e) {
            LOG.debug("connection {}: could not read the provider's rate-limit budget ({})", connection,
                    e.getClass().getSimpleName());
        }
    }

    private boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Turns a provider failure into the error the caller sees for this kind of call. */
    private LeadbridgeException classify(Call call, LeadbridgeException e) {
        if (e instanceof RateLimitedException r && r.httpStatus() != null && r.retryAfter() != null
                && r.retryAfter().compareTo(settings.retryMaxWait()) > 0) {
            RateLimitedException capped = new RateLimitedException("connection '" + connection
                    + "': the provider asked to wait " + Durations.format(r.retryAfter()) + " ("
                    + r.retryAfter().toSeconds() + "s) before " + call.operation() + " may be tried again, longer"
                    + " than retry.max-wait (" + Durations.format(settings.retryMaxWait()) + "); failing at once",
                    r.details(), r.retryAfter(), r);
            return capped;
        }
        if (!call.kind().idempotent() && e instanceof ProviderUnavailableException p
                && p.requestMayHaveReachedServer()) {
            return new OutcomeUnknownException("connection '" + connection + "': " + call.operation()
                    + " failed after the request may have reached the provider (" + describe(e) + "); "
                    + call.kind().ambiguity, e.details(), e);
        }
        return e;
    }

    /** Whether another attempt may help and is safe (the caller has already classified the failure). */
    private boolean retriable(Throwable t) {
        if (!(t instanceof LeadbridgeException e) || !e.isRetriable() || e instanceof CircuitOpenException) {
            return false;
        }
        if (e instanceof RateLimitedException r) {
            return r.httpStatus() != null
                    && (r.retryAfter() == null || r.retryAfter().compareTo(settings.retryMaxWait()) <= 0);
        }
        return !(e.getCause() instanceof BulkheadFullException);
    }

    /** Whether a failure counts against the provider in the circuit breaker. */
    static boolean isProviderFailure(Throwable t) {
        if (t instanceof CircuitOpenException) {
            return false;
        }
        if (t instanceof RateLimitedException r) {
            return r.httpStatus() != null;
        }
        return t instanceof ProviderUnavailableException;
    }

    private CircuitOpenException circuitOpen(Call call) {
        CircuitBreaker.State state = breaker.getState();
        String why = state == CircuitBreaker.State.HALF_OPEN
                ? "is HALF_OPEN and its " + settings.breakerHalfOpenCalls() + " probe call(s) are in flight"
                : "is " + state + " after repeated provider failures (failure rate "
                + percent(breaker.getMetrics().getFailureRate()) + "%); it lets a probe call through "
                + Durations.format(settings.breakerOpenDuration()) + " after opening";
        return new CircuitOpenException("connection '" + connection + "' is failing fast: its circuit breaker " + why
                + "; " + call.operation() + " was not sent", details, null, settings.breakerOpenDuration());
    }

    private static String percent(float rate) {
        return rate < 0 ? "?" : String.valueOf(Math.round(rate));
    }

    /** A short description of a failure for log lines and messages: the status, or the message without details. */
    static String describe(LeadbridgeException e) {
        if (e.httpStatus() != null) {
            String wait = e instanceof RateLimitedException r && r.retryAfter() != null
                    ? ", asked to wait " + Durations.format(r.retryAfter()) : "";
            return "HTTP " + e.httpStatus() + wait;
        }
        String message = String.valueOf(e.getMessage());
        int details = message.lastIndexOf(" [");
        return details > 0 && message.endsWith("]") ? message.substring(0, details) : message;
    }

    /** The connection's retry instance. */
    public Retry retry() {
        return retry;
    }

    /** The connection's circuit breaker. */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** How many calls the connection's local rate limit would let through now; empty when the limit is off. */
    public Optional<Integer> rateLimitPermitsAvailable() {
        return window == null ? Optional.empty() : Optional.of(window.available(clock.instant()));
    }

    /** The connection's bulkhead. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** The registry holding the retry instance (for metrics binding). */
    public RetryRegistry retryRegistry() {
        return retryRegistry;
    }

    /** The registry holding the circuit breaker (for metrics binding). */
    public CircuitBreakerRegistry circuitBreakerRegistry() {
        return breakerRegistry;
    }

    /** The registry holding the bulkhead (for metrics binding). */
    public BulkheadRegistry bulkheadRegistry() {
        return bulkheadRegistry;
    }

    /**
     * The local rate limit as the providers count it: at most {@code limit} calls in any window of {@code period}. A
     * call holds its permit from its slot until {@code period} after it completed (the provider counts it when it
     * arrives, which is after the slot and before the completion), so the provider's sliding window never sees more
     * than the limit. Time from the executor's clock, so a simulated clock drives it like every other layer.
     * Thread-safe.
     */
    static final class SlidingWindow {
        /** One permit: its time moves from the slot to the completion. */
        static final class Slot {
            java.time.Instant time;

            Slot(java.time.Instant time) {
                this.time = time;
            }
        }

        private final int limit;
        private final Duration period;
        private final java.util.ArrayList<Slot> slots = new java.util.ArrayList<>();

        SlidingWindow(int limit, Duration period) {
            this.limit = limit;
            this.period = period;
        }

        /** Reserves the next slot, or returns null (nothing reserved) when it lies beyond {@code maxWait}. */
        synchronized Slot reserve(java.time.Instant now, Duration maxWait) {
            slots.removeIf(slot -> !slot.time.plus(period).isAfter(now));
            java.time.Instant at = now;
            if (slots.size() >= limit) {
                slots.sort(java.util.Comparator.comparing(slot -> slot.time));
                java.time.Instant earliest = slots.get(slots.size() - limit).time.plus(period);
                if (earliest.isAfter(at)) {
                    at = earliest;
                }
            }
            if (Duration.between(now, at).compareTo(maxWait) > 0) {
                return null;
            }
            Slot slot = new Slot(at);
            slots.add(slot);
            return slot;
        }

        /** How many calls could take a slot at {@code now} without waiting. */
        synchronized int available(java.time.Instant now) {
            long held = slots.stream().filter(slot -> slot.time.plus(period).isAfter(now)).count();
            return (int) Math.max(0, limit - held);
        }

        /** Gives back a permit whose call was never sent. */
        synchronized void cancel(Slot slot) {
            slots.remove(slot);
        }

        /** Moves a permit to the instant its call completed. */
        synchronized void complete(Slot slot, java.time.Instant now) {
            if (now.isAfter(slot.time)) {
                slot.time = now;
            }
        }
    }

    /** A rejection by a local layer: nothing was sent, never retried. */
    private static final class LocalRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient LeadbridgeException error;

        LocalRejection(LeadbridgeException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
