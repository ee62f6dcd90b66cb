package dev.leadbridge.cli;

import dev.leadbridge.cli.progress.ProgressReporter;
import dev.leadbridge.client.UnknownConnectionException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.LeadSync;
import dev.leadbridge.store.StoreException;
import dev.leadbridge.store.SyncReport;
import dev.leadbridge.store.SyncReport.ConnectionReport;
import dev.leadbridge.store.SyncReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge sync}: brings the store (a SQLite file or a PostgreSQL database) up to date with each chosen
 * connection, committing every page of leads together with the connection's checkpoint; {@code --full} also
 * reconciles deletions; {@code --every} keeps running. One line per connection on stderr.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Bring the store, a SQL copy of every connection's leads, up to date.",
            "Each page of leads is committed together with the connection's checkpoint, so a run killed at any"
                + " moment loses nothing and the next run continues from the last commit. Connections whose provider"
                + " cannot list (nexor) are refreshed by id. Exit code 4 when some connections failed, 5 when all"
                + " did or the store cannot be used."},
        footer = {"%nExamples:",
            "  leadbridge sync -c acme.properties",
            "  leadbridge sync -c acme.properties --db jdbc:postgresql://localhost:5432/leads?user=lb --full",
            "  leadbridge sync -c acme.properties --every 5m"})
final class SyncCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    final ConfigOptions options = new ConfigOptions();

    @Option(names = "--connection", paramLabel = "NAME",
            description = "Sync only this connection; repeat for several (default: all).")
    List<String> connections = new ArrayList<>();

    @Option(names = "--full", description = "Read every lead again and mark deleted the ones the provider confirms"
            + " gone.")
    boolean full;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Keep running, one sync per DURATION (e.g. 5m); SIGTERM or Ctrl-C stops after the current"
                    + " transaction.")
    Duration every;

    SyncCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Properties properties = options.read(ctx);
        StoreOptions storeOptions = options.store(properties, ctx);
        List<ConnectionConfig> configs;
        try {
            configs = ConnectionConfig.parse(properties, ctx.environment());
        } catch (LeadbridgeException | IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + options.config + "': "
                    + Failures.message(e), "fix the file (the README lists every key)", e);
        }
        List<String> known = configs.stream().map(ConnectionConfig::name).toList();
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String name : connections) {
            if (!known.contains(name.trim())) {
                throw new CliException(ExitCode.USAGE, "unknown connection '" + name.trim() + "' in --connection",
                        "'" + options.config + "' defines " + String.join(", ", known));
            }
            chosen.add(name.trim());
        }
        try (LeadStore store = storeOptions.open(true, ctx.environment())) {
            LeadSync sync;
            try {
                sync = LeadSync.builder().store(store).connections(configs).build();
            } catch (LeadbridgeException e) {
                throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + options.config + "': "
                        + Failures.message(e), "fix the file (the README lists every key)", e);
            }
            try (sync) {
                return loop(sync, store, storeOptions, new ArrayList<>(chosen));
            }
        }
    }

    private int loop(LeadSync sync, LeadStore store, StoreOptions options, List<String> chosen) {
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            sync.stop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leadbridge-sync-stop");
        boolean hooked = addHook(hook);
        try {
            int code;
            do {
                code = once(sync, store, options, chosen);
                if (every == null || stopping.get()) {
                    break;
                }
                long until = System.nanoTime() + every.toNanos();
                while (!stopping.get() && System.nanoTime() < until) {
                    sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
            } while (!stopping.get());
            return code;
        } finally {
            done.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running
                }
            }
        }
    }

    private int once(LeadSync sync, LeadStore store, StoreOptions options, List<String> chosen) {
        SyncReport report;
        try {
            report = sync.run(chosen, full);
        } catch (StoreException e) {
            throw options.failure(e);
        } catch (UnknownConnectionException e) {
            throw new CliException(ExitCode.USAGE, Failures.message(e), "see --connection", e);
        }
        int ok = 0;
        int failed = 0;
        for (ConnectionReport r : report.connections()) {
            ctx.errLine(line(r));
            if (r.outcome() == Outcome.FAILED) {
                failed++;
            } else {
                ok++;
            }
        }
        String summary = String.format(Locale.ROOT, "sync: %d %s into %s, %,d leads stored", report.connections()
                .size(), report.connections().size() == 1 ? "connection" : "connections", store.url(),
                store.count(false));
        ctx.errLine(report.stopped() ? summary + " (stopped; the next run continues from the last commit)"
                : summary);
        if (report.stopped()) {
            return ExitCode.OK;
        }
        return failed == 0 ? ExitCode.OK : ok > 0 ? ExitCode.PARTIAL_FAILURE : ExitCode.FAILURE;
    }

    static String line(ConnectionReport r) {
        String outcome = r.outcome().column() + (r.error() == null ? "" : ": " + r.error());
        return String.format(Locale.ROOT, "sync: %s (%s, %s): %,d new, %,d updated, %,d unchanged, %,d deleted,"
                + " %,d %s, %s, %s", r.connection(), r.provider(), r.mode(), r.leadsNew(), r.updated(),
                r.unchanged(), r.deleted(), r.requests(), r.requests() == 1 ? "request" : "requests",
                ProgressReporter.formatDuration(r.elapsed()), outcome);
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.OK, "sync: interrupted", null);
        }
    }
}
