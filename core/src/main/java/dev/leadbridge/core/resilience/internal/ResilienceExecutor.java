package dev.leadbridge.core.resilience.internal;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.Durations;
import dev.leadbridge.core.error.CircuitOpenException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.resilience.ResilienceSettings;
import dev.leadbridge.core.resilience.Sleeper;
import dev.leadbridge.core.resilience.internal.RetryPolicy.Call;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every provider call of one connection through the instances named after it, in this order (outermost
 * first): <b>Retry &rarr; CircuitBreaker &rarr; RateLimiter (with adaptive pacing) &rarr; Bulkhead &rarr; call</b>.
 * Circuit breaker and bulkhead are Resilience4j's; the rate limit is a {@link SlidingWindowLimiter} on the injected
 * clock plus the {@link AdaptivePacer}. Whether and when a failed attempt is tried again is decided by the
 * connection's {@link RetryPolicy} alone; the loop reports each attempt to Resilience4j's {@link Retry} context (so
 * its events and metrics are the usual ones) and sleeps through the injected {@link Sleeper}. Each attempt asks the
 * breaker for permission, then waits for the rate limit, then takes a bulkhead slot. Rejections by the breaker, the
 * rate limiter or the bulkhead are local (nothing was sent) and are never retried; the breaker records only provider
 * failures (unavailable, or a 429 from the provider). Thread-safe.
 */
public final class ResilienceExecutor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.leadbridge.core.resilience");

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
    private final SlidingWindowLimiter window;
    private final RetryPolicy policy;

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

        this.policy = new RetryPolicy(connection, settings, () -> ThreadLocalRandom.current().nextDouble());
        // Resilience4j only records: the policy has decided before the context hears of a failure, and a failure
        // the context hears of as retried carries the policy's wait (see execute).
        RetryConfig retryConfig = RetryConfig.<Object>custom()
                .maxAttempts(settings.retryMaxAttempts())
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft() && outcome.getLeft() instanceof Retrying r
                        ? r.waitMillis : 0L)
                .retryOnException(t -> t instanceof Retrying)
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
                : new SlidingWindowLimiter(settings.rateLimit().requests(), settings.rateLimit().period());
    }

    /**
     * Runs {@code action} with retries, breaker, rate limit and bulkhead.
     *
     * @return what the action returned
     * @throws LeadbridgeException the last failure; for a non-idempotent call that may have reached the provider an
     *                             {@link dev.leadbridge.core.error.OutcomeUnknownException}; a {@link RateLimitedException} when the provider
     *                             asked for a wait above {@code retry.max-wait} or the rate limit would need one above
     *                             {@code rate-limit.max-wait}; a {@link CircuitOpenException} while the breaker is open
     */
    public <T> T execute(Call call, Supplier<T> action) {
        Retry.AsyncContext<Object> context = retry.asyncContext();
        java.time.Instant start = clock.instant();
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
                failure = e;
            } catch (RuntimeException e) {
                context.onError(e);
                throw e;
            }
            Duration elapsed = Duration.between(start, clock.instant());
            RetryPolicy.Decision decision = policy.decide(call, failure,
                    new RetryPolicy.State(attempt, mayHaveActed, elapsed.isNegative() ? Duration.ZERO : elapsed));
            mayHaveActed |= RetryPolicy.mayHaveActed(failure);
            if (decision instanceof RetryPolicy.Done) {
                LOG.info("connection {}: {} found the lead gone on attempt {}; an earlier attempt deleted it",
                        connection, call.operation(), attempt);
                context.onComplete();
                return null;
            }
            if (decision instanceof RetryPolicy.Fail fail) {
                // at the attempts cap Resilience4j counts a failure after retries; otherwise one without retry
                context.onError(attempt >= settings.retryMaxAttempts() && attempt > 1
                        ? new Retrying(failure, 0) : fail.error());
                if (attempt > 1 || fail.error() != failure) {
                    LOG.debug("connection {}: {} failed on attempt {}: {}; {}", connection, call.operation(), attempt,
                            RetryPolicy.describe(failure), fail.why());
                }
                throw fail.error();
            }
            Duration wait = ((RetryPolicy.Retry) decision).delay();
            context.onError(new Retrying(failure, wait.toMillis()));
            LOG.info("connection {}: retry {}/{} of {} after {} (waiting {})", connection, attempt + 1,
                    settings.retryMaxAttempts(), call.operation(), RetryPolicy.describe(failure),
                    Durations.format(wait));
            if (!sleep(wait)) {
                throw failure;
            }
        }
    }

    private <T> T attempt(Call call, Supplier<T> action) {
        if (!breaker.tryAcquirePermission()) {
            throw new LocalRejection(circuitOpen(call));
        }
        SlidingWindowLimiter.Slot slot = null;
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

    private SlidingWindowLimiter.Slot awaitRateLimit(Call call) {
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
        SlidingWindowLimiter.Slot slot = null;
        if (window != null) {
            java.time.Instant now = clock.instant();
            slot = window.reserve(now, maxWait);
            if (slot == null) {
                throw new LocalRejection(new RateLimitedException("connection '" + connection + "': its rate limit of "
                        + settings.rateLimit() + " allows no further call within rate-limit.max-wait ("
                        + Durations.format(maxWait) + "); " + call.operation() + " was not sent", details, null));
            }
            Duration limited = Duration.between(now, slot.time());
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
                    details, new InterruptedException(), false, LeadbridgeException.Reason.INTERRUPTED));
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
                    + " was not sent", details, e, false, LeadbridgeException.Reason.BULKHEAD_FULL));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new LocalRejection(new ProviderUnavailableException("connection '" + connection
                        + "': interrupted while waiting for a bulkhead slot; " + call.operation() + " was not sent",
                        details, e, false, LeadbridgeException.Reason.INTERRUPTED));
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

    /** The connection's retry policy. */
    public RetryPolicy policy() {
        return policy;
    }

    /** A failure the policy retries, as reported to Resilience4j's retry context with the policy's wait. */
    private static final class Retrying extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long waitMillis;

        Retrying(LeadbridgeException failure, long waitMillis) {
            super(failure.getMessage(), failure, false, false);
            this.waitMillis = waitMillis;
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
