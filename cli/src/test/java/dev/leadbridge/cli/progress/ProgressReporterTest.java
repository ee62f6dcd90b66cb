package dev.leadbridge.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.cli.CliContext;
import dev.leadbridge.client.ConnectionOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress on stderr: one line redrawn in place on a terminal and fitted to its width, plain lines otherwise. */
class ProgressReporterTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private CliContext context(boolean terminal, int columns) {
        Map<String, String> env = Map.of("COLUMNS", Integer.toString(columns));
        return new CliContext(env::get, new PrintWriter(new StringWriter()), new PrintWriter(err), terminal,
                nanos::get);
    }

    private CliContext context(boolean terminal) {
        return context(terminal, 200);
    }

    @Test
    void drawsABarInPlaceOnATerminalAndClearsItAtTheEnd() {
        ProgressReporter progress = new ProgressReporter(context(true), "export", List.of("a", "b"));
        progress.pageFetched("a", 1, 4, 100);
        progress.pageFetched("b", 1, 4, 100);
        nanos.set(Duration.ofMillis(2500).toNanos());

        progress.tick();
        progress.close();

        String text = err.toString();
        assertThat(text).startsWith("\rexport [######..................]  25%  200 leads  80 leads/s  ETA 8s  2 pages"
                        + "  0/2 connections  2.5s")
                .doesNotContain("\n").endsWith("\r");
    }

    @Test
    void neverWrapsAtEightyColumnsAndRedrawsOneLineClearedInPlace() {
        ProgressReporter progress = new ProgressReporter(context(true, 80), "export",
                List.of("acme-octanist-production", "globex-workspace-eu", "initech-workspace-us"));
        for (int page = 1; page <= 30; page++) {
            progress.pageFetched("acme-octanist-production", page, 500, page * 100L);
            progress.pageFetched("globex-workspace-eu", page, 1200, page * 100L);
            progress.pageFetched("initech-workspace-us", page, 40, page * 10L);
            nanos.addAndGet(Duration.ofMillis(200).toNanos());
            progress.tick();
        }
        progress.close();

        String text = err.toString();
        assertThat(text).doesNotContain("\n").startsWith("\r").endsWith("\r");
        List<String> frames = Arrays.stream(text.split("\r")).filter(f -> !f.isBlank()).toList();
        assertThat(frames).hasSize(30).allSatisfy(f -> assertThat(f.length()).isLessThan(80));
        assertThat(frames.get(29)).contains("6,300 leads", "leads/s", "ETA ");
        // every redraw covers the previous one completely, and the end wipes the last one
        String last = frames.get(29);
        assertThat(text).endsWith(" ".repeat(last.stripTrailing().length()) + "\r");
    }

    @Test
    void aNarrowTerminalKeepsTheLeadsAndDropsTheRest() {
        ProgressReporter progress = new ProgressReporter(context(true, 30), "export", List.of("a"));
        progress.pageFetched("a", 1, 10, 1234);
        nanos.set(Duration.ofSeconds(2).toNanos());

        assertThat(progress.barLine(30)).hasSizeLessThan(30).contains("1,234 leads");
        assertThat(progress.barLine(12)).hasSize(11);
    }

    @Test
    void showsTheRateButNoEtaWhileSomePageCountIsUnknown() {
        ProgressReporter progress = new ProgressReporter(context(true), "export", List.of("a", "b"));
        progress.pageFetched("a", 1, null, 100);
        progress.pageFetched("b", 1, 3, 100);
        nanos.set(Duration.ofSeconds(4).toNanos());

        String line = progress.barLine(200);

        assertThat(line).contains("200 leads  50 leads/s  2 pages").doesNotContain("ETA").doesNotContain("%");
    }

    @Test
    void afterCtrlCTheLineIsClearedAndTheRunSaysWhereItStopped() {
        ProgressReporter progress = new ProgressReporter(context(true), "export", List.of("a")).start();
        progress.pageFetched("a", 1, 4, 100);
        nanos.set(Duration.ofMillis(2500).toNanos());
        progress.tick();

        progress.interrupted();
        progress.close();

        String text = err.toString();
        assertThat(text).endsWith("\rexport: interrupted after 100 leads, 1 page in 2.5s" + System.lineSeparator());
        assertThat(text.lines().filter(l -> !l.isBlank()).toList()).hasSize(2);
    }

    @Test
    void writesAPlainLineWhenStderrIsNotATerminal() {
        ProgressReporter progress = new ProgressReporter(context(false), "export", List.of("a", "b"));
        progress.pageFetched("a", 1, null, 100);
        progress.connectionFinished(new ConnectionOutcome.Ok("b", 7, 1, 0, Duration.ofMillis(10)));
        nanos.set(Duration.ofSeconds(5).toNanos());

        progress.tick();
        progress.close();

        assertThat(err.toString()).isEqualTo("export: 107 leads, 2 pages after 5.0s, 21 leads/s (a 1 page, b done)"
                + System.lineSeparator());
    }

    @Test
    void neverRedrawsWhenStderrIsNotATerminalAndWritesNothingForAShortRun() {
        ProgressReporter progress = new ProgressReporter(context(false), "export", List.of("a")).start();
        progress.pageFetched("a", 1, 2, 100);
        progress.connectionFinished(new ConnectionOutcome.Ok("a", 200, 2, 0, Duration.ofMillis(10)));

        progress.close();

        assertThat(err.toString()).isEmpty();
        assertThat(ProgressReporter.LINE_INTERVAL).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesTheWidthFromColumnsWhenItIsSet() {
        assertThat(TerminalWidth.of(Map.of("COLUMNS", "132")::get)).isEqualTo(132);
        assertThat(TerminalWidth.parse("abc")).isNull();
        assertThat(TerminalWidth.parse("0")).isNull();
        assertThat(TerminalWidth.of(name -> null)).isPositive();
    }

    @Test
    void formatsDurationsForPeople() {
        assertThat(ProgressReporter.formatDuration(Duration.ofMillis(420))).isEqualTo("0.4s");
        assertThat(ProgressReporter.formatDuration(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ProgressReporter.formatEta(Duration.ofMillis(7200))).isEqualTo("8s");
        assertThat(ProgressReporter.formatEta(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ProgressReporter.formatEta(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}
