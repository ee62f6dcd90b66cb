package dev.leadbridge.core.resilience;

import java.time.Duration;

/**
 * Waits: between retries, for a {@code Retry-After}, and for the rate limit. The default sleeps the calling thread;
 * tests inject one that moves a fake clock instead, so no test sleeps for real time. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration} (never negative).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The sleeper that blocks the calling thread with {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return duration -> {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
