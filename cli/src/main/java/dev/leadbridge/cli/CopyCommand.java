package dev.leadbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.cli.config.ConfigFile;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.cli.write.Journal;
import dev.leadbridge.cli.write.LeadWriter;
import dev.leadbridge.cli.write.SourceRecord;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge copy}: streams the leads of one connection into another (moving a client between providers), with
 * no temporary file, under the same journal rules as {@code import}: a rerun never creates a lead twice.
 */
@Command(name = "copy", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Copy the leads of one connection into another, never creating a lead twice.",
            "Leads are read page by page from --from and created at --to as they come. The journal (default"
                + " <from>-to-<to>.journal) is keyed by the source lead's global id; a rerun skips leads created or"
                + " possibly created before. Exit code 0 when every lead was created, 4 when some were not, 5 when"
                + " none."},
        footer = {"%nExamples:",
            "  leadbridge copy -c acme.properties --from acme-octanist --to acme-nexor",
            "  leadbridge copy -c acme.properties --from old --to new --status won --since 2026-01-01"})
final class CopyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final CliContext ctx;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The connection configuration (Java properties, see the README).")
    Path config;

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "The connection to read from.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The connection to create at.")
    String to;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "The journal of outcomes (default: <from>-to-<to>.journal).")
    Path journalPath;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only leads in this canonical status (${COMPLETION-CANDIDATES}; any case); repeatable.")
    List<LeadStatus> statuses = new ArrayList<>();

    @Option(names = "--since", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Only leads created or changed at or after INSTANT (ISO-8601).")
    Instant since;

    @Option(names = "--dry-run", description = "Read and check every lead; send nothing, write no journal.")
    boolean dryRun;

    CopyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String source = from.trim();
        String target = to.trim();
        Properties properties = Connections.read(ctx, config);
        List<String> known = ConfigFile.connectionNames(properties);
        for (String[] named : new String[][] {{source, "--from"}, {target, "--to"}}) {
            if (!known.contains(named[0])) {
                throw new CliException(ExitCode.USAGE, "unknown connection '" + named[0] + "' in " + named[1],
                        "'" + config + "' defines " + String.join(", ", known));
            }
        }
        if (source.equals(target)) {
            throw new CliException(ExitCode.USAGE, "--from and --to name the same connection '" + source + "'",
                    "copy moves leads between two different connections");
        }
        Path journalFile = journalPath != null ? journalPath : Path.of(source + "-to-" + target + ".journal");
        try (LeadbridgeClient client = Connections.open(ctx, config, properties, List.of(source, target))) {
            LeadProvider in = client.connection(source);
            LeadProvider out = client.connection(target);
            if (!in.capabilities().supports(Operation.LIST)) {
                throw new CliException(ExitCode.CONFIGURATION, "connection '" + source + "' (" + in.providerId()
                        + ") cannot list leads, so there is nothing to copy from", "copy from a connection whose"
                        + " provider lists leads (octanist, workspace-v1)");
            }
            ImportCommand.requireCreate(ctx, out, target);
            Map<String, Journal.Entry> before = Journal.read(journalFile);
            LeadQuery.Builder query = LeadQuery.builder().statuses(statuses);
            if (since != null) {
                query.updatedAt(Range.atLeast(since));
            }
            try (Journal journal = dryRun ? null : Journal.open(journalFile);
                 Stream<Lead> leads = in.stream(query.build())) {
                LeadWriter writer = new LeadWriter(ctx, "copy", target, out, journal, before, dryRun);
                String estimate = writer.estimate(null);
                if (estimate != null) {
                    ctx.errLine(estimate);
                }
                LeadJsonWriter json = new LeadJsonWriter(false);
                Iterator<Lead> it = leads.iterator();
                Iterator<SourceRecord> records = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public SourceRecord next() {
                        Lead lead = it.next();
                        ObjectNode node;
                        try {
                            node = (ObjectNode) JSON.readTree(json.toJson(lead));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            return new SourceRecord(lead.id(), 0, null, "cannot read lead: " + e.getMessage());
                        }
                        return new SourceRecord(lead.id(), 0, node, null);
                    }
                };
                return writer.run(records);
            } catch (LeadbridgeException e) {
                throw new CliException(ExitCode.PARTIAL_FAILURE, "reading '" + source + "' failed: "
                        + Failures.line(e, source), "rerun the same command: the journal keeps what was done", e);
            } catch (UncheckedIOException e) {
                throw new CliException(ExitCode.FAILURE, "copy stopped on a file error: "
                        + e.getCause().getMessage(), "check that the journal '" + journalFile + "' is writable", e);
            }
        }
    }
}
