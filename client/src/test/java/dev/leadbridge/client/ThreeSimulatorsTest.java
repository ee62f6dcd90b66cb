package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.PersonKey;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client over three simulated accounts at once, configured only through properties so that the providers are
 * found through {@link java.util.ServiceLoader}: two Octanist accounts and one workspace-v1 account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeSimulatorsTest {

    private static final String ACME = "acme-octanist";
    private static final String GLOBEX = "globex-octanist";
    private static final String INITECH = "initech-workspace";
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(1))
            .truncatedTo(ChronoUnit.SECONDS));
    private OctanistSimulator acme;
    private OctanistSimulator globex;
    private WorkspaceSimulator initech;
    private LeadbridgeClient client;

    @BeforeAll
    void startThreeAccounts() {
        acme = OctanistSimulator.builder().clock(clock).seed(60, 11).build();
        globex = OctanistSimulator.builder().clock(clock).seed(45, 22).apiKey("oct_live_globex_0c9d8e7f6a5b4c3d2e1f")
                .build();
        initech = WorkspaceSimulator.builder().clock(clock).seed(50, 33).build();
        Properties config = new Properties();
        config.setProperty("connections." + ACME + ".provider", "octanist");
        config.setProperty("connections." + ACME + ".base-url", acme.baseUrl());
        config.setProperty("connections." + ACME + ".api-key", "${ACME_KEY}");
        // short real backoffs: a page that fails on every attempt spends all the default attempts quickly
        config.setProperty("connections." + ACME + ".retry.initial-backoff", "1ms");
        config.setProperty("connections." + ACME + ".retry.max-backoff", "5ms");
        config.setProperty("connections." + GLOBEX + ".provider", "octanist");
        config.setProperty("connections." + GLOBEX + ".base-url", globex.baseUrl());
        config.setProperty("connections." + GLOBEX + ".api-key", "${GLOBEX_KEY}");
        config.setProperty("connections." + GLOBEX + ".page-concurrency", "3");
        config.setProperty("connections." + INITECH + ".provider", "workspace-v1");
        config.setProperty("connections." + INITECH + ".base-url", initech.baseUrl());
        config.setProperty("connections." + INITECH + ".api-key", "${INITECH_KEY}");
        config.setProperty("connections." + INITECH + ".chatbot-id", initech.defaultChatbotId());
        config.setProperty("connections." + INITECH + ".default-region", "NL");
        Map<String, String> env = Map.of("ACME_KEY", acme.apiKey(), "GLOBEX_KEY", globex.apiKey(),
                "INITECH_KEY", initech.apiKey());
        client = LeadbridgeClient.fromProperties(config, env::get);
    }

    @AfterAll
    void stop() {
        Stream.of(client, acme, globex, initech).filter(Objects::nonNull).forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        });
    }

    private List<Lead> everyLeadOf(String connection) {
        try (Stream<Lead> leads = client.connection(connection).stream(LeadQuery.builder().pageSize(100).build())) {
            return leads.toList();
        }
    }

    static Stream<LeadQuery> sorts() {
        return Stream.of(
                LeadQuery.builder().sortBy(SortField.CREATED_AT, false).pageSize(10).build(),
                LeadQuery.builder().sortBy(SortField.UPDATED_AT, true).pageSize(25).build(),
                LeadQuery.builder().sortBy(SortField.NAME, true).pageSize(20).build(),
                LeadQuery.builder().sortBy(SortField.EMAIL, false).pageSize(50).build());
    }

    @ParameterizedTest
    @MethodSource("sorts")
    void theMergedOrderIsRightAcrossConnections(LeadQuery query) {
        // given every lead of the three accounts, sorted by the canonical comparator
        List<Lead> expected = new ArrayList<>();
        Stream.of(ACME, GLOBEX, INITECH).forEach(c -> expected.addAll(everyLeadOf(c)));
        expected.sort(query.comparator());

        // when they are streamed through the client
        try (AggregateResult result = client.stream(query)) {
            List<Lead> merged = result.leads().toList();

            // then the merged stream is exactly that order, and every connection reports its count
            assertThat(merged).extracting(Lead::id)
                    .containsExactlyElementsOf(expected.stream().map(Lead::id).toList());
            assertThat(result.outcomes().keySet()).containsExactly(ACME, GLOBEX, INITECH);
            assertThat(result.outcomes().values()).allSatisfy(o -> assertThat(o).isInstanceOf(ConnectionOutcome.Ok.class));
            assertThat(((ConnectionOutcome.Ok) result.outcomes().get(GLOBEX)).leads()).isEqualTo(globex.size());
        }
    }

    @Test
    void aFailingConnectionYieldsTheOtherLeadsAndItsTypedError() {
        // given the globex key is revoked
        globex.faults().when(r -> true, 1_000, Fault.respondJson(401, "{\"success\":false,\"error\":"
                + "{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid or missing API key\"}}"));
        try (AggregateResult result = client.stream(LeadQuery.builder().sortBy(SortField.CREATED_AT, false).build())) {
            // when
            Map<String, Long> perConnection = result.leads()
                    .collect(Collectors.groupingBy(Lead::connection, Collectors.counting()));

            // then
            assertThat(perConnection).containsOnlyKeys(ACME, INITECH)
                    .containsEntry(ACME, (long) acme.size()).containsEntry(INITECH, (long) initech.size());
            assertThat(result.outcomes().get(GLOBEX)).isInstanceOfSatisfying(ConnectionOutcome.Failed.class, f -> {
                assertThat(f.error()).isInstanceOf(AuthenticationException.class);
                assertThat(f.error().connection()).isEqualTo(GLOBEX);
                assertThat(f.error().httpStatus()).isEqualTo(401);
                assertThat(f.error().getMessage()).doesNotContain(globex.apiKey());
            });
            assertThat(result.outcomes().get(ACME)).isInstanceOf(ConnectionOutcome.Ok.class);
        } finally {
            globex.faults().clear();
        }
    }

    @Test
    void aConnectionFailingMidwayKeepsTheLeadsItDeliveredAndReportsTheError() {
        // given page 3 of acme answers an HTML error page on every attempt
        acme.faults().when(r -> "3".equals(r.param("page")), 100, Fault.htmlPage(502));
        LeadQuery query = LeadQuery.builder().pageSize(10).build();
        try (AggregateResult result = client.stream(AggregateQuery.of(query).withConnections(ACME, INITECH))) {
            long fromAcme = result.leads().filter(l -> l.connection().equals(ACME)).count();

            assertThat(result.outcomes().get(ACME)).isInstanceOfSatisfying(ConnectionOutcome.Failed.class, f -> {
                assertThat(f.error()).isInstanceOf(LeadbridgeException.class);
                assertThat(f.error().httpStatus()).isEqualTo(502);
                assertThat(f.leadsBeforeFailure()).isEqualTo(fromAcme).isGreaterThanOrEqualTo(20);
            });
            assertThat(result.outcomes().get(INITECH)).isInstanceOf(ConnectionOutcome.Ok.class);
        } finally {
            acme.faults().clear();
        }
    }

    @Test
    void aLeadUpdatedBetweenTwoSyncsIsDeliveredExactlyOnceByTheSecond() {
        for (String connection : List.of(ACME, INITECH)) {
            // given a first sync of everything
            SyncCheckpoint first = drain(client.changesSince(connection, SyncCheckpoint.initial(), null)).next;

            // when one lead is updated a minute later
            clock.advance(Duration.ofMinutes(1));
            String changed = touchOneLead(connection);
            Drained second = drain(client.changesSince(connection, SyncCheckpoint.parse(first.asString()), null));

            // then the second sync delivers exactly that lead, once
            assertThat(second.ids).as(connection).containsExactly(changed);
            assertThat(drain(client.changesSince(connection, second.next, null)).ids).as(connection).isEmpty();
        }
    }

    @Test
    void aSyncInterruptedMidwayAndResumedFromItsCheckpointLosesNothing() {
        Set<String> all = everyLeadOf(GLOBEX).stream().map(Lead::nativeId).collect(Collectors.toSet());
        List<String> delivered = new ArrayList<>();
        String persisted;
        LeadQuery smallPages = LeadQuery.builder().pageSize(10).build();
        // given a run that crashes after 17 leads, having persisted its checkpoint after each
        try (SyncResult run = client.changesSince(GLOBEX, SyncCheckpoint.initial(), smallPages)) {
            assertThat(run.incremental()).isTrue();
            persisted = run.next().asString();
            Iterator<Lead> it = run.iterator();
            for (int i = 0; i < 17; i++) {
                delivered.add(it.next().nativeId());
                persisted = run.next().asString();
            }
        }
        // when it resumes from the persisted text
        Drained resumed = drain(client.changesSince(GLOBEX, SyncCheckpoint.parse(persisted), smallPages));
        delivered.addAll(resumed.ids);

        // then nothing is lost and nothing already delivered comes again
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void theSameEmailInAnotherCaseAtTwoProvidersIsOnePersonAndDifferentPeopleNeverShareAKey() {
        // given one person at an Octanist account and at the workspace account, the email in another case
        Lead atAcme = created(client.create(ACME, NewLead.builder().name("Jane Doe")
                .email("Jane.Doe@Example.COM").build()));
        Lead atInitech = created(client.create(INITECH, NewLead.builder().name("Jane Doe")
                .email(" jane.doe@example.com").phone("020 555 0100").build()));

        // then both carry one person key, the canonical one
        assertThat(atAcme.personKey()).isEqualTo(atInitech.personKey())
                .isEqualTo(PersonKey.of("jane.doe@example.com", null));
        assertThat(client.get(atInitech.id()).personKey()).isEqualTo(atAcme.personKey());

        // and grouping every lead of every account finds her once, across both providers
        List<Lead> everything;
        try (AggregateResult result = client.stream(LeadQuery.ALL)) {
            everything = result.leads().toList();
        }
        Map<String, List<Lead>> people = PersonIndex.groupByPerson(everything);
        assertThat(people.get(atAcme.personKey())).extracting(Lead::connection)
                .containsExactlyInAnyOrder(ACME, INITECH);
        // and different people never share a key: a group is one normalized email, or one phone without email
        people.forEach((key, group) -> {
            Set<String> emails = group.stream().map(l -> PersonKey.normalizeEmail(l.email()))
                    .collect(Collectors.toSet());
            assertThat(emails).as(key).hasSize(1);
            if (emails.contains(null)) {
                assertThat(group.stream().map(Lead::phoneE164).collect(Collectors.toSet())).as(key).hasSize(1)
                        .doesNotContainNull();
            }
        });
        assertThat(everything.stream().filter(l -> l.email() != null || l.phoneE164() != null))
                .allSatisfy(l -> assertThat(l.personKey()).isNotNull());
    }

    @Test
    void aConnectionWhoseProviderCannotListIsSkippedNotFailed() {
        // given a Nexor account next to an Octanist one; Nexor's API has no listing, so it is never even called
        Properties config = new Properties();
        config.setProperty("connections.acme.provider", "octanist");
        config.setProperty("connections.acme.base-url", acme.baseUrl());
        config.setProperty("connections.acme.api-key", acme.apiKey());
        config.setProperty("connections.hooli-nexor.provider", "nexor");
        config.setProperty("connections.hooli-nexor.base-url", "http://127.0.0.1:9/api/public");
        config.setProperty("connections.hooli-nexor.api-key", "nx_test_key_never_sent");
        try (LeadbridgeClient both = LeadbridgeClient.fromProperties(config, name -> null);
             AggregateResult result = both.stream(LeadQuery.ALL)) {
            assertThat(result.leads().count()).isEqualTo(acme.size());
            assertThat(result.outcomes().get("hooli-nexor")).isInstanceOfSatisfying(ConnectionOutcome.Skipped.class,
                    skipped -> assertThat(skipped.reason()).contains("nexor").contains("cannot list"));
            assertThat(result.anyFailed()).isFalse();
        }
    }

    @Test
    void createOnEachReportsAnOutcomePerConnection() {
        NewLead lead = NewLead.builder().name("Fan Out").email("fan.out@example.com").build();
        Map<String, CreateOutcome> outcomes = client.createOnEach(List.of(ACME, INITECH, GLOBEX), lead);
        assertThat(outcomes.keySet()).containsExactly(ACME, INITECH, GLOBEX);
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isInstanceOf(CreateOutcome.Created.class));
        assertThat(outcomes.values().stream().map(o -> created(o).personKey()).distinct()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Lead created(CreateOutcome outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).lead();
    }

    private record Drained(List<String> ids, SyncCheckpoint next) {
    }

    private static Drained drain(SyncResult result) {
        try (result) {
            List<String> ids = new ArrayList<>();
            for (Lead lead : result.leads()) {
                ids.add(lead.nativeId());
            }
            return new Drained(ids, SyncCheckpoint.parse(result.next().asString()));
        }
    }

    /** Changes one stored lead's note and updatedAt (now) at the simulator, and returns its native id. */
    private String touchOneLead(String connection) {
        String now = MILLIS.format(clock.instant());
        if (connection.equals(ACME)) {
            ObjectNode lead = acme.leads().get(7);
            lead.put("note", "called back");
            lead.put("updatedAt", now);
            acme.put(lead);
            return lead.get("id").asText();
        }
        ObjectNode lead = initech.leads().get(7);
        lead.put("name", "Renamed Lead");
        lead.put("updatedAt", now);
        initech.put(lead);
        return lead.get("id").asText();
    }
}
