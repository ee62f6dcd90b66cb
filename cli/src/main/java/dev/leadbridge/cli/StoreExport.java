package dev.leadbridge.cli;

import dev.leadbridge.cli.output.LeadFormat;
import dev.leadbridge.cli.output.OutputTarget;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code export --db URL}: the store's leads in the export formats, without calling any provider. Filters by
 * connection, status and {@code --since} (on {@code updatedAt}) as the provider export does; deleted leads only with
 * {@code --include-deleted}.
 */
final class StoreExport {

    private StoreExport() {
    }

    static int run(CliContext ctx, String db, boolean includeDeleted, LeadFormat format, Path output, boolean raw,
                   List<String> connections, List<LeadStatus> statuses, Instant since) {
        StoreOptions options = StoreOptions.of(db);
        long written = 0;
        try (LeadStore store = options.open(false, ctx.environment());
             Stream<Lead> leads = store.leads(includeDeleted)) {
            try (OutputTarget target = output == null ? OutputTarget.stdout(ctx.out()) : OutputTarget.file(output)) {
                LeadFormat.LeadSink sink = format.open(target.writer(), raw);
                sink.begin();
                Iterator<Lead> it = leads.iterator();
                while (it.hasNext()) {
                    Lead lead = it.next();
                    if (!connections.isEmpty() && !connections.contains(lead.connection())
                            || !statuses.isEmpty() && !statuses.contains(lead.status())
                            || since != null && (lead.updatedAt() == null || lead.updatedAt().isBefore(since))) {
                        continue;
                    }
                    sink.write(lead);
                    written++;
                }
                sink.flush();
                target.commit();
            }
        } catch (StoreException e) {
            throw options.failure(e);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write output" + (output == null ? ""
                    : " file '" + output + "'") + " (" + Failures.message(e) + ")",
                    "choose a writable path with --output", e);
        }
        ctx.errLine(String.format(Locale.ROOT, "export: %,d %s from the store %s written to %s", written,
                written == 1 ? "lead" : "leads", StoreOptions.of(db).url.isEmpty() ? db : redacted(db),
                output == null ? "stdout" : "'" + output + "'"));
        return ExitCode.OK;
    }

    private static String redacted(String db) {
        return db.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@");
    }
}
