package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s refusals, in process: each is one line on stderr with its exit code, and nothing is left running. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPortInUseIsOneLineWithExitCode5NamingTheAddress() throws Exception {
        try (OctanistSimulator octanist = OctanistSimulator.builder().seed(2, 3).build();
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("acme.properties"), String.join("\n",
                    "connections.acme.provider = octanist",
                    "connections.acme.base-url = " + octanist.baseUrl(),
                    "connections.acme.api-key = " + octanist.apiKey(), ""));

            Cli.Result result = Cli.run(Map.of(), "serve", "-c", config.toString(), "--db",
                    "jdbc:sqlite:" + dir.resolve("leads.db"), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
            assertThat(result.err().strip()).doesNotContain("\n").doesNotContain("Exception:")
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port")
                    .doesNotContain(octanist.apiKey());
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorAndAConfigurationWithoutConnectionsAConfigurationError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.properties"), "store.url = jdbc:sqlite:x.db\n");

        Cli.Result badPort = Cli.run(Map.of(), "serve", "-c", empty.toString(), "--port", "70000");
        Cli.Result noConnections = Cli.run(Map.of(), "serve", "-c", empty.toString());
        Cli.Result badEvery = Cli.run(Map.of(), "serve", "-c", empty.toString(), "--every", "soon");

        assertThat(badPort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badPort.err()).contains("--port must be between 0 and 65535");
        assertThat(noConnections.exitCode()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(noConnections.err()).contains("defines no connection");
        assertThat(badEvery.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
