package dev.leadbridge.cli;

import dev.leadbridge.cli.output.LeadFormat;
import dev.leadbridge.cli.write.Journal;
import dev.leadbridge.cli.write.LeadRecordReader;
import dev.leadbridge.cli.write.LeadWriter;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leadbridge import}: creates one lead per record of a canonical JSONL or CSV file (as {@code export} writes
 * them) at one connection, never twice: the journal records each record's outcome and a rerun skips what was created
 * or may have been. Counts on stderr; exit 0 all created, 4 some not, 5 none.
 */
@Command(name = "import", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Create the leads of a JSONL or CSV file (as 'export' writes them) at one connection.",
            "Each record's outcome goes to the journal (default INPUT.journal): created, rejected or unknown (a"
                + " create that may have happened). A rerun with the same journal skips created and unknown records"
                + " and tries the rest, so no lead is created twice. Fields the connection cannot hold are dropped"
                + " and named once. Exit code 0 when every record was created, 4 when some were not, 5 when none."},
        footer = {"%nExamples:",
            "  leadbridge import -c acme.properties --connection acme-octanist leads.jsonl",
            "  leadbridge import -c acme.properties --connection acme-nexor --format csv --dry-run leads.csv"})
final class ImportCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The connection configuration (Java properties, see the README).")
    Path config;

    @Option(names = "--connection", required = true, paramLabel = "NAME",
            description = "The connection to create the leads at.")
    String connection;

    @Option(names = {"-f", "--format"}, paramLabel = "jsonl|csv", converter = FormatConverter.class,
            description = "Input format: jsonl or csv (default: csv for a .csv file, else jsonl).")
    LeadFormat format;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "The journal of outcomes (default: INPUT.journal).")
    Path journalPath;

    @Option(names = "--dry-run", description = "Read and check every record; send nothing, write no journal.")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The file to import.")
    Path input;

    ImportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!Files.isReadable(input)) {
            throw new CliException(ExitCode.USAGE, "cannot read input file '" + input + "'",
                    "give the path of a JSONL or CSV file written by 'leadbridge export'");
        }
        boolean csv = format != null ? format == LeadFormat.CSV
                : input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        Path journalFile = journalPath != null ? journalPath : Path.of(input.toString() + ".journal");
        Properties properties = Connections.read(ctx, config);
        List<String> known = dev.leadbridge.cli.config.ConfigFile.connectionNames(properties);
        if (!known.contains(connection.trim())) {
            throw new CliException(ExitCode.USAGE, "unknown connection '" + connection + "' in --connection",
                    "'" + config + "' defines " + String.join(", ", known));
        }
        String target = connection.trim();
        try (LeadbridgeClient client = Connections.open(ctx, config, properties, List.of(target))) {
            LeadProvider provider = client.connection(target);
            requireCreate(ctx, provider, target);
            Map<String, Journal.Entry> before = Journal.read(journalFile);
            try (Journal journal = dryRun ? null : Journal.open(journalFile);
                 LeadRecordReader records = reader(csv)) {
                LeadWriter writer = new LeadWriter(ctx, "import", target, provider, journal, before, dryRun);
                String estimate = writer.estimate(count(csv));
                if (estimate != null) {
                    ctx.errLine(estimate);
                }
                return writer.run(records);
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILURE, "cannot read '" + input + "': " + e.getMessage(), null, e);
            } catch (UncheckedIOException e) {
                throw new CliException(ExitCode.FAILURE, "import stopped on a file error: "
                        + e.getCause().getMessage(), "check the input file and that the journal '" + journalFile
                        + "' is writable; a rerun continues where this one stopped", e);
            }
        }
    }

    /** Fails with a usage error when the connection cannot create leads (e.g. workspace-v1 without chatbot-id). */
    static void requireCreate(CliContext ctx, LeadProvider provider, String target) {
        if (!provider.capabilities().supports(Operation.CREATE)) {
            String hint = provider.providerId().equals("workspace-v1")
                    ? "set connections." + target + ".chatbot-id: workspace-v1 creates leads only on a chatbot's routes"
                    : "choose a connection whose provider can create leads";
            throw new CliException(ExitCode.CONFIGURATION, "connection '" + target + "' ("
                    + provider.providerId() + ") cannot create leads", hint);
        }
    }

    private LeadRecordReader reader(boolean csv) throws IOException {
        BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        return new LeadRecordReader(in, csv);
    }

    /** The number of records, for the rate-budget estimate (one quick pass over the file). */
    private Long count(boolean csv) {
        try (LeadRecordReader r = reader(csv)) {
            long n = 0;
            while (r.hasNext()) {
                r.next();
                n++;
            }
            return n;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
