package dev.leadbridge.client.internal;

import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.RateLimitSpec;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * The page concurrency a connection gets when neither its configuration nor the client builder sets one, derived from
 * the connection's rate budget (docs/configuration.md, "Page concurrency"). A connection without a local rate limit
 * (Octanist and Nexor publish none) gets {@value #UNLIMITED}; a connection with one gets a page in flight per
 * {@value #REQUESTS_PER_HOUR_PER_PAGE} requests an hour of its budget, 1 to {@value #UNLIMITED} (workspace-v1's
 * 1000 an hour: 2). More pages than that cannot make an export faster once the budget is what bounds it: they only
 * turn into pacing waits and bursts that risk a 429.
 */
public final class PageConcurrency {

    /** Pages in flight for a connection whose requests are not rate-limited. */
    public static final int UNLIMITED = 6;
    /** Budget (requests an hour) per page in flight for a rate-limited connection. */
    public static final int REQUESTS_PER_HOUR_PER_PAGE = 500;

    private PageConcurrency() {
    }

    /**
     * The default page concurrency of {@code provider}: from its local rate limit when it is wrapped in core's
     * resilience layers (every connection opened from configuration is), else {@code unknownBudget}.
     */
    public static int defaultFor(LeadProvider provider, int unknownBudget) {
        if (provider instanceof ResilientLeadProvider resilient) {
            return forRateLimit(resilient.rateLimit());
        }
        return unknownBudget;
    }

    /** The page concurrency for a rate budget: {@value #UNLIMITED} without one, else 1 per 500 requests an hour. */
    public static int forRateLimit(Optional<RateLimitSpec> limit) {
        if (limit.isEmpty()) {
            return UNLIMITED;
        }
        RateLimitSpec spec = limit.get();
        double perHour = spec.requests() * ((double) Duration.ofHours(1).toMillis() / spec.period().toMillis());
        long pages = (long) Math.floor(perHour / REQUESTS_PER_HOUR_PER_PAGE);
        return (int) Math.max(1, Math.min(UNLIMITED, pages));
    }
}
