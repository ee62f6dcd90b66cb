package dev.leadbridge.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so that time-based behaviour never needs a real sleep. Thread-safe. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** Creates a clock standing at {@code start}. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
