package dev.leadbridge.cli;

import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.core.error.RejectedException;
import dev.leadbridge.core.error.SafeText;

/**
 * Turns library errors into what the user reads: the exit code and a hint saying what to do. Messages come from
 * the library, which never puts a credential into one.
 */
final class Failures {

    private Failures() {
    }

    /** What to do about {@code error}, in words, for a connection named {@code connection} (may be null). */
    static String hint(LeadbridgeException error, String connection) {
        String where = connection == null ? "the connection" : "connection '" + connection + "'";
        if (error instanceof AuthenticationException) {
            return "check the api-key of " + where;
        }
        if (error instanceof RejectedException) {
            return "the provider refused the call; check the permissions of the api-key of " + where;
        }
        if (error instanceof RateLimitedException) {
            return "the rate limit of " + where + " is used up; try again later";
        }
        if (error instanceof ProviderUnavailableException) {
            return "the provider could not be reached or failed; check the base-url of " + where
                    + " and try again later";
        }
        if (error instanceof MalformedResponseException) {
            return "the answer was not the provider's API; check the base-url of " + where;
        }
        if (error instanceof ConfigurationException) {
            return "fix the configuration file";
        }
        if (error instanceof InvalidLeadIdException) {
            return "pass an id as <connection>:<nativeId> with the provider's own id";
        }
        if (error instanceof LeadNotFoundException) {
            return "check the id";
        }
        if (error instanceof OperationNotSupportedException) {
            return "this provider does not offer it (see 'leadbridge providers')";
        }
        if (error instanceof InvalidRequestException) {
            return "check the options given";
        }
        return "rerun with --verbose for details";
    }

    /**
     * The error's message followed by what to do, unless the message already says what to check (the library's
     * messages often do).
     */
    static String line(LeadbridgeException error, String connection) {
        String message = message(error);
        return message.contains("check ") ? message : message + "; " + hint(error, connection);
    }

    /** The exit code for a failed single-lead or whole-command operation. */
    static int exitCode(LeadbridgeException error) {
        if (error instanceof ConfigurationException) {
            return ExitCode.CONFIGURATION;
        }
        if (error instanceof InvalidLeadIdException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    /**
     * The message of {@code error} without a trailing period, never null, on one line: input it echoes (an id, an
     * option value, a server's text) has its control characters escaped and long values shortened
     * ({@link SafeText}), whichever path built it.
     */
    static String message(Throwable error) {
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return error.getClass().getSimpleName();
        }
        m = SafeText.message(m.strip());
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
