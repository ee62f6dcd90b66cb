package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.testkit.webhook.LoopbackReceiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} end to end: started as a real process (so that SIGTERM stops it as Ctrl-C would), its
 * configuration used by {@code export} and {@code get}, then stopped.
 */
class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsTheSimulatorsUntilStoppedWithAConfigurationThatExportAndGetUse() throws Exception {
        Path config = dir.resolve("sim.properties");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), LeadbridgeCommand.class.getName(), "simulate", "--leads", "30",
                "--config-out", config.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        List<String> stdout = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                stdout.add(line);
                if (line.startsWith("  ") && line.contains(" get --config ")) {
                    break;  // the last example: everything is printed
                }
            }
            assertThat(stdout).as(String.join("\n", stdout) + Files.readString(dir.resolve("err.txt")))
                    .contains("Configuration written to " + config.toAbsolutePath());
            Properties written = new Properties();
            try (var reader = Files.newBufferedReader(config)) {
                written.load(reader);
            }
            assertThat(Files.readAllLines(config).get(0)).startsWith(SimulateCommand.HEADER);
            assertThat(written.stringPropertyNames()).hasSize(9);

            // export and get work against the live simulators with nothing but that file
            Cli.Result export = Cli.run(Map.of(), "export", "--config", config.toString());
            assertThat(export.exitCode()).as(export.toString()).isZero();
            assertThat(export.outLines()).hasSize(30 + 25);
            export.outLines().forEach(Schemas::assertValidLead);
            String getLine = stdout.stream().filter(l -> l.contains(" get --config ")).findFirst().orElseThrow();
            String id = getLine.substring(getLine.lastIndexOf(' ') + 1);
            Cli.Result get = Cli.run(Map.of(), "get", "--config", config.toString(), id);
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.out()).contains("\"id\":\"" + id + "\"");

            // SIGTERM, as Ctrl-C: the simulators stop and the command ends with exit code 0
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(Files.readString(dir.resolve("err.txt"))).contains("simulators stopped")
                    .doesNotContain("Exception");
            URI octanist = URI.create(written.getProperty("connections.demo-octanist.base-url"));
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(octanist.getHost(), octanist.getPort()), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void postsSignedWebhooksOfItsActivityToTheGivenUrlWithTheSecretsInTheConfigurationFile() throws Exception {
        Path config = dir.resolve("hooks.properties");
        try (LoopbackReceiver receiver = LoopbackReceiver.start(r -> 200)) {
            Process p = start("simulate", "--leads", "12", "--config-out", config.toString(), "--webhook-url",
                    receiver.baseUrl() + "/", "--activity", "200ms");
            try {
                List<String> stdout = readUntil(p, " serve --config ");
                String printed = String.join("\n", stdout);
                assertThat(printed).contains("demo-workspace  LEAD_CREATED",
                        "-> " + receiver.baseUrl() + "/webhooks/demo-workspace",
                        "-> " + receiver.baseUrl() + "/webhooks/demo-nexor?token=****",
                        "Activity: every 200ms", " serve --config " + config.toAbsolutePath() + " --port "
                                + URI.create(receiver.baseUrl()).getPort());
                Properties written = new Properties();
                try (var reader = Files.newBufferedReader(config)) {
                    written.load(reader);
                }
                assertThat(written.stringPropertyNames()).hasSize(11).contains(
                        "connections.demo-workspace.webhook-secret", "connections.demo-nexor.webhook-secret");
                for (String secret : List.of(written.getProperty("connections.demo-workspace.webhook-secret"),
                        written.getProperty("connections.demo-nexor.webhook-secret"))) {
                    assertThat(secret).matches("whsec_[A-Za-z0-9]{32}");
                    assertThat(printed).doesNotContain(secret);
                }

                // the library's own readers accept every delivery, with the secrets of that file
                Map<String, WebhookReader> readers = new HashMap<>();
                for (ConnectionConfig c : ConnectionConfig.parse(written, name -> null)) {
                    LeadProviders.webhooks(c).ifPresent(reader -> readers.put(c.name(), reader));
                }
                assertThat(readers).containsOnlyKeys("demo-workspace", "demo-nexor");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (count(receiver, "demo-workspace") < 3 || count(receiver, "demo-nexor") < 3) {
                    assertThat(System.nanoTime()).as("webhooks arrive").isLessThan(deadline);
                    Thread.sleep(50);
                }
                Map<String, Integer> types = new HashMap<>();
                for (LoopbackReceiver.Request post : receiver.requests()) {
                    WebhookEvent event = readers.get(post.lastSegment()).read(post.body(), post.headers(),
                            post.query());
                    assertThat(event.lead()).isPresent();
                    types.merge(event.connection() + " " + event.eventType(), 1, Integer::sum);
                }
                assertThat(types).containsOnlyKeys("demo-workspace LEAD_CREATED",
                        "demo-nexor workflow_run.status_changed");

                p.destroy();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
                assertThat(p.exitValue()).isZero();
                String err = Files.readString(dir.resolve("err.txt"));
                assertThat(err).contains("simulate: webhooks sent ", "simulators stopped").doesNotContain("Exception");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void refusesAWebhookUrlThatIsNotAPlainHttpBaseUrlInOneLineWithoutRepeatingIt() {
        for (String[] bad : List.of(new String[] {"ftp://127.0.0.1:8080", "must be an http:// or https:// URL"},
                new String[] {"127.0.0.1:8080", "must be an http:// or https:// URL"},
                new String[] {"http://admin:hunter2@127.0.0.1:8080", "must not carry a user name or password"},
                new String[] {"http://127.0.0.1:8080/?token=x", "must be a base URL without '?' or '#'"})) {
            Cli.Result r = Cli.run("simulate", "--webhook-url", bad[0],
                    "--config-out", dir.resolve("never.properties").toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("--webhook-url " + bad[1]).doesNotContain("hunter2");
            assertThat(dir.resolve("never.properties")).doesNotExist();
        }
    }

    private Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), LeadbridgeCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    /** The lines of stdout up to the first containing {@code last}. */
    private List<String> readUntil(Process p, String last) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.contains(last)) {
                return lines;
            }
        }
        throw new AssertionError("stdout ended before '" + last + "': " + lines + Files.readString(dir.resolve("err.txt")));
    }

    private static long count(LoopbackReceiver receiver, String connection) {
        return receiver.requests().stream().filter(r -> r.lastSegment().equals(connection)).count();
    }

    @Test
    void neverReplacesAFileItDidNotWrite() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.properties"), "connections.acme.provider = octanist\n");

        Cli.Result r = Cli.run("simulate", "--leads", "5", "--config-out", mine.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("exists and was not written by simulate", "--config-out");
        assertThat(Files.readString(mine)).isEqualTo("connections.acme.provider = octanist\n");
    }
}
