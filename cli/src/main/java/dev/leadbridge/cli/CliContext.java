package dev.leadbridge.cli;

import dev.leadbridge.core.error.SafeText;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Everything a command reads from or writes to the outside world: the environment (for {@code ${NAME}} in the
 * configuration), standard output (leads, UTF-8), standard error (progress, summaries, errors; always redacted),
 * whether standard error is a terminal, and a monotonic clock. Tests build one with captured writers and an
 * environment map; {@link #system()} gives the real process's.
 */
public final class CliContext {

    private final Function<String, String> env;
    private final PrintWriter out;
    private final PrintWriter rawErr;
    private final boolean stderrIsTerminal;
    private final LongSupplier nanoTime;
    private final Redactor redactor = new Redactor();
    private volatile boolean verbose;

    /**
     * Creates a context.
     *
     * @param env              looks up an environment variable, null when unset
     * @param out              standard output
     * @param err              standard error
     * @param stderrIsTerminal whether standard error is an interactive terminal (live progress bar)
     * @param nanoTime         a monotonic clock in nanoseconds, as {@link System#nanoTime()}
     */
    public CliContext(Function<String, String> env, PrintWriter out, PrintWriter err, boolean stderrIsTerminal,
                      LongSupplier nanoTime) {
        this.env = Objects.requireNonNull(env, "env");
        this.out = Objects.requireNonNull(out, "out");
        this.rawErr = Objects.requireNonNull(err, "err");
        this.stderrIsTerminal = stderrIsTerminal;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A context over an environment map and two writers, standard error not a terminal: for tests and embedding. */
    public static CliContext of(Map<String, String> env, PrintWriter out, PrintWriter err) {
        Map<String, String> copy = Map.copyOf(env);
        return new CliContext(copy::get, out, err, false, System::nanoTime);
    }

    /** The real process: its environment, stdout and stderr as UTF-8, and terminal detection for stderr. */
    public static CliContext system() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        return new CliContext(System::getenv, out, err, stderrIsTerminal(System::getenv), System::nanoTime);
    }

    /** Looks up an environment variable; null when unset. */
    public String env(String name) {
        return env.apply(name);
    }

    /** The environment lookup. */
    public Function<String, String> environment() {
        return env;
    }

    /** Standard output, where leads and reports go. */
    public PrintWriter out() {
        return out;
    }

    /** Standard error as given, unredacted: only for picocli's own usage text (which never holds configuration). */
    PrintWriter rawErr() {
        return rawErr;
    }

    /** Whether {@code --verbose} was given: errors then come with their stack traces. */
    public boolean verbose() {
        return verbose;
    }

    /** Sets whether errors come with their stack traces. */
    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Whether standard error is an interactive terminal. */
    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** The monotonic clock, in nanoseconds. */
    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** The secrets known so far (API keys); every line written with {@link #errPrint(String)} is redacted. */
    public Redactor redactor() {
        return redactor;
    }

    /** Writes text to standard error with every known secret replaced, and flushes. */
    public void errPrint(String text) {
        synchronized (rawErr) {
            rawErr.print(redactor.redact(text));
            rawErr.flush();
        }
    }

    /**
     * Writes one line to standard error with every known secret replaced, and flushes. Whatever input the line
     * echoes has its control characters escaped and long values shortened ({@link SafeText}), so it stays one line.
     */
    public void errLine(String line) {
        errPrint(SafeText.message(redactor.redact(line)) + System.lineSeparator());
    }

    private static boolean stderrIsTerminal(Function<String, String> env) {
        String term = env.apply("TERM");
        if ("dumb".equals(term)) {
            return false;
        }
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // no /proc: fall through
        }
        return System.console() != null;
    }
}
