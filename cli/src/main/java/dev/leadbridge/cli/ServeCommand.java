package dev.leadbridge.cli;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.server.LeadbridgeServer;
import dev.leadbridge.server.ServerStartException;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge serve}: the long-running service. Receives the providers' webhooks into the store, syncs every
 * connection every {@code --every}, answers {@code /health} and {@code /metrics}; SIGTERM or Ctrl-C stop accepting,
 * finish what is in flight and the current sync transaction, and exit 0.
 */
@Command(name = "serve", resourceBundle = "dev.leadbridge.cli.ServeCommand", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Receive webhooks into the store and keep every connection synced, until stopped.",
            "POST /webhooks/<connection> (connections with a webhook-secret), GET /health, GET /metrics"
                + " (Prometheus). SIGTERM or Ctrl-C stop after the requests in flight and the current sync"
                + " transaction (exit code 0). Exit code 5 when the store or the address cannot be used."},
        footer = {"%nExamples:",
            "  leadbridge serve -c acme.properties",
            "  leadbridge serve -c acme.properties --db jdbc:postgresql://localhost:5432/leads?user=lb --port 9000",
            "  leadbridge serve -c leadbridge-simulate.properties --port 0 --every 1m"})
final class ServeCommand implements Callable<Integer> {

    private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";

    private final CliContext ctx;

    @Mixin
    final ConfigOptions options = new ConfigOptions();

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = LeadbridgeServer.DEFAULT_BIND,
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port (default ${DEFAULT-VALUE}; 0 for any free one, printed on stderr).")
    int port;

    @Option(names = "--every", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "15m",
            description = "Time between two syncs of every connection (default ${DEFAULT-VALUE}); the first runs at"
                    + " start.")
    Duration every;

    ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCode.USAGE, "--port must be between 0 and 65535, was " + port, null);
        }
        Properties properties = options.read(ctx);
        StoreOptions storeOptions = options.store(properties, ctx);
        List<ConnectionConfig> configs;
        try {
            configs = ConnectionConfig.parse(properties, ctx.environment());
        } catch (LeadbridgeException | IllegalArgumentException e) {
            throw configurationError(e);
        }
        if (configs.isEmpty()) {
            throw new CliException(ExitCode.CONFIGURATION, "configuration file '" + options.config + "' defines no"
                    + " connection", "add connections.<name>.provider and its keys (the README lists them)");
        }
        requireServerJars();
        // Undertow and XNIO log through JBoss Logging: route it to the command's SLF4J (warnings only), not to
        // java.util.logging's INFO lines on stderr
        if (System.getProperty(JBOSS_LOGGING_PROVIDER) == null) {
            System.setProperty(JBOSS_LOGGING_PROVIDER, "slf4j");
        }
        LeadStore store = storeOptions.open(true, ctx.environment());
        LeadbridgeServer server;
        try {
            server = LeadbridgeServer.builder().store(store).connections(configs).bind(bind).port(port)
                    .every(every).log(ctx::errLine).build().start();
        } catch (ServerStartException e) {
            store.close();
            throw new CliException(ExitCode.FAILURE, Failures.message(e), "choose another --port or --bind, or stop"
                    + " what listens there", e);
        } catch (StoreException e) {
            store.close();
            throw storeOptions.failure(e);
        } catch (LeadbridgeException | IllegalArgumentException e) {
            store.close();
            throw configurationError(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, store, stopped), "leadbridge-serve-stop"));
        announce(server);
        stopped.await();
        return ExitCode.OK;
    }

    private void announce(LeadbridgeServer server) {
        ctx.errLine("serve: listening on " + server.url() + " (store " + server.storeUrl() + ")");
        List<String> hooks = server.webhookConnections();
        ctx.errLine(hooks.isEmpty() ? "serve: no connection has a webhook-secret: webhooks are off"
                : "serve: webhooks at " + server.url() + "/webhooks/<connection> for " + String.join(", ", hooks));
        ctx.errLine("serve: sync every " + every.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                + "; GET /health, GET /metrics; Ctrl-C or SIGTERM stops");
        if (!server.address().getAddress().isLoopbackAddress()) {
            ctx.errLine("serve: warning: listening beyond this machine (" + bind + "); put TLS in front of it");
        }
    }

    /** SIGTERM or Ctrl-C: drain, close the store, and end with exit code 0 (not 128 + the signal). */
    private void stop(LeadbridgeServer server, LeadStore store, CountDownLatch stopped) {
        ctx.errLine("serve: stopping: finishing the requests in flight and the current sync transaction");
        server.close();
        store.close();
        stopped.countDown();
        ctx.errLine("serve: stopped");
        ctx.out().flush();
        Runtime.getRuntime().halt(ExitCode.OK);
    }

    private CliException configurationError(Exception e) {
        return new CliException(ExitCode.CONFIGURATION, "configuration file '" + options.config + "': "
                + Failures.message(e), "fix the file (the README lists every key)", e);
    }

    /**
     * Undertow and Micrometer are separate jars in {@code lib/} beside {@code leadbridge.jar} (named by its manifest),
     * like the store's drivers: a jar copied without them gets this one line instead of a {@link NoClassDefFoundError}.
     */
    private static void requireServerJars() {
        try {
            Class.forName("io.undertow.Undertow", false, ServeCommand.class.getClassLoader());
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    ServeCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CliException(ExitCode.CONFIGURATION, "the server's jars (Undertow and Micrometer) are not on"
                    + " the class path", "copy the lib/ folder of cli/target next to leadbridge.jar", e);
        }
    }
}
