package dev.leadbridge.core;

import java.time.Instant;

/**
 * A provider's rate-limit budget as its last response reported it (workspace-v1's {@code X-RateLimit-*} headers).
 *
 * @param limit     requests allowed per window, or null
 * @param remaining requests left in the window, or null
 * @param resetAt   when the oldest counted request leaves the window, or null
 * @param used      requests used in the window, or null
 */
public record RateLimitStatus(Integer limit, Integer remaining, Instant resetAt, Integer used) {
}
