package dev.leadbridge.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.cli.CliContext;
import dev.leadbridge.client.ConnectionOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise. */
class ProgressReporterTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private CliContext context(boolean terminal) {
        return new CliContext(name -> null, new PrintWriter(new StringWriter()), new PrintWriter(err), terminal,
                nanos::get);
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
        assertThat(text).startsWith("\rexport [######..................]  25%  200 leads  2 pages  0/2 connections  2.5s")
                .doesNotContain("\n").endsWith("\r");
    }

    @Test
    void writesAPlainLineWhenStderrIsNotATerminal() {
        ProgressReporter progress = new ProgressReporter(context(false), "export", List.of("a", "b"));
        progress.pageFetched("a", 1, null, 100);
        progress.connectionFinished(new ConnectionOutcome.Ok("b", 7, 1, 0, Duration.ofMillis(10)));
        nanos.set(Duration.ofSeconds(5).toNanos());

        progress.tick();
        progress.close();

        assertThat(err.toString()).isEqualTo("export: 107 leads, 2 pages after 5.0s (a 1 page, b done)"
                + System.lineSeparator());
    }

    @Test
    void formatsDurationsForPeople() {
        assertThat(ProgressReporter.formatDuration(Duration.ofMillis(420))).isEqualTo("0.4s");
        assertThat(ProgressReporter.formatDuration(Duration.ofSeconds(125))).isEqualTo("2m05s");
    }
}
