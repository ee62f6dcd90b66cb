package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: simulators, aggregation, report and export file, in-process. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsTheWholeJobOnTheSimulatorsAndWritesAnExport() throws IOException {
        Path export = dir.resolve("demo.jsonl");

        Cli.Result r = Cli.run("demo", "--leads", "60", "--output", export.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Connections (leads per canonical status)", "demo-octanist", "demo-workspace",
                        "demo-nexor", "skipped: provider 'nexor' cannot list leads", "Unified leads",
                        "People found at more than one provider", "Nexor cannot list leads",
                        export.toAbsolutePath().toString(), "connections.demo-octanist.api-key = ****")
                .containsPattern("People found at more than one provider \\(([1-9][0-9]*)");
        assertThat(r.out()).containsPattern("demo-nexor:[0-9a-f-]{36} .* demo-octanist:");
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).hasSizeGreaterThan(60);
        lines.forEach(Schemas::assertValidLead);
        String everything = r.all() + String.join("\n", lines);
        assertThat(everything).doesNotContain(OctanistSimulator.DEFAULT_API_KEY)
                .doesNotContain(WorkspaceSimulator.DEFAULT_API_KEY).doesNotContain("nxr_live_");
    }
}
