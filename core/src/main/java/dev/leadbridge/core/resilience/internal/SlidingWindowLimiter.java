package dev.leadbridge.core.resilience.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A connection's local rate limit, counted the way the providers count it: at most {@code limit} calls in any
 * window of {@code period} (workspace-v1: any 60 minutes), not in fixed periods. Resilience4j's limiter counts fixed
 * periods on {@code System.nanoTime()}, which can let twice the limit into one sliding window across a period
 * boundary and cannot follow a simulated clock; this one takes every instant from its caller (the connection's
 * clock).
 *
 * <p>A call holds its permit from its slot until {@code period} after it completed (the provider counts the call
 * when it arrives, which is after the slot and before the completion), so the provider's sliding window never sees
 * more than the limit. Thread-safe.
 */
public final class SlidingWindowLimiter {

    /** One permit: its time moves from the slot to the completion. */
    public static final class Slot {
        private volatile Instant time;

        private Slot(Instant time) {
            this.time = time;
        }

        /** When the permit's call may go (before completion) or completed (after). */
        public Instant time() {
            return time;
        }
    }

    private final int limit;
    private final Duration period;
    private final List<Slot> slots = new ArrayList<>();

    /**
     * Creates a limiter.
     *
     * @param limit  the most calls in any window of {@code period}, at least 1
     * @param period the window, positive
     */
    public SlidingWindowLimiter(int limit, Duration period) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        this.limit = limit;
        this.period = period;
    }

    /**
     * Reserves the next permit: at {@code now} when fewer than {@code limit} permits are held, else when the
     * {@code limit}-th latest one leaves the window.
     *
     * @return the reserved slot (its {@link Slot#time()} is when the call may go), or null, with nothing reserved,
     *         when that lies more than {@code maxWait} after {@code now}
     */
    public synchronized Slot reserve(Instant now, Duration maxWait) {
        slots.removeIf(slot -> !slot.time.plus(period).isAfter(now));
        Instant at = now;
        if (slots.size() >= limit) {
            slots.sort(Comparator.comparing(slot -> slot.time));
            Instant earliest = slots.get(slots.size() - limit).time.plus(period);
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

    /** How many calls could take a permit at {@code now} without waiting. */
    public synchronized int available(Instant now) {
        long held = slots.stream().filter(slot -> slot.time.plus(period).isAfter(now)).count();
        return (int) Math.max(0, limit - held);
    }

    /** Gives back a permit whose call was never sent. */
    public synchronized void cancel(Slot slot) {
        slots.remove(slot);
    }

    /** Moves a permit to the instant its call completed, so it counts for {@code period} from then. */
    public synchronized void complete(Slot slot, Instant now) {
        if (now.isAfter(slot.time)) {
            slot.time = now;
        }
    }
}
