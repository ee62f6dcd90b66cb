package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuickStartSampleTest {

    private OctanistSimulator octanist;
    private WorkspaceSimulator workspace;

    @BeforeEach
    void startSimulators() {
        octanist = OctanistSimulator.builder().build();
        workspace = WorkspaceSimulator.builder().build();
    }

    @AfterEach
    void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    @Test
    void printsTheNewestLeadsReadsOneBackAndSumsTheWonValueOnOctanist() {
        // given
        Map<String, String> ids = People.seed(octanist, People.ALL);
        ConnectionConfig config = QuickStartSample.fromEnvironment(Map.of(
                "LEADBRIDGE_PROVIDER", "octanist",
                "LEADBRIDGE_API_KEY", octanist.apiKey(),
                "LEADBRIDGE_BASE_URL", octanist.baseUrl())::get);

        // when
        List<String> lines = People.printed(out -> QuickStartSample.run(config, out));

        // then
        String eva = "quick-start:" + ids.get("Eva Lindqvist");
        assertThat(lines).containsExactly(
                "Connected to quick-start (octanist)",
                "Newest 5 leads:",
                "  " + eva + "  2025-01-14T09:00:00Z  LOST      Eva Lindqvist <eva@example.se> +46701234567",
                "  quick-start:" + ids.get("Dmitri Ivanov")
                        + "  2025-01-13T09:00:00Z  OPEN      Dmitri Ivanov +447700900123",
                "  quick-start:" + ids.get("Chloé Martin")
                        + "  2025-01-12T09:00:00Z  QUALIFIED Chloé Martin <chloe@example.fr>",
                "  quick-start:" + ids.get("Bram de Vries")
                        + "  2025-01-11T09:00:00Z  OPEN      Bram de Vries <Bram.deVries@example.nl> +31201234567",
                "  quick-start:" + ids.get("Ava Stone")
                        + "  2025-01-10T09:00:00Z  WON       Ava Stone <ava.stone@example.com> +31612345678",
                lines.get(7),
                "Won: 1 leads, total value 2500.5");
        assertThat(lines.get(7)).startsWith("Read back " + eva + ": Eva Lindqvist, person key ")
                .matches(".*person key [0-9a-f]{8,}$");
    }

    @Test
    void runsUnchangedOnWorkspaceV1WhenOnlyTheEnvironmentChanges() {
        // given
        People.seed(workspace, People.ALL);
        ConnectionConfig config = QuickStartSample.fromEnvironment(Map.of(
                "LEADBRIDGE_PROVIDER", "workspace-v1",
                "LEADBRIDGE_API_KEY", workspace.apiKey(),
                "LEADBRIDGE_BASE_URL", workspace.baseUrl())::get);

        // when
        List<String> lines = People.printed(out -> QuickStartSample.run(config, out));

        // then: same people, same canonical statuses; workspace-v1 has no monetary value
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("Connected to quick-start (workspace-v1)");
        assertThat(lines.get(2)).endsWith("  2025-01-14T09:00:00Z  LOST      Eva Lindqvist <eva@example.se> +46701234567");
        assertThat(lines.get(6)).endsWith("  2025-01-10T09:00:00Z  WON       Ava Stone <ava.stone@example.com> +31612345678");
        assertThat(lines.get(8)).isEqualTo("Won: 1 leads, total value 0");
    }

    @Test
    void saysSoWhenTheAccountHasNoLeads() {
        // given
        ConnectionConfig config = QuickStartSample.fromEnvironment(Map.of(
                "LEADBRIDGE_API_KEY", octanist.apiKey(),
                "LEADBRIDGE_BASE_URL", octanist.baseUrl())::get);

        // when
        List<String> lines = People.printed(out -> QuickStartSample.run(config, out));

        // then
        assertThat(lines).containsExactly("Connected to quick-start (octanist)", "Newest 0 leads:",
                "Won: 0 leads, total value 0");
    }

    @Test
    void refusesToStartWithoutAnApiKeyAndNamesTheVariable() {
        assertThatThrownBy(() -> QuickStartSample.fromEnvironment(People::noEnvironment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEADBRIDGE_API_KEY");
    }
}
