package dev.leadbridge.cli;

import dev.leadbridge.cli.config.ConfigFile;
import dev.leadbridge.cli.output.LeadFormat;
import dev.leadbridge.cli.output.OutputTarget;
import dev.leadbridge.cli.output.TextTable;
import dev.leadbridge.cli.progress.ProgressReporter;
import dev.leadbridge.client.AggregateQuery;
import dev.leadbridge.client.AggregateResult;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.client.SyncCheckpoint;
import dev.leadbridge.client.SyncResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.LeadbridgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge export}: every lead of the chosen connections as JSON Lines or CSV, on stdout or into a file;
 * progress and a per-connection summary on stderr. A connection whose provider cannot list is skipped, not failed;
 * a failing connection does not stop the others.
 */
@Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Export every lead of the chosen connections as JSON Lines or CSV.",
            "One canonical JSON object per line (jsonl, the default) or CSV with a header row and nested fields as"
                + " dotted columns. Leads go to stdout or --output; progress and a per-connection summary go to"
                + " stderr. Connections whose provider cannot list leads (nexor) are reported as skipped, which is no"
                + " failure. If a connection fails, the others are still exported and the exit code is 4 (5 when"
                + " every connection failed)."},
        footer = {"%nExamples:",
            "  leadbridge export -c acme.properties > leads.jsonl",
            "  leadbridge export -c acme.properties --format csv --output leads.csv",
            "  leadbridge export -c acme.properties --connection acme-octanist --status won",
            "  leadbridge export -c acme.properties --since 2026-01-01T00:00:00Z"})
final class ExportCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The connection configuration (Java properties, see the README); required unless --db.")
    Path config;

    @Option(names = "--db", paramLabel = "URL",
            description = "Read the leads from the store at this JDBC URL (kept by 'sync') instead of the providers.")
    String db;

    @Option(names = "--include-deleted", description = "With --db: also the leads marked deleted upstream.")
    boolean includeDeleted;

    @Option(names = {"-f", "--format"}, paramLabel = "jsonl|csv", defaultValue = "jsonl",
            converter = FormatConverter.class, description = "Output format: jsonl (default) or csv.")
    LeadFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the leads to FILE (replaced when the export ends) instead of stdout ('-' is stdout).")
    Path output;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "Export only this connection; repeat for several (default: all, in configuration order).")
    List<String> connections = new ArrayList<>();

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only leads created or changed at or after INSTANT (ISO-8601, e.g. 2026-01-01T00:00:00Z;"
                    + " an offset or a plain date in UTC is accepted), using the incremental sync.")
    Instant since;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only leads in this canonical status (${COMPLETION-CANDIDATES}; any case); repeatable.")
    List<LeadStatus> statuses = new ArrayList<>();

    @Option(names = "--raw", description = "Add each lead's original provider JSON as 'raw'.")
    boolean raw;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        long started = ctx.nanoTime();
        if (output != null && output.toString().equals("-")) {
            output = null;
        }
        if (db != null || config == null) {
            if (db == null || config != null) {
                throw new CliException(ExitCode.USAGE, "give either --config (read the providers) or --db (read the"
                        + " store)", "see 'leadbridge export --help'");
            }
            return StoreExport.run(ctx, db, includeDeleted, format, output, raw, connections, statuses, since);
        }
        Properties properties = Connections.read(ctx, config);
        List<String> chosen = connections.isEmpty() ? null : chosen(ConfigFile.connectionNames(properties));
        try (LeadbridgeClient client = Connections.open(ctx, config, properties, chosen)) {
            // only the chosen connections were opened, in configuration order
            List<String> selected = client.connectionNames();
            Map<String, String> providers = new LinkedHashMap<>();
            List<String> listing = new ArrayList<>();
            Map<String, ConnectionSummary> skipped = new LinkedHashMap<>();
            for (String name : selected) {
                var provider = client.connection(name);
                providers.put(name, provider.providerId());
                if (provider.capabilities().supports(Operation.LIST)) {
                    listing.add(name);
                } else {
                    skipped.put(name, ConnectionSummary.of(new ConnectionOutcome.Skipped(name,
                            "provider '" + provider.providerId() + "' cannot list leads")));
                }
            }
            ExportRun run;
            Path incomplete = null;
            try (OutputTarget target = openTarget()) {
                LeadFormat.LeadSink sink = format.open(target.writer(), raw);
                sink.begin();
                run = since == null ? aggregate(client, listing, sink) : sync(client, listing, sink);
                sink.flush();
                if (run.anyFailed()) {
                    // a non-zero exit never replaces the file: what was written goes to FILE.incomplete
                    incomplete = target.abandon();
                } else {
                    commit(target);
                }
            } catch (UncheckedIOException e) {
                throw outputFailure(e.getCause());
            }
            if (output == null && ctx.out().checkError()) {
                throw new CliException(ExitCode.FAILURE, "could not write to standard output", null);
            }
            List<ConnectionSummary> rows = new ArrayList<>();
            for (String name : selected) {
                ConnectionSummary row = skipped.containsKey(name) ? skipped.get(name) : run.rows.get(name);
                rows.add(row != null ? row : ConnectionSummary.of(new ConnectionOutcome.Skipped(name,
                        "no outcome reported")));
            }
            int code = report(rows, providers, run, Duration.ofNanos(ctx.nanoTime() - started));
            if (incomplete != null) {
                ctx.errLine(incompleteNote(incomplete));
            }
            return code;
        }
    }

    /** The one line saying that the final name was not replaced and where the incomplete export is. */
    private String incompleteNote(Path left) {
        return "export: the export did not complete, so '" + output + "' was "
                + (java.nio.file.Files.exists(output) ? "left as it was" : "not created")
                + "; what was written is in '" + left + "'";
    }

    /** The names given with {@code --connection}, each checked against the names {@code known} in the file. */
    private List<String> chosen(List<String> known) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String name : connections) {
            String n = name.trim();
            if (!known.contains(n)) {
                throw new CliException(ExitCode.USAGE, "unknown connection '" + n + "' in --connection",
                        "'" + config + "' defines " + String.join(", ", known));
            }
            chosen.add(n);
        }
        // configuration order, whatever the order on the command line
        return known.stream().filter(chosen::contains).toList();
    }

    private LeadQuery query() {
        return LeadQuery.builder().statuses(statuses).build();
    }

    private ExportRun aggregate(LeadbridgeClient client, List<String> listing, LeadFormat.LeadSink sink) {
        ExportRun run = new ExportRun();
        if (listing.isEmpty()) {
            return run;
        }
        AggregateQuery q = AggregateQuery.of(query()).withConnections(listing);
        try (ProgressReporter progress = new ProgressReporter(ctx, "export", listing).start();
             AggregateResult result = client.stream(q.withProgress(progress))) {
            try (Stream<Lead> leads = result.leads()) {
                Iterator<Lead> it = leads.iterator();
                while (it.hasNext()) {
                    sink.write(it.next());
                    run.leads++;
                    stopWhenStdoutIsClosed(run.leads);
                }
            }
            result.outcomes().forEach((name, outcome) -> run.rows.put(name, ConnectionSummary.of(outcome)));
        }
        return run;
    }

    /**
     * {@code --since}: the incremental sync of each connection in turn, from the initial checkpoint with
     * {@code updatedAt >= since} as filter, so leads come in {@code updatedAt} order by keyset, unshaken by leads
     * changing while the export runs.
     */
    private ExportRun sync(LeadbridgeClient client, List<String> listing, LeadFormat.LeadSink sink) {
        ExportRun run = new ExportRun();
        LeadQuery filter = query().toBuilder().updatedAt(Range.atLeast(since)).build();
        try (ProgressReporter progress = new ProgressReporter(ctx, "export", listing).start()) {
            for (String name : listing) {
                long t0 = ctx.nanoTime();
                long n = 0;
                ConnectionOutcome outcome;
                try (SyncResult changes = client.changesSince(name, SyncCheckpoint.initial(), filter)) {
                    for (Lead lead : changes) {
                        sink.write(lead);
                        n++;
                        stopWhenStdoutIsClosed(run.leads + n);
                        if (n % 100 == 0) {
                            progress.leadsFetched(name, n);
                        }
                    }
                    outcome = new ConnectionOutcome.Ok(name, n, 0, 0, Duration.ofNanos(ctx.nanoTime() - t0));
                    changes.next().watermark().ifPresent(w -> run.watermarks.put(name, w));
                    run.rows.put(name, ConnectionSummary.of(outcome).withoutPages());
                } catch (LeadbridgeException e) {
                    outcome = new ConnectionOutcome.Failed(name, e, n, 0, 0, Duration.ofNanos(ctx.nanoTime() - t0));
                    run.rows.put(name, ConnectionSummary.of(outcome).withoutPages());
                }
                run.leads += n;
                progress.connectionFinished(outcome);
            }
        }
        return run;
    }

    /** Stops the export (and its fetching) when stdout was closed, e.g. by {@code | head}; checked every 256 leads. */
    private void stopWhenStdoutIsClosed(long written) {
        if (output == null && (written & 255) == 0 && ctx.out().checkError()) {
            throw new CliException(ExitCode.FAILURE, "standard output was closed after " + written
                    + " leads; export stopped", null);
        }
    }

    private OutputTarget openTarget() {
        if (output == null) {
            return OutputTarget.stdout(ctx.out());
        }
        try {
            return OutputTarget.file(output, left -> ctx.errLine(incompleteNote(left)));
        } catch (IOException e) {
            throw outputFailure(e);
        }
    }

    private void commit(OutputTarget target) {
        try {
            target.commit();
        } catch (IOException e) {
            throw outputFailure(e);
        }
    }

    private CliException outputFailure(IOException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCode.FAILURE, "cannot write output file '" + output + "' (" + reason + ")",
                "choose a writable path with --output", e);
    }

    private int report(List<ConnectionSummary> rows, Map<String, String> providers, ExportRun run,
                       Duration elapsed) {
        TextTable table = new TextTable("connection", "provider", ">leads", ">pages", ">retries", ">time", "outcome");
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        for (ConnectionSummary row : rows) {
            String provider = providers.get(row.connection());
            table.row(row.connection(), provider, row.leads(), row.pages(), row.retries(),
                    row.elapsed() == null ? null : ProgressReporter.formatDuration(row.elapsed()), row.outcome());
            for (String warning : row.warnings()) {
                problems.add("export: connection '" + row.connection() + "' (" + provider + ") warning: "
                        + warning);
            }
            switch (row.kind()) {
                case OK -> ok++;
                case SKIPPED -> skipped++;
                case FAILED -> {
                    failed++;
                    LeadbridgeException error = row.error();
                    problems.add("export: connection '" + row.connection() + "' (" + provider + ") failed: "
                            + Failures.line(error, row.connection())
                            + (row.leads() != null && row.leads() > 0 ? " (" + row.leads()
                            + " of its leads were written before the failure)" : ""));
                    if (ctx.verbose()) {
                        StringWriter trace = new StringWriter();
                        error.printStackTrace(new PrintWriter(trace));
                        problems.add(trace.toString().stripTrailing());
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("export summary:").append(nl).append(table.render("  "));
        for (String p : problems) {
            sb.append(p).append(nl);
        }
        String where = output == null ? "stdout" : "'" + output + "'";
        String total = String.format(Locale.ROOT, "%,d %s", run.leads, run.leads == 1 ? "lead" : "leads");
        String line;
        int code;
        if (failed == 0) {
            code = ExitCode.OK;
            line = "export: " + total + " from " + ok + " " + plural(ok, "connection") + " written to " + where
                    + (skipped > 0 ? " (" + skipped + " skipped)" : "") + " in "
                    + ProgressReporter.formatDuration(elapsed);
        } else if (ok > 0) {
            code = ExitCode.PARTIAL_FAILURE;
            line = "export: " + failed + " of " + rows.size() + " " + plural(rows.size(), "connection")
                    + " failed; " + total + " from the other " + plural(ok, "connection") + " written to " + where
                    + " (exit code " + code + ")";
        } else {
            code = ExitCode.FAILURE;
            line = "export: every connection that can list leads failed; nothing complete was exported"
                    + (run.leads > 0 ? " (" + total + " written before the failures)" : "")
                    + " (exit code " + code + ")";
        }
        sb.append(line).append(nl);
        if (since != null && !run.watermarks.isEmpty() && failed == 0) {
            Instant next = run.watermarks.values().stream().min(Instant::compareTo).orElseThrow();
            sb.append("export: to continue from here next time, pass --since ").append(next).append(nl);
        }
        ctx.errPrint(sb.toString());
        return code;
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    /** What the listing produced. */
    private static final class ExportRun {
        long leads;
        final Map<String, ConnectionSummary> rows = new LinkedHashMap<>();
        final Map<String, Instant> watermarks = new LinkedHashMap<>();

        /** Whether a connection failed, so that the exit code will not be 0. */
        boolean anyFailed() {
            return rows.values().stream().anyMatch(r -> r.kind() == ConnectionSummary.Kind.FAILED);
        }
    }
}
