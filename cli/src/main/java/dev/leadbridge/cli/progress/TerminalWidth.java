package dev.leadbridge.cli.progress;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The width of the terminal in columns, for a progress line that must not wrap: the {@code COLUMNS} environment
 * variable when it is set (as shells export it to some programs, and as a user can force it), else what
 * {@code stty size} says about the controlling terminal, else 80. No library: JLine would ask {@code stty} too.
 */
final class TerminalWidth {

    /** The width assumed when nothing says otherwise. */
    static final int DEFAULT = 80;

    private TerminalWidth() {
    }

    /** The terminal's width, looked up in {@code env} first. */
    static int of(Function<String, String> env) {
        Integer columns = parse(env.apply("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        Integer stty = stty();
        return stty != null ? stty : DEFAULT;
    }

    /** A positive column count, or null. */
    static Integer parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(List.of("stty", "size")).redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            String[] rowsColumns = out.split("\\s+");
            return p.exitValue() == 0 && rowsColumns.length == 2 ? parse(rowsColumns[1]) : null;
        } catch (Exception e) {
            return null;  // no stty, no controlling terminal
        }
    }
}
