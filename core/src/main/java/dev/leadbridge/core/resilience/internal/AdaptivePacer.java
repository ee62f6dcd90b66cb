package dev.leadbridge.core.resilience.internal;

import dev.leadbridge.core.RateLimitStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows a connection down as the provider's reported budget runs low, so that a long run of calls never earns a 429
 * when the provider reports its budget ({@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset}).
 *
 * <p>The algorithm: after every call the provider's last reported {@link RateLimitStatus} is observed. Before a call,
 * let {@code R} be the reported remaining budget less the calls started since that report (counting the calls
 * that were still in flight when it arrived, which it may not include yet), and {@code T} the reported
 * reset time. While {@code R} is above the threshold ({@code slowDownBelow} percent of the reported limit, or 10
 * calls when the limit is not reported) calls go at once. At or below it, the remaining budget is spread evenly until
 * the reset: a call goes at its slot {@code S} (now, or the slot the previous call left) and the next slot is
 * {@code S + (T - S) / R}, so the last unit of budget leaves the next call waiting until {@code T}; with nothing left ({@code R <= 0}) the next call
 * waits until {@code T}, when the provider's window frees a slot (further calls waiting for the same reset follow
 * one second apart, until a fresh report arrives). A status whose reset lies in the past is ignored.
 * A 429 with a {@code Retry-After} also holds every call until then ({@link #holdUntil(Instant)}). Thread-safe.
 */
public final class AdaptivePacer {

    /** The threshold, in calls, when the provider reports a remaining budget but no limit. */
    static final int THRESHOLD_WITHOUT_LIMIT = 10;

    /** How far apart calls that all wait for the same reset are sent (the reset frees at least one slot). */
    static final Duration SPACING_AFTER_RESET = Duration.ofSeconds(1);

    private final Clock clock;
    private final int slowDownBelowPercent;

    private RateLimitStatus status;
    private int startedSinceStatus;
    private int inFlight;
    private Instant nextSlot = Instant.MIN;
    private Instant heldUntil = Instant.MIN;

    /**
     * Creates a pacer.
     *
     * @param clock                time source
     * @param slowDownBelowPercent percentage of the reported limit at or below which calls are paced; 0 paces only
     *                             a {@link #holdUntil(Instant) hold}
     */
    public AdaptivePacer(Clock clock, int slowDownBelowPercent) {
        this.clock = clock;
        this.slowDownBelowPercent = slowDownBelowPercent;
    }

    /**
     * Records the provider's latest reported budget (null is ignored). Calls still in flight when it arrives may not
     * be counted in it yet, so they keep counting against it.
     */
    public synchronized void observe(RateLimitStatus latest) {
        if (latest == null || latest.equals(status)) {
            return;
        }
        status = latest;
        startedSinceStatus = inFlight;
    }

    /** Ends a call {@link #reserve() reserved} earlier, whether it was sent, failed or never left. */
    public synchronized void released() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    /** Holds every call until {@code until}, e.g. after a 429 with {@code Retry-After}. */
    public synchronized void holdUntil(Instant until) {
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    /**
     * Reserves the next call and says how long it must wait first (zero when it may go at once). The reservation
     * counts against the reported budget whether or not the caller then waits.
     */
    public synchronized Wait reserve() {
        Instant now = clock.instant();
        Instant start = now;
        String reason = null;
        if (heldUntil.isAfter(start)) {
            start = heldUntil;
            reason = "the provider asked to wait";
        }
        RateLimitStatus s = status;
        if (slowDownBelowPercent > 0 && s != null && s.remaining() != null && s.resetAt() != null
                && s.resetAt().isAfter(now)) {
            int left = s.remaining() - startedSinceStatus;
            if (left <= threshold(s)) {
                Instant slot;
                if (left <= 0) {
                    slot = nextSlot.isAfter(s.resetAt()) ? nextSlot : s.resetAt();
                    nextSlot = slot.plus(SPACING_AFTER_RESET);
                } else {
                    slot = nextSlot.isAfter(now) ? nextSlot : now;
                    Duration untilReset = Duration.between(slot, s.resetAt());
                    nextSlot = untilReset.isNegative() ? slot : slot.plus(untilReset.dividedBy(left));
                }
                if (slot.isAfter(start)) {
                    start = slot;
                    reason = "the provider reports " + Math.max(0, left) + " of "
                            + (s.limit() == null ? "?" : s.limit()) + " requests left until " + s.resetAt();
                }
            }
        }
        startedSinceStatus++;
        inFlight++;
        return new Wait(Duration.between(now, start), reason);
    }

    private int threshold(RateLimitStatus s) {
        if (s.limit() == null || s.limit() <= 0) {
            return THRESHOLD_WITHOUT_LIMIT;
        }
        return (int) Math.ceil(s.limit() * (slowDownBelowPercent / 100.0));
    }

    /**
     * How long a call must wait, and why.
     *
     * @param duration the wait, zero when none
     * @param reason   why, for the log; null when there is no wait
     */
    public record Wait(Duration duration, String reason) {
    }
}
