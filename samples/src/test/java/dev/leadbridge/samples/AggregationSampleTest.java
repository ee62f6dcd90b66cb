package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregationSampleTest {

    private OctanistSimulator octanist;
    private WorkspaceSimulator workspace;
    private NexorSimulator nexor;
    private Map<String, String> octanistIds;
    private Map<String, String> workspaceIds;

    @BeforeEach
    void startSimulators() {
        octanist = OctanistSimulator.builder().build();
        workspace = WorkspaceSimulator.builder().build();
        nexor = NexorSimulator.builder().seed(2, 7).build();
        // Ava is a lead in both accounts; the others are in one each
        octanistIds = People.seed(octanist, List.of(People.AVA, People.BRAM, People.CHLOE));
        workspaceIds = People.seed(workspace, List.of(People.AVA, People.DMITRI, People.EVA));
    }

    @AfterEach
    void stopSimulators() {
        octanist.close();
        workspace.close();
        nexor.close();
    }

    @Test
    void mergesTheConnectionsNewestFirstAndFindsThePersonInBoth() {
        // given
        Properties config = agency();

        // when
        AtomicBoolean healthy = new AtomicBoolean();
        List<String> lines = People.printed(out ->
                healthy.set(AggregationSample.run(config, People::noEnvironment, List.of(), out)));

        // then
        String avaAtOctanist = "acme-octanist:" + octanistIds.get("Ava Stone");
        String avaAtChat = "acme-chat:" + workspaceIds.get("Ava Stone");
        assertThat(healthy).isTrue();
        assertThat(lines).containsExactly(
                "Aggregating 3 connections: acme-chat, acme-nexor, acme-octanist",
                "6 leads, newest first:",
                "  2025-01-14T09:00:00Z  acme-chat:" + workspaceIds.get("Eva Lindqvist")
                        + "  LOST      Eva Lindqvist <eva@example.se> +46701234567",
                "  2025-01-13T09:00:00Z  acme-chat:" + workspaceIds.get("Dmitri Ivanov")
                        + "  OPEN      Dmitri Ivanov +447700900123",
                "  2025-01-12T09:00:00Z  acme-octanist:" + octanistIds.get("Chloé Martin")
                        + "  QUALIFIED Chloé Martin <chloe@example.fr>",
                "  2025-01-11T09:00:00Z  acme-octanist:" + octanistIds.get("Bram de Vries")
                        + "  OPEN      Bram de Vries <Bram.deVries@example.nl> +31201234567",
                "  2025-01-10T09:00:00Z  " + (avaAtChat.compareTo(avaAtOctanist) < 0 ? avaAtChat : avaAtOctanist)
                        + "  WON       Ava Stone <ava.stone@example.com> +31612345678",
                "By status: OPEN 2, QUALIFIED 1, WON 2, LOST 1",
                "In several connections: 1 person",
                "  Ava Stone: " + String.join(", ", List.of(avaAtChat, avaAtOctanist).stream().sorted().toList()),
                "Connections:",
                "  acme-chat      ok, 3 leads, 1 pages",
                lines.get(12),
                "  acme-octanist  ok, 3 leads, 1 pages");
        assertThat(lines.get(12)).startsWith("  acme-nexor     skipped: ").contains("nexor");
    }

    @Test
    void reportsAFailingConnectionWithoutLosingTheOthersAndNeverPrintsAKey() {
        // given a fourth connection whose key the provider refuses
        Properties config = People.connection(agency(), "broken", "octanist", octanist.baseUrl(),
                "oct_live_0000000000000000000000000000wrong");

        // when
        AtomicBoolean healthy = new AtomicBoolean(true);
        List<String> lines = People.printed(out ->
                healthy.set(AggregationSample.run(config, People::noEnvironment, List.of(), out)));

        // then
        assertThat(healthy).isFalse();
        assertThat(lines).contains("6 leads, newest first:",
                "  acme-chat      ok, 3 leads, 1 pages",
                "  acme-octanist  ok, 3 leads, 1 pages");
        assertThat(lines).anySatisfy(line ->
                assertThat(line).startsWith("  broken         FAILED after 0 leads: AuthenticationException: "));
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain("0000wrong", octanist.apiKey(), workspace.apiKey(), nexor.apiKey());
    }

    @Test
    void looksUpALeadOfAConnectionThatCannotListByItsGlobalId() {
        // given
        ObjectNode stored = nexor.leads().get(0);
        String globalId = "acme-nexor:" + stored.get("id").asText();
        String firstName = stored.get("first_name").asText();

        // when
        List<String> lines = People.printed(out -> AggregationSample.run(agency(), People::noEnvironment,
                List.of(globalId, "acme-nexor:00000000-0000-4000-8000-000000000000", "nowhere:123"), out));

        // then
        assertThat(lines.get(lines.size() - 3)).startsWith("Looked up " + globalId + " (nexor): ")
                .contains(firstName);
        assertThat(lines.get(lines.size() - 2))
                .startsWith("Looked up acme-nexor:00000000-0000-4000-8000-000000000000: LeadNotFoundException: ");
        assertThat(lines.get(lines.size() - 1)).startsWith("Looked up nowhere:123: UnknownConnectionException: ");
    }

    private Properties agency() {
        Properties config = new Properties();
        People.connection(config, "acme-octanist", "octanist", octanist.baseUrl(), octanist.apiKey());
        People.connection(config, "acme-chat", "workspace-v1", workspace.baseUrl(), workspace.apiKey());
        People.connection(config, "acme-nexor", "nexor", nexor.baseUrl(), nexor.apiKey());
        return config;
    }
}
