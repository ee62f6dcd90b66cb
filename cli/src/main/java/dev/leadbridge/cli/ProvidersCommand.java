package dev.leadbridge.cli;

import dev.leadbridge.core.SortKey;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.ProviderDescription;
import dev.leadbridge.core.api.QueryFeature;
import dev.leadbridge.core.connect.LeadProviders;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code leadbridge providers}: every provider on the class path with what it can do and what it runs on its server. */
@Command(name = "providers", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"List the providers with their capabilities and what they push down.",
            "For each provider id: the default base URL, the operations offered, and which query features run on"
                + " the provider's server (pushed down); everything else runs on the client, with the same result."})
final class ProvidersCommand implements Callable<Integer> {

    private final CliContext ctx;

    ProvidersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<ProviderDescription> factories = LeadProviders.available();
        PrintWriter out = ctx.out();
        if (factories.isEmpty()) {
            throw new CliException(ExitCode.INTERNAL, "no provider found on the class path",
                    "the jar is incomplete: rebuild it with 'mvn -q -DskipTests package'");
        }
        for (ProviderDescription f : factories) {
            ProviderCapabilities c = f.capabilities();
            out.println(f.providerId());
            row(out, "default base URL", f.defaultBaseUrl());
            row(out, "operations", names(c.operations()));
            Set<Operation> missing = EnumSet.allOf(Operation.class);
            missing.removeAll(c.operations());
            row(out, "not offered", missing.isEmpty() ? "-" : names(missing));
            Set<QueryFeature> client = EnumSet.allOf(QueryFeature.class);
            client.removeAll(c.serverFilters());
            if (c.supports(Operation.LIST)) {
                row(out, "pushed down", c.serverFilters().isEmpty() ? "nothing" : names(c.serverFilters()));
                row(out, "on the client", client.isEmpty() ? "nothing" : names(client));
                row(out, "server sort", c.serverSortFields().isEmpty() ? "none"
                        : names(c.serverSortFields()) + (c.multiKeySort() ? " (several keys)" : " (one key)"));
                row(out, "natural order", c.naturalOrder().isEmpty() ? "unknown"
                        : c.naturalOrder().stream().map(ProvidersCommand::sortKey).collect(Collectors.joining(", ")));
                row(out, "paging", "up to " + c.maxPageSize() + " per page"
                        + (c.reportsTotalPages() ? ", reports total pages (pages fetched concurrently)" : ""));
            } else {
                row(out, "listing", "not offered: export reports its connections as skipped; get works");
            }
            row(out, "own options", f.optionKeys().isEmpty() ? "-" : String.join(", ", new TreeSet<>(f.optionKeys())));
            out.println();
        }
        out.println("Options every provider takes: provider, base-url, api-key, default-region, connect-timeout,");
        out.println("read-timeout, retry.*, circuit-breaker.*, rate-limit.*, bulkhead.max-concurrent, page-concurrency,");
        out.println("cache.*, status.<raw value> = CATEGORY (see the README).");
        out.flush();
        return ExitCode.OK;
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "  %-17s %s%n", label, value);
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().sorted(Comparator.comparingInt(Enum::ordinal)).map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    private static String sortKey(SortKey k) {
        return k.field().name() + (k.ascending() ? " asc" : " desc");
    }
}
