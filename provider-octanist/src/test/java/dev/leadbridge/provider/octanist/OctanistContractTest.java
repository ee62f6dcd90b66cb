package dev.leadbridge.provider.octanist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.contract.ContractFixture;
import dev.leadbridge.core.contract.LeadProviderContractTest;
import dev.leadbridge.core.contract.SeedField;
import dev.leadbridge.core.contract.SeedLead;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.FaultInjector;
import dev.leadbridge.testkit.MutableClock;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shared contract against the Octanist simulator, plus Octanist-specific checks on the same fixture. */
class OctanistContractTest extends LeadProviderContractTest {

    /** The simulator's and the provider's clock: after every seed. */
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    protected ContractFixture createFixture() {
        return new Fixture();
    }

    @Test
    void updatingByAnEmailSeveralLeadsShareIsAConflict() {
        Fixture fixture = (Fixture) fixture();
        ObjectNode twin = JsonNodeFactory.instance.objectNode().put("name", "Alice Twin")
                .put("email", "ALICE@example.com").put("status", "open").put("createdAt", MILLIS.format(NOW));
        fixture.simulator.put(twin);
        OctanistProvider provider = (OctanistProvider) fixture.provider();
        assertThatThrownBy(() -> provider.updateByEmail("alice@example.com",
                LeadUpdate.builder().status(LeadStatus.QUALIFIED).build()))
                .isInstanceOf(ConflictException.class);
        assertThat(provider.updateByPhone("+1 415 555 0101", LeadUpdate.builder().note("called").build()))
                .isEqualTo(1);
        assertThat(provider.get(seededIds().get("carol Chen")).note()).isEqualTo("called");
    }

    @Test
    void aLeadCreatedAfterAListingBeganIsNotPartOfThatListing() {
        Fixture fixture = (Fixture) fixture();
        LeadQuery query = LeadQuery.builder().pageSize(5).sortBy(SortField.NAME, true).build();
        LeadProvider provider = fixture.provider();
        List<Lead> first = provider.list(query, 1).leads();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.provider().create(NewLead.builder().name("Aaron Early").email("aaron@example.com").build());
        List<String> rest = Stream.of(provider.list(query, 2), provider.list(query, 3))
                .flatMap(p -> p.leads().stream()).map(Lead::name).toList();
        assertThat(Stream.concat(first.stream().map(Lead::name), rest.stream()).toList())
                .containsExactlyElementsOf(seeds().stream().map(SeedLead::name)
                        .sorted(String.CASE_INSENSITIVE_ORDER).toList());
        assertThat(provider.list(query, 1).leads()).extracting(Lead::name).contains("Aaron Early");
    }

    @Test
    void readsWhatItCreatedWithAttributionConsentAndCustom() {
        Fixture fixture = (Fixture) fixture();
        Lead created = fixture.provider().create(NewLead.builder().name("Full Fields").phone("+31 6 12345678")
                .custom(Map.of("plan", "pro", "seats", 5))
                .attribution(new dev.leadbridge.core.Attribution("https://example.com", "/demo", "google", "cpc",
                        "spring", Map.of("gclid", "g-x", "epik", "e-1"), null))
                .consent(new dev.leadbridge.core.Consent(true, false, null, true))
                .build());
        assertThat(created.custom()).isEqualTo(Map.of("plan", "pro", "seats", 5L));
        assertThat(created.attribution().clickIds()).containsOnly(Map.entry("gclid", "g-x"), Map.entry("epik", "e-1"));
        assertThat(created.consent()).isEqualTo(new dev.leadbridge.core.Consent(true, false, null, true));
        assertThat(created.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(created.source()).isNotNull();
        assertThat(created.createdAt()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void theJdkClientRepeatsAGetOnceAfterAResetOnAPooledConnectionSoTwoResetsAreProviderUnavailable() {
        String id = seededIds().get("alice Archer");
        fixture().provider().get(id); // leaves a pooled connection behind
        fixture().faults().next(2, Fault.connectionReset());
        long before = fixture().requestCount();
        assertThatThrownBy(() -> fixture().provider().get(id)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(fixture().requestCount() - before).isEqualTo(2);
    }

    @Test
    void aCreateHitByAResetIsSentOnceAndItsOutcomeIsUnknown() {
        fixture().faults().next(Fault.connectionReset());
        long before = fixture().requestCount();
        assertThatThrownBy(() -> ResilientLeadProvider.wrap(fixture().provider()).create(fixture().newLead()))
                .isInstanceOf(OutcomeUnknownException.class);
        assertThat(fixture().requestCount() - before).isEqualTo(1);
    }

    /** The simulator with a shared clock, seeded in Octanist's native JSON. */
    static final class Fixture implements ContractFixture {
        final MutableClock clock = new MutableClock(NOW);
        final OctanistSimulator simulator = OctanistSimulator.builder().clock(clock).build();
        private final OctanistProvider provider = build(simulator.apiKey());

        private OctanistProvider build(String apiKey) {
            return OctanistProvider.builder()
                    .connection("contract-octanist")
                    .baseUrl(simulator.baseUrl())
                    .apiKey(apiKey)
                    .clock(clock)
                    .build();
        }

        @Override
        public LeadProvider provider() {
            return provider;
        }

        @Override
        public LeadProvider providerWithApiKey(String apiKey) {
            return build(apiKey);
        }

        @Override
        public Map<String, String> seed(List<SeedLead> leads) {
            simulator.clear();
            Map<String, String> ids = new LinkedHashMap<>();
            for (SeedLead seed : leads) {
                ids.put(seed.name(), simulator.put(nativeLead(seed)));
            }
            return ids;
        }

        private static ObjectNode nativeLead(SeedLead seed) {
            ObjectNode lead = JsonNodeFactory.instance.objectNode();
            lead.put("name", seed.name());
            lead.put("email", seed.email());
            lead.put("phone", seed.phone());
            lead.put("status", switch (seed.status()) {
                case OPEN -> "open";
                case QUALIFIED -> "qualified";
                case WON -> "won";
                case LOST -> "lost";
                default -> throw new IllegalArgumentException("Octanist has no status for " + seed.status());
            });
            lead.put("value", seed.value());
            lead.putNull("note");
            lead.putNull("custom");
            lead.putNull("lossReason");
            lead.putNull("conversionName");
            lead.put("source", seed.source());
            lead.put("gclid", seed.gclid());
            lead.put("utm_source", seed.utmSource());
            lead.put("utm_medium", seed.utmMedium());
            lead.put("utm_campaign", seed.utmCampaign());
            lead.put("createdAt", MILLIS.format(seed.createdAt()));
            lead.put("updatedAt", MILLIS.format(seed.updatedAt()));
            lead.put("qualifiedAt", seed.qualifiedAt() == null ? null : MILLIS.format(seed.qualifiedAt()));
            lead.put("expiresAt", MILLIS.format(seed.createdAt().plus(90, ChronoUnit.DAYS)));
            return lead;
        }

        @Override
        public Set<SeedField> storedFields() {
            return EnumSet.allOf(SeedField.class);
        }

        @Override
        public FaultInjector faults() {
            return simulator.faults();
        }

        @Override
        public long requestCount() {
            return simulator.requestCount();
        }

        @Override
        public String absentId() {
            return "lead_absent000000";
        }

        @Override
        public NewLead newLead() {
            return NewLead.builder().name("Contract Created").email("contract.created@example.com").build();
        }

        @Override
        public LeadUpdate wonUpdate() {
            return LeadUpdate.builder().status(LeadStatus.WON).value(new java.math.BigDecimal("1200")).build();
        }

        @Override
        public void close() {
            simulator.close();
        }
    }
}
