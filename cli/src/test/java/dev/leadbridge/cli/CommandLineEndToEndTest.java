package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.cli.output.LeadCsvWriter;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line end to end against the three simulators on loopback: every test runs the real command in-process
 * and checks stdout, stderr and the exit code, and that no API key appears anywhere.
 */
class CommandLineEndToEndTest {

    private static final String WRONG_KEY = "sk-workspace_WRONGxWRONGxWRONGxWRONGxWRONGxWRONGxWRONGxWRO";

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;
    private static NexorSimulator nexor;
    private static Map<String, String> env;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(45, 7).build();
        workspace = WorkspaceSimulator.builder().seed(35, 8).build();
        nexor = NexorSimulator.builder().seed(5, 9).build();
        env = Map.of("OCTANIST_KEY", octanist.apiKey(), "WORKSPACE_KEY", workspace.apiKey(),
                "NEXOR_KEY", nexor.apiKey());
    }

    @AfterAll
    static void stopSimulators() {
        octanist.close();
        workspace.close();
        nexor.close();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // export

    @Test
    void exportsEveryLeadOfEveryConnectionAsJsonLinesThatMatchTheSchema() throws IOException {
        Path config = config("good", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(octanist.size() + workspace.size());
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode lead = Schemas.assertValidLead(line);
            ids.add(lead.get("id").asText());
            assertThat(lead.has("raw")).isFalse();
        }
        assertThat(ids).hasSize(lines.size());
        assertThat(lines.stream().map(l -> Schemas.parse(l).get("connection").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("acme-octanist", "acme-ws");
        assertThat(r.err()).contains("export summary:", "acme-octanist", "acme-ws", "ok")
                .contains("acme-nexor").containsPattern("acme-nexor .*skipped: provider 'nexor' cannot list leads")
                .contains(String.format("%,d leads from 2 connections written to stdout (1 skipped)", lines.size()));
        assertNoKeyIn(r.all());
    }

    @Test
    void keepsTheFieldOrderOfTheContractAndAddsRawOnlyWhenAsked() throws IOException {
        Path config = config("good-raw", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme-ws", "--raw");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode first = Schemas.assertValidLead(r.outLines().get(0));
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(dev.leadbridge.core.canonical.LeadJsonWriter.FIELDS);
        assertThat(first.get("raw").get("id").asText()).isEqualTo(first.get("nativeId").asText());
        assertNoKeyIn(r.all());
    }

    @Test
    void writesCsvWithAHeaderRowAndOneRecordPerLeadToTheOutputFile() throws IOException {
        Path config = config("good-csv", goodConfig());
        Path csv = dir.resolve("leads.csv");

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--format", "CSV",
                "--output", csv.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("written to '" + csv + "'");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).doesNotStartWith("\uFEFF").contains("\r\n");
        List<List<String>> records = Rfc4180.parse(text);
        assertThat(records.get(0)).isEqualTo(LeadCsvWriter.columns(false));
        assertThat(records).hasSize(1 + octanist.size() + workspace.size());
        int idColumn = records.get(0).indexOf("id");
        int statusColumn = records.get(0).indexOf("status");
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSize(records.get(0).size());
            assertThat(record.get(idColumn)).matches("acme-(octanist|ws):.+");
            assertThat(record.get(statusColumn)).isIn("OPEN", "CONTACTED", "QUALIFIED", "WON", "LOST", "UNKNOWN");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertNoKeyIn(r.all() + text);
    }

    @Test
    void exportsOnlyTheConnectionsChosenWithConnection() throws IOException {
        Path config = config("good-select", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme-octanist");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(octanist.size())
                .allSatisfy(l -> assertThat(Schemas.parse(l).get("connection").asText()).isEqualTo("acme-octanist"));
        assertThat(r.err()).doesNotContain("acme-ws").doesNotContain("acme-nexor");
        assertNoKeyIn(r.all());
    }

    @Test
    void refusesAnUnknownConnectionNameAsAUsageError() throws IOException {
        Path config = config("good-unknown", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme-typo");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("unknown connection 'acme-typo'", "acme-octanist", "acme-ws");
    }

    @Test
    void reportsANexorConnectionAsSkippedAndSucceeds() throws IOException {
        Path config = config("good-nexor", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme-nexor");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).containsPattern("acme-nexor .*nexor .*skipped: provider 'nexor' cannot list leads")
                .contains("0 leads from 0 connections written to stdout (1 skipped)")
                .doesNotContain("FAILED");
        assertNoKeyIn(r.all());
    }

    @Test
    void exportsTheOtherConnectionsAndExitsWith4WhenOneKeyIsWrong() throws IOException {
        Path config = config("one-wrong", goodConfig().replace("${WORKSPACE_KEY}", WRONG_KEY));

        Cli.Result r = Cli.run(env, "export", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(r.outLines()).hasSize(octanist.size())
                .allSatisfy(l -> assertThat(Schemas.assertValidLead(l).get("connection").asText())
                        .isEqualTo("acme-octanist"));
        assertThat(r.err()).containsPattern("acme-ws .*FAILED")
                .contains("export: connection 'acme-ws' (workspace-v1) failed: ")
                .containsPattern("failed: .*api-key")
                .contains("1 of 3 connections failed")
                .doesNotContain("Exception:").doesNotContain("\tat ");
        assertNoKeyIn(r.all());
    }

    @Test
    void exitsWith5WhenEveryConnectionFails() throws IOException {
        Path config = config("all-wrong", goodConfig().replace("${WORKSPACE_KEY}", WRONG_KEY)
                .replace("${OCTANIST_KEY}", "oct_live_WRONGWRONGWRONGWRONGWRONGWRONG12"));

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--format", "csv");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(Rfc4180.parse(r.out())).hasSize(1);
        assertThat(r.err()).contains("connection 'acme-ws'", "connection 'acme-octanist'",
                "every connection that can list leads failed");
        assertNoKeyIn(r.all());
    }

    @Test
    void showsTheStackTraceOnlyWithVerboseAndStillNoKey() throws IOException {
        Path config = config("one-wrong-verbose", goodConfig().replace("${WORKSPACE_KEY}", WRONG_KEY));

        Cli.Result r = Cli.run(env, "export", "--verbose", "--config", config.toString(), "--connection", "acme-ws");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.err()).contains("\tat ");
        assertNoKeyIn(r.all());
    }

    @Test
    void filtersByCanonicalStatusInAnyCase() throws IOException {
        Path config = config("good-status", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--status", "won", "--status", "LOST");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).isNotEmpty()
                .allSatisfy(l -> assertThat(Schemas.parse(l).get("status").asText()).isIn("WON", "LOST"));
    }

    @Test
    void exportsOnlyLeadsChangedSinceAnInstantThroughTheIncrementalSync() throws IOException {
        Path config = config("good-since", goodConfig());
        Cli.Result full = Cli.run(env, "export", "--config", config.toString());
        List<Instant> updated = full.outLines().stream()
                .map(l -> Schemas.parse(l).get("updatedAt"))
                .filter(u -> !u.isNull())
                .map(u -> Instant.parse(u.asText())).sorted().toList();
        Instant since = updated.get(updated.size() / 2);

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--since", since.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<Instant> got = r.outLines().stream()
                .map(l -> Instant.parse(Schemas.assertValidLead(l).get("updatedAt").asText())).toList();
        assertThat(got).hasSize((int) updated.stream().filter(u -> !u.isBefore(since)).count())
                .allSatisfy(u -> assertThat(u).isAfterOrEqualTo(since));
        assertThat(r.err()).contains("acme-nexor", "skipped", "to continue from here next time, pass --since ");
        assertNoKeyIn(r.all());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // get

    @Test
    void getPrintsOneLeadAsOneCanonicalJsonObject() throws IOException {
        Path config = config("good-get", goodConfig());
        String nativeId = workspace.leads().get(0).get("id").asText();

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), "acme-ws:" + nativeId);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(1);
        JsonNode lead = Schemas.assertValidLead(r.outLines().get(0));
        assertThat(lead.get("id").asText()).isEqualTo("acme-ws:" + nativeId);
        assertThat(lead.get("provider").asText()).isEqualTo("workspace-v1");
        assertThat(r.err()).isEmpty();
        assertNoKeyIn(r.all());
    }

    @Test
    void getReadsANexorLeadAlthoughNexorCannotList() throws IOException {
        Path config = config("good-get-nexor", goodConfig());
        String nativeId = nexor.leads().get(0).get("id").asText();

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), "--raw", "acme-nexor:" + nativeId);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode lead = Schemas.assertValidLead(r.outLines().get(0));
        assertThat(lead.get("nativeId").asText()).isEqualTo(nativeId);
        assertThat(lead.get("raw").isObject()).isTrue();
        assertNoKeyIn(r.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme-ws:../../admin", "acme-ws:..%2F..%2Fadmin", "acme-ws:a/b", "acme-octanist:x?y=1"})
    void refusesALeadIdWithAPathTrickBeforeAnyRequest(String id) throws IOException {
        Path config = config("good-trick", goodConfig());
        long before = workspace.requestCount() + octanist.requestCount();

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), id);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("leadbridge get: cannot get lead '" + id + "'");
        assertThat(workspace.requestCount() + octanist.requestCount()).isEqualTo(before);
        assertNoKeyIn(r.all());
    }

    @Test
    void getOfAnAbsentLeadFailsWithExit5() throws IOException {
        Path config = config("good-absent", goodConfig());

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), "acme-ws:doesnotexist42");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("cannot get lead 'acme-ws:doesnotexist42'", "check the id");
    }

    @Test
    void getRefusesAMalformedIdAndAnUnknownConnection() throws IOException {
        Path config = config("good-malformed", goodConfig());

        Cli.Result malformed = Cli.run(env, "get", "--config", config.toString(), "no-colon-here");
        Cli.Result unknown = Cli.run(env, "get", "--config", config.toString(), "acme-typo:123");

        assertThat(malformed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(malformed.err()).contains("'no-colon-here' is not of the form <connection>:<nativeId>");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("unknown connection 'acme-typo'");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // configuration errors

    @Test
    void namesTheMissingEnvironmentVariable() throws IOException {
        Path config = config("missing-env", goodConfig());
        Map<String, String> partial = Map.of("OCTANIST_KEY", octanist.apiKey(), "NEXOR_KEY", nexor.apiKey());

        Cli.Result r = Cli.run(partial, "export", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("'WORKSPACE_KEY'", "is not set", config.toString());
        assertNoKeyIn(r.all());
    }

    @Test
    void namesAnUnknownConfigurationKey() throws IOException {
        Path config = config("unknown-key", goodConfig() + "connections.acme-ws.colour = blue\n");

        Cli.Result r = Cli.run(env, "export", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("connections.acme-ws.colour");
        assertNoKeyIn(r.all());
    }

    @Test
    void namesAnUnknownTopLevelKey() throws IOException {
        Path config = config("unknown-top", goodConfig() + "exporter.threads = 4\n");

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), "acme-ws:x");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.err()).contains("exporter.threads");
    }

    @Test
    void reportsAMissingConfigurationFile() {
        Path missing = dir.resolve("nope/leadbridge.properties");

        Cli.Result r = Cli.run(env, "export", "--config", missing.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).isEqualTo("leadbridge export: configuration file '" + missing
                + "' does not exist; pass the path of an existing properties file with --config"
                + System.lineSeparator());
    }

    @Test
    void reportsAConfigurationFileThatCannotBeRead() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("a-directory.properties"));
        Path notUtf8 = dir.resolve("unreadable.properties");
        Files.writeString(notUtf8, "connections.x.provider = octanist\nconnections.x.api-key = \\uZZZZ\n");

        Cli.Result isDirectory = Cli.run(env, "get", "--config", directory.toString(), "x:1");
        Cli.Result malformed = Cli.run(env, "get", "--config", notUtf8.toString(), "x:1");

        assertThat(isDirectory.exitCode()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(isDirectory.err()).contains("'" + directory + "' is a directory");
        assertThat(malformed.exitCode()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(malformed.err()).contains("'" + notUtf8 + "' is not a valid properties file");
        assertThat(malformed.errLines()).hasSize(1);
    }

    @Test
    void refusesPlainHttpToAnotherHost() throws IOException {
        Path config = config("insecure", goodConfig().replace(workspace.baseUrl(), "http://leads.example.com/api/v1"));

        Cli.Result r = Cli.run(env, "export", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.err()).contains("must use https");
        assertNoKeyIn(r.all());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // usage

    @Test
    void reportsUsageErrorsOnOneLineWithExit2() throws IOException {
        Path config = config("good-usage", goodConfig());

        Cli.Result unknownOption = Cli.run(env, "export", "--config", config.toString(), "--colour");
        Cli.Result badSince = Cli.run(env, "export", "--config", config.toString(), "--since", "yesterday");
        Cli.Result badStatus = Cli.run(env, "export", "--config", config.toString(), "--status", "hot");
        Cli.Result badFormat = Cli.run(env, "export", "--config", config.toString(), "--format", "xml");
        Cli.Result noConfig = Cli.run(env, "export");
        Cli.Result noCommand = Cli.run(env);

        for (Cli.Result r : List.of(unknownOption, badSince, badStatus, badFormat, noConfig, noCommand)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
        }
        assertThat(unknownOption.err()).contains("'--colour'", "see 'leadbridge export --help'");
        assertThat(badSince.err()).contains("'yesterday' is not an ISO-8601 instant");
        assertThat(badStatus.err()).contains("hot", "OPEN, CONTACTED, QUALIFIED, WON, LOST, UNKNOWN");
        assertThat(badFormat.err()).contains("unknown format 'xml'");
        assertThat(noConfig.err()).contains("--config");
        assertThat(noCommand.err()).contains("demo, export, get, import, copy, providers, schema, simulate, sync");
    }

    @Test
    void suggestsTheCommandMeantByAMistypedOne() {
        Cli.Result r = Cli.run("exprot");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).isEqualTo("leadbridge: unknown command 'exprot'; did you mean export?; see 'leadbridge --help'"
                + System.lineSeparator());
    }

    @Test
    void reportsAMistypedRequiredOptionAsUnknownWithASuggestionNotAsMissing() throws IOException {
        Path config = config("good-confg", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--confg", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).isEqualTo("leadbridge export: unknown option '--confg'; did you mean --config?;"
                + " see 'leadbridge export --help'" + System.lineSeparator());
    }

    @Test
    void suggestsTheOptionMeantByAMistypedOne() throws IOException {
        Path config = config("good-formt", goodConfig());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--formt", "csv");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'--formt'", "did you mean --format?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void documentsTheExitCodesInHelp() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit codes:", "demo", "export", "get", "providers", "schema")
                .containsPattern("4\\s+some connections failed");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // providers and schema

    @Test
    void listsEveryProviderWithItsCapabilities() {
        Cli.Result r = Cli.run("providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("octanist", "nexor", "workspace-v1", "https://octanist.com/api",
                "https://api.getnexor.ai/api/public", "https://pollybot.app/api/v1", "pushed down", "operations");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheLeadSchemaThatShipsInCore() throws IOException {
        Cli.Result r = Cli.run("schema");

        assertThat(r.exitCode()).isZero();
        JsonNode schema = Schemas.parse(r.out());
        assertThat(schema.get("$schema").asText()).contains("2020-12");
        assertThat(schema.get("properties").size()).isEqualTo(dev.leadbridge.core.canonical.LeadJsonWriter.FIELDS.size());
        Path inCore = Path.of("../core/src/main/resources/dev/leadbridge/core/lead.schema.json");
        if (Files.exists(inCore)) {
            assertThat(r.out()).isEqualTo(Files.readString(inCore));
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static String goodConfig() {
        return "# three accounts, one per provider\n"
                + "connections.acme-octanist.provider = octanist\n"
                + "connections.acme-octanist.base-url = " + octanist.baseUrl() + "\n"
                + "connections.acme-octanist.api-key = ${OCTANIST_KEY}\n"
                + "connections.acme-ws.provider = workspace-v1\n"
                + "connections.acme-ws.base-url = " + workspace.baseUrl() + "\n"
                + "connections.acme-ws.api-key = ${WORKSPACE_KEY}\n"
                + "connections.acme-nexor.provider = nexor\n"
                + "connections.acme-nexor.base-url = " + nexor.baseUrl() + "\n"
                + "connections.acme-nexor.api-key = ${NEXOR_KEY}\n";
    }

    private static Path config(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertNoKeyIn(String text) {
        for (String key : List.of(octanist.apiKey(), workspace.apiKey(), nexor.apiKey(), WRONG_KEY)) {
            assertThat(text).doesNotContain(key);
        }
    }
}
