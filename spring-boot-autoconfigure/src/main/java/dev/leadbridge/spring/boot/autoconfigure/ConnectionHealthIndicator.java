package dev.leadbridge.spring.boot.autoconfigure;

import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.error.SafeText;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.api.LeadProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one Leadbridge connection, read from its resilience layers without calling the provider: the circuit
 * breaker's state ({@code CLOSED} is UP, {@code HALF_OPEN} UNKNOWN, {@code OPEN} DOWN), the last failure seen since
 * the application started, and the rate budget left (the local limiter's permits and the provider's own reported
 * budget). A connection without resilience layers (a provider added in code) is UP with its provider only.
 *
 * <p>No detail ever holds an API key: failures are shown by the type and the message of the Leadbridge error, and
 * those messages never contain one.
 */
public class ConnectionHealthIndicator implements HealthIndicator {

    private final String connection;
    private final LeadProvider provider;
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

    /** Watches {@code provider}, the connection named {@code connection}. */
    public ConnectionHealthIndicator(String connection, LeadProvider provider) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.provider = Objects.requireNonNull(provider, "provider");
        if (provider instanceof ResilientLeadProvider resilient) {
            CircuitBreaker.EventPublisher events = resilient.circuitBreaker().getEventPublisher();
            events.onError(e -> lastFailure.set(new Failure(e.getCreationTime().toInstant(), e.getThrowable())));
            events.onIgnoredError(e -> lastFailure.set(new Failure(e.getCreationTime().toInstant(),
                    e.getThrowable())));
        }
    }

    /** The connection's state as described on the class; never calls the provider. */
    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", provider.providerId());
        Status status = Status.UP;
        if (provider instanceof ResilientLeadProvider resilient) {
            CircuitBreaker breaker = resilient.circuitBreaker();
            CircuitBreaker.State state = breaker.getState();
            details.put("circuit", state.name());
            float failureRate = breaker.getMetrics().getFailureRate();
            if (failureRate >= 0) {
                details.put("failureRate", failureRate);
            }
            status = switch (state) {
                case OPEN, FORCED_OPEN -> Status.DOWN;
                case HALF_OPEN -> Status.UNKNOWN;
                default -> Status.UP;
            };
            resilient.rateLimit().ifPresent(limit -> details.put("rateLimit", limit.toString()));
            resilient.rateLimitPermitsAvailable().ifPresent(left -> details.put("rateLimitPermitsLeft", left));
        } else {
            details.put("circuit", "none");
        }
        provider.rateLimitStatus().ifPresent(budget -> details.put("providerBudget", budget(budget)));
        Failure failure = lastFailure.get();
        if (failure != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", failure.at().toString());
            last.put("error", failure.error().getClass().getSimpleName());
            last.put("message", SafeText.message(failure.error().getMessage()));
            details.put("lastFailure", last);
        }
        return Health.status(status).withDetails(details).build();
    }

    private static Map<String, Object> budget(RateLimitStatus budget) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (budget.remaining() != null) {
            out.put("remaining", budget.remaining());
        }
        if (budget.limit() != null) {
            out.put("limit", budget.limit());
        }
        if (budget.resetAt() != null) {
            out.put("resetAt", budget.resetAt().toString());
        }
        return out;
    }

    private record Failure(Instant at, Throwable error) {
    }
}
