package dev.leadbridge.cli;

import dev.leadbridge.core.error.SafeText;

/**
 * Ends a command with one line on stderr and an exit code ({@link ExitCode}). The message says what went wrong, the
 * hint what to do about it; neither ever holds a credential.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String hint;

    /**
     * Creates the error.
     *
     * @param exitCode the process exit code, one of {@link ExitCode}
     * @param message  what went wrong
     * @param hint     what to do about it, or null
     * @param cause    the underlying failure (shown with {@code --verbose}), or null
     */
    public CliException(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    /** Creates the error without a cause. */
    public CliException(int exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }

    /**
     * The message and the hint as one line: whatever input they echo (an id, a name, a path) has its control
     * characters escaped and long values shortened ({@link SafeText}).
     */
    public String line() {
        return SafeText.message(hint == null ? getMessage() : getMessage() + "; " + hint);
    }
}
