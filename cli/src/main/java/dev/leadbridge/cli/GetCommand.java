package dev.leadbridge.cli;

import dev.leadbridge.cli.config.ConfigFile;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.client.LeadbridgeClient;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.error.LeadbridgeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadbridge get}: one lead by its global id, as one canonical JSON object on stdout. */
@Command(name = "get", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Print one lead as one canonical JSON object on stdout.",
            "The id is the global id <connection>:<nativeId>, as in the 'id' field of an export; it routes to its"
                + " connection. Works for every provider, Nexor included. Exit code 5 when the lead cannot be"
                + " fetched (not found, key refused, provider unreachable), 2 when the id is malformed or unsafe."},
        footer = {"%nExample:",
            "  leadbridge get -c acme.properties acme-octanist:ld_7Hk2mQ9x"})
final class GetCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The connection configuration (Java properties, see the README).")
    Path config;

    @Option(names = "--raw", description = "Add the lead's original provider JSON as 'raw'.")
    boolean raw;

    @Parameters(index = "0", paramLabel = "<connection>:<nativeId>", description = "The global id of the lead.")
    String id;

    GetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Properties properties = Connections.read(ctx, config);
        int colon = id.indexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            throw new CliException(ExitCode.USAGE, "lead id '" + id + "' is not of the form <connection>:<nativeId>",
                    "use the 'id' field of an export, e.g. acme-octanist:ld_7Hk2mQ9x");
        }
        String connection = id.substring(0, colon);
        List<String> known = ConfigFile.connectionNames(properties);
        if (!known.contains(connection)) {
            throw new CliException(ExitCode.USAGE, "unknown connection '" + connection + "' in lead id '" + id + "'",
                    "'" + config + "' defines " + String.join(", ", known));
        }
        // only the connection of the id is opened: the others' environment variables need not be set
        try (LeadbridgeClient client = Connections.open(ctx, config, properties, List.of(connection))) {
            Lead lead;
            try {
                lead = client.get(id);
            } catch (LeadbridgeException e) {
                throw new CliException(Failures.exitCode(e), "cannot get lead '" + id + "': "
                        + Failures.line(e, connection), null, e);
            }
            ctx.out().println(new LeadJsonWriter(raw).toJson(lead));
            ctx.out().flush();
            if (ctx.out().checkError()) {
                throw new CliException(ExitCode.FAILURE, "could not write to standard output", null);
            }
            // the tolerant reader's findings, on one line as export prints them for a listing
            LeadProvider provider = client.connection(connection);
            String warning = UnreadableFields.warning(provider.unreadableFields(lead));
            if (warning != null) {
                ctx.errLine("get: connection '" + connection + "' (" + provider.providerId() + ") warning: "
                        + warning);
            }
            return ExitCode.OK;
        }
    }
}
