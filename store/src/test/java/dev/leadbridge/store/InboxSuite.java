package dev.leadbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.WebhookEvent;
import dev.leadbridge.core.api.WebhookReader;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidWebhookException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.provider.workspace.WorkspaceWebhooks;
import dev.leadbridge.store.WebhookInbox.Recorded;
import dev.leadbridge.store.WebhookInbox.Status;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook inbox against the workspace-v1 simulator, the same tests on each database: verified deliveries are
 * recorded, deduplicated, stored through the sync path with origin webhook, and recovered after a restart.
 */
abstract class InboxSuite {

    private static final String SECRET = "whsec_inbox_test";

    abstract StoreDatabase database();

    private final List<AutoCloseable> open = new ArrayList<>();
    private WorkspaceSimulator sim;
    private ConnectionConfig config;
    private LeadProvider provider;
    private final AtomicBoolean providerDown = new AtomicBoolean();
    private final AtomicInteger gets = new AtomicInteger();

    @BeforeEach
    void startSimulator() {
        sim = closeLater(WorkspaceSimulator.builder().seed(5, 21).build());
        config = ConnectionConfig.builder("acme-ws").provider("workspace-v1").baseUrl(sim.baseUrl())
                .apiKey(sim.apiKey()).option("webhook-secret", SECRET).option("retry.max-attempts", "1").build();
        LeadProvider real = closeLater(LeadProviders.open(config));
        provider = new ForwardingProvider(real) {
            @Override
            public Lead get(String nativeId) {
                countGet();
                return super.get(nativeId);
            }

            @Override
            public Lead getFresh(String nativeId) {
                countGet();
                return real.getFresh(nativeId);
            }

            private void countGet() {
                gets.incrementAndGet();
                if (providerDown.get()) {
                    throw new ProviderUnavailableException("the simulator is down", ErrorDetails.NONE, null, false);
                }
            }
        };
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        open.add(resource);
        return resource;
    }

    private WebhookInbox inbox(LeadStore store) {
        return WebhookInbox.of(store, name -> name.equals("acme-ws") ? Optional.of(provider) : Optional.empty());
    }

    private WebhookEvent delivery(ObjectNode nativeLead) {
        byte[] body = ("{\"data\":" + nativeLead + ",\"event\":\"LEAD_CREATED\",\"chatbotId\":\"bot\","
                + "\"timestamp\":1764750871}").getBytes(StandardCharsets.UTF_8);
        WebhookReader reader = LeadProviders.webhooks(config).orElseThrow();
        return reader.read(body, Map.of("X-Webhook-Signature", WorkspaceWebhooks.sign(body, SECRET)), Map.of());
    }

    private static WebhookEvent idOnly(String key, String nativeId) {
        return new WebhookEvent("acme-ws", "workspace-v1", key, "workflow_run.status_changed", false,
                Optional.empty(), Optional.of(nativeId));
    }

    @Test
    void aDeliveryIsRecordedPendingThenItsLeadIsStoredWithOriginWebhookAndTheRowIsDone() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent event = delivery(sim.leads().get(0));

        assertThat(inbox.record(event)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.find(event.eventKey()).orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(store.count(true)).isZero();

        assertThat(inbox.process(event)).isEqualTo(Status.DONE);
        Lead lead = event.lead().orElseThrow();
        StoredLead stored = store.find(lead.id()).orElseThrow();
        assertThat(stored.origin()).isEqualTo(Origin.WEBHOOK);
        assertThat(stored.lead().email()).isEqualTo(lead.email());
        WebhookInbox.Entry entry = inbox.find(event.eventKey()).orElseThrow();
        assertThat(entry.status()).isEqualTo(Status.DONE);
        assertThat(entry.leadId()).isEqualTo(lead.id());
        assertThat(entry.eventType()).isEqualTo("LEAD_CREATED");
        assertThat(entry.error()).isNull();
        assertThat(gets.get()).as("a carried lead needs no get").isZero();
    }

    @Test
    void theSameDeliveryAgainIsADuplicateAndChangesNothing() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent event = delivery(sim.leads().get(1));
        inbox.record(event);
        inbox.process(event);
        Instant receivedAt = inbox.find(event.eventKey()).orElseThrow().receivedAt();

        WebhookEvent again = delivery(sim.leads().get(1));
        assertThat(inbox.record(again)).isEqualTo(Recorded.DUPLICATE);
        assertThat(inbox.find(event.eventKey()).orElseThrow())
                .extracting(WebhookInbox.Entry::status, WebhookInbox.Entry::receivedAt)
                .containsExactly(Status.DONE, receivedAt);
        assertThat(inbox.count(Status.DONE)).isEqualTo(1);
        assertThat(inbox.count(Status.PENDING)).isZero();
        assertThat(store.count(true)).isEqualTo(1);
    }

    @Test
    void anEventNamingOnlyALeadIdGetsItThroughTheProviderAndStoresIt() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        String nativeId = sim.leads().get(2).get("id").asText();
        WebhookEvent event = idOnly("evt-id-only", nativeId);

        inbox.record(event);
        assertThat(inbox.process(event)).isEqualTo(Status.DONE);

        assertThat(gets.get()).isEqualTo(1);
        assertThat(store.find("acme-ws:" + nativeId).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
    }

    @Test
    void aSecondEventForALeadReadsItFromTheProviderNotFromTheCopyCachedByTheFirst() throws Exception {
        // given: the connection caches gets (the default); the first event's get cached the lead
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        ObjectNode lead = sim.leads().get(2);
        String nativeId = lead.get("id").asText();
        WebhookEvent first = idOnly("evt-first", nativeId);
        inbox.record(first);
        assertThat(inbox.process(first)).isEqualTo(Status.DONE);

        // when: the lead changes at the provider within the cache's time to live, and a second event names it
        ObjectNode changed = lead.deepCopy();
        changed.put("name", "Renamed After The First Event");
        changed.put("updatedAt", "2031-01-01T00:00:00.000Z");
        sim.put(changed);
        WebhookEvent second = idOnly("evt-second", nativeId);
        inbox.record(second);
        assertThat(inbox.process(second)).isEqualTo(Status.DONE);

        // then
        assertThat(gets.get()).isEqualTo(2);
        assertThat(store.find("acme-ws:" + nativeId).orElseThrow().lead().name())
                .isEqualTo("Renamed After The First Event");
    }

    @Test
    void aFailedGetLeavesTheRowFailedWithTheErrorAndProcessPendingRetriesIt() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        String nativeId = sim.leads().get(3).get("id").asText();
        WebhookEvent event = idOnly("evt-retry", nativeId);
        inbox.record(event);

        providerDown.set(true);
        assertThat(inbox.process(event)).isEqualTo(Status.FAILED);
        WebhookInbox.Entry failed = inbox.find("evt-retry").orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error()).contains("the simulator is down");
        assertThat(store.find("acme-ws:" + nativeId)).isEmpty();

        providerDown.set(false);
        assertThat(inbox.processPending()).isEqualTo(1);
        assertThat(inbox.find("evt-retry").orElseThrow().status()).isEqualTo(Status.DONE);
        assertThat(inbox.find("evt-retry").orElseThrow().error()).isNull();
        assertThat(store.find("acme-ws:" + nativeId)).isPresent();
    }

    @Test
    void eventsRecordedBeforeARestartAreStoredByProcessPendingAfterIt() throws Exception {
        String url = database().freshUrl();
        List<String> ids = new ArrayList<>();
        try (LeadStore before = LeadStore.open(url)) {
            WebhookInbox inbox = inbox(before);
            for (ObjectNode lead : sim.leads()) {
                assertThat(inbox.record(delivery(lead))).isEqualTo(Recorded.RECORDED);
                ids.add("acme-ws:" + lead.get("id").asText());
            }
            // the process "dies" here: acknowledged, never processed
        }
        LeadStore after = closeLater(LeadStore.open(url));
        WebhookInbox inbox = inbox(after);
        assertThat(inbox.count(Status.PENDING)).isEqualTo(ids.size());

        assertThat(inbox.processPending()).isEqualTo(ids.size());

        assertThat(inbox.count(Status.DONE)).isEqualTo(ids.size());
        for (String id : ids) {
            assertThat(after.find(id).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
        }
        assertThat(inbox.processPending()).as("nothing left").isZero();
    }

    @Test
    void testDeliveriesAndEventsWithoutLeadAreRecordedIgnoredAndNeverProcessed() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent test = new WebhookEvent("acme-ws", "workspace-v1", "evt-test", "workflow_run.status_changed",
                true, Optional.empty(), Optional.empty());
        WebhookEvent meeting = new WebhookEvent("acme-ws", "nexor", "evt-meeting", "meeting.scheduled", false,
                Optional.empty(), Optional.empty());

        assertThat(inbox.record(test)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.record(meeting)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.process(test)).isEqualTo(Status.IGNORED);
        assertThat(inbox.process(meeting)).isEqualTo(Status.IGNORED);
        assertThat(inbox.processPending()).isZero();

        assertThat(inbox.find("evt-test").orElseThrow().status()).isEqualTo(Status.IGNORED);
        assertThat(inbox.find("evt-meeting").orElseThrow().status()).isEqualTo(Status.IGNORED);
        assertThat(inbox.count(Status.IGNORED)).isEqualTo(2);
        assertThat(gets.get()).isZero();
        assertThat(store.count(true)).isZero();
    }

    @Test
    void aDeliveryThatIsNotTheEnvelopeIsRecordedFailedWithTheReasonOnceAndNeverRetried() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        byte[] body = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        InvalidWebhookException problem = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidWebhookException.class, () -> LeadProviders.webhooks(config).orElseThrow().read(body,
                        Map.of("X-Webhook-Signature", WorkspaceWebhooks.sign(body, SECRET)), Map.of()));

        assertThat(inbox.recordInvalid("acme-ws", body, problem)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.recordInvalid("acme-ws", body, problem)).isEqualTo(Recorded.DUPLICATE);
        assertThat(inbox.processPending()).isZero();

        assertThat(inbox.count(Status.FAILED)).isEqualTo(1);
        WebhookInbox.Entry entry = inbox.find("sha256:" + dev.leadbridge.core.spi.WebhookSecrets.sha256Hex(body))
                .orElseThrow();
        assertThat(entry.status()).isEqualTo(Status.FAILED);
        assertThat(entry.eventType()).isEqualTo("invalid");
        assertThat(entry.error()).contains("'event'");
    }

    @Test
    void aWebhookNeverStoresAnOlderVersionOverANewerOne() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent event = delivery(sim.leads().get(4));
        Lead carried = event.lead().orElseThrow();
        Lead newer = carried.toBuilder().email("newer@example.com")
                .updatedAt(carried.updatedAt().plusSeconds(3600)).build();
        store.save(newer, Origin.LIST);

        inbox.record(event);
        assertThat(inbox.process(event)).isEqualTo(Status.DONE);

        assertThat(store.find(carried.id()).orElseThrow().lead().email()).isEqualTo("newer@example.com");
    }

    @Test
    void twoConnectionsSendingTheSameEventIdAreTwoEventsNotADuplicate() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent first = new WebhookEvent("acme-ws", "nexor", "evt-same", "meeting.scheduled", false,
                Optional.empty(), Optional.empty());
        WebhookEvent second = new WebhookEvent("other-ws", "nexor", "evt-same", "meeting.scheduled", false,
                Optional.empty(), Optional.empty());

        assertThat(inbox.record(first)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.record(second)).isEqualTo(Recorded.RECORDED);
        assertThat(inbox.record(second)).isEqualTo(Recorded.DUPLICATE);

        assertThat(inbox.count(Status.IGNORED)).isEqualTo(2);
        assertThat(inbox.find("acme-ws", "evt-same").orElseThrow().eventKey()).isEqualTo("acme-ws:evt-same");
        assertThat(inbox.find("other-ws", "evt-same").orElseThrow().connection()).isEqualTo("other-ws");
        assertThat(inbox.find("third-ws", "evt-same")).isEmpty();
    }

    @Test
    void aFailingRowIsRetriedAfterAGrowingBackoffAndGivesUpFailedWithTheReasonAfterTheLastAttempt()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        LeadStore store = closeLater(LeadStore.builder().url(database().freshUrl()).clock(clock).build());
        WebhookInbox inbox = inbox(store).retries(3, Duration.ofSeconds(30));
        WebhookEvent event = idOnly("evt-down", sim.leads().get(0).get("id").asText());
        inbox.record(event);
        providerDown.set(true);

        assertThat(inbox.process(event)).isEqualTo(Status.FAILED);
        WebhookInbox.Entry first = inbox.find("acme-ws", "evt-down").orElseThrow();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(first.retryable()).isTrue();

        clock.advance(Duration.ofSeconds(29));
        assertThat(inbox.processDue()).isZero();
        assertThat(gets.get()).as("not due yet: no get").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(inbox.processDue()).isZero();
        WebhookInbox.Entry second = inbox.find("acme-ws", "evt-down").orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).as("the backoff doubles").isEqualTo(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(60));
        assertThat(inbox.processDue()).isZero();
        WebhookInbox.Entry last = inbox.find("acme-ws", "evt-down").orElseThrow();
        assertThat(last.status()).isEqualTo(Status.FAILED);
        assertThat(last.attempts()).isEqualTo(3);
        assertThat(last.nextAttemptAt()).isNull();
        assertThat(last.retryable()).isFalse();
        assertThat(last.error()).startsWith("gave up after 3 attempts: ").contains("the simulator is down");
        assertThat(gets.get()).isEqualTo(3);

        providerDown.set(false);
        clock.advance(Duration.ofDays(1));
        assertThat(inbox.processDue()).isZero();
        assertThat(inbox.processPending()).as("a restart does not retry what gave up").isZero();
        assertThat(gets.get()).isEqualTo(3);
    }

    @Test
    void aPendingRowLeftByItsReceiverIsProcessedByProcessDueAfterAMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        LeadStore store = closeLater(LeadStore.builder().url(database().freshUrl()).clock(clock).build());
        WebhookInbox inbox = inbox(store);
        String nativeId = sim.leads().get(1).get("id").asText();
        inbox.record(idOnly("evt-left", nativeId));

        assertThat(inbox.processDue()).as("its receiver may still be processing it").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(inbox.processDue()).isEqualTo(1);

        assertThat(inbox.find("acme-ws", "evt-left").orElseThrow().status()).isEqualTo(Status.DONE);
        assertThat(store.find("acme-ws:" + nativeId)).isPresent();
    }

    @Test
    void manyEventsAreRecordedInOneTransactionAndTheirLeadsStoredInAnother() throws Exception {
        LeadStore store = closeLater(LeadStore.open(database().freshUrl()));
        WebhookInbox inbox = inbox(store);
        WebhookEvent first = delivery(sim.leads().get(0));
        WebhookEvent second = delivery(sim.leads().get(1));
        WebhookEvent idOnly = idOnly("evt-batch-id", sim.leads().get(2).get("id").asText());
        WebhookEvent meeting = new WebhookEvent("acme-ws", "nexor", "evt-batch-meeting", "meeting.scheduled", false,
                Optional.empty(), Optional.empty());

        assertThat(inbox.recordAll(List.of(first, second, idOnly, meeting, first)))
                .containsExactly(Recorded.RECORDED, Recorded.RECORDED, Recorded.RECORDED, Recorded.RECORDED,
                        Recorded.DUPLICATE);
        assertThat(inbox.count(Status.PENDING)).isEqualTo(3);

        assertThat(inbox.processAll(List.of(first, second, idOnly, meeting)))
                .containsExactly(Status.DONE, Status.DONE, Status.DONE, Status.IGNORED);
        assertThat(inbox.count(Status.DONE)).isEqualTo(3);
        assertThat(store.count(true)).isEqualTo(3);
        assertThat(store.find(first.lead().orElseThrow().id()).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
    }

    @Test
    void aStoreOfTheFirstVersionIsMigratedWithKeysScopedByConnectionAndItsFailedRowsStillRetried() throws Exception {
        String url = database().freshUrl();
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/leadbridge/" + (url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql"))
                .target("1").load().migrate();
        String nativeId = sim.leads().get(3).get("id").asText();
        try (java.sql.Connection c = database().connect(url); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO webhook_events (event_key, connection, event_type, received_at, lead_id,"
                    + " status, error) VALUES ('evt-old', 'acme-ws', 'lead.updated', '2026-03-01T10:00:00.000000Z',"
                    + " 'acme-ws:" + nativeId + "', 'failed', 'the provider was down')");
        }

        LeadStore store = closeLater(LeadStore.open(url));
        WebhookInbox inbox = inbox(store);

        WebhookInbox.Entry migrated = inbox.find("acme-ws", "evt-old").orElseThrow();
        assertThat(migrated.eventKey()).isEqualTo("acme-ws:evt-old");
        assertThat(migrated.attempts()).isZero();
        assertThat(migrated.retryable()).isTrue();
        assertThat(inbox.processPending()).isEqualTo(1);
        assertThat(store.find("acme-ws:" + nativeId).orElseThrow().origin()).isEqualTo(Origin.WEBHOOK);
    }
}
