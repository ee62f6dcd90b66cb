package dev.leadbridge.core.api;

import java.time.Duration;
import java.util.Locale;

/** Formats durations for people, in the same notation connection options use ({@code 400ms}, {@code 30s}, {@code 1h}). */
public final class Durations {

    private Durations() {
    }

    /**
     * A short human form: {@code 400ms} below a second, otherwise e.g. {@code 7s}, {@code 1.5s}, {@code 2m30s},
     * {@code 1h}; null gives {@code "?"}.
     */
    public static String format(Duration duration) {
        if (duration == null) {
            return "?";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        Duration rounded = duration.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return rounded.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
