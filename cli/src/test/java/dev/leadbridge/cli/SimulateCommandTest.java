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
import java.util.ArrayList;
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
    void refusesWebhooksForNowWithAUsageErrorThatSaysSo() {
        Cli.Result r = Cli.run("simulate", "--webhook-url", "http://127.0.0.1:8080",
                "--config-out", dir.resolve("never.properties").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--webhook-url is not available yet");
        assertThat(dir.resolve("never.properties")).doesNotExist();
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
