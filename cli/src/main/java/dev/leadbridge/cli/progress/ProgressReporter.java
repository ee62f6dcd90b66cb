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
 * Shows the progress of an export on standard error: a live bar redrawn in place when standard error is a terminal,
 * otherwise a plain line every few seconds (so logs of long runs show it is alive without filling up). Called from the
 * fetching threads; thread-safe. {@link #close()} stops it and clears the bar.
 */
public final class ProgressReporter implements ProgressListener, AutoCloseable {

    /** How often a plain progress line is written when standard error is not a terminal. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    /** How often the live bar is redrawn. */
    public static final Duration BAR_INTERVAL = Duration.ofMillis(200);

    private static final int BAR_WIDTH = 24;

    private final CliContext ctx;
    private final String label;
    private final boolean live;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final long started;
    private ScheduledExecutorService ticker;
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
        if (live && lastWidth > 0) {
            ctx.errPrint("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    /** Draws the bar or writes the progress line now (the ticker calls it periodically). */
    synchronized void tick() {
        try {
            if (live) {
                String line = barLine();
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
                .append(totalPages()).append(" pages after ").append(elapsed()).append(" (");
        boolean first = true;
        for (Map.Entry<String, State> e : states.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().describe());
            first = false;
        }
        return sb.append(')').toString();
    }

    private String barLine() {
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
        String bar;
        if (allKnown && known > 0) {
            int filled = (int) Math.min(BAR_WIDTH, fetched * BAR_WIDTH / known);
            bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", fetched * 100 / known);
        } else {
            int pos = frame++ % (BAR_WIDTH - 3);
            bar = "[" + " ".repeat(pos) + "<=>" + " ".repeat(BAR_WIDTH - 3 - pos) + "]     ";
        }
        long done = states.values().stream().filter(s -> s.done).count();
        return label + " " + bar + "  " + String.format(Locale.ROOT, "%,d", totalLeads()) + " leads  "
                + totalPages() + " pages  " + done + "/" + states.size() + " connections  " + elapsed();
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
