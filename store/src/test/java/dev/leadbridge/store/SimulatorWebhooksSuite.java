package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.testkit.webhook.LoopbackReceiver;
import dev.leadbridge.testkit.webhook.SimulatedActivity;
import dev.leadbridge.testkit.webhook.WebhookSimulators;
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
 * End to end, the same on each database: the PollyBot and Nexor simulators create leads and change statuses, post
 * signed webhooks over loopback to a receiver that verifies them with the providers' readers and records them in the
 * {@link WebhookInbox}; the {@code leads} table then holds exactly the simulators' leads, with origin {@code webhook},
 * each equal to what a get by id reads. The receiver is {@link InboxReceiver}, to be swapped for {@code serve}.
 */
abstract class SimulatorWebhooksSuite {

    private static final Duration WAIT = Duration.ofSeconds(60);

    abstract StoreDatabase database();

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
    void leadsCreatedAndMovedAtTheSimulatorsReachTheLeadsTableThroughSignedWebhooks() throws Exception {
        World world = start(0);

        List<SimulatedActivity.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ticks.add(world.sims.activity().tick());
        }
        assertThat(world.sims.awaitDeliveries(WAIT)).isTrue();

        assertThat(world.receiver.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(ticks.subList(1, ticks.size())).allSatisfy(t -> assertThat(t.nexorLeadStatusChanged()).isNotNull());
        assertThatLeadsTableHoldsExactlyTheSimulatorsLeads(world);
        WebhookInbox inbox = world.inbox;
        long deliveries = world.receiver.requests().size();
        assertThat(inbox.count(WebhookInbox.Status.DONE)).isEqualTo(deliveries);
        assertThat(inbox.count(WebhookInbox.Status.FAILED) + inbox.count(WebhookInbox.Status.PENDING)
                + inbox.count(WebhookInbox.Status.IGNORED)).isZero();
    }

    @Test
    void deliveriesRetriedAfterALostAcknowledgementAreCountedOnceAndChangeNothing() throws Exception {
        World world = start(5);

        for (int i = 0; i < 4; i++) {
            world.sims.activity().tick();
        }
        assertThat(world.sims.awaitDeliveries(WAIT)).isTrue();

        List<LoopbackReceiver.Request> requests = world.receiver.requests();
        assertThat(requests.stream().filter(r -> r.status() == 503)).hasSize(5);
        long distinct = requests.stream().map(LoopbackReceiver.Request::text).distinct().count();
        assertThat(requests).hasSize((int) distinct + 5);
        assertThat(world.inbox.count(WebhookInbox.Status.DONE)).isEqualTo(distinct);
        assertThat(world.sims.senders()).allSatisfy(s -> {
            assertThat(s.delivered()).isEqualTo(s.accepted());
            assertThat(s.gaveUp()).isZero();
        });
        assertThatLeadsTableHoldsExactlyTheSimulatorsLeads(world);
    }

    private void assertThatLeadsTableHoldsExactlyTheSimulatorsLeads(World world) {
        Map<String, String> expected = new HashMap<>();
        for (ObjectNode lead : world.sims.workspace().leads()) {
            expected.put(WebhookSimulators.WORKSPACE + ":" + lead.get("id").asText(), WebhookSimulators.WORKSPACE);
        }
        for (ObjectNode lead : world.sims.nexor().leads()) {
            expected.put(WebhookSimulators.NEXOR + ":" + lead.get("id").asText(), WebhookSimulators.NEXOR);
        }
        assertThat(expected).hasSizeGreaterThan(4);
        Set<String> stored;
        try (var leads = world.store.leads(true)) {
            stored = leads.map(Lead::id).collect(Collectors.toSet());
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            StoredLead row = world.store.find(e.getKey()).orElseThrow();
            assertThat(row.origin()).isEqualTo(Origin.WEBHOOK);
            assertThat(row.deleted()).isFalse();
            Lead fetched = world.providers.get(e.getValue()).get(row.lead().nativeId());
            assertThat(row.lead()).as(e.getKey()).usingRecursiveComparison().ignoringFields("raw").isEqualTo(fetched);
        }
    }

    private record World(LoopbackReceiver receiver, WebhookSimulators sims, LeadStore store, WebhookInbox inbox,
                         Map<String, LeadProvider> providers) {
    }

    private World start(int lostAcks) throws Exception {
        LoopbackReceiver receiver = later(LoopbackReceiver.start(r -> 503));
        WebhookSimulators sims = later(WebhookSimulators.start(receiver.baseUrl(), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(500)));
        List<ConnectionConfig> configs = ConnectionConfig.parse(sims.configuration(), name -> null);
        Map<String, LeadProvider> providers = new HashMap<>();
        for (ConnectionConfig config : configs) {
            providers.put(config.name(), later(LeadProviders.open(config)));
        }
        LeadStore store = later(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = WebhookInbox.of(store, name -> Optional.ofNullable(providers.get(name)));
        receiver.handler(new InboxReceiver(configs, inbox, lostAcks));
        return new World(receiver, sims, store, inbox, providers);
    }
}
