package dev.leadbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code leadbridge} command: {@code demo}, {@code export}, {@code get}, {@code providers}, {@code schema} and
 * {@code simulate}.
 * {@link #main(String[])} runs it on the real process; {@link #execute(CliContext, String...)} runs it in-process on
 * a given environment and given output streams (as the tests do) and returns the exit code ({@link ExitCode}).
 * Errors are one line on standard error, with the stack trace only under {@code --verbose}.
 */
@Command(name = "leadbridge",
        mixinStandardHelpOptions = true,
        versionProvider = LeadbridgeCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "One canonical Lead over Octanist, Nexor and workspace-v1 (PollyBot) accounts.",
            "Start with 'leadbridge demo': it runs everything against built-in simulators, with no network and no"
                + " keys. Configuration: a properties file with connections.<name>.provider, .base-url and .api-key"
                + " per connection (see the README)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (connections skipped because their provider cannot list leads are no failure)",
            "1:unexpected internal error (a bug: rerun with --verbose and report it)",
            "2:usage error: unknown command or option, bad option value, malformed or unsafe lead id, unknown connection",
            "3:configuration error: file missing or unreadable, unknown key, missing environment variable, bad value",
            "4:some connections failed; the others were exported",
            "5:failure: every connection failed, 'get' could not fetch the lead, or the output could not be written"
        },
        footer = {"%nRun 'leadbridge COMMAND --help' for the options of a command."})
public final class LeadbridgeCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    private final CliContext ctx;

    /** Used by {@link #commandLine(CliContext)}. */
    LeadbridgeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of errors (API keys are still never shown).")
    void verbose(boolean verbose) {
        ctx.setVerbose(verbose);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "no command given: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the command on the real process and exits with its exit code. */
    public static void main(String[] args) {
        int code = execute(CliContext.system(), args);
        stopIdleHttpSelectors(Thread.getAllStackTraces().keySet());
        System.exit(code);
    }

    /**
     * Ends the JDK HTTP clients' selector threads once the command is done. Each waits in native code for socket
     * events, and the JVM's exit waits up to 300 ms for any thread in native code to return: a third of a one-shot
     * {@code get} (measured, docs/BENCHMARKS.md section 10). Interrupted, a selector thread leaves its loop. Java 17's
     * {@code HttpClient} has no close (it came in 21), so the threads are found by the name the JDK gives them; a
     * thread of another name is left alone, which costs the wait again, nothing else. The clients are shared by every
     * connection of the process, so this is only for a process about to exit.
     *
     * @param threads the process's threads
     */
    static void stopIdleHttpSelectors(Collection<Thread> threads) {
        for (Thread thread : threads) {
            if (thread.isDaemon() && thread.getName().startsWith("HttpClient-")
                    && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
            }
        }
    }

    /**
     * Runs the command in-process.
     *
     * @param ctx  environment and streams
     * @param args the command line arguments
     * @return the exit code, one of {@link ExitCode}
     */
    public static int execute(CliContext ctx, String... args) {
        try {
            return commandLine(ctx, firstWord(args)).execute(args);
        } finally {
            ctx.out().flush();
            ctx.rawErr().flush();
        }
    }

    /** The configured picocli command line over {@code ctx}. */
    public static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The command line with only the subcommand {@code only} when it names one (picocli reads each subcommand's
     * annotations when it is added, a good part of a one-shot command's start-up), every subcommand otherwise (no
     * command, an unknown one: the message lists them all or suggests the closest).
     */
    static CommandLine commandLine(CliContext ctx, String only) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("demo", () -> new DemoCommand(ctx));
        subcommands.put("export", () -> new ExportCommand(ctx));
        subcommands.put("get", () -> new GetCommand(ctx));
        subcommands.put("import", () -> new ImportCommand(ctx));
        subcommands.put("copy", () -> new CopyCommand(ctx));
        subcommands.put("providers", () -> new ProvidersCommand(ctx));
        subcommands.put("schema", () -> new SchemaCommand(ctx));
        subcommands.put("simulate", () -> new SimulateCommand(ctx));
        subcommands.put("sync", () -> new SyncCommand(ctx));
        subcommands.put("serve", () -> new ServeCommand(ctx));
        CommandLine cl = new CommandLine(new LeadbridgeCommand(ctx));
        if (only != null && subcommands.containsKey(only)) {
            cl.addSubcommand(only, subcommands.get(only).get());
        } else {
            subcommands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(ctx.out());
        cl.setErr(ctx.rawErr());
        cl.setParameterExceptionHandler((ex, args) -> usageError(ctx, ex));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ctx, ex, commandLine, parseResult));
        return cl;
    }

    private static int usageError(CliContext ctx, ParameterException ex) {
        ParameterException shown = Suggestions.unknownFirst(ex);
        CommandLine cl = shown.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        String message = Suggestions.message(shown);
        ctx.errLine(command + ": " + lowerFirst(message) + Suggestions.didYouMean(shown) + "; see '" + command
                + " --help'");
        return ExitCode.USAGE;
    }

    private static int failure(CliContext ctx, Exception ex, CommandLine commandLine, ParseResult parseResult) {
        String command = commandLine.getCommandSpec().qualifiedName();
        boolean verbose = ctx.verbose() || isVerbose(parseResult);
        int code;
        String line;
        if (ex instanceof CliException cli) {
            code = cli.exitCode();
            line = cli.line();
        } else if (ex instanceof dev.leadbridge.core.error.LeadbridgeException lb) {
            code = Failures.exitCode(lb);
            line = Failures.line(lb, lb.connection());
        } else {
            code = ExitCode.INTERNAL;
            line = "unexpected error: " + ex.getClass().getName() + ": " + Failures.message(ex)
                    + (verbose ? "" : "; rerun with --verbose for the stack trace and report it");
        }
        ctx.errLine(command + ": " + line);
        Throwable cause = ex instanceof CliException ? ex.getCause() : ex;
        if (verbose && cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            ctx.errPrint(trace.toString());
        }
        return code;
    }

    /** The first argument that is not an option: the subcommand's name, if one was given. */
    static String firstWord(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** Whether {@code --verbose} was given anywhere on the command line. */
    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = LeadbridgeCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // no version known
            }
            return new String[] {"leadbridge " + p.getProperty("version", "unknown")};
        }
    }
}
