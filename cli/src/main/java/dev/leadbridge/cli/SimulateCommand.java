package dev.leadbridge.cli;

import dev.leadbridge.cli.demo.DemoWorld;
import dev.leadbridge.testkit.webhook.SimulatedActivity;
import dev.leadbridge.testkit.webhook.WebhookSender;
import dev.leadbridge.testkit.webhook.WebhookTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge simulate}: the demo's three simulators on loopback, kept running until Ctrl-C (or SIGTERM), with
 * a ready configuration file for them, so that {@code export}, {@code get} and the rest can be tried as they are
 * against live APIs. With {@code --webhook-url}, the workspace-v1 (PollyBot) and Nexor simulators post signed webhooks
 * there, their secrets written into the same file; {@code --activity} keeps creating leads and changing statuses so
 * that there is something to post (and to sync). Stopping closes the simulators and exits 0.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run the simulators of all three providers until Ctrl-C, with a configuration file for them.",
            "Starts simulators of Octanist, workspace-v1 and Nexor on loopback (the demo's leads), writes a"
                + " configuration file for them (their keys included: they are the simulators' own), prints where"
                + " and what to try, and runs until Ctrl-C or SIGTERM, which stop the simulators (exit code 0)."},
        footer = {"%nExamples:",
            "  leadbridge simulate",
            "  leadbridge simulate --leads 5000 --config-out /tmp/sim.properties",
            "  leadbridge simulate --webhook-url http://127.0.0.1:8080 --activity 5s",
            "  leadbridge export --config leadbridge-simulate.properties > leads.jsonl   (in another terminal)"})
final class SimulateCommand implements Callable<Integer> {

    /** Where the configuration goes unless {@code --config-out} says otherwise. */
    static final String DEFAULT_CONFIG = "leadbridge-simulate.properties";
    /** The first line of every file simulate writes: only such a file is replaced without asking. */
    static final String HEADER = "# Written by 'leadbridge simulate'";

    private final CliContext ctx;
    private volatile String lastActivityProblem;

    @Option(names = "--leads", paramLabel = "N", defaultValue = "300",
            description = "Leads per simulator (default ${DEFAULT-VALUE}; workspace-v1 gets 5/6, Nexor 2/3 of it).")
    int leads;

    @Option(names = "--config-out", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "Where to write the configuration (default ${DEFAULT-VALUE} in the working directory;"
                    + " a file not written by simulate is never replaced).")
    Path configOut;

    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "Base URL of a webhook receiver (e.g. leadbridge serve): the workspace-v1 and Nexor"
                    + " simulators post signed webhooks to URL/webhooks/<connection> when leads are created or change"
                    + " status; their secrets go into the configuration file.")
    String webhookUrl;

    @Option(names = "--activity", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Every DURATION (e.g. 10s), create a lead at workspace-v1 and at Nexor and move a Nexor"
                    + " lead to its next status (default 10s with --webhook-url, else none).")
    Duration activity;

    SimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (webhookUrl != null) {
            try {
                WebhookTarget.checkBaseUrl(webhookUrl);
            } catch (IllegalArgumentException e) {
                // the URL itself is not repeated: it might carry a password
                throw new CliException(ExitCode.USAGE, "--webhook-url " + e.getMessage(),
                        "give the receiver's base URL, e.g. http://127.0.0.1:8080");
            }
        }
        if (leads < 1 || leads > 100_000) {
            throw new CliException(ExitCode.USAGE, "--leads must be between 1 and 100000, was " + leads, null);
        }
        Duration every = activity != null ? activity : webhookUrl != null ? Duration.ofSeconds(10) : null;
        if (every != null && every.toMillis() < 100) {
            throw new CliException(ExitCode.USAGE, "--activity must be at least 100ms", null);
        }
        ctx.errLine("simulate: starting the Octanist, workspace-v1 and Nexor simulators on loopback...");
        CountDownLatch stopped = new CountDownLatch(1);
        DemoWorld world = DemoWorld.start(leads, webhookUrl == null ? null : webhookUrl.trim());
        world.webhookSecrets().forEach(ctx.redactor()::add);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadbridge-simulate-activity");
            t.setDaemon(true);
            return t;
        });
        Thread onSignal = new Thread(() -> stopOnSignal(world, ticker, stopped), "leadbridge-simulate-stop");
        try {
            Path file = writeConfiguration(world);
            Runtime.getRuntime().addShutdownHook(onSignal);
            printWhatToTry(world, file, every);
            if (every != null) {
                SimulatedActivity simulated = world.activity();
                ticker.scheduleWithFixedDelay(() -> tick(simulated), every.toMillis(), every.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            stopped.await();
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down, or never added
            }
            ticker.shutdownNow();
            world.close();
        }
    }

    /** One round of activity; a failure is said once (until it changes) and the next round tries again. */
    private void tick(SimulatedActivity simulated) {
        try {
            simulated.tick();
            lastActivityProblem = null;
        } catch (RuntimeException e) {
            String problem = Failures.message(e);
            if (!problem.equals(lastActivityProblem)) {
                ctx.errLine("simulate: activity failed (" + problem + "); trying again");
                lastActivityProblem = problem;
            }
        }
    }

    /** Ctrl-C or SIGTERM: the JVM is shutting down; stop the simulators, say so, and end with exit code 0. */
    private void stopOnSignal(DemoWorld world, ScheduledExecutorService ticker, CountDownLatch stopped) {
        ticker.shutdownNow();
        List<WebhookSender> senders = world.webhookSenders();
        if (!senders.isEmpty()) {
            long accepted = senders.stream().mapToLong(WebhookSender::accepted).sum();
            long delivered = senders.stream().mapToLong(WebhookSender::delivered).sum();
            long gaveUp = senders.stream().mapToLong(WebhookSender::gaveUp).sum();
            long dropped = senders.stream().mapToLong(WebhookSender::dropped).sum();
            ctx.errLine(String.format(Locale.ROOT, "simulate: webhooks sent %d, acknowledged %d, given up %d,"
                    + " not yet delivered %d, dropped %d", accepted, delivered, gaveUp,
                    Math.max(0, accepted - delivered - gaveUp), dropped));
        }
        world.close();
        stopped.countDown();
        ctx.errLine("simulate: simulators stopped");
        ctx.out().flush();
        // a JVM stopped by a signal exits with 128 + the signal's number; stopping is this command's normal end
        Runtime.getRuntime().halt(ExitCode.OK);
    }

    private Path writeConfiguration(DemoWorld world) {
        Path target = configOut.toAbsolutePath();
        try {
            if (Files.exists(target) && !writtenBySimulate(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Properties config = world.configuration();
            StringBuilder text = new StringBuilder();
            text.append(HEADER).append(" at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append(": the simulators live while it runs.\n");
            text.append("# Their keys are the simulators' own, not secrets.\n");
            String connection = null;
            for (String key : world.configurationKeys()) {
                String name = key.substring("connections.".length(), key.lastIndexOf('.'));
                if (!name.equals(connection)) {
                    text.append('\n');
                    connection = name;
                }
                text.append(key).append(" = ").append(config.getProperty(key)).append('\n');
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try {
                restrictToOwner(part);
                Files.writeString(part, text, StandardCharsets.UTF_8);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCode.USAGE, "'" + configOut + "' exists and was not written by simulate",
                    "choose another file with --config-out", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write the configuration to '" + configOut + "' ("
                    + Failures.message(e) + ")", "choose a writable path with --config-out", e);
        }
    }

    private static boolean writtenBySimulate(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(l -> l.startsWith(HEADER)).orElse(false);
        } catch (java.io.UncheckedIOException e) {
            return false;  // not UTF-8 text: not ours
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system
        }
    }

    private void printWhatToTry(DemoWorld world, Path file, Duration every) {
        PrintWriter out = ctx.out();
        Properties config = world.configuration();
        out.println("Leadbridge simulators running on loopback (Ctrl-C stops them):");
        for (String name : List.of(DemoWorld.OCTANIST, DemoWorld.WORKSPACE, DemoWorld.NEXOR)) {
            out.printf(Locale.ROOT, "  %-15s %-13s %-40s %,7d leads%s%n", name,
                    config.getProperty("connections." + name + ".provider"),
                    config.getProperty("connections." + name + ".base-url"), world.size(name),
                    name.equals(DemoWorld.NEXOR) ? " (cannot list: try get)" : "");
        }
        out.println();
        out.println("Configuration written to " + file);
        out.println();
        if (world.webhookTarget(DemoWorld.WORKSPACE).isPresent()) {
            out.println("Webhooks (signed; the secrets are in the configuration file):");
            out.printf(Locale.ROOT, "  %-15s %-28s -> %s%n", DemoWorld.WORKSPACE, "LEAD_CREATED",
                    world.webhookTarget(DemoWorld.WORKSPACE).orElseThrow().url());
            out.printf(Locale.ROOT, "  %-15s %-28s -> %s%n", DemoWorld.NEXOR, "workflow_run.status_changed",
                    world.webhookTarget(DemoWorld.NEXOR).orElseThrow().url() + "?token=****");
            out.println("  failed deliveries are retried after 1s, 5s and 30s, then given up");
            out.println();
        }
        if (every != null) {
            out.println("Activity: every " + human(every) + ", a new lead at " + DemoWorld.WORKSPACE + " and "
                    + DemoWorld.NEXOR + ", and a " + DemoWorld.NEXOR + " lead moves to its next status.");
            out.println();
        }
        String cmd = launcher();
        String configFile = quote(file.toString());
        if (world.webhookTarget(DemoWorld.WORKSPACE).isPresent()) {
            out.println("Receive the webhooks, in another terminal:");
            out.println("  " + cmd + " serve --config " + configFile + serveOptions());
            out.println();
        }
        out.println("Try, in another terminal:");
        out.println("  " + cmd + " export --config " + configFile + " > leads.jsonl");
        out.println("  " + cmd + " export --config " + configFile + " --connection " + DemoWorld.WORKSPACE
                + " --format csv --status won");
        out.println("  " + cmd + " export --config " + configFile + " --since 2026-01-01");
        List<String> twins = world.nexorTwins();
        if (!twins.isEmpty()) {
            out.println("  " + cmd + " get --config " + configFile + " " + DemoWorld.NEXOR + ":" + twins.get(0));
        }
        out.println();
        out.flush();
    }

    /** The {@code --bind}/{@code --port} options of serve that match the webhook URL, when not serve's defaults. */
    private String serveOptions() {
        URI uri = WebhookTarget.checkBaseUrl(webhookUrl.trim());
        StringBuilder options = new StringBuilder();
        if (!uri.getHost().equals("127.0.0.1")) {
            options.append(" --bind ").append(uri.getHost());
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (port != 8080) {
            options.append(" --port ").append(port);
        }
        return options.toString();
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 != 0 ? ms + "ms" : ms % 60_000 != 0 ? ms / 1000 + "s" : ms / 60_000 + "m";
    }

    /** How this command was started, for the examples: {@code java -jar <jar>} or {@code leadbridge}. */
    private static String launcher() {
        try {
            Path location = Path.of(SimulateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.toString().endsWith(".jar")) {
                Path cwd = Path.of("").toAbsolutePath();
                Path shown = location.startsWith(cwd) ? cwd.relativize(location) : location;
                return "java -jar " + quote(shown.toString());
            }
        } catch (Exception e) {
            // no code source: fall back to the command's name
        }
        return "leadbridge";
    }

    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
