package dev.leadbridge.cli;

import dev.leadbridge.cli.demo.DemoWorld;
import dev.leadbridge.cli.output.LeadFormat;
import dev.leadbridge.cli.output.OutputTarget;
import dev.leadbridge.cli.output.TextTable;
import dev.leadbridge.cli.progress.ProgressReporter;
import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.PersonIndex;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.LeadbridgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge demo}: the main job on its embedded default. Starts the simulators of all three providers on
 * loopback, configures one connection per simulator, aggregates, and prints per connection the count and status
 * breakdown, some unified leads, the people found at more than one provider and the path of the export it wrote.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run the whole job on built-in simulators of all three providers.",
            "Starts simulators of Octanist, workspace-v1 and Nexor on loopback (no network, no keys), configures one"
                + " connection per simulator, aggregates them, and prints per connection the count and status"
                + " breakdown, some unified leads, the people found at more than one provider, and the path of the"
                + " export file it wrote. Takes a few seconds."})
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CliContext ctx;

    @Option(names = "--leads", paramLabel = "N", defaultValue = "300",
            description = "Leads per simulator (default ${DEFAULT-VALUE}; workspace-v1 gets 5/6, Nexor 2/3 of it).")
    int leads;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the export (default: a new file in the temporary directory).")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "jsonl|csv", defaultValue = "jsonl",
            converter = FormatConverter.class, description = "Format of the export file: jsonl (default) or csv.")
    LeadFormat format;

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (leads < 1 || leads > 10_000) {
            throw new CliException(ExitCode.USAGE, "--leads must be between 1 and 10000, was " + leads, null);
        }
        long started = ctx.nanoTime();
        PrintWriter out = ctx.out();
        ctx.errLine("demo: starting the Octanist, workspace-v1 and Nexor simulators on loopback...");
        try (DemoWorld world = DemoWorld.start(leads)) {
            world.apiKeys().forEach(ctx.redactor()::add);
            Properties config = world.configuration();
            try (LeadbridgeClient client = LeadbridgeClient.fromProperties(config, name -> null)) {
                return run(world, config, client, out, started);
            }
        }
    }

    private int run(DemoWorld world, Properties config, LeadbridgeClient client, PrintWriter out, long started) {
        out.println("Leadbridge demo: three providers simulated on loopback, no network, no keys of yours.");
        out.println();
        out.println("Configuration (what you would put in a --config file; keys hidden):");
        for (String key : world.configurationKeys()) {
            String value = key.endsWith(".api-key") ? "****" : config.getProperty(key);
            out.println("  " + key + " = " + value);
        }
        out.println();

        List<String> names = client.connectionNames();
        Map<String, String> providers = new LinkedHashMap<>();
        List<String> listing = new ArrayList<>();
        Map<String, ConnectionOutcome> outcomes = new LinkedHashMap<>();
        for (String name : names) {
            var provider = client.connection(name);
            providers.put(name, provider.providerId());
            if (provider.capabilities().supports(Operation.LIST)) {
                listing.add(name);
            } else {
                outcomes.put(name, new ConnectionOutcome.Skipped(name, "provider '" + provider.providerId()
                        + "' cannot list leads"));
            }
        }
        List<Lead> all;
        AggregateQuery query = AggregateQuery.of(LeadQuery.ALL).withConnections(listing);
        try (ProgressReporter progress = new ProgressReporter(ctx, "demo", listing).start();
             AggregateResult result = client.stream(query.withProgress(progress))) {
            try (Stream<Lead> leadStream = result.leads()) {
                all = leadStream.toList();
            }
            Map<String, ConnectionOutcome> listed = result.outcomes();
            Map<String, ConnectionOutcome> merged = new LinkedHashMap<>();
            for (String name : names) {
                merged.put(name, outcomes.containsKey(name) ? outcomes.get(name) : listed.get(name));
            }
            outcomes = merged;
        }

        printConnections(out, world, providers, outcomes, all);
        printLeads(out, all);
        printPeople(out, all);
        printNexor(out, client, world, all);
        Path file = writeExport(all);
        out.println("Export");
        out.printf(Locale.ROOT, "  %,d leads written as %s to %s%n", all.size(), format.name().toLowerCase(Locale.ROOT),
                file);
        out.println("  Each line is one canonical lead: see 'leadbridge schema' for its JSON Schema.");
        out.println();
        long failed = outcomes.values().stream().filter(o -> o instanceof ConnectionOutcome.Failed).count();
        long ok = outcomes.values().stream().filter(o -> o instanceof ConnectionOutcome.Ok).count();
        out.println("Next: write a configuration like the one above with your own accounts and keys (use ${NAME} to");
        out.println("read a key from the environment) and run: leadbridge export --config FILE > leads.jsonl");
        out.println();
        out.printf(Locale.ROOT, "Done in %s.%n", ProgressReporter.formatDuration(Duration.ofNanos(ctx.nanoTime()
                - started)));
        out.flush();
        for (ConnectionOutcome o : outcomes.values()) {
            if (o instanceof ConnectionOutcome.Failed f) {
                ctx.errLine("demo: connection '" + f.connection() + "' failed: "
                        + Failures.line(f.error(), f.connection()));
            }
        }
        return failed == 0 ? ExitCode.OK : ok > 0 ? ExitCode.PARTIAL_FAILURE : ExitCode.FAILURE;
    }

    private void printConnections(PrintWriter out, DemoWorld world, Map<String, String> providers,
                                  Map<String, ConnectionOutcome> outcomes, List<Lead> all) {
        Map<String, Map<LeadStatus, Integer>> byStatus = new LinkedHashMap<>();
        for (Lead lead : all) {
            byStatus.computeIfAbsent(lead.connection(), c -> new EnumMap<>(LeadStatus.class))
                    .merge(lead.status(), 1, Integer::sum);
        }
        TextTable table = new TextTable("connection", "provider", ">at provider", ">exported", ">OPEN",
                ">CONTACTED", ">QUALIFIED", ">WON", ">LOST", ">UNKNOWN", ">pages", ">time", "outcome");
        for (Map.Entry<String, ConnectionOutcome> e : outcomes.entrySet()) {
            String name = e.getKey();
            ConnectionOutcome o = e.getValue();
            Map<LeadStatus, Integer> counts = byStatus.getOrDefault(name, Map.of());
            if (o instanceof ConnectionOutcome.Ok r) {
                table.row(name, providers.get(name), world.size(name), r.leads(),
                        counts.getOrDefault(LeadStatus.OPEN, 0), counts.getOrDefault(LeadStatus.CONTACTED, 0),
                        counts.getOrDefault(LeadStatus.QUALIFIED, 0), counts.getOrDefault(LeadStatus.WON, 0),
                        counts.getOrDefault(LeadStatus.LOST, 0), counts.getOrDefault(LeadStatus.UNKNOWN, 0),
                        r.pages(), ProgressReporter.formatDuration(r.elapsed()), "ok");
            } else if (o instanceof ConnectionOutcome.Failed f) {
                table.row(name, providers.get(name), world.size(name), f.leadsBeforeFailure(), null, null, null,
                        null, null, null, f.pages(), ProgressReporter.formatDuration(f.elapsed()), "FAILED");
            } else if (o instanceof ConnectionOutcome.Skipped s) {
                table.row(name, providers.get(name), world.size(name), null, null, null, null, null, null, null,
                        null, null, "skipped: " + s.reason());
            }
        }
        out.println("Connections (leads per canonical status)");
        out.print(table.render("  "));
        out.println();
    }

    private void printLeads(PrintWriter out, List<Lead> all) {
        List<Lead> newest = all.stream()
                .sorted(Comparator.comparing(Lead::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Lead::id))
                .limit(12).toList();
        TextTable table = new TextTable("id|30", "name|24", "email|30", "phone (E.164)", "status", "raw status|12",
                ">value", "created (UTC)");
        for (Lead l : newest) {
            table.row(l.id(), l.name(), l.email(), l.phoneE164(), l.status(), l.statusRaw(),
                    l.value() == null ? null : l.value().toPlainString(),
                    l.createdAt() == null ? null : DAY_TIME.format(l.createdAt()));
        }
        out.printf(Locale.ROOT, "Unified leads (the %d newest of %,d, every provider in one shape)%n", newest.size(),
                all.size());
        out.print(table.render("  "));
        out.println();
    }

    private void printPeople(PrintWriter out, List<Lead> all) {
        Map<String, List<Lead>> people = PersonIndex.groupByPerson(all);
        List<List<Lead>> across = people.values().stream()
                .filter(group -> group.stream().map(Lead::provider).distinct().count() > 1)
                .toList();
        out.printf(Locale.ROOT, "People found at more than one provider (%d, by personKey: normalized email, else"
                + " E.164 phone)%n", across.size());
        TextTable table = new TextTable("person", "matched by", "lead|30", "name|26", "email / phone as given|34");
        int shown = 0;
        for (List<Lead> group : across) {
            if (shown++ == 10) {
                break;
            }
            Lead first = group.get(0);
            String matchedBy = PersonKey.normalizeEmail(first.email()) != null ? "email" : "phone";
            boolean firstRow = true;
            for (Lead l : group) {
                String contact = matchedBy.equals("email") ? quoteSpaces(l.email()) : l.phone();
                table.row(firstRow ? shortKey(first.personKey()) : "", firstRow ? matchedBy : "", l.id(), l.name(),
                        contact);
                firstRow = false;
            }
        }
        if (table.isEmpty()) {
            out.println("  none");
        } else {
            out.print(table.render("  "));
            if (across.size() > 10) {
                out.printf(Locale.ROOT, "  ... and %d more%n", across.size() - 10);
            }
        }
        out.println();
    }

    private void printNexor(PrintWriter out, LeadbridgeClient client, DemoWorld world, List<Lead> all) {
        if (world.nexorTwins().isEmpty()) {
            return;
        }
        out.println("Nexor cannot list leads, so export skips it; 'get' still works by id:");
        Map<String, Lead> byPerson = new LinkedHashMap<>();
        for (Lead l : all) {
            if (l.personKey() != null) {
                byPerson.putIfAbsent(l.personKey(), l);
            }
        }
        TextTable table = new TextTable("lead|48", "name|24", "email|30", "status", "workflow|20", "same person as");
        for (String nativeId : world.nexorTwins()) {
            String id = DemoWorld.NEXOR + ":" + nativeId;
            try {
                Lead l = client.get(id);
                Lead twin = l.personKey() == null ? null : byPerson.get(l.personKey());
                table.row(l.id(), l.name(), l.email(), l.status() + (l.statusRaw() == null ? "" : " (" + l.statusRaw() + ")"),
                        l.workflow() == null ? null : l.workflow().name(), twin == null ? null : twin.id());
            } catch (LeadbridgeException e) {
                table.row(id, null, null, "FAILED: " + Failures.message(e), null, null);
            }
        }
        out.print(table.render("  "));
        out.println();
    }

    private Path writeExport(List<Lead> all) {
        try {
            Path file = output != null ? output
                    : Files.createTempFile("leadbridge-demo-", "." + format.name().toLowerCase(Locale.ROOT));
            try (OutputTarget target = OutputTarget.file(file)) {
                LeadFormat.LeadSink sink = format.open(target.writer(), false);
                sink.begin();
                all.forEach(sink::write);
                sink.flush();
                target.commit();
            }
            return file.toAbsolutePath();
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write the demo export to '"
                    + (output == null ? "the temporary directory" : output) + "' (" + Failures.message(e) + ")",
                    "choose a writable path with --output", e);
        }
    }

    private static String shortKey(String key) {
        return key == null ? null : key.substring(0, Math.min(12, key.length())) + "…";
    }

    private static String quoteSpaces(String s) {
        return s == null ? null : s.equals(s.strip()) ? s : "\"" + s + "\"";
    }
}
