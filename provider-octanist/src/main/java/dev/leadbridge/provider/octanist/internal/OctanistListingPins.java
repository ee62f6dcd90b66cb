package dev.leadbridge.provider.octanist.internal;

import dev.leadbridge.core.LeadQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The createdAt upper bound ("pin") of each running listing: fetching page 1 of a query pins it to the clock's
 * current instant, and later pages of an equal query reuse that pin, so leads created while a listing runs cannot
 * shift its pages. Bounded: at most {@link #MAX_LISTINGS} queries, each pin forgotten {@link #TTL} after it was
 * taken (a later page then pins anew). Time comes from the injected clock. Thread-safe.
 */
final class OctanistListingPins {

    /** The most listings remembered at once; the least recently used is forgotten first. */
    static final int MAX_LISTINGS = 256;

    /** How long a pin is kept. */
    static final Duration TTL = Duration.ofHours(1);

    private final Clock clock;
    private final Map<Object, Instant> pins = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Instant> eldest) {
            return size() > MAX_LISTINGS;
        }
    };

    OctanistListingPins(Clock clock) {
        this.clock = clock;
    }

    /**
     * The pin for page {@code page} of {@code query}: a new one on page 1 or when none is remembered (or it expired),
     * else the remembered one.
     */
    synchronized Instant pin(LeadQuery query, Map<String, String> extraFilters, int page) {
        Object key = List.of(query, extraFilters);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant pin = pins.get(key);
        if (page == 1 || pin == null || now.isAfter(pin.plus(TTL)) || now.isBefore(pin.minus(TTL))) {
            pin = now;
            pins.put(key, pin);
        }
        return pin;
    }

    /** How many listings are remembered. */
    synchronized int size() {
        return pins.size();
    }
}
