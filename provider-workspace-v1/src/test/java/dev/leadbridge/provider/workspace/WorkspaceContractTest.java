package dev.leadbridge.provider.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.RateLimitStatus;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.contract.ContractFixture;
import dev.leadbridge.core.contract.LeadProviderContractTest;
import dev.leadbridge.core.contract.SeedLead;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.error.RateLimitedException;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.SimRequest;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shared contract against the workspace-v1 simulator in the documented model, plus workspace-specific checks
 * against the same simulator: paging under concurrent inserts, pushdown, rate-limit headers, metadata round trips.
 */
class WorkspaceContractTest extends LeadProviderContractTest {

    /** A key in the workspace format that the simulator does not know. */
    private static final String WRONG_KEY = "sk-workspace_" + "WrongKey".repeat(6) + "xyz";

    @Override
    protected ContractFixture createFixture() {
        return new WorkspaceContractFixture(false);
    }

    @Override
    protected String wrongKey() {
        return WRONG_KEY;
    }

    private WorkspaceContractFixture workspace() {
        return (WorkspaceContractFixture) fixture();
    }

    private WorkspaceSimulator simulator() {
        return workspace().simulator();
    }

    private LeadProvider provider() {
        return fixture().provider();
    }

    // ---------------------------------------------------------------- paging under inserts

    @Test
    void leadsInsertedIntoTheSimulatorWhileAListingRunsNeitherDuplicateNorMissASeededLead() {
        // given: inserts at the front (newest) and in the middle of the server's createdAt-descending order
        List<SeedLead> inserts = List.of(
                insert("Insert Newest", Instant.now()),
                insert("Insert Middle", T0.plus(5, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)),
                insert("Insert Newer", Instant.now().plusSeconds(1)),
                insert("Insert Early Middle", T0.plus(8, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)));
        List<String> names = new ArrayList<>();
        // when
        try (Stream<Lead> leads = provider().stream(LeadQuery.builder().pageSize(3).build())) {
            Iterator<Lead> it = leads.iterator();
            int next = 0;
            while (it.hasNext()) {
                names.add(it.next().name());
                if (names.size() % 2 == 1 && next < inserts.size()) {
                    simulator().put(workspace().nativeLead(inserts.get(next++), false));
                }
            }
        }
        // then
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).containsAll(seeds().stream().map(SeedLead::name).toList());
        assertThat(simulator().size()).isEqualTo(seeds().size() + inserts.size());
    }

    private static SeedLead insert(String name, Instant createdAt) {
        return new SeedLead(name, name.toLowerCase().replace(' ', '.') + "@example.com", null, LeadStatus.OPEN,
                "inbound", null, createdAt, createdAt, null, null, null, null, null);
    }

    // ---------------------------------------------------------------- pushdown

    @Test
    void theSimulatorIsAskedOnlyForFiltersThatKeepASuperset() {
        // given
        int before = simulator().requests().size();
        // when
        provider().list(LeadQuery.builder().status(LeadStatus.OPEN).source("api").search("ar").build(), 1);
        provider().list(LeadQuery.builder().status(LeadStatus.QUALIFIED).search("555").build(), 1);
        // then
        List<SimRequest> lists = simulator().requests().stream().skip(before)
                .filter(r -> r.method().equals("GET") && r.rawPath().endsWith("/leads")).toList();
        assertThat(lists).hasSize(2);
        assertThat(lists.get(0).param("status")).isEqualTo(workspace().newerModel() ? "NEW" : "new");
        assertThat(lists.get(0).param("source")).isEqualTo("api");
        assertThat(lists.get(0).param("search")).isEqualTo("ar");
        assertThat(lists.get(1).param("status")).isNull();
        assertThat(lists.get(1).param("search")).isNull();
    }

    @Test
    void aConnectionWithoutAChatbotUsesTheWorkspaceLevelPathsAndCannotCreate() {
        // given
        WorkspaceProvider workspaceLevel = WorkspaceProvider.builder().connection("no-bot")
                .baseUrl(simulator().baseUrl()).apiKey(simulator().apiKey()).build();
        int before = simulator().requests().size();
        // when
        List<Lead> all;
        try (Stream<Lead> leads = workspaceLevel.stream(LeadQuery.builder().pageSize(5).build())) {
            all = leads.toList();
        }
        // then
        assertThat(all).hasSize(seeds().size());
        assertThat(simulator().requests().subList(before, simulator().requests().size()))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.rawPath()).startsWith(WorkspaceSimulator.BASE_PATH + "/leads"));
        assertThatThrownBy(() -> workspaceLevel.create(fixture().newLead()))
                .isInstanceOf(OperationNotSupportedException.class);
    }

    // ---------------------------------------------------------------- transport failures

    @Test
    void aResetOnEveryAttemptOfAReadAndOnAnyWriteIsProviderUnavailable() {
        // given: the JDK client repeats an idempotent GET once when the connection closes before any byte
        String id = seededIds().get("alice Archer");
        fixture().faults().next(2, Fault.connectionReset());
        // when / then
        assertThatThrownBy(() -> provider().get(id)).isInstanceOf(ProviderUnavailableException.class);
        fixture().faults().next(Fault.connectionReset());
        assertThatThrownBy(() -> provider().update(id, fixture().wonUpdate()))
                .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> assertThat(e.isRetriable()).isTrue());
        fixture().faults().next(Fault.connectionReset());
        assertThatThrownBy(() -> provider().delete(id)).isInstanceOf(ProviderUnavailableException.class);
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void everyPageCarriesTheRateLimitBudgetTheSimulatorReported() {
        // when
        LeadPage first = provider().list(LeadQuery.builder().pageSize(5).build(), 1);
        LeadPage second = provider().list(LeadQuery.builder().pageSize(5).build(), 2);
        // then
        assertThat(first.rateLimit()).isNotNull();
        assertThat(first.rateLimit().limit()).isEqualTo(WorkspaceSimulator.DEFAULT_RATE_LIMIT);
        assertThat(second.rateLimit().used()).isEqualTo(first.rateLimit().used() + 1);
        assertThat(second.rateLimit().remaining()).isEqualTo(first.rateLimit().remaining() - 1);
        assertThat(provider().rateLimitStatus()).contains(second.rateLimit());
    }

    @Test
    void anExhaustedBudgetIsRateLimitedWithTheWaitFromRetryAfterOrTheReset() {
        try (WorkspaceSimulator limited = WorkspaceSimulator.builder().rateLimit(1, Duration.ofHours(1)).build();
             WorkspaceSimulator silent = WorkspaceSimulator.builder().rateLimit(1, Duration.ofHours(1))
                     .sendRetryAfter(false).build()) {
            for (WorkspaceSimulator sim : List.of(limited, silent)) {
                // given
                WorkspaceProvider provider = WorkspaceProvider.builder().connection("limited")
                        .baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build();
                provider.list(LeadQuery.ALL, 1);
                // when / then
                assertThatThrownBy(() -> provider.list(LeadQuery.ALL, 1))
                        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(429);
                            assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
                        });
                RateLimitStatus status = provider.rateLimitStatus().orElseThrow();
                assertThat(status.remaining()).isZero();
                assertThat(status.limit()).isEqualTo(1);
            }
        }
    }

    // ---------------------------------------------------------------- writes

    @Test
    void createdUtmValuesAndCustomDataComeBackAsAttributionAndCustom() {
        // given
        NewLead lead = NewLead.builder().name("Utm Person").email("utm.person@example.com").status(LeadStatus.QUALIFIED)
                .custom(Map.of("score", 7))
                .attribution(new Attribution(null, null, "google", "cpc", "autumn", Map.of(), null)).build();
        // when
        Lead created = provider().create(lead);
        Lead fetched = provider().get(created.nativeId());
        // then
        assertThat(fetched.status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(fetched.attribution().utmSource()).isEqualTo("google");
        assertThat(fetched.attribution().utmMedium()).isEqualTo("cpc");
        assertThat(fetched.attribution().utmCampaign()).isEqualTo("autumn");
        assertThat(fetched.custom()).containsEntry("score", 7L);
        assertThat(fetched.createdAt()).isNotNull();
    }

    @Test
    void anUpdateMergesCustomDataAndANullEntryRemovesTheKey() {
        // given
        String id = seededIds().get("alice Archer");
        Map<String, Object> custom = new HashMap<>();
        custom.put("utm_campaign", null);
        custom.put("score", 5);
        // when
        Lead updated = provider().update(id, LeadUpdate.builder().custom(custom).phone(null).source("partner")
                .build());
        // then
        assertThat(updated.custom()).containsEntry("score", 5L).containsEntry("utm_source", "google")
                .doesNotContainKey("utm_campaign");
        assertThat(updated.attribution().utmCampaign()).isNull();
        assertThat(updated.phone()).isNull();
        assertThat(updated.source()).isEqualTo("partner");
        assertThat(provider().get(id).custom()).isEqualTo(updated.custom());
    }

    @Test
    void unsupportedUpdateFieldsAreRefusedBeforeAnyRequest() {
        // given
        long before = fixture().requestCount();
        // when / then
        assertThatThrownBy(() -> provider().update(seededIds().get("alice Archer"),
                LeadUpdate.builder().value(BigDecimal.TEN).title("CEO").build()))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("title, value");
        assertThat(fixture().requestCount()).isEqualTo(before);
    }

    @Test
    void aDuplicateEmailIsAConflictNamingTheExistingLead() {
        // given
        Lead first = provider().create(fixture().newLead());
        // when / then
        assertThatThrownBy(() -> provider().create(NewLead.builder().name("Someone Else")
                .email("CONTRACT.created@example.com").build()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.existingLeadId()).isEqualTo(first.nativeId()));
    }

    @Test
    void aDeletedLeadIsGoneAndDeletingItAgainIsNotFound() {
        // given
        String id = seededIds().get("Bob Brown");
        // when
        provider().delete(id);
        // then
        assertThatThrownBy(() -> provider().get(id)).isInstanceOf(LeadNotFoundException.class);
        assertThatThrownBy(() -> provider().delete(id)).isInstanceOf(LeadNotFoundException.class);
    }

    @Test
    void anIdTheServerRejectsAsMalformedIsAnInvalidLeadId() {
        // given: path-safe, but longer than the simulator accepts
        String id = "lead_" + "a".repeat(120);
        // when / then
        assertThatThrownBy(() -> provider().get(id))
                .isInstanceOfSatisfying(InvalidLeadIdException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("INVALID_ID_FORMAT"));
    }

    @Test
    void theRawJsonOfTheModelIsKeptOnEveryLead() {
        // when
        Lead alice = provider().get(seededIds().get("alice Archer"));
        // then
        ObjectNode raw = (ObjectNode) alice.raw();
        assertThat(raw.has(workspace().newerModel() ? "customFields" : "metadata")).isTrue();
        assertThat(alice.attribution().utmSource()).isEqualTo("google");
        assertThat(alice.updatedAt()).isEqualTo(seeds().get(0).updatedAt());
    }
}
