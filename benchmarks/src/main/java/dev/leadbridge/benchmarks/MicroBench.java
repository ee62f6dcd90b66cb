package dev.leadbridge.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Comparisons 3 and 4 in one JMH run, with the ratios computed from that run: per-lead CPU (the Octanist decode and
 * map path against Jackson into a {@code Map}) and the cache hit (core's caching layer and the client against a bare
 * Caffeine lookup). JMH flags given on the command line (e.g. {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}) override the
 * benchmarks' own settings.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.leadbridge.benchmarks.MicroBench}.
 */
public final class MicroBench {

    private MicroBench() {
    }

    /** Runs both JMH benchmarks and prints their ratio lines; exits with 1 when a target is missed. */
    public static void main(String[] args) throws RunnerException {
        Logging.quiet();
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Options options = new OptionsBuilder().parent(cli)
                .include(OctanistDecodeBenchmark.class.getName()
                        + "\\.(jacksonMap|jacksonTree|leadbridge|jacksonMapPhones|jacksonMapNoPhones|leadbridgeNoPhones)$")
                .include(CacheHitBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            scores.put(name, r.getPrimaryResult().getScore());
            units.put(name, r.getPrimaryResult().getScoreUnit());
            if (name.equals("cachedProviderGet") || name.equals("clientGet") || name.equals("caffeineGetIfPresent")) {
                scores.put(name, nanos(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit()));
            }
        }
        boolean met = true;
        System.out.println();
        if (scores.containsKey("leadbridge") && scores.containsKey("jacksonMap")) {
            double lb = scores.get("leadbridge");
            double floor = scores.get("jacksonMap");
            double ratio = lb / floor;
            System.out.printf(Locale.ROOT, "per-lead CPU: leadbridge decode+map %.1f %s per page of %d (%.2f us/lead);"
                            + " Jackson into a Map %.1f %s (%.2f us/lead); Jackson tree %.1f %s%n", lb,
                    units.get("leadbridge"), OctanistDecodeBenchmark.PAGE_SIZE, lb / OctanistDecodeBenchmark.PAGE_SIZE,
                    floor, units.get("jacksonMap"), floor / OctanistDecodeBenchmark.PAGE_SIZE,
                    scores.getOrDefault("jacksonTree", Double.NaN), units.get("jacksonTree"));
            System.out.printf(Locale.ROOT, "decode+map vs Jackson Map: %.2fx (for the record)%n", ratio);
        }
        if (scores.containsKey("leadbridge") && scores.containsKey("jacksonMapPhones")) {
            double ratio = scores.get("leadbridge") / scores.get("jacksonMapPhones");
            System.out.printf(Locale.ROOT, "decode+map vs the phone-aware floor (Jackson Map + libphonenumber): %.1f vs"
                    + " %.1f us per page: %.2fx (target <= 1.2x)%n", scores.get("leadbridge"),
                    scores.get("jacksonMapPhones"), ratio);
            met &= ratio <= 1.2;
        }
        if (scores.containsKey("leadbridgeNoPhones") && scores.containsKey("jacksonMapNoPhones")) {
            double ratio = scores.get("leadbridgeNoPhones") / scores.get("jacksonMapNoPhones");
            System.out.printf(Locale.ROOT, "decode+map vs Jackson Map on the page without phones: %.1f vs %.1f us per"
                    + " page: %.2fx (target <= 2x)%n", scores.get("leadbridgeNoPhones"),
                    scores.get("jacksonMapNoPhones"), ratio);
            met &= ratio <= 2.0;
        }
        if (scores.containsKey("cachedProviderGet") && scores.containsKey("caffeineGetIfPresent")) {
            double provider = scores.get("cachedProviderGet");
            double client = scores.getOrDefault("clientGet", Double.NaN);
            double caffeine = scores.get("caffeineGetIfPresent");
            System.out.printf(Locale.ROOT, "cache hit: caching layer %.1f ns, client get %.1f ns, bare Caffeine %.1f ns%n",
                    provider, client, caffeine);
            System.out.printf(Locale.ROOT, "cache hit vs bare Caffeine: %.1fx (layer), %.1fx (client); target under"
                    + " 1 us per hit: %s%n", provider / caffeine, client / caffeine,
                    Math.max(provider, client) < 1_000 ? "met" : "MISSED");
            met &= Math.max(provider, client) < 1_000;
        }
        System.exit(met ? 0 : 1);
    }

    /** A JMH average-time score in nanoseconds per operation. */
    static double nanos(double score, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("ns")) {
            return score;
        }
        if (u.startsWith("us")) {
            return score * 1e3;
        }
        if (u.startsWith("ms")) {
            return score * 1e6;
        }
        if (u.startsWith("s/")) {
            return score * 1e9;
        }
        throw new IllegalArgumentException("not an average-time unit: " + unit);
    }
}
