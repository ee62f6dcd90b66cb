package dev.leadbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.store.LeadStore;
import dev.leadbridge.store.Origin;
import dev.leadbridge.store.StoredLead;
import dev.leadbridge.store.WebhookInbox;
import dev.leadbridge.testkit.webhook.WebhookSimulators;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real server, the same on each database: the PollyBot and Nexor simulators create leads and
 * change statuses and post signed webhooks over loopback to {@link LeadbridgeServer} (what {@code serve} runs); the
 * {@code leads} table then holds exactly the simulators' leads, each equal to a get by id (Nexor's, which cannot be
 * listed, with origin {@code webhook}), and every event is {@code done} in the inbox.
 */
abstract class SimulatorsToServerSuite {

    private static final Duration WAIT = Duration.ofSeconds(90);

    abstract String freshUrl() throws Exception;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T later(T resource) {
        open.add(resource);
        return resource;
    }

    @Test
    void leadsCreatedAndMovedAtTheSimulatorsReachTheLeadsTableThroughTheServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        WebhookSimulators sims = later(WebhookSimulators.start("http://127.0.0.1:" + port, Duration.ofMillis(200),
                Duration.ofMillis(500), Duration.ofSeconds(1)));
        List<ConnectionConfig> configs = ConnectionConfig.parse(sims.configuration(), name -> null);
        LeadStore store = later(LeadStore.open(freshUrl()));
        later(LeadbridgeServer.builder().store(store).connections(configs).port(port).every(Duration.ofHours(1))
                .inboxEvery(Duration.ofSeconds(1)).log(line -> { }).build()).start();
        Map<String, LeadProvider> providers = new HashMap<>();
        for (ConnectionConfig config : configs) {
            providers.put(config.name(), later(LeadProviders.open(config)));
        }

        for (int i = 0; i < 12; i++) {
            sims.activity().tick();
        }
        assertThat(sims.awaitDeliveries(WAIT)).isTrue();
        assertThat(sims.senders()).allSatisfy(s -> {
            assertThat(s.gaveUp()).isZero();
            assertThat(s.delivered()).isEqualTo(s.accepted()).isPositive();
        });

        Map<String, String> expected = new HashMap<>();
        for (ObjectNode lead : sims.workspace().leads()) {
            expected.put(WebhookSimulators.WORKSPACE + ":" + lead.get("id").asText(), WebhookSimulators.WORKSPACE);
        }
        for (ObjectNode lead : sims.nexor().leads()) {
            expected.put(WebhookSimulators.NEXOR + ":" + lead.get("id").asText(), WebhookSimulators.NEXOR);
        }
        assertThat(expected).hasSizeGreaterThan(4);
        WebhookInbox inbox = WebhookInbox.of(store, name -> Optional.ofNullable(providers.get(name)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (inbox.count(WebhookInbox.Status.PENDING) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(inbox.count(WebhookInbox.Status.PENDING)).isZero();
        assertThat(inbox.count(WebhookInbox.Status.FAILED)).isZero();
        assertThat(inbox.count(WebhookInbox.Status.DONE))
                .isEqualTo(sims.senders().stream().mapToLong(s -> s.delivered()).sum());

        Set<String> stored;
        try (var leads = store.leads(true)) {
            stored = leads.map(Lead::id).collect(Collectors.toSet());
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            StoredLead row = store.find(e.getKey()).orElseThrow();
            if (e.getValue().equals(WebhookSimulators.NEXOR)) {
                // Nexor cannot list: its leads reach the store only through the webhooks
                assertThat(row.origin()).as(e.getKey()).isEqualTo(Origin.WEBHOOK);
            } else {
                // the server's sync at start may list a PollyBot lead before its webhook arrives
                assertThat(row.origin()).as(e.getKey()).isIn(Origin.WEBHOOK, Origin.LIST);
            }
            Lead fetched = providers.get(e.getValue()).get(row.lead().nativeId());
            assertThat(row.lead()).as(e.getKey()).usingRecursiveComparison().ignoringFields("raw").isEqualTo(fetched);
        }
    }
}
