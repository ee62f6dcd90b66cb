package dev.leadbridge.provider.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.UnreadableField;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Listings over the simulator that misbehave for real: leads deleted through the API between page reads, and leads
 * stored with fields of the wrong type.
 */
class WorkspaceShiftedListingTest {

    private static WorkspaceProvider provider(WorkspaceSimulator sim) {
        return WorkspaceProvider.builder().connection("shifted").baseUrl(sim.baseUrl()).apiKey(sim.apiKey())
                .chatbotId(sim.defaultChatbotId()).build();
    }

    @Test
    void aStreamReadsEveryLeadThatExistedThroughoutWhenTenOthersAreDeletedThroughTheApiAfterPageOne() {
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().seed(100, 6).build()) {
            List<String> all = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            List<String> deleted = all.subList(0, 10);
            HttpClient http = HttpClient.newHttpClient();
            sim.onceAfter(r -> r.method().equals("GET") && r.rawPath().endsWith("/leads")
                    && "1".equals(r.param("page")), () -> deleted.forEach(id -> {
                        try {
                            http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/leads/" + id))
                                    .header("Authorization", "Bearer " + sim.apiKey()).DELETE().build(),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));

            List<String> read;
            try (Stream<Lead> leads = provider(sim).stream(LeadQuery.builder().pageSize(20).build())) {
                read = leads.map(Lead::nativeId).toList();
            }

            Set<String> survivors = new HashSet<>(all);
            deleted.forEach(survivors::remove);
            assertThat(sim.size()).isEqualTo(90);
            assertThat(read).containsAll(survivors).doesNotHaveDuplicates();
        }
    }

    @Test
    void aListedLeadWithFieldsOfTheWrongTypeIsKeptAndItsPageNamesThem() {
        try (WorkspaceSimulator sim = WorkspaceSimulator.builder().seed(3, 8).build()) {
            var bad = sim.leads().get(0);
            bad.put("createdAt", 1700000000L);
            bad.putObject("email").put("address", "x@example.com");
            sim.put(bad);
            String id = bad.get("id").asText();

            LeadPage page = provider(sim).list(LeadQuery.builder().pageSize(20).build(), 1);

            assertThat(page.leads()).hasSize(3);
            Lead lead = page.leads().stream().filter(l -> l.nativeId().equals(id)).findFirst().orElseThrow();
            assertThat(lead.createdAt()).isNull();
            assertThat(lead.email()).isNull();
            assertThat(lead.raw().get("createdAt").asLong()).isEqualTo(1700000000L);
            assertThat(page.unreadable()).containsExactlyInAnyOrder(new UnreadableField(id, "createdAt"),
                    new UnreadableField(id, "email"));
        }
    }
}
