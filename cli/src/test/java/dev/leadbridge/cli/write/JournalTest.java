package dev.leadbridge.cli.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void theLastLineOfAKeyCountsAndALineCutShortByACrashIsIgnored() throws IOException {
        Path file = dir.resolve("j.journal");
        Files.writeString(file, "a\tpending\nb\tpending\na\tcreated oct:1\nb\tcreat", StandardCharsets.UTF_8);

        Map<String, Journal.Entry> read = Journal.read(file);

        assertThat(read.get("a")).isEqualTo(new Journal.Entry(Journal.State.CREATED, "oct:1"));
        assertThat(read.get("b")).isEqualTo(new Journal.Entry(Journal.State.PENDING, ""));
    }

    @Test
    void appendingAfterACutLineStartsOnAFreshLine() throws IOException {
        Path file = dir.resolve("j.journal");
        Files.writeString(file, "a\tpending\na\tcreat", StandardCharsets.UTF_8);

        try (Journal journal = Journal.open(file)) {
            journal.outcome("a", Journal.State.UNKNOWN, "interrupted");
        }

        assertThat(Files.readAllLines(file)).containsExactly("a\tpending", "a\tcreat", "a\tunknown interrupted");
        assertThat(Journal.read(file).get("a").state()).isEqualTo(Journal.State.UNKNOWN);
    }

    @Test
    void keysAndReasonsWithTabsAndLineBreaksStayOnOneLineAndReadBackUnchanged() throws IOException {
        Path file = dir.resolve("j.journal");
        String key = "odd\tkey\nwith \\ breaks";

        try (Journal journal = Journal.open(file)) {
            journal.pending(List.of(key));
            journal.outcome(key, Journal.State.REJECTED, "reason\non two lines");
        }

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(Journal.read(file).get(key)).isEqualTo(new Journal.Entry(Journal.State.REJECTED,
                "reason\non two lines"));
    }
}
