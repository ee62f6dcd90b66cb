package dev.leadbridge.testkit;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The faults queued on one simulator. Each queued rule applies to the next requests that match it,
 * a given number of times, in the order queued; a latency applies to every request. Thread-safe.
 */
public final class FaultInjector {

    private final ConcurrentLinkedQueue<Rule> rules = new ConcurrentLinkedQueue<>();
    private volatile Duration latency = Duration.ZERO;

    /** Applies {@code fault} to the next request, whatever it is. */
    public FaultInjector next(Fault fault) {
        return next(1, fault);
    }

    /** Applies {@code fault} to the next {@code times} requests. */
    public FaultInjector next(int times, Fault fault) {
        return when(request -> true, times, fault);
    }

    /** Applies {@code fault} to the next {@code times} requests that match {@code matcher}. */
    public FaultInjector when(Predicate<SimRequest> matcher, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        rules.add(new Rule(matcher, fault, times));
        return this;
    }

    /** Delays every answer by {@code perRequest} (zero to switch off), as a distant server would. */
    public FaultInjector latency(Duration perRequest) {
        this.latency = perRequest == null ? Duration.ZERO : perRequest;
        return this;
    }

    /** Removes every queued fault and the latency. */
    public void clear() {
        rules.clear();
        latency = Duration.ZERO;
    }

    /** The latency applied to every request. */
    public Duration latency() {
        return latency;
    }

    /** Takes the fault for this request, if any rule matches; counts one use of that rule. */
    Fault take(SimRequest request) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.matcher.test(request)) {
                synchronized (rule) {
                    if (rule.remaining > 0) {
                        rule.remaining--;
                        if (rule.remaining == 0) {
                            it.remove();
                        }
                        return rule.fault;
                    }
                }
            }
        }
        return null;
    }

    private static final class Rule {
        final Predicate<SimRequest> matcher;
        final Fault fault;
        int remaining;

        Rule(Predicate<SimRequest> matcher, Fault fault, int remaining) {
            this.matcher = matcher;
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
