package dev.leadbridge.cli;

/**
 * The exit codes of the {@code leadbridge} command, listed in {@code --help} and the README. A connection that is
 * skipped because its provider cannot list leads is not a failure.
 */
public final class ExitCode {

    /** Everything asked for was done (skipped connections included). */
    public static final int OK = 0;
    /** An unexpected internal error: a bug; rerun with {@code --verbose} and report the stack trace. */
    public static final int INTERNAL = 1;
    /** Usage error: unknown command or option, a bad option value, a malformed or unsafe lead id, an unknown connection name. */
    public static final int USAGE = 2;
    /** Configuration error: the file is missing or unreadable, an unknown key, a missing environment variable, a bad value. */
    public static final int CONFIGURATION = 3;
    /** Some connections failed; the others were exported. */
    public static final int PARTIAL_FAILURE = 4;
    /** Nothing could be done: every connection failed, {@code get} found no lead or could not reach it, or the output could not be written. */
    public static final int FAILURE = 5;

    private ExitCode() {
    }
}
