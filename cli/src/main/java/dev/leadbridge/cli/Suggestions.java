package dev.leadbridge.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as a user can act on them: a mistyped command or option comes with picocli's suggestions ("did you
 * mean export?"), and an unknown option is reported as such even when it leaves a required option missing
 * ({@code --confg FILE} is a typo of {@code --config}, not a missing {@code --config}).
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The error to show: the unknown arguments when there are any, else {@code ex} itself. */
    static ParameterException unknownFirst(ParameterException ex) {
        if (ex instanceof MissingParameterException) {
            CommandLine cl = ex.getCommandLine();
            List<String> unmatched = cl.getUnmatchedArguments();
            if (!unmatched.isEmpty()) {
                return new UnmatchedArgumentException(cl, unmatched);
            }
        }
        return ex;
    }

    /**
     * What went wrong, naming the first unknown argument: {@code unknown option '--confg'} or
     * {@code unknown command 'exprot'}; other errors keep picocli's message.
     */
    static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            CommandLine cl = ex.getCommandLine();
            if (first.startsWith("-")) {
                int eq = first.indexOf('=');
                return "unknown option '" + (eq > 0 ? first.substring(0, eq) : first) + "'";
            }
            if (!cl.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'";
            }
        }
        return Failures.message(ex);
    }

    /** {@code "; did you mean export?"} with picocli's closest name, else empty. */
    static String didYouMean(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?";
    }
}
