package dev.leadbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * CPU time and allocated bytes of some of this JVM's threads, counted per thread with the JVM's
 * {@code com.sun.management.ThreadMXBean}, so a bench can tell the client's work from an in-process simulator's
 * (whose threads are left out by name). A thread's counters vanish when it ends, so a sampler thread reads them every
 * few milliseconds and keeps the last value seen: a thread that ends between two samples loses at most one
 * interval's work. Compiler and GC threads are not Java threads and are never counted (their CPU shows in the
 * process's CPU time instead).
 */
final class ThreadStats implements AutoCloseable {

    /** Counters summed over the counted threads. @param cpuNanos CPU time @param allocatedBytes bytes allocated */
    record Totals(long cpuNanos, long allocatedBytes) {
        /** What was spent between {@code earlier} and this. */
        Totals minus(Totals earlier) {
            return new Totals(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes);
        }
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Predicate<String> counted;
    private final Map<Long, long[]> lastSeen = new HashMap<>();
    private final Map<Long, Boolean> decided = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts sampling every thread whose name {@code counted} accepts (the sampler itself never counts). */
    ThreadStats(Predicate<String> counted) {
        this.counted = counted;
        threads.setThreadCpuTimeEnabled(true);
        threads.setThreadAllocatedMemoryEnabled(true);
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-stats");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Every thread except the simulators' ({@code OctanistSimulator-1-3}, ...) and this sampler. */
    static ThreadStats clientThreads() {
        return new ThreadStats(name -> !name.matches("(Octanist|Workspace|Nexor)Simulator-\\d+-\\d+"));
    }

    /** Samples now and returns the totals so far over every counted thread seen since the start. */
    synchronized Totals totals() {
        sample();
        long cpu = 0;
        long bytes = 0;
        for (long[] v : lastSeen.values()) {
            cpu += v[0];
            bytes += v[1];
        }
        return new Totals(cpu, bytes);
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long self = sampler == null ? -1 : sampler.getId();
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            Boolean include = decided.get(id);
            if (include == null) {  // a thread's name is looked up once (a thread dump is not cheap)
                ThreadInfo info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                include = id != self && counted.test(info.getThreadName());
                names.put(id, info.getThreadName().replaceAll("[0-9]+", "N"));
                decided.put(id, include);
            }
            if (!include) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0 || allocated[i] < 0) {
                continue;  // ended meanwhile
            }
            lastSeen.put(id, new long[] {cpu, allocated[i]});
        }
    }

    /**
     * The CPU time so far per group of threads, a group being a thread name with its numbers replaced by {@code N}
     * ({@code HttpClient-N-Worker-N}): which part of a client spends what.
     */
    synchronized Map<String, Long> cpuNanosByGroup() {
        sample();
        Map<String, Long> groups = new TreeMap<>();
        lastSeen.forEach((id, v) -> groups.merge(names.get(id), v[0], Long::sum));
        return groups;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
