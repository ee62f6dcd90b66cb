package dev.leadbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the command in-process with captured stdout and stderr and an injected environment. */
final class Cli {

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {

        /** The non-empty lines of stdout. */
        List<String> outLines() {
            return out.lines().filter(l -> !l.isEmpty()).toList();
        }

        /** The non-empty lines of stderr. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isEmpty()).toList();
        }

        /** Everything printed, for leak checks. */
        String all() {
            return out + "\n" + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + shorten(out) + "\n--- stderr ---\n" + err;
        }

        private static String shorten(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
        }
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(env, new PrintWriter(out), new PrintWriter(err));
        int code = LeadbridgeCommand.execute(ctx, args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static String[] args(String... parts) {
        return Arrays.copyOf(parts, parts.length);
    }
}
