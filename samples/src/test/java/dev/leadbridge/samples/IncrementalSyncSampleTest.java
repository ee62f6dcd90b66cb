package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.testkit.SimulatorServer;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncrementalSyncSampleTest {

    @TempDir
    Path dir;

    private SimulatorServer simulator;
    private String provider;
    private String baseUrl;
    private String apiKey;
    private Map<String, String> ids;

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"octanist", "workspace-v1"})
    void theSecondRunPrintsOnlyTheLeadChangedSinceTheFirst(String providerId) throws IOException {
        // given five leads and no checkpoint yet
        start(providerId);
        Path checkpoint = dir.resolve("state").resolve("acme.checkpoint");

        // when the first run syncs from the beginning
        List<String> first = sync(checkpoint);

        // then it prints every lead once (in updatedAt order where the provider sorts so), and saves a checkpoint
        assertThat(first.get(0)).isEqualTo("Sync of acme from the beginning");
        assertThat(first.subList(1, 6)).containsExactlyInAnyOrder(
                "  changed acme:" + ids.get("Bram de Vries") + "  updated 2025-01-11T09:00:00Z"
                        + "  OPEN      Bram de Vries <Bram.deVries@example.nl> +31201234567",
                "  changed acme:" + ids.get("Dmitri Ivanov") + "  updated 2025-01-13T09:00:00Z"
                        + "  OPEN      Dmitri Ivanov +447700900123",
                "  changed acme:" + ids.get("Chloé Martin") + "  updated 2025-01-15T09:30:00Z"
                        + "  QUALIFIED Chloé Martin <chloe@example.fr>",
                "  changed acme:" + ids.get("Eva Lindqvist") + "  updated 2025-01-16T12:00:00Z"
                        + "  LOST      Eva Lindqvist <eva@example.se> +46701234567",
                "  changed acme:" + ids.get("Ava Stone") + "  updated 2025-01-20T10:00:00Z"
                        + "  WON       Ava Stone <ava.stone@example.com> +31612345678");
        assertThat(first.get(6)).isEqualTo("5 changed leads; checkpoint saved to " + checkpoint);
        assertThat(first).hasSize(7);
        assertThat(Files.readString(checkpoint)).startsWith("lb1.");

        // when a sales rep marks Chloé won, and the sync runs again from the saved checkpoint
        try (LeadProvider leads = LeadProviders.open(ConnectionConfig.builder("acme").provider(provider)
                .baseUrl(baseUrl).apiKey(apiKey).build())) {
            leads.update(ids.get("Chloé Martin"), LeadUpdate.builder().status(LeadStatus.WON).build());
        }
        List<String> second = sync(checkpoint);

        // then only Chloé is printed, with her new status
        assertThat(second).hasSize(3);
        assertThat(second.get(0)).isEqualTo("Sync of acme since 2025-01-20T10:00:00Z");
        assertThat(second.get(1)).startsWith("  changed acme:" + ids.get("Chloé Martin") + "  updated ")
                .endsWith("  WON       Chloé Martin <chloe@example.fr>")
                .doesNotContain("2025-01-15T09:30:00Z");
        assertThat(second.get(2)).isEqualTo("1 changed lead; checkpoint saved to " + checkpoint);

        // and a third run without changes prints nothing new
        List<String> third = sync(checkpoint);
        assertThat(third).hasSize(2);
        assertThat(third.get(1)).isEqualTo("0 changed leads; checkpoint saved to " + checkpoint);
    }

    @Test
    void refusesACheckpointFileThatHoldsNoCheckpointAndLeavesItAlone() throws IOException {
        start("octanist");
        Path checkpoint = Files.writeString(dir.resolve("broken.checkpoint"), "not a checkpoint");

        assertThatThrownBy(() -> sync(checkpoint)).isInstanceOf(InvalidRequestException.class);
        assertThat(Files.readString(checkpoint)).isEqualTo("not a checkpoint");
    }

    private List<String> sync(Path checkpoint) {
        Properties config = People.connection(new Properties(), "acme", provider, baseUrl, apiKey);
        AtomicLong count = new AtomicLong(-1);
        List<String> lines = People.printed(out ->
                count.set(IncrementalSyncSample.run(config, People::noEnvironment, null, checkpoint, out)));
        assertThat(count.get()).isEqualTo(lines.size() - 2L);
        return lines;
    }

    private void start(String providerId) {
        provider = providerId;
        if (providerId.equals("octanist")) {
            OctanistSimulator octanist = OctanistSimulator.builder().build();
            ids = People.seed(octanist, People.ALL);
            simulator = octanist;
            baseUrl = octanist.baseUrl();
            apiKey = octanist.apiKey();
        } else {
            WorkspaceSimulator workspace = WorkspaceSimulator.builder().build();
            ids = People.seed(workspace, People.ALL);
            simulator = workspace;
            baseUrl = workspace.baseUrl();
            apiKey = workspace.apiKey();
        }
    }
}
