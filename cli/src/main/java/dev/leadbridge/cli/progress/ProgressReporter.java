package dev.leadbridge.cli.progress;

import dev.leadbridge.cli.CliContext;
import dev.leadbridge.client.ConnectionOutcome;
import dev.leadbridge.client.ProgressListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the progress of an export on standard error. When standard error is a terminal: one line redrawn in place
 * with {@code \r}, cut to the terminal's width (so it never wraps into a new line per redraw), with the rate in
 * leads per second and, once every page count is known, an estimate of the time left. Otherwise (a log file, CI) no
 * redraws: a plain line only every {@link #LINE_INTERVAL} of a long run, and the command's own summary at the end.
 * Called from the fetching threads; thread-safe. {@link #close()} stops it and clears the line; a shutdown hook does
 * the same after Ctrl-C and says where the run stopped.
 */
public final class ProgressReporter implements ProgressListener, AutoCloseable {

    /** How often a plain progress line is written when standard error is not a terminal. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(30);
    /** How often the live bar is redrawn. */
    public static final Duration BAR_INTERVAL = Duration.ofMillis(200);

    private static final int BAR_WIDTH = 24;
    private static final int MIN_BAR_WIDTH = 10;
    /** How many redraws between two looks at the terminal's width (it may be resized). */
    private static final int WIDTH_EVERY = 10;

    private final CliContext ctx;
    private final String label;
    private final boolean live;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final long started;
    private ScheduledExecutorService ticker;
    private Thread shutdownHook;
    private int columns;
    private int barColumns;
    private int barWidth = BAR_WIDTH;
    private int lastWidth;
    private int frame;

    /**
     * Creates a reporter.
     *
     * @param ctx         where to write
     * @param label       what is running, e.g. {@code export}
     * @param connections the connections taking part, in order
     */
    public ProgressReporter(CliContext ctx, String label, List<String> connections) {
        this.ctx = ctx;
        this.label = label;
        this.live = ctx.stderrIsTerminal();
        for (String c : connections) {
            states.put(c, new State());
        }
        this.started = ctx.nanoTime();
    }

    /** Starts the periodic output. */
    public synchronized ProgressReporter start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "leadbridge-progress");
                t.setDaemon(true);
                return t;
            });
            long period = (live ? BAR_INTERVAL : LINE_INTERVAL).toMillis();
            ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
            shutdownHook = new Thread(this::interrupted, "leadbridge-progress-end");
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                shutdownHook = null;  // already shutting down
            }
        }
        return this;
    }

    @Override
    public synchronized void pageFetched(String connection, int page, Integer totalPages, long leadsSoFar) {
        State s = states.computeIfAbsent(connection, c -> new State());
        s.pages++;
        s.totalPages = totalPages;
        s.leads = Math.max(s.leads, leadsSoFar);
    }

    /** Reports leads fetched so far where pages are not known (incremental sync). */
    public synchronized void leadsFetched(String connection, long leadsSoFar) {
        State s = states.computeIfAbsent(connection, c -> new State());
        s.leads = Math.max(s.leads, leadsSoFar);
    }

    @Override
    public synchronized void connectionFinished(ConnectionOutcome outcome) {
        State s = states.computeIfAbsent(outcome.connection(), c -> new State());
        s.done = true;
        if (outcome instanceof ConnectionOutcome.Ok ok) {
            s.leads = ok.leads();
            s.pages = ok.pages();
            s.status = "done";
        } else if (outcome instanceof ConnectionOutcome.Failed) {
            s.status = "failed";
        } else {
            s.status = "skipped";
        }
    }

    /** Stops the periodic output and clears the live bar. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running or about to
            }
            shutdownHook = null;
        }
        clearLine();
    }

    /** Ctrl-C or SIGTERM while running: stop redrawing, clear the line and say where the run stopped. */
    synchronized void interrupted() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        ticker = null;
        shutdownHook = null;
        clearLine();
        long leads = totalLeads();
        long pages = totalPages();
        ctx.errLine(label + ": interrupted after " + String.format(Locale.ROOT, "%,d", leads)
                + (leads == 1 ? " lead, " : " leads, ") + pages + (pages == 1 ? " page" : " pages") + " in " + elapsed());
    }

    private void clearLine() {
        if (live && lastWidth > 0) {
            ctx.errPrint("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    /** Draws the bar or writes the progress line now (the ticker calls it periodically). */
    synchronized void tick() {
        try {
            if (live) {
                String line = barLine(columns());
                int pad = Math.max(0, lastWidth - line.length());
                ctx.errPrint("\r" + line + " ".repeat(pad));
                lastWidth = line.length();
            } else if (!states.values().stream().allMatch(s -> s.done)) {
                ctx.errLine(plainLine());
            }
        } catch (RuntimeException e) {
            // progress must never break the export
        }
    }

    private String plainLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(": ").append(String.format(Locale.ROOT, "%,d", totalLeads())).append(" leads, ")
                .append(totalPages()).append(" pages after ").append(elapsed());
        String rate = rate();
        if (rate != null) {
            sb.append(", ").append(rate);
        }
        sb.append(" (");
        boolean first = true;
        for (Map.Entry<String, State> e : states.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().describe());
            first = false;
        }
        return sb.append(')').toString();
    }

    /** The live line, at most {@code columns - 1} characters (the last column would make some terminals wrap). */
    String barLine(int columns) {
        long known = 0;
        long fetched = 0;
        boolean allKnown = true;
        for (State s : states.values()) {
            if (s.done) {
                if (s.pages > 0) {
                    known += s.pages;
                    fetched += s.pages;
                }
                continue;
            }
            if (s.totalPages == null) {
                allKnown = false;
            } else {
                known += Math.max(s.totalPages, s.pages);
                fetched += s.pages;
            }
        }
        boolean measured = allKnown && known > 0;
        String percent = measured ? String.format(Locale.ROOT, "%3d%%", fetched * 100 / known) : null;
        String eta = null;
        long elapsedNanos = ctx.nanoTime() - started;
        if (measured && fetched > 0 && fetched < known) {
            eta = "ETA " + formatEta(Duration.ofNanos(elapsedNanos / fetched * (known - fetched)));
        }
        long done = states.values().stream().filter(s -> s.done).count();
        String leads = String.format(Locale.ROOT, "%,d", totalLeads()) + " leads";
        String rate = rate();
        String pages = totalPages() + " pages";
        String connections = done + "/" + states.size() + " connections";
        String elapsed = elapsed();
        int max = Math.max(1, columns - 1);
        int animation = frame++;
        if (columns != barColumns) {
            barColumns = columns;
            barWidth = BAR_WIDTH;  // a bar only narrows while the width stays, so that it does not jitter
        }
        // when the terminal is narrow the bar narrows first, then the least useful parts go: the connections, the
        // pages, the elapsed time, the rate, the ETA; then the bar itself, and last everything but the leads
        String[] parts = {rate, eta, pages, connections, elapsed};
        int[] dropOrder = {3, 2, 4, 0, 1};
        for (boolean withBar : new boolean[] {true, false}) {
            for (int dropped = 0; dropped <= dropOrder.length; dropped++) {
                String[] shown = parts.clone();
                for (int i = 0; i < dropped; i++) {
                    shown[dropOrder[i]] = null;
                }
                for (int w = barWidth; w >= MIN_BAR_WIDTH; w -= 2) {
                    String line = compose(withBar ? bar(measured, fetched, known, w, animation) : null, percent,
                            leads, shown);
                    if (line.length() <= max || !withBar) {
                        if (line.length() <= max) {
                            if (withBar) {
                                barWidth = w;
                            }
                            return line;
                        }
                        break;
                    }
                }
            }
        }
        String line = compose(null, null, leads, new String[0]);
        return line.length() <= max ? line : line.substring(0, max);
    }

    /** {@code label [bar] percent  leads  rate  ETA  pages  connections  elapsed}, leaving out the nulls. */
    private String compose(String bar, String percent, String leads, String[] parts) {
        StringBuilder sb = new StringBuilder(label);
        if (bar != null) {
            sb.append(' ').append(bar);
        }
        if (percent != null) {
            sb.append(bar != null ? " " : "  ").append(percent);
        }
        sb.append("  ").append(leads);
        for (String part : parts) {
            if (part != null) {
                sb.append("  ").append(part);
            }
        }
        return sb.toString();
    }

    private static String bar(boolean measured, long fetched, long known, int width, int animation) {
        if (measured) {
            int filled = (int) Math.min(width, fetched * width / known);
            return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
        }
        int pos = animation % (width - 3);
        return "[" + " ".repeat(pos) + "<=>" + " ".repeat(width - 3 - pos) + "]";
    }

    /** Leads per second so far, or null before the first lead. */
    private String rate() {
        long leads = totalLeads();
        long nanos = ctx.nanoTime() - started;
        if (leads == 0 || nanos <= 0) {
            return null;
        }
        double perSecond = leads * 1e9 / nanos;
        return (perSecond < 10 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,d", Math.round(perSecond))) + " leads/s";
    }

    /** The terminal's width: {@code COLUMNS} when set, else what the terminal says, looked at again now and then. */
    private int columns() {
        if (columns == 0 || frame % WIDTH_EVERY == 0) {
            columns = TerminalWidth.of(ctx::env);
        }
        return columns;
    }

    private long totalLeads() {
        return states.values().stream().mapToLong(s -> s.leads).sum();
    }

    private long totalPages() {
        return states.values().stream().mapToLong(s -> s.pages).sum();
    }

    private String elapsed() {
        return formatDuration(Duration.ofNanos(ctx.nanoTime() - started));
    }

    /** A time left as {@code 7s}, {@code 2m05s} or {@code 1h02m}. */
    static String formatEta(Duration d) {
        long seconds = Math.max(0, (d.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** A duration as {@code 0.4s}, {@code 12.3s} or {@code 2m05s}. */
    public static String formatDuration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static final class State {
        int pages;
        Integer totalPages;
        long leads;
        boolean done;
        String status;

        String describe() {
            if (done) {
                return status;
            }
            int of = totalPages == null ? pages : totalPages;
            return pages + (totalPages == null ? "" : "/" + totalPages) + (of == 1 ? " page" : " pages");
        }
    }
}
