package dev.leadbridge.cli;

import dev.leadbridge.cli.demo.DemoWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadbridge simulate}: the demo's three simulators on loopback, kept running until Ctrl-C (or SIGTERM), with
 * a ready configuration file for them, so that {@code export}, {@code get} and the rest can be tried as they are
 * against live APIs. Stopping closes the simulators and exits 0.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run the simulators of all three providers until Ctrl-C, with a configuration file for them.",
            "Starts simulators of Octanist, workspace-v1 and Nexor on loopback (the demo's leads), writes a"
                + " configuration file for them (their keys included: they are the simulators' own), prints where"
                + " and what to try, and runs until Ctrl-C or SIGTERM, which stop the simulators (exit code 0)."},
        footer = {"%nExamples:",
            "  leadbridge simulate",
            "  leadbridge simulate --leads 5000 --config-out /tmp/sim.properties",
            "  leadbridge export --config leadbridge-simulate.properties > leads.jsonl   (in another terminal)"})
final class SimulateCommand implements Callable<Integer> {

    /** Where the configuration goes unless {@code --config-out} says otherwise. */
    static final String DEFAULT_CONFIG = "leadbridge-simulate.properties";
    /** The first line of every file simulate writes: only such a file is replaced without asking. */
    static final String HEADER = "# Written by 'leadbridge simulate'";

    private final CliContext ctx;

    @Option(names = "--leads", paramLabel = "N", defaultValue = "300",
            description = "Leads per simulator (default ${DEFAULT-VALUE}; workspace-v1 gets 5/6, Nexor 2/3 of it).")
    int leads;

    @Option(names = "--config-out", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "Where to write the configuration (default ${DEFAULT-VALUE} in the working directory;"
                    + " a file not written by simulate is never replaced).")
    Path configOut;

    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "Not available yet: the simulators do not send webhooks in this version.")
    String webhookUrl;

    SimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (webhookUrl != null) {
            throw new CliException(ExitCode.USAGE, "--webhook-url is not available yet: the simulators do not send"
                    + " webhooks in this version", "run simulate without --webhook-url");
        }
        if (leads < 1 || leads > 100_000) {
            throw new CliException(ExitCode.USAGE, "--leads must be between 1 and 100000, was " + leads, null);
        }
        ctx.errLine("simulate: starting the Octanist, workspace-v1 and Nexor simulators on loopback...");
        CountDownLatch stopped = new CountDownLatch(1);
        DemoWorld world = DemoWorld.start(leads);
        Thread onSignal = new Thread(() -> stopOnSignal(world, stopped), "leadbridge-simulate-stop");
        try {
            Path file = writeConfiguration(world);
            Runtime.getRuntime().addShutdownHook(onSignal);
            printWhatToTry(world, file);
            stopped.await();
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down, or never added
            }
            world.close();
        }
    }

    /** Ctrl-C or SIGTERM: the JVM is shutting down; stop the simulators, say so, and end with exit code 0. */
    private void stopOnSignal(DemoWorld world, CountDownLatch stopped) {
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

    private void printWhatToTry(DemoWorld world, Path file) {
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
        String cmd = launcher();
        String configFile = quote(file.toString());
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
