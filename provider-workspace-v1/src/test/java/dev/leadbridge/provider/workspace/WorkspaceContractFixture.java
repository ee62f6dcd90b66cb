package dev.leadbridge.provider.workspace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.contract.ContractFixture;
import dev.leadbridge.core.contract.SeedField;
import dev.leadbridge.core.contract.SeedLead;
import dev.leadbridge.testkit.FaultInjector;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The workspace-v1 provider against its simulator, in the documented model (lower-case statuses, {@code metadata})
 * or the newer one (upper-case statuses, {@code customFields}, offsets in some timestamps, QUALIFIED seeded partly as
 * {@code NEGOTIATING}). Seeds are written as native JSON owned by the simulator's default chatbot, which the provider
 * is configured with so that create works.
 */
final class WorkspaceContractFixture implements ContractFixture {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PLUS_TWO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT).withZone(ZoneOffset.ofHours(2));

    private final boolean newer;
    private final WorkspaceSimulator simulator;
    private final WorkspaceProvider provider;
    private final List<WorkspaceProvider> others = new ArrayList<>();

    WorkspaceContractFixture(boolean newerModel) {
        this.newer = newerModel;
        this.simulator = WorkspaceSimulator.builder().newerModel(newerModel).build();
        this.provider = connect(simulator.apiKey());
    }

    /** The simulator, for provider-specific tests. */
    WorkspaceSimulator simulator() {
        return simulator;
    }

    /** Whether the simulator speaks the newer model. */
    boolean newerModel() {
        return newer;
    }

    private WorkspaceProvider connect(String apiKey) {
        return WorkspaceProvider.builder()
                .connection(newer ? "contract-ws-newer" : "contract-ws")
                .baseUrl(simulator.baseUrl())
                .apiKey(apiKey)
                .chatbotId(simulator.defaultChatbotId())
                .build();
    }

    @Override
    public LeadProvider provider() {
        return provider;
    }

    @Override
    public LeadProvider providerWithApiKey(String apiKey) {
        WorkspaceProvider other = connect(apiKey);
        others.add(other);
        return other;
    }

    @Override
    public Map<String, String> seed(List<SeedLead> leads) {
        simulator.clear();
        simulator.resetRateLimits();
        Map<String, String> ids = new LinkedHashMap<>();
        int qualified = 0;
        for (SeedLead seed : leads) {
            boolean negotiating = seed.status() == LeadStatus.QUALIFIED && qualified++ % 2 == 1;
            ObjectNode stored = simulator.put(nativeLead(seed, negotiating), simulator.defaultChatbotId());
            ids.put(seed.name(), stored.get("id").asText());
        }
        return ids;
    }

    /** A seed as the simulator's native JSON of the current model. */
    ObjectNode nativeLead(SeedLead seed, boolean negotiating) {
        ObjectNode lead = JsonNodeFactory.instance.objectNode();
        ObjectNode custom = JsonNodeFactory.instance.objectNode();
        putNullable(custom, "utm_source", seed.utmSource());
        putNullable(custom, "utm_medium", seed.utmMedium());
        putNullable(custom, "utm_campaign", seed.utmCampaign());
        if (!newer) {
            lead.put("name", seed.name());
            putNullable(lead, "email", seed.email());
            putNullable(lead, "phone", seed.phone());
            putNullable(lead, "source", seed.source());
            lead.put("status", rawStatus(seed.status(), false));
            lead.set("metadata", custom);
            lead.put("createdAt", UTC_MILLIS.format(seed.createdAt()));
            lead.put("updatedAt", UTC_MILLIS.format(seed.updatedAt()));
            lead.put("workspaceId", simulator.workspaceId());
            return lead;
        }
        String chatbot = simulator.defaultChatbotId();
        lead.put("chatbotId", chatbot);
        lead.putNull("conversationId");
        lead.put("name", seed.name());
        putNullable(lead, "email", seed.email());
        putNullable(lead, "phone", seed.phone());
        lead.putNull("company");
        lead.putNull("message");
        putNullable(lead, "source", seed.source());
        lead.put("status", negotiating ? "NEGOTIATING" : rawStatus(seed.status(), true));
        lead.put("priority", "MEDIUM");
        lead.putNull("assignedAgentId");
        lead.putNull("notes");
        lead.putArray("tags");
        lead.set("customFields", custom);
        lead.putNull("followUpDate");
        lead.putNull("lastContactAt");
        putNullable(lead, "convertedAt", seed.status() == LeadStatus.WON ? UTC_MILLIS.format(seed.updatedAt()) : null);
        lead.put("createdAt", offset(seed.createdAt(), seed.name()));
        lead.put("updatedAt", offset(seed.updatedAt(), seed.name()));
        lead.putNull("discord");
        lead.putNull("preferredMethod");
        lead.putNull("urgency");
        ObjectNode bot = lead.putObject("chatbots");
        bot.put("id", chatbot);
        bot.put("name", "Website Assistant");
        return lead;
    }

    /** Every other seed's timestamps carry a +02:00 offset, which the reader must convert. */
    private static String offset(Instant at, String name) {
        return name.length() % 2 == 0 ? PLUS_TWO.format(at) : UTC_MILLIS.format(at);
    }

    private static String rawStatus(LeadStatus status, boolean upper) {
        String raw = switch (status) {
            case OPEN -> "new";
            case CONTACTED -> "contacted";
            case QUALIFIED -> "qualified";
            case WON -> "converted";
            case LOST -> "lost";
            case UNKNOWN -> "archived";
        };
        return upper ? raw.toUpperCase(Locale.ROOT) : raw;
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    @Override
    public Set<SeedField> storedFields() {
        return EnumSet.of(SeedField.SOURCE, SeedField.UPDATED_AT, SeedField.UTM);
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
        return newer ? "c0000000000000000000000000" : "lead_0000000000000000";
    }

    @Override
    public NewLead newLead() {
        return NewLead.builder().name("Contract Created").email("contract.created@example.com")
                .phone("+31 20 123 4567").source("contract").build();
    }

    @Override
    public LeadUpdate wonUpdate() {
        return LeadUpdate.builder().status(LeadStatus.WON).build();
    }

    @Override
    public void close() {
        others.forEach(WorkspaceProvider::close);
        provider.close();
        simulator.close();
    }
}
