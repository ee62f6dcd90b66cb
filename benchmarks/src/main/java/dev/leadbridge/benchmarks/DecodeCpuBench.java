package dev.leadbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Comparison 3 (issue 15, targets 1 and 2) counted in this thread's CPU time and allocated bytes instead of wall
 * time, which a loaded shared machine distorts: the {@link OctanistDecodeBenchmark} methods on the same page, each
 * run for a batch of pages in turn, round after round (interleaved), medians over the rounds. Prints the two ratios
 * the issue sets: decode+map against the phone-aware floor (Jackson into a {@code Map} plus libphonenumber), and on
 * the page without phones against Jackson into a {@code Map}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.DecodeCpuBench [rounds]
 * [pages per batch]} (default 15 rounds of 200 pages, the first 5 rounds warm-up).
 */
public final class DecodeCpuBench {

    private DecodeCpuBench() {
    }

    /** A benchmark method. */
    private interface Step {
        Object run() throws Exception;
    }

    /** Runs the comparison and prints it; exits 1 when a target is missed. */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = Math.min(5, rounds - 1);
        OctanistDecodeBenchmark b = new OctanistDecodeBenchmark();
        b.fetchPage();
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("leadbridge", b::leadbridge);
        steps.put("jacksonMapPhones", b::jacksonMapPhones);
        steps.put("jacksonMap", b::jacksonMap);
        steps.put("leadbridgeNoPhones", b::leadbridgeNoPhones);
        steps.put("jacksonMapNoPhones", b::jacksonMapNoPhones);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        Map<String, List<Long>> cpu = new LinkedHashMap<>();
        Map<String, List<Long>> bytes = new LinkedHashMap<>();
        int sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Step> e : steps.entrySet()) {
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < batch; i++) {
                    sink += System.identityHashCode(e.getValue().run()) & 1;
                }
                long c = threads.getCurrentThreadCpuTime() - c0;
                long a = threads.getThreadAllocatedBytes(self) - a0;
                if (r >= warmup) {
                    cpu.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(c / batch);
                    bytes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(a / batch);
                }
            }
        }
        System.out.printf(Locale.ROOT, "per page of %d Octanist leads, thread CPU and allocation, median of %d rounds"
                        + " of %d pages (load average %.2f, sink %d)%n", OctanistDecodeBenchmark.PAGE_SIZE,
                rounds - warmup, batch, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sink);
        Map<String, Double> us = new LinkedHashMap<>();
        for (String name : steps.keySet()) {
            us.put(name, median(cpu.get(name)) / 1e3);
            System.out.printf(Locale.ROOT, "  %-20s %9.1f us CPU  %9.1f KB allocated%n", name, us.get(name),
                    median(bytes.get(name)) / 1024.0);
        }
        double phoneAware = us.get("leadbridge") / us.get("jacksonMapPhones");
        double noPhones = us.get("leadbridgeNoPhones") / us.get("jacksonMapNoPhones");
        System.out.printf(Locale.ROOT, "decode+map vs the phone-aware floor: %.2fx (target <= 1.2x)%n", phoneAware);
        System.out.printf(Locale.ROOT, "decode+map vs Jackson Map, page without phones: %.2fx (target <= 2x)%n",
                noPhones);
        System.out.printf(Locale.ROOT, "decode+map vs Jackson Map, page with phones: %.2fx (for the record)%n",
                us.get("leadbridge") / us.get("jacksonMap"));
        System.exit(phoneAware <= 1.2 && noPhones <= 2.0 ? 0 : 1);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
