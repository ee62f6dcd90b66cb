package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leadbridge sync} and {@code export --db} end to end, in-process, against the simulators and SQLite. */
class SyncCommandTest {

    @TempDir
    Path dir;

    private OctanistSimulator octanist;
    private WorkspaceSimulator workspace;
    private NexorSimulator nexor;
    private Path config;
    private String db;

    @BeforeEach
    void start() throws IOException {
        octanist = OctanistSimulator.builder().seed(130, 21).build();
        workspace = WorkspaceSimulator.builder().seed(45, 22).build();
        nexor = NexorSimulator.builder().seed(5, 23).build();
        db = "jdbc:sqlite:" + dir.resolve("leads.db");
        config = Files.writeString(dir.resolve("acme.properties"), String.join("\n",
                "connections.acme-octanist.provider = octanist",
                "connections.acme-octanist.base-url = " + octanist.baseUrl(),
                "connections.acme-octanist.api-key = ${OCT_KEY}",
                "connections.acme-workspace.provider = workspace-v1",
                "connections.acme-workspace.base-url = " + workspace.baseUrl(),
                "connections.acme-workspace.api-key = " + workspace.apiKey(),
                "connections.acme-nexor.provider = nexor",
                "connections.acme-nexor.base-url = " + nexor.baseUrl(),
                "connections.acme-nexor.api-key = " + nexor.apiKey(),
                "store.url = ${STORE_URL}", ""));
    }

    @AfterEach
    void stop() {
        octanist.close();
        workspace.close();
        nexor.close();
    }

    private Map<String, String> env() {
        return Map.of("OCT_KEY", octanist.apiKey(), "STORE_URL", db);
    }

    @Test
    void syncFillsTheStoreFromTheConfiguredUrlAndExportDbWritesItWithoutAnyProviderCall() throws IOException {
        Cli.Result first = Cli.run(env(), "sync", "--config", config.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-octanist (octanist, incremental): 130 new, 0 updated, 0 unchanged, 0 deleted, ")
                .endsWith(", ok"));
        assertThat(first.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-workspace (workspace-v1, incremental): 45 new, "));
        assertThat(first.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-nexor (nexor, refresh): 0 new, 0 updated, 0 unchanged, 0 deleted, 0 requests, "));
        assertThat(first.all()).doesNotContain(octanist.apiKey()).doesNotContain(workspace.apiKey());

        Cli.Result second = Cli.run(env(), "sync", "--config", config.toString(), "--connection", "acme-octanist");
        assertThat(second.exitCode()).isZero();
        assertThat(second.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-octanist (octanist, incremental): 0 new, 0 updated, "));
        assertThat(second.errLines()).noneMatch(l -> l.contains("acme-workspace ("));

        long before = octanist.requestCount() + workspace.requestCount();
        Cli.Result export = Cli.run("export", "--db", db);
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(octanist.requestCount() + workspace.requestCount()).isEqualTo(before);
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = export.outLines().stream().map(l -> {
            try {
                return json.readTree(l).get("id").asText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toSet());
        assertThat(ids).hasSize(175);
        assertThat(ids).contains("acme-octanist:" + octanist.leads().get(0).get("id").asText());

        Cli.Result csv = Cli.run("export", "--db", db, "--format", "csv", "--connection", "acme-workspace");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.outLines()).hasSize(46);
    }

    @Test
    void fullSyncReportsTheDeletedLeadAndExportIncludesItOnlyWhenAsked() {
        assertThat(Cli.run(env(), "sync", "-c", config.toString(), "--db", db).exitCode()).isZero();
        List<ObjectNode> leads = octanist.leads();
        octanist.clear();
        leads.stream().skip(1).forEach(octanist::put);

        Cli.Result full = Cli.run(env(), "sync", "-c", config.toString(), "--db", db, "--full",
                "--connection", "acme-octanist");

        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(full.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-octanist (octanist, full): 0 new, 0 updated, 129 unchanged, 1 deleted, "));
        assertThat(Cli.run("export", "--db", db, "--connection", "acme-octanist").outLines()).hasSize(129);
        assertThat(Cli.run("export", "--db", db, "--connection", "acme-octanist", "--include-deleted")
                .outLines()).hasSize(130);
    }

    @Test
    void aFailingConnectionIsReportedAndTheOthersAreStillSyncedWithExitCode4() {
        workspace.close();

        Cli.Result result = Cli.run(env(), "sync", "-c", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(result.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-workspace (workspace-v1, incremental): 0 new").contains(", failed: "));
        assertThat(result.errLines()).anySatisfy(l -> assertThat(l).startsWith(
                "sync: acme-octanist (octanist, incremental): 130 new"));
    }

    @Test
    void badStoreUrlsAndUnreachableDatabasesAreOneLineErrorsWithTheirExitCodes() throws IOException {
        Cli.Result badDb = Cli.run(env(), "sync", "-c", config.toString(), "--db", "mysql://x?password=sekrit");
        assertThat(badDb.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badDb.errLines()).hasSize(1);
        assertThat(badDb.err()).contains("is not a supported store URL").doesNotContain("sekrit");

        Cli.Result down = Cli.run(env(), "sync", "-c", config.toString(), "--db",
                "jdbc:postgresql://127.0.0.1:1/leads?user=lb&password=sekrit");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(down.errLines()).hasSize(1);
        assertThat(down.err()).contains("cannot be reached").doesNotContain("sekrit");

        Cli.Result noStore = Cli.run("export", "--db", "jdbc:sqlite:" + dir.resolve("none.db"));
        assertThat(noStore.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(noStore.err()).contains("does not exist (run sync first)");
        assertThat(Files.exists(dir.resolve("none.db"))).isFalse();

        Cli.Result unknownKey = Cli.run(env(), "sync", "-c", Files.writeString(dir.resolve("bad.properties"),
                Files.readString(config) + "store.colour = blue\n").toString());
        assertThat(unknownKey.exitCode()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(unknownKey.err()).contains("store.colour");

        Cli.Result both = Cli.run("export", "--db", db, "--config", config.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);

        Cli.Result badEvery = Cli.run(env(), "sync", "-c", config.toString(), "--every", "soon");
        assertThat(badEvery.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
