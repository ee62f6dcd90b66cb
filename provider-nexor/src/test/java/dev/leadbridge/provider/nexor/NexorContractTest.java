package dev.leadbridge.provider.nexor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.contract.ContractFixture;
import dev.leadbridge.core.contract.LeadProviderContractTest;
import dev.leadbridge.core.contract.SeedField;
import dev.leadbridge.core.contract.SeedLead;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.testkit.Fault;
import dev.leadbridge.testkit.FaultInjector;
import dev.leadbridge.testkit.nexor.GetShape;
import dev.leadbridge.testkit.nexor.NexorSimulator;
import dev.leadbridge.testkit.nexor.NexorStatus;
import dev.leadbridge.testkit.nexor.NexorWorkflow;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared provider contract, run against the Nexor simulator. */
class NexorContractTest extends LeadProviderContractTest {

    @Override
    protected ContractFixture createFixture() {
        return new NexorFixture();
    }

    /** A well-formed Nexor key that the simulator does not accept. */
    @Override
    protected String wrongKey() {
        return "nxr_live_wrongKey0123456789abcdefWRONG";
    }

    private NexorSimulator simulator() {
        return ((NexorFixture) fixture()).simulator();
    }

    @Test
    void theBareGuideShapeGivesTheSameLead() {
        String id = seededIds().get("carol Chen");
        Lead wrapped = fixture().provider().get(id);
        simulator().getShape(GetShape.BARE);
        try {
            Lead bare = fixture().provider().get(id);

            assertThat(bare.name()).isEqualTo(wrapped.name()).isEqualTo("carol Chen");
            assertThat(bare.status()).isEqualTo(wrapped.status()).isEqualTo(LeadStatus.WON);
            assertThat(bare.statusRaw()).isEqualTo("won");
            assertThat(bare.workflow().name()).isEqualTo(wrapped.workflow().name()).isEqualTo("Sales Pipeline");
            assertThat(bare.createdAt()).isEqualTo(wrapped.createdAt());
            assertThat(bare.attribution()).isEqualTo(wrapped.attribution());
        } finally {
            simulator().getShape(GetShape.WRAPPED);
        }
    }

    @Test
    void aStatusChangeKeepsItsReasonInNexorsHistory() {
        String id = seededIds().get("alice Archer");

        Lead lead = fixture().provider().update(id, LeadUpdate.builder().status(LeadStatus.LOST, "went silent")
                .build());

        assertThat(lead.status()).isEqualTo(LeadStatus.LOST);
        assertThat(simulator().statusHistory(id)).singleElement().satisfies(change -> {
            assertThat(change.newStatus()).isEqualTo("lost");
            assertThat(change.previousStatus()).isEqualTo("new");
            assertThat(change.reason()).isEqualTo("went silent");
        });
    }

    @Test
    void anUpdateMergesCustomDataIntoTheMetadata() {
        String id = seededIds().get("alice Archer");

        Lead lead = fixture().provider().update(id, LeadUpdate.builder().company("Archer & Co")
                .custom(Map.of("score", 5)).build());

        assertThat(lead.company()).isEqualTo("Archer & Co");
        assertThat(lead.custom()).containsEntry("score", 5L).containsEntry("utm_source", "google");
        assertThat(lead.attribution().utmSource()).isEqualTo("google");
    }

    @Test
    void aCreatedLeadInAWorkflowStartsOpenInIt() {
        NexorWorkflow premium = simulator().workflowNamed("Premium Outreach").orElseThrow();

        Lead created = fixture().provider().create(NewLead.builder().firstName("Wanda").email("wanda@example.com")
                .workflowId(premium.id()).custom(Map.of("edad", 41)).build());
        Lead fetched = fixture().provider().get(created.nativeId());

        assertThat(created.workflow().name()).isEqualTo("Premium Outreach");
        assertThat(fetched.workflow().id()).isEqualTo(premium.id());
        assertThat(fetched.status()).isEqualTo(LeadStatus.OPEN);
        assertThat(fetched.statusRaw()).isEqualTo("new");
        assertThat(fetched.custom()).containsEntry("edad", 41L);
        assertThat(fetched.lastName()).isNull();
        assertThat(fetched.name()).isEqualTo("Wanda");
    }

    @Test
    void bulkCreateAgainstTheSimulatorReportsPartialAndTotalFailurePerItem() {
        BulkCreateResult partial = fixture().provider().createAll(List.of(
                NewLead.builder().firstName("Ok").email("ok@example.com").build(),
                NewLead.builder().firstName("Bad").email("not-an-email").build(),
                NewLead.builder().firstName("Fine").build()));
        BulkCreateResult none = fixture().provider().createAll(List.of(
                NewLead.builder().firstName("Bad").email("nope").build(),
                NewLead.builder().firstName("Worse").workflowId(UUID.randomUUID().toString()).build()));

        assertThat(partial.items()).extracting(BulkCreateResult.Item::succeeded).containsExactly(true, false, true);
        assertThat(partial.items().get(1).error()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("email");
        assertThat(fixture().provider().get(partial.items().get(2).lead().nativeId()).name()).isEqualTo("Fine");
        assertThat(none.failures()).hasSize(2).allSatisfy(item ->
                assertThat(item.error()).isInstanceOf(InvalidRequestException.class));
        assertThat(none.items().get(1).error()).hasMessageContaining("workflow_id");
        assertThat(simulator().bulkRequestSizes()).containsExactly(3, 2);
    }

    @Test
    void theJdkClientRepeatsAGetOnceAfterAResetSoTwoResetsAreProviderUnavailable() {
        String id = seededIds().get("alice Archer");
        fixture().faults().next(2, Fault.connectionReset());
        long before = fixture().requestCount();

        assertThatThrownBy(() -> fixture().provider().get(id)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(fixture().requestCount() - before).isEqualTo(2);
    }

    @Test
    void aCreateHitByAResetIsSentOnceAndReportsThatItMayHaveReachedNexor() {
        fixture().faults().next(Fault.connectionReset());
        long before = fixture().requestCount();

        assertThatThrownBy(() -> fixture().provider().create(fixture().newLead()))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).requestMayHaveReachedServer()).isTrue());
        assertThat(fixture().requestCount() - before).isEqualTo(1);
    }

    /** The simulator with its default workflows; seeds are enrolled in "Sales Pipeline". */
    static final class NexorFixture implements ContractFixture {

        private static final Map<LeadStatus, String> STATUS_KEYS = Map.of(LeadStatus.OPEN, "new",
                LeadStatus.CONTACTED, "contacted", LeadStatus.QUALIFIED, "qualified", LeadStatus.WON, "won",
                LeadStatus.LOST, "lost");

        private final NexorSimulator simulator = NexorSimulator.builder().build();
        private final NexorWorkflow workflow = simulator.workflowNamed("Sales Pipeline").orElseThrow();
        private final NexorProvider provider = providerWithApiKey(simulator.apiKey());

        @Override
        public NexorProvider provider() {
            return provider;
        }

        @Override
        public NexorProvider providerWithApiKey(String apiKey) {
            return NexorProvider.builder().connection("contract-nexor").baseUrl(simulator.baseUrl()).apiKey(apiKey)
                    .build();
        }

        @Override
        public Map<String, String> seed(List<SeedLead> leads) {
            simulator.clear();
            Map<String, String> ids = new LinkedHashMap<>();
            for (int i = 0; i < leads.size(); i++) {
                ids.put(leads.get(i).name(), simulator.put(toNative(leads.get(i), i)));
            }
            return ids;
        }

        /** The seed in the simulator's stored API-tree form; odd seeds write their times with an offset. */
        private ObjectNode toNative(SeedLead seed, int index) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode lead = f.objectNode();
            lead.put("id", UUID.randomUUID().toString());
            lead.put("first_name", seed.firstName());
            lead.put("last_name", seed.lastName());
            lead.put("email", seed.email());
            lead.put("phone", seed.phone());
            lead.put("source", seed.source());
            lead.putNull("company");
            lead.putNull("title");
            ObjectNode metadata = lead.putObject("metadata");
            putIfPresent(metadata, "utm_source", seed.utmSource());
            putIfPresent(metadata, "utm_medium", seed.utmMedium());
            putIfPresent(metadata, "utm_campaign", seed.utmCampaign());
            putIfPresent(metadata, "gclid", seed.gclid());
            lead.putArray("tags");
            lead.putNull("campaign");
            NexorStatus status = workflow.status(STATUS_KEYS.get(seed.status())).orElseThrow();
            ObjectNode run = lead.putObject("active_workflow_run");
            run.put("id", UUID.randomUUID().toString());
            run.put("workflow_id", workflow.id());
            run.put("is_active", true);
            run.put("human_takeover", false);
            run.put("cadence_state", status.terminal() ? "stopped" : "active");
            run.put("run_status", "running");
            ObjectNode wf = run.putObject("workflow");
            wf.put("id", workflow.id());
            wf.put("name", workflow.name());
            wf.put("goal_type", workflow.goalType());
            ObjectNode current = run.putObject("current_status");
            current.put("id", status.id());
            current.put("key", status.key());
            current.put("label", status.label());
            current.put("category", status.category());
            ZoneOffset offset = index % 2 == 0 ? ZoneOffset.UTC : ZoneOffset.ofHours(-3);
            lead.put("created_at", seed.createdAt().atOffset(offset).toString());
            lead.put("updated_at", seed.updatedAt().atOffset(offset).toString());
            lead.putObject("variables");
            return lead;
        }

        private static void putIfPresent(ObjectNode node, String key, String value) {
            if (value != null) {
                node.put(key, value);
            }
        }

        @Override
        public Set<SeedField> storedFields() {
            return EnumSet.of(SeedField.SOURCE, SeedField.UPDATED_AT, SeedField.UTM, SeedField.GCLID);
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
            return UUID.randomUUID().toString();
        }

        @Override
        public NewLead newLead() {
            return NewLead.builder().firstName("Contract").lastName("Created").name("Contract Created")
                    .email("contract.created@example.com").build();
        }

        @Override
        public LeadUpdate wonUpdate() {
            return LeadUpdate.builder().status(LeadStatus.WON, "contract test").build();
        }

        @Override
        public void close() {
            simulator.close();
        }

        /** The simulator, for Nexor-specific checks. */
        NexorSimulator simulator() {
            return simulator;
        }
    }
}
