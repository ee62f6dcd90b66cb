package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile user, provider or environment finds, end to end against simulators on loopback: connections a
 * command does not use need no variables, keys a header cannot carry are configuration errors, a failed export never
 * replaces a good file, and every echoed value stays on one short line.
 */
class CommandLineHardeningTest {

    private static final String WRONG_KEY = "sk-workspace_WRONGxWRONGxWRONGxWRONGxWRONGxWRONGxWRONGxWRO";
    private static final String PREVIOUS = "yesterday's complete export\n";

    private static OctanistSimulator octanist;
    private static WorkspaceSimulator workspace;
    private static Map<String, String> env;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSimulators() {
        octanist = OctanistSimulator.builder().seed(30, 17).build();
        workspace = WorkspaceSimulator.builder().seed(25, 18).build();
        env = Map.of("OCTANIST_KEY", octanist.apiKey(), "WORKSPACE_KEY", workspace.apiKey());
    }

    @AfterAll
    static void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // only the connections a command uses need their ${VAR}s

    @Test
    void exportAndGetOfOneConnectionDoNotNeedTheVariablesOfAnother() throws IOException {
        Path config = config("lazy", twoConnections());
        Map<String, String> octanistOnly = Map.of("OCTANIST_KEY", octanist.apiKey());
        String nativeId = octanist.leads().get(0).get("id").asText();

        Cli.Result export = Cli.run(octanistOnly, "export", "--config", config.toString(),
                "--connection", "acme-octanist");
        Cli.Result get = Cli.run(octanistOnly, "get", "--config", config.toString(), "acme-octanist:" + nativeId);

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.outLines()).hasSize(octanist.size());
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(Schemas.assertValidLead(get.outLines().get(0)).get("nativeId").asText()).isEqualTo(nativeId);
        assertNoKeyIn(export.all() + get.all());
    }

    @Test
    void theConnectionsACommandUsesStillNeedTheirVariables() throws IOException {
        Path config = config("lazy-used", twoConnections());
        Map<String, String> octanistOnly = Map.of("OCTANIST_KEY", octanist.apiKey());

        Cli.Result all = Cli.run(octanistOnly, "export", "--config", config.toString());
        Cli.Result chosen = Cli.run(octanistOnly, "export", "--config", config.toString(), "--connection", "acme-ws");
        Cli.Result get = Cli.run(octanistOnly, "get", "--config", config.toString(), "acme-ws:abc");

        for (Cli.Result r : List.of(all, chosen, get)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("'WORKSPACE_KEY'", "is not set", "connections.acme-ws.api-key");
        }
    }

    @Test
    void anUnknownKeyOfAUsedConnectionAndAnUnknownTopLevelKeyAreStillReported() throws IOException {
        Path colour = config("lazy-colour", twoConnections() + "connections.acme-ws.colour = blue\n");
        Path top = config("lazy-top", twoConnections() + "exporter.threads = 4\n");

        Cli.Result used = Cli.run(env, "export", "--config", colour.toString(), "--connection", "acme-ws");
        Cli.Result topLevel = Cli.run(Map.of("OCTANIST_KEY", octanist.apiKey()), "export", "--config",
                top.toString(), "--connection", "acme-octanist");

        assertThat(used.exitCode()).as(used.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(used.err()).contains("connections.acme-ws.colour");
        assertThat(topLevel.exitCode()).as(topLevel.toString()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(topLevel.err()).contains("exporter.threads");
    }

    @Test
    void anUnknownConnectionIsAUsageErrorEvenWhenOtherVariablesAreUnset() throws IOException {
        Path config = config("lazy-unknown", twoConnections());

        Cli.Result r = Cli.run(Map.of(), "get", "--config", config.toString(), "acme-typo:1");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown connection 'acme-typo'", "acme-octanist, acme-ws");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // API keys a header cannot carry

    @ParameterizedTest
    @ValueSource(strings = {"sk-workspace_secret\r\nX-Injected: yes", "sk-workspace_secret\nmore",
        "sk-workspace_clé-secret", "sk-workspace_ключ-secret", "sk-workspace_secret key", "sk-workspace_\u0007secret"})
    void aKeyAHeaderCannotCarryIsAConfigurationErrorNamingTheConnectionBeforeAnyRequest(String key)
            throws IOException {
        Path config = config("bad-key", twoConnections());
        Map<String, String> badEnv = Map.of("OCTANIST_KEY", octanist.apiKey(), "WORKSPACE_KEY", key);
        Path written = config("bad-key-written", twoConnections().replace("${WORKSPACE_KEY}",
                key.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")));
        long before = workspace.requestCount();

        List<Cli.Result> runs = List.of(
                Cli.run(badEnv, "get", "--config", config.toString(), "acme-ws:abc"),
                Cli.run(badEnv, "export", "--config", config.toString()),
                Cli.run(badEnv, "export", "--config", config.toString(), "--connection", "acme-ws"),
                Cli.run(env, "get", "--config", written.toString(), "acme-ws:abc"),
                Cli.run(env, "export", "--config", written.toString()));

        for (Cli.Result r : runs) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("'connections.acme-ws.api-key' of connection 'acme-ws'", "visible ASCII")
                    .doesNotContain("secret").doesNotContain("unexpected");
        }
        assertThat(workspace.requestCount()).isEqualTo(before);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // a failed export never replaces a good file

    @Test
    void anExportWhereEveryConnectionFailsKeepsThePreviousFileAndLeavesWhatWasWrittenAsIncomplete()
            throws IOException {
        Path config = config("all-fail", twoConnections().replace("${WORKSPACE_KEY}", WRONG_KEY)
                .replace("${OCTANIST_KEY}", "oct_live_WRONGWRONGWRONGWRONGWRONGWRONG12"));
        Path csv = dir.resolve("all-fail.csv");
        Files.writeString(csv, PREVIOUS);

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--format", "csv",
                "--output", csv.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(Files.readString(csv)).isEqualTo(PREVIOUS);
        Path incomplete = dir.resolve("all-fail.csv.incomplete");
        assertThat(Files.readString(incomplete)).startsWith("id,connection,provider,nativeId,");
        assertThat(r.errLines()).filteredOn(l -> l.contains(".incomplete")).singleElement().asString()
                .contains("'" + csv + "' was left as it was", "'" + incomplete.toAbsolutePath() + "'");
        assertNoPartFileIn(dir);
        assertNoKeyIn(r.all());
    }

    @Test
    void aPartlyFailedExportKeepsThePreviousFileAndLeavesTheLeadsItWroteAsIncomplete() throws IOException {
        Path config = config("one-fails", twoConnections().replace("${WORKSPACE_KEY}", WRONG_KEY));
        Path jsonl = dir.resolve("one-fails.jsonl");
        Files.writeString(jsonl, PREVIOUS);

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--output", jsonl.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(Files.readString(jsonl)).isEqualTo(PREVIOUS);
        List<String> written = Files.readAllLines(dir.resolve("one-fails.jsonl.incomplete"));
        assertThat(written).hasSize(octanist.size())
                .allSatisfy(l -> assertThat(Schemas.assertValidLead(l).get("connection").asText())
                        .isEqualTo("acme-octanist"));
        assertThat(r.errLines().get(r.errLines().size() - 1)).contains("one-fails.jsonl.incomplete");
        assertNoPartFileIn(dir);
    }

    @Test
    void aFailedExportToANewFileCreatesNoFileUnderTheFinalName() throws IOException {
        Path config = config("new-fails", twoConnections().replace("${WORKSPACE_KEY}", WRONG_KEY));
        Path jsonl = dir.resolve("new-fails.jsonl");

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--output", jsonl.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.PARTIAL_FAILURE);
        assertThat(jsonl).doesNotExist();
        assertThat(dir.resolve("new-fails.jsonl.incomplete")).exists();
        assertThat(r.err()).contains("'" + jsonl + "' was not created");
    }

    @Test
    void aCompleteExportReplacesTheFileAndRemovesAnOlderIncompleteOne() throws IOException {
        Path config = config("complete", twoConnections());
        Path jsonl = dir.resolve("complete.jsonl");
        Path incomplete = dir.resolve("complete.jsonl.incomplete");
        Files.writeString(jsonl, PREVIOUS);
        Files.writeString(incomplete, "an older failed run\n");

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--output", jsonl.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(octanist.size() + workspace.size());
        assertThat(incomplete).doesNotExist();
        assertThat(r.err()).doesNotContain(".incomplete");
        assertNoPartFileIn(dir);
    }

    @Test
    void anInterruptedExportLeavesIncompleteAndNeverAHalfFileUnderTheFinalName() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("interrupted"));
        Path jsonl = sub.resolve("leads.jsonl");
        Files.writeString(jsonl, PREVIOUS);
        OctanistSimulator big = OctanistSimulator.builder().seed(450, 19).build();
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer proxy = slowProxy(big.baseUrl(), 2, hanging, release);
        Process p = null;
        try {
            Path config = config("interrupted", "connections.big.provider = octanist\n"
                    + "connections.big.base-url = http://127.0.0.1:" + proxy.getAddress().getPort() + "/api\n"
                    + "connections.big.api-key = ${OCTANIST_KEY}\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), LeadbridgeCommand.class.getName(), "export",
                    "--config", config.toString(), "--output", jsonl.toString()))
                    .redirectOutput(sub.resolve("out.txt").toFile()).redirectError(sub.resolve("err.txt").toFile());
            pb.environment().put("OCTANIST_KEY", big.apiKey());
            p = pb.start();

            assertThat(hanging.await(60, TimeUnit.SECONDS)).as("the export reached the hanging page").isTrue();
            interrupt(p);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended after the interrupt").isTrue();

            String err = Files.readString(sub.resolve("err.txt"), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isNotZero();
            assertThat(Files.readString(jsonl)).isEqualTo(PREVIOUS);
            assertThat(sub.resolve("leads.jsonl.incomplete")).exists();
            assertThat(err).contains("leads.jsonl.incomplete").doesNotContain(big.apiKey());
            assertNoPartFileIn(sub);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            release.countDown();
            proxy.stop(0);
            big.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // echoed values stay on one short line; --since beyond 9999

    @Test
    void anIdWithLineBreaksIsEchoedEscapedOnOneLine() throws IOException {
        Path config = config("crlf-id", twoConnections());

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), "acme-ws:ab\r\nX-Injected: 1\u0007");

        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.USAGE, ExitCode.FAILURE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("'acme-ws:ab\\r\\nX-Injected: 1\\u0007'").doesNotContain("\r", "\u0007");
    }

    @Test
    void aHundredThousandCharacterIdIsShortenedInTheMessage() throws IOException {
        Path config = config("long-id", twoConnections());
        String id = "acme-ws:" + "x".repeat(100_000);

        Cli.Result r = Cli.run(env, "get", "--config", config.toString(), id);

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).hasSizeLessThan(1_000).contains("'acme-ws:" + "x".repeat(72) + "\u2026(100008 chars)'");
    }

    @Test
    void aMalformedIdAndAnUnknownConnectionNameAreEscapedToo() throws IOException {
        Path config = config("crlf-other", twoConnections());

        Cli.Result malformed = Cli.run(env, "get", "--config", config.toString(), "no\ncolon");
        Cli.Result unknown = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme\r\nws");

        for (Cli.Result r : List.of(malformed, unknown)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
        }
        assertThat(malformed.err()).contains("'no\\ncolon'");
        assertThat(unknown.err()).contains("'acme\\r\\nws'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "+10000-01-01", "+99999-12-31T23:59:59+01:00",
        "-0001-01-01T00:00:00Z", "10000-01-01T00:00:00Z"})
    void aSinceOutsideTheYears0000To9999IsAUsageErrorNamingTheOptionBeforeAnyRequest(String since)
            throws IOException {
        Path config = config("far-since", twoConnections());
        long before = octanist.requestCount() + workspace.requestCount();

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--since", since);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("--since", "'" + since + "'");
        assertThat(octanist.requestCount() + workspace.requestCount()).isEqualTo(before);
    }

    @Test
    void aSinceInYear9999IsStillAccepted() throws IOException {
        Path config = config("last-since", twoConnections());

        Cli.Result r = Cli.run(env, "export", "--config", config.toString(), "--connection", "acme-ws",
                "--since", "9999-12-31T00:00:00Z");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static String twoConnections() {
        return "connections.acme-octanist.provider = octanist\n"
                + "connections.acme-octanist.base-url = " + octanist.baseUrl() + "\n"
                + "connections.acme-octanist.api-key = ${OCTANIST_KEY}\n"
                + "connections.acme-ws.provider = workspace-v1\n"
                + "connections.acme-ws.base-url = " + workspace.baseUrl() + "\n"
                + "connections.acme-ws.api-key = ${WORKSPACE_KEY}\n";
    }

    private static Path config(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertNoKeyIn(String text) {
        for (String key : List.of(octanist.apiKey(), workspace.apiKey(), WRONG_KEY)) {
            assertThat(text).doesNotContain(key);
        }
    }

    private static void assertNoPartFileIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** Ctrl-C: SIGINT where {@code kill} exists, else the platform's polite termination (also runs shutdown hooks). */
    private static void interrupt(Process p) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command
        }
        p.destroy();
    }

    /**
     * A loopback proxy in front of {@code target} that forwards the first {@code answered} requests and holds every
     * later one until {@code release}, so an export is caught in the middle.
     */
    private static HttpServer slowProxy(String target, int answered, CountDownLatch hanging, CountDownLatch release)
            throws IOException {
        URI base = URI.create(target);
        String prefix = base.getPath();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger count = new AtomicInteger();
        Set<String> restricted = Set.of("host", "connection", "content-length", "expect", "upgrade");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (count.incrementAndGet() > answered) {
                    hanging.countDown();
                    release.await(60, TimeUnit.SECONDS);
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                String path = exchange.getRequestURI().getRawPath().replaceFirst("^/api", prefix);
                String query = exchange.getRequestURI().getRawQuery();
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + (query == null ? ""
                        : "?" + query))).method(exchange.getRequestMethod(), bodyOf(exchange));
                Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
                headers.forEach((name, values) -> {
                    if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("content-type")
                        .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                byte[] body = response.body();
                exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static HttpRequest.BodyPublisher bodyOf(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
    }
}
