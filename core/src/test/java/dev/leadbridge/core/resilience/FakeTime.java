package dev.leadbridge.core.resilience;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leadbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One fake time line for a test: a clock, a ticker reading it, and a sleeper that moves it instead of sleeping. */
final class FakeTime implements Sleeper {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    Ticker ticker() {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
