package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar as a user runs it: {@code java -jar cli/target/leadbridge.jar demo}. Runs in the
 * {@code package} phase, after the shade plugin built the jar (see the pom).
 */
class ShadedJarSmokeTest {

    @TempDir
    Path dir;

    @Test
    void runsTheDemoFromTheSelfContainedJar() throws IOException, InterruptedException {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path export = dir.resolve("demo.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "demo",
                "--leads", "40", "--format", "csv", "--output", export.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        boolean finished = p.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }

        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("finished in time").isTrue();
        assertThat(p.exitValue()).as(stdout + stderr).isZero();
        assertThat(stdout).contains("People found at more than one provider", "demo-workspace", export.toString());
        assertThat(stderr).doesNotContain("Exception").doesNotContain("SLF4J");
        assertThat(Files.readString(export)).startsWith("id,connection,provider,nativeId,personKey,");
    }

    @Test
    void theLauncherRecordsAClassArchiveOnACommandsFirstSuccessfulRunAndPrintsWhatTheJarPrints() throws Exception {
        Path launcher = Path.of("target", "bin", "leadbridge").toAbsolutePath();
        Path archives = dir.resolve("cds");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "LEADBRIDGE_CDS_DIR", archives.toString());

        Run mistyped = run(List.of("sh", launcher.toString()), env, "providers", "--no-such-option");
        assertThat(mistyped.exit()).isNotZero();
        try (var left = Files.list(archives)) {
            assertThat(left).as("a failed first run records no archive").isEmpty();
        }

        Run first = run(List.of("sh", launcher.toString()), env, "providers");
        Run second = run(List.of("sh", launcher.toString()), env, "providers");
        Run jar = run(Path.of("target", "leadbridge.jar").toAbsolutePath(), "providers");

        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(second.exit()).as(second.stderr()).isZero();
        // a static archive (picocli's Java 5 classes included), recorded once and used from then on
        assertThat(archives.resolve("providers.jsa")).isNotEmptyFile();
        try (var left = Files.list(archives)) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactly("providers.jsa");
        }
        assertThat(first.stdout()).isEqualTo(jar.stdout()).contains("octanist", "workspace-v1", "nexor");
        assertThat(second.stdout()).isEqualTo(jar.stdout());
        assertThat(first.stderr() + second.stderr()).isEmpty();
    }

    @Test
    void holdsNoTestServerAndStaysUnderEightMegabytes() throws IOException {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        Pattern testServer = Pattern.compile("(?i)wiremock|jetty|handlebars|kotlin|guava");
        List<String> offending;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            offending = zip.stream().map(e -> e.getName()).filter(n -> testServer.matcher(n).find()).limit(10)
                    .toList();
        }

        assertThat(offending).as("test-server classes in the jar").isEmpty();
        assertThat(Files.size(jar)).as("jar size in bytes").isLessThanOrEqualTo(8_000_000L);
    }

    @Test
    void syncsIntoSqliteAndExportsTheStoreWithTheDriversOfLibBesideTheJar() throws IOException, InterruptedException {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        assertThat(jar.resolveSibling("lib").resolve("sqlite-jdbc.jar")).exists();
        try (OctanistSimulator octanist = OctanistSimulator.builder().seed(30, 41).build()) {
            Path db = dir.resolve("leads.db");
            Path config = Files.writeString(dir.resolve("acme.properties"), String.join("\n",
                    "connections.acme.provider = octanist",
                    "connections.acme.base-url = " + octanist.baseUrl(),
                    "connections.acme.api-key = " + octanist.apiKey(), ""));

            Run sync = run(jar, "sync", "--config", config.toString(), "--db", "jdbc:sqlite:" + db);
            Run export = run(jar, "export", "--db", "jdbc:sqlite:" + db, "--format", "jsonl");

            assertThat(sync.exit()).as(sync.stderr()).isZero();
            assertThat(sync.stderr()).contains("30 new").doesNotContain("Exception");
            assertThat(export.exit()).as(export.stderr()).isZero();
            assertThat(export.stdout().lines().filter(l -> l.startsWith("{\"id\":\"acme:"))).hasSize(30);
        }
    }

    @Test
    void aJarCopiedWithoutItsLibSaysSoInOneLineWhenTheStoreIsNeeded() throws IOException, InterruptedException {
        Path alone = Files.copy(Path.of("target", "leadbridge.jar"), dir.resolve("leadbridge.jar"));

        Run export = run(alone, "export", "--db", "jdbc:sqlite:" + dir.resolve("leads.db"));

        assertThat(export.exit()).as(export.stderr()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(export.stderr().strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("not on the class path", "lib/");
    }

    @Test
    void servesHealthAndMetricsWithTheServerJarsOfLibAndExitsZeroOnSigterm() throws Exception {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        assertThat(jar.resolveSibling("lib").resolve("undertow-core.jar")).exists();
        try (OctanistSimulator octanist = OctanistSimulator.builder().seed(5, 42).build()) {
            Path config = Files.writeString(dir.resolve("serve.properties"), String.join("\n",
                    "connections.acme.provider = octanist",
                    "connections.acme.base-url = " + octanist.baseUrl(),
                    "connections.acme.api-key = " + octanist.apiKey(), ""));
            Path err = dir.resolve("serve-err.txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "serve", "--config", config.toString(),
                    "--db", "jdbc:sqlite:" + dir.resolve("serve.db"), "--port", "0")
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                java.util.regex.Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher("");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!listening.reset(Files.readString(err)).find() && System.nanoTime() < deadline) {
                    assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
                    Thread.sleep(50);
                }
                String url = listening.group(1);
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                int health = 0;
                while (health != 200 && System.nanoTime() < deadline) {
                    health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/health"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
                    Thread.sleep(50);
                }
                assertThat(health).as(Files.readString(err)).isEqualTo(200);
                assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                        .contains("leadbridge_sync_runs_total", "resilience4j_");

                p.destroy();   // SIGTERM
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(err)).isZero();
                assertThat(Files.readString(err)).contains("serve: stopped").doesNotContain("Exception")
                        .doesNotContain("SLF4J");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(Path jar, String... args) throws IOException, InterruptedException {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()), Map.of(), args);
    }

    /** Runs {@code prefix} followed by {@code args} with {@code env} added to this process's environment. */
    private Run run(List<String> prefix, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("'" + String.join(" ", args) + "' did not finish in 3 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
