package dev.leadbridge.samples;

import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.PersonIndex;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.error.LeadbridgeException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aggregation: the leads of many connections (accounts at several providers) as one stream.
 *
 * <p>Shows what an agency does with {@link LeadbridgeClient}: open every connection of a configuration file, read
 * them concurrently into one stream merged newest first, count by canonical status, find the people who appear in
 * several connections (by {@link Lead#personKey()}: the same normalised email or phone at any provider), and report
 * how each connection went. A connection that fails (a wrong key, an outage) does not stop the others: its
 * {@link ConnectionOutcome.Failed} says why, and the program exits with status 1. A connection whose provider cannot
 * list (Nexor) is {@link ConnectionOutcome.Skipped}; its leads are still readable one by one by global id
 * ({@code <connection>:<nativeId>}), which the client routes to the right connection.
 *
 * <p>Run it with a configuration file and, optionally, global ids to look up:
 * <pre>
 * java -cp ... dev.leadbridge.samples.AggregationSample leadbridge.properties acme-nexor:6f1c...
 * </pre>
 * where {@code leadbridge.properties} holds one block per connection, e.g.
 * <pre>
 * connections.acme-octanist.provider = octanist
 * connections.acme-octanist.api-key  = ${ACME_OCTANIST_KEY}
 * connections.acme-chat.provider     = workspace-v1
 * connections.acme-chat.api-key      = ${ACME_WORKSPACE_KEY}
 * </pre>
 * ({@code ${NAME}} expands from the environment; see {@code samples/config/agency.properties}).
 *
 * <p>Output (connections are listed in name order):
 * <pre>
 * Aggregating 3 connections: acme-chat, acme-nexor, acme-octanist
 * 6 leads, newest first:
 *   2025-01-14T09:00:00Z  acme-chat:lead_5e0c1d2a3b4f6a7b  LOST      Eva Lindqvist &lt;eva@example.se&gt; +46701234567
 *   ...
 * By status: OPEN 2, QUALIFIED 1, WON 2, LOST 1
 * In several connections: 1 person
 *   Ava Stone: acme-chat:lead_0a1b2c3d4e5f6a7b, acme-octanist:lead_8f2k1x0q9w3e
 * Connections:
 *   acme-chat      ok, 3 leads, 1 pages
 *   acme-nexor     skipped: provider 'nexor' cannot list leads
 *   acme-octanist  ok, 3 leads, 1 pages
 * Looked up acme-nexor:6f1c... (nexor): CONTACTED Sebastián Muñoz &lt;sebastian.munoz@gmail.com&gt; +56912345678
 * </pre>
 */
public final class AggregationSample {

    /** How many of the newest leads are printed. */
    public static final int NEWEST = 5;

    private AggregationSample() {
    }

    /**
     * Reads the configuration file ({@code args[0]} or {@code LEADBRIDGE_CONFIG}) and runs the sample; the other
     * arguments are global lead ids to look up. Exits with 1 when a connection failed.
     */
    public static void main(String[] args) {
        SampleSupport.exit(() -> {
            Properties config = SampleSupport.load(SampleSupport.configPath(args, System::getenv));
            List<String> lookUps = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
            return run(config, System::getenv, lookUps, System.out) ? 0 : 1;
        });
    }

    /**
     * Aggregates every connection of {@code config} and prints the summary.
     *
     * @param config  the connection properties ({@code connections.<name>.provider|base-url|api-key|...})
     * @param env     expands {@code ${NAME}} in values, e.g. {@code System::getenv}
     * @param lookUps global ids ({@code <connection>:<nativeId>}) to read and print, may be empty
     * @param out     where to print
     * @return true when no connection failed (skipped ones are fine)
     * @throws dev.leadbridge.core.error.ConfigurationException when the configuration is wrong
     */
    public static boolean run(Properties config, Function<String, String> env, List<String> lookUps,
                              PrintStream out) {
        try (LeadbridgeClient client = LeadbridgeClient.fromProperties(config, env)) {
            out.printf("Aggregating %d connections: %s%n", client.connectionNames().size(),
                    String.join(", ", client.connectionNames()));

            LeadQuery newestFirst = LeadQuery.builder().sortBy(SortField.CREATED_AT, false).build();
            List<Lead> leads;
            Map<String, ConnectionOutcome> outcomes;
            // Partial-failure mode (the default): a failing connection ends only its own part of the stream.
            try (AggregateResult result = client.stream(AggregateQuery.of(newestFirst))) {
                leads = result.leads().toList();   // a sample: an export would write each lead as it comes
                outcomes = result.outcomes();       // complete once the stream is exhausted
            }

            out.printf("%d leads, newest first:%n", leads.size());
            leads.stream().limit(NEWEST).forEach(lead ->
                    out.printf("  %s  %s  %s%n", lead.createdAt(), lead.id(), SampleSupport.person(lead)));

            Map<LeadStatus, Long> byStatus = leads.stream().collect(Collectors.groupingBy(Lead::status,
                    () -> new EnumMap<>(LeadStatus.class), Collectors.counting()));
            out.println("By status: " + byStatus.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));

            Map<String, List<Lead>> shared = PersonIndex.acrossConnections(leads);
            out.printf("In several connections: %d %s%n", shared.size(), shared.size() == 1 ? "person" : "people");
            shared.values().forEach(group -> out.printf("  %s: %s%n", displayName(group),
                    group.stream().map(Lead::id).collect(Collectors.joining(", "))));

            out.println("Connections:");
            int width = client.connectionNames().stream().mapToInt(String::length).max().orElse(0);
            for (String name : client.connectionNames()) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", name, describe(outcomes.get(name)));
            }

            for (String globalId : lookUps) {
                try {
                    Lead lead = client.get(globalId);   // routed to the connection named before the colon
                    out.printf("Looked up %s (%s): %s%n", lead.id(), lead.provider(), SampleSupport.person(lead));
                } catch (LeadbridgeException e) {
                    out.printf("Looked up %s: %s: %s%n", globalId, e.getClass().getSimpleName(), e.getMessage());
                }
            }
            return outcomes.values().stream().noneMatch(ConnectionOutcome::failed);
        }
    }

    private static String displayName(List<Lead> group) {
        return group.stream().map(Lead::name).filter(n -> n != null && !n.isBlank()).findFirst()
                .orElse(group.get(0).email() != null ? group.get(0).email() : group.get(0).personKey());
    }

    private static String describe(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.Ok ok) {
            return "ok, " + ok.leads() + " leads, " + ok.pages() + " pages";
        }
        if (outcome instanceof ConnectionOutcome.Skipped skipped) {
            return "skipped: " + skipped.reason();
        }
        if (outcome instanceof ConnectionOutcome.Failed failed) {
            return "FAILED after " + failed.leadsBeforeFailure() + " leads: "
                    + failed.error().getClass().getSimpleName() + ": " + failed.error().getMessage();
        }
        return "not finished";
    }
}
