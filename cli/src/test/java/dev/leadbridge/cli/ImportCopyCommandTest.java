package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} and {@code copy} end to end against the simulators on loopback, with real files: every record is
 * created once, crashes and timeouts never lead to a second create, and the journal says what happened.
 */
class ImportCopyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private OctanistSimulator octanist;
    private OctanistSimulator octanist2;
    private NexorSimulator nexor;
    private WorkspaceSimulator workspace;

    @BeforeEach
    void startSimulators() {
        octanist = OctanistSimulator.builder().build();
        octanist2 = OctanistSimulator.builder().build();
        nexor = NexorSimulator.builder().build();
        workspace = WorkspaceSimulator.builder().build();
    }

    @AfterEach
    void stopSimulators() {
        octanist.close();
        octanist2.close();
        nexor.close();
        workspace.close();
    }

    // ------------------------------------------------------------------------------------------------------------
    // import

    @Test
    void importCreatesEveryRecordOnceAndARerunWithTheSameJournalCreatesNothingAgain() throws IOException {
        Path input = jsonl("leads.jsonl", 20);

        Cli.Result first = Cli.run("import", "--config", config().toString(), "--connection", "oct",
                input.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(octanist.size()).isEqualTo(20);
        assertThat(first.err()).contains("import: 20 created, 0 rejected, 0 unknown, 0 skipped");
        List<String> journal = Files.readAllLines(Path.of(input + ".journal"));
        assertThat(journal.stream().filter(l -> l.contains("\tcreated oct:")).count()).isEqualTo(20);
        assertThat(journal).contains("src:7\tpending");

        Cli.Result again = Cli.run("import", "--config", config().toString(), "--connection", "oct",
                input.toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("import: 0 created, 0 rejected, 0 unknown, 20 skipped");
        assertThat(octanist.size()).isEqualTo(20);
        assertEachEmailOnce(octanist.leads(), 20);
    }

    @Test
    void aMalformedLineIsRejectedWithItsLineNumberAndTheRestIsCreated() throws IOException {
        Path input = dir.resolve("broken.jsonl");
        Files.writeString(input, record(1) + "\n" + "{\"name\": \"cut off\n" + record(3) + "\n\n" + record(4)
                + "\n[1,2]\n", StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "oct", input.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(octanist.size()).isEqualTo(3);
        assertThat(r.err()).contains("3 created, 2 rejected").contains("line 2: not valid JSON")
                .contains("line 6: not a JSON object");
        String journal = Files.readString(Path.of(input + ".journal"));
        assertThat(journal).containsPattern("line:2:[0-9a-f]{16}\trejected line 2: not valid JSON");
    }

    @Test
    void aDryRunChecksEveryRecordAndSendsNothing() throws IOException {
        Path input = dir.resolve("dry.jsonl");
        Files.writeString(input, record(1) + "\n{\"id\":\"src:2\",\"company\":\"Acme\"}\n", StandardCharsets.UTF_8);
        octanist.resetRequests();

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "oct", "--dry-run",
                input.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(octanist.requestCount()).isZero();
        assertThat(octanist.size()).isZero();
        assertThat(Files.exists(Path.of(input + ".journal"))).isFalse();
        assertThat(r.err()).contains("dry run, nothing sent: 1 would be created, 1 rejected")
                .contains("src:2: line 2: an Octanist lead needs at least one of name, email, phone or custom")
                .contains("cannot hold these fields; they would be dropped: company (1 record)");
    }

    @Test
    void aTimeoutAfterTheRequestWasSentEndsAsUnknownAndIsNotCreatedAgainOnRerun() throws IOException {
        Path input = jsonl("slow.jsonl", 3);
        octanist.faults().when(req -> req.method().equals("POST") && req.body().contains("lead2@"), 1,
                Fault.delayAfterHandling(Duration.ofSeconds(3)));
        String config = configText() + "connections.oct.read-timeout = 1s\n";
        Path file = Files.writeString(dir.resolve("slow.properties"), config);

        Cli.Result first = Cli.run("import", "--config", file.toString(), "--connection", "oct", input.toString());

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(first.err()).contains("2 created, 0 rejected, 1 unknown")
                .contains("1 record may or may not have been created (unknown: src:2)")
                .contains("leadbridge get oct:");
        assertThat(Files.readString(Path.of(input + ".journal"))).contains("src:2\tunknown ");
        // the simulator did handle it: the lead exists once
        assertThat(octanist.size()).isEqualTo(3);

        Cli.Result again = Cli.run("import", "--config", file.toString(), "--connection", "oct", input.toString());

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(again.err()).contains("0 created, 0 rejected, 0 unknown, 3 skipped");
        assertEachEmailOnce(octanist.leads(), 3);
    }

    @Test
    void nexorBulkCreateReportsPartialSuccessPerRecordInOneRequest() throws IOException {
        Path input = dir.resolve("nexor.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\":\"a\",\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"email\":\"ann@example.com\"}",
                "{\"id\":\"b\",\"name\":\"Bob Stone\",\"email\":\"not-an-email\"}",
                "{\"id\":\"c\",\"name\":\"Cleo Maria Vance\",\"email\":\"cleo@example.com\",\"company\":\"Acme\"}",
                "{\"id\":\"d\",\"email\":\"no-name@example.com\"}") + "\n", StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "nx", input.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(nexor.bulkRequestSizes()).containsExactly(3);
        assertThat(nexor.size()).isEqualTo(2);
        Map<String, ObjectNode> byEmail = byEmail(nexor.leads());
        assertThat(byEmail.get("ann@example.com").get("first_name").asText()).isEqualTo("Ann");
        assertThat(byEmail.get("ann@example.com").get("last_name").asText()).isEqualTo("Lee");
        // a full name without first/last goes into first_name unsplit
        assertThat(byEmail.get("cleo@example.com").get("first_name").asText()).isEqualTo("Cleo Maria Vance");
        String journal = Files.readString(Path.of(input + ".journal"));
        assertThat(journal).containsPattern("(?m)^a\tcreated nx:[0-9a-f-]{36}$")
                .containsPattern("(?m)^b\trejected .*email")
                .containsPattern("(?m)^c\tcreated nx:")
                .containsPattern("(?m)^d\trejected line 4: Nexor requires first_name");
        assertThat(r.err()).contains("2 created, 2 rejected")
                .contains("'nx' (nexor) cannot hold these fields; they were dropped: company (1 record)");
    }

    @Test
    void aDuplicateEmailAtWorkspaceIsRejectedWithTheExistingLeadsId() throws IOException {
        ObjectNode existing = workspace.put((ObjectNode) JSON.readTree(
                "{\"name\":\"Old Lead\",\"email\":\"lead2@example.com\",\"status\":\"new\"}"));
        String existingId = existing.get("id").asText();
        Path input = jsonl("ws.jsonl", 3);

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "ws", input.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(r.err()).contains("2 created, 1 rejected");
        assertThat(Files.readString(Path.of(input + ".journal")))
                .contains("src:2\trejected DUPLICATE_EMAIL: existing lead ws:" + existingId);
        assertThat(workspace.size()).isEqualTo(3);
    }

    @Test
    void aWorkspaceConnectionWithoutAChatbotIdIsRefusedBeforeAnyRequest() throws IOException {
        String text = configText().replace("connections.ws.chatbot-id = " + workspace.defaultChatbotId() + "\n", "");
        Path file = Files.writeString(dir.resolve("nochatbot.properties"), text);
        Path input = jsonl("nochatbot.jsonl", 2);
        workspace.resetRequests();

        Cli.Result r = Cli.run("import", "--config", file.toString(), "--connection", "ws", input.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(r.err()).contains("connection 'ws' (workspace-v1) cannot create leads")
                .contains("connections.ws.chatbot-id");
        assertThat(workspace.requestCount()).isZero();
        assertThat(Files.exists(Path.of(input + ".journal"))).isFalse();
    }

    @Test
    void aCopyWhoseSourceFailsMidwayKeepsWhatWasCopiedAndSaysSo() throws IOException {
        OctanistSimulator seeded = OctanistSimulator.builder().seed(150, 13).build();
        try {
            String config = configText() + "connections.seeded.provider = octanist\n"
                    + "connections.seeded.base-url = " + seeded.baseUrl() + "\n"
                    + "connections.seeded.api-key = " + seeded.apiKey() + "\n"
                    + "connections.seeded.retry.max-attempts = 1\n";
            Path file = Files.writeString(dir.resolve("fail.properties"), config);
            Path journal = dir.resolve("fail.journal");
            seeded.faults().when(req -> req.method().equals("GET") && "2".equals(req.param("page")), 5,
                    Fault.respondJson(500, "{\"error\":\"boom\"}"));

            Cli.Result r = Cli.run("copy", "--config", file.toString(), "--from", "seeded", "--to", "oct2",
                    "--journal", journal.toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
            assertThat(r.err()).contains("copy: reading the source failed after")
                    .contains("rerun the same command to go on");
            long created = Files.readAllLines(journal).stream().filter(l -> l.contains("\tcreated oct2:")).count();
            assertThat(created).isPositive().isLessThan(150);
            assertThat(octanist2.size()).isEqualTo((int) created);
        } finally {
            seeded.close();
        }
    }

    @Test
    void csvWithQuotesCommasAndLineBreaksImportsAsExportWroteIt() throws IOException {
        Path source = dir.resolve("tricky.jsonl");
        Files.writeString(source, "{\"id\":\"t1\",\"name\":\"O'Brien, \\\"Jim\\\"\",\"email\":\"jim@example.com\","
                + "\"note\":\"first line\\nsecond, \\\"quoted\\\"\",\"attribution\":{\"utmSource\":\"news,letter\"},"
                + "\"custom\":{\"tier\":\"gold, plus\"}}\n", StandardCharsets.UTF_8);
        assertThat(Cli.run("import", "--config", config().toString(), "--connection", "oct", source.toString())
                .exitCode()).isZero();
        Path csv = dir.resolve("out.csv");
        Cli.Result export = Cli.run("export", "--config", config().toString(), "--connection", "oct",
                "--format", "csv", "--output", csv.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(Files.readString(csv)).as(Files.readString(csv)).contains("\"first line\nsecond, \"\"quoted\"\"\"");

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "oct2", csv.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(octanist2.size()).isEqualTo(1);
        ObjectNode copy = octanist2.leads().get(0);
        assertThat(copy.get("name").asText()).isEqualTo("O'Brien, \"Jim\"");
        assertThat(copy.get("note").asText()).isEqualTo("first line\nsecond, \"quoted\"");
        assertThat(copy.get("utm_source").asText()).isEqualTo("news,letter");
        assertThat(JSON.readTree(copy.get("custom").asText()).get("tier").asText()).isEqualTo("gold, plus");
    }

    @Test
    void aRoundTripExportImportExportKeepsEveryFieldTheTargetHolds() throws IOException {
        OctanistSimulator seeded = OctanistSimulator.builder().seed(25, 3).build();
        try {
            String config = configText() + "connections.seeded.provider = octanist\n"
                    + "connections.seeded.base-url = " + seeded.baseUrl() + "\n"
                    + "connections.seeded.api-key = " + seeded.apiKey() + "\n";
            Path file = Files.writeString(dir.resolve("rt.properties"), config);
            Path first = dir.resolve("first.jsonl");
            assertThat(Cli.run("export", "--config", file.toString(), "--connection", "seeded", "--output",
                    first.toString()).exitCode()).isZero();

            Cli.Result r = Cli.run("import", "--config", file.toString(), "--connection", "oct2", first.toString());
            assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.PARTIAL_FAILURE);

            Path second = dir.resolve("second.jsonl");
            assertThat(Cli.run("export", "--config", file.toString(), "--connection", "oct2", "--output",
                    second.toString()).exitCode()).isZero();
            Map<String, JsonNode> before = byKey(first);
            Map<String, JsonNode> after = byKey(second);
            long created = Files.readAllLines(Path.of(first + ".journal")).stream()
                    .filter(l -> l.contains("\tcreated ")).count();
            assertThat(after).hasSize((int) created);
            assertThat(created).isGreaterThan(20);
            for (Map.Entry<String, JsonNode> e : after.entrySet()) {
                JsonNode was = before.get(e.getKey());
                JsonNode now = e.getValue();
                for (String field : List.of("name", "email", "phone", "note", "custom", "consent")) {
                    assertThat(now.get(field)).as(field).isEqualTo(was.get(field));
                }
                for (String field : List.of("website", "path", "utmSource", "utmMedium", "utmCampaign", "clickIds")) {
                    assertThat(now.get("attribution").get(field)).as(field)
                            .isEqualTo(was.get("attribution").get(field));
                }
            }
        } finally {
            seeded.close();
        }
    }

    @Test
    void anExhaustedRequestBudgetIsWaitedOutAndEveryRecordIsStillCreatedOnce() throws IOException {
        WorkspaceSimulator limited = WorkspaceSimulator.builder().rateLimit(3, Duration.ofSeconds(2)).build();
        try {
            String text = "connections.lim.provider = workspace-v1\n"
                    + "connections.lim.base-url = " + limited.baseUrl() + "\n"
                    + "connections.lim.api-key = " + limited.apiKey() + "\n"
                    + "connections.lim.chatbot-id = " + limited.defaultChatbotId() + "\n";
            Path file = Files.writeString(dir.resolve("limited.properties"), text);
            Path input = jsonl("limited.jsonl", 7);

            Cli.Result r = Cli.run("import", "--config", file.toString(), "--connection", "lim", input.toString());

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("7 created, 0 rejected, 0 unknown");
            assertEachEmailOnce(limited.leads(), 7);
        } finally {
            limited.close();
        }
    }

    @Test
    void theWorkspaceBudgetEstimateIsPrintedAtTheStart() throws IOException {
        Path input = jsonl("many.jsonl", 1500);

        Cli.Result r = Cli.run("import", "--config", config().toString(), "--connection", "ws", "--dry-run",
                input.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.errLines().get(0)).contains("1,500 records to 'ws' (workspace-v1), which allows 1000 requests"
                + " per 1h: this takes about 90m00s");
        assertThat(workspace.size()).isZero();
    }

    @Test
    void aCrashMidImportAndARerunCreateEveryRecordExactlyOnce() throws Exception {
        int n = 60;
        Path input = jsonl("crash.jsonl", n);
        Path journal = Path.of(input + ".journal");
        octanist.faults().latency(Duration.ofMillis(40));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LeadbridgeCommand.class.getName(), "import", "--config", config().toString(), "--connection", "oct",
                input.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (createdLines(journal) < 15 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child should still be importing").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
        long before = octanist.size();
        assertThat(before).isBetween(15L, (long) n - 1);
        octanist.faults().clear();

        Cli.Result rerun = Cli.run("import", "--config", config().toString(), "--connection", "oct",
                input.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isIn(ExitCode.OK, ExitCode.PARTIAL_FAILURE);
        // never twice; a record in flight at the kill is 'unknown' (it may or may not have reached the simulator)
        Map<String, Long> counts = octanist.leads().stream().collect(Collectors.groupingBy(
                l -> l.path("email").asText(), Collectors.counting()));
        assertThat(counts.values()).allMatch(c -> c == 1);
        List<String> unknown = Files.readAllLines(journal).stream().filter(l -> l.contains("\tunknown "))
                .map(l -> l.substring(0, l.indexOf('\t'))).distinct().toList();
        assertThat(unknown).hasSizeLessThanOrEqualTo(1);
        assertThat(counts).hasSize(n - (int) unknown.stream().filter(k -> !counts.containsKey(email(k))).count());
        if (!unknown.isEmpty()) {
            assertThat(rerun.err()).contains("may or may not have been created (unknown: " + unknown.get(0) + ")");
        }
        // what the summary tells the user: check the unknown ones at the target; send again only those not there
        List<String> kept = Files.readAllLines(journal).stream()
                .filter(l -> unknown.stream().noneMatch(k -> l.startsWith(k + "\t") && !counts.containsKey(email(k))))
                .toList();
        Files.write(journal, kept);

        Cli.Result third = Cli.run("import", "--config", config().toString(), "--connection", "oct",
                input.toString());

        assertThat(third.exitCode()).as(third.toString()).isIn(ExitCode.OK, ExitCode.PARTIAL_FAILURE);
        assertEachEmailOnce(octanist.leads(), n);
        Cli.Result fourth = Cli.run("import", "--config", config().toString(), "--connection", "oct",
                input.toString());
        assertThat(fourth.err()).contains("0 created, 0 rejected, 0 unknown, " + n + " skipped");
        assertThat(octanist.size()).isEqualTo(n);
    }

    private static String email(String key) {
        return "lead" + key.substring("src:".length()) + "@example.com";
    }

    // ------------------------------------------------------------------------------------------------------------
    // copy

    @Test
    void copyStreamsOneProvidersLeadsIntoAnotherOnceEvenWhenRunTwice() throws IOException {
        OctanistSimulator seeded = OctanistSimulator.builder().seed(30, 11).build();
        try {
            String config = configText() + "connections.seeded.provider = octanist\n"
                    + "connections.seeded.base-url = " + seeded.baseUrl() + "\n"
                    + "connections.seeded.api-key = " + seeded.apiKey() + "\n";
            Path file = Files.writeString(dir.resolve("copy.properties"), config);
            Path journal = dir.resolve("copy.journal");

            Cli.Result r = Cli.run("copy", "--config", file.toString(), "--from", "seeded", "--to", "nx",
                    "--journal", journal.toString());

            assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.PARTIAL_FAILURE);
            long created = Files.readAllLines(journal).stream().filter(l -> l.contains("\tcreated nx:")).count();
            assertThat(created).isGreaterThan(0);
            assertThat(nexor.size()).isEqualTo((int) created);
            assertThat(Files.readAllLines(journal).stream().filter(l -> !l.endsWith("\tpending"))
                    .map(l -> l.substring(0, l.indexOf('\t'))).collect(Collectors.toSet()))
                    .allMatch(k -> k.startsWith("seeded:")).hasSize(30);
            assertThat(r.err()).contains("copy: " + created + " created");

            Cli.Result again = Cli.run("copy", "--config", file.toString(), "--from", "seeded", "--to", "nx",
                    "--journal", journal.toString());

            assertThat(again.err()).contains("copy: 0 created").contains(created + " skipped");
            assertThat(nexor.size()).isEqualTo((int) created);
        } finally {
            seeded.close();
        }
    }

    @Test
    void copyFiltersByStatusAndUsesTheDefaultJournalName() throws IOException {
        OctanistSimulator seeded = OctanistSimulator.builder().seed(30, 12).build();
        try {
            String config = configText() + "connections.seeded.provider = octanist\n"
                    + "connections.seeded.base-url = " + seeded.baseUrl() + "\n"
                    + "connections.seeded.api-key = " + seeded.apiKey() + "\n";
            Path file = Files.writeString(dir.resolve("copy2.properties"), config);
            long won = seeded.leads().stream().filter(l -> List.of("won", "win").contains(l.path("status").asText()))
                    .count();
            octanist2.resetRequests();

            Cli.Result r = Cli.run("copy", "--config", file.toString(), "--from", "seeded", "--to", "oct2",
                    "--status", "won", "--dry-run");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("dry run, nothing sent: " + won + " would be created");
            assertThat(octanist2.requestCount()).isZero();
        } finally {
            seeded.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("import.properties"), configText(), StandardCharsets.UTF_8);
    }

    private String configText() {
        return "connections.oct.provider = octanist\n"
                + "connections.oct.base-url = " + octanist.baseUrl() + "\n"
                + "connections.oct.api-key = " + octanist.apiKey() + "\n"
                + "connections.oct2.provider = octanist\n"
                + "connections.oct2.base-url = " + octanist2.baseUrl() + "\n"
                + "connections.oct2.api-key = " + octanist2.apiKey() + "\n"
                + "connections.nx.provider = nexor\n"
                + "connections.nx.base-url = " + nexor.baseUrl() + "\n"
                + "connections.nx.api-key = " + nexor.apiKey() + "\n"
                + "connections.ws.provider = workspace-v1\n"
                + "connections.ws.base-url = " + workspace.baseUrl() + "\n"
                + "connections.ws.api-key = " + workspace.apiKey() + "\n"
                + "connections.ws.chatbot-id = " + workspace.defaultChatbotId() + "\n";
    }

    private static String record(int i) {
        return "{\"id\":\"src:" + i + "\",\"name\":\"Lead " + i + "\",\"email\":\"lead" + i + "@example.com\","
                + "\"phone\":\"+4930123" + i + "\",\"status\":\"OPEN\",\"attribution\":{\"utmSource\":\"google\"}}";
    }

    private Path jsonl(String name, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(record(i)).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
    }

    private static long createdLines(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal).stream().filter(l -> l.contains("\tcreated ")).count();
    }

    private static void assertEachEmailOnce(List<ObjectNode> leads, int n) {
        Map<String, Long> counts = leads.stream().collect(Collectors.groupingBy(l -> l.path("email").asText(),
                Collectors.counting()));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add("lead" + i + "@example.com");
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.values()).allMatch(c -> c == 1);
    }

    private static Map<String, ObjectNode> byEmail(List<ObjectNode> leads) {
        return leads.stream().collect(Collectors.toMap(l -> l.path("email").asText(), Function.identity()));
    }

    /** The exported leads by email (or name), for comparing fields across connections. */
    private static Map<String, JsonNode> byKey(Path jsonl) throws IOException {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode lead = JSON.readTree(line);
            out.put(lead.path("email").asText() + "|" + lead.path("name").asText() + "|"
                    + lead.path("phone").asText() + "|" + lead.path("custom"), lead);
        }
        return out;
    }
}
