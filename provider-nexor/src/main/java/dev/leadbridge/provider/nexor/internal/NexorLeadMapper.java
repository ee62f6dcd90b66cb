package dev.leadbridge.provider.nexor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.canonical.Utm;
import dev.leadbridge.provider.nexor.internal.dto.NexorLeadDto;
import dev.leadbridge.provider.nexor.internal.dto.NexorRunDto;
import dev.leadbridge.provider.nexor.internal.dto.NexorStatusDto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapstruct.AfterMapping;
import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.Named;
import org.mapstruct.ReportingPolicy;

/**
 * Maps one Nexor lead (either documented shape) onto a canonical {@link Lead.Builder}; identity (connection,
 * provider, default region) is set by the caller. Rules in {@code docs/providers/nexor.md}.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR, unmappedSourcePolicy = ReportingPolicy.IGNORE)
abstract class NexorLeadMapper {

    /** The {@code custom} key holding the conversation variables. */
    static final String VARIABLES_KEY = "variables";
    /** The {@code custom} key holding them when the metadata itself has a {@code variables} key. */
    static final String VARIABLES_FALLBACK_KEY = "nexor_variables";
    /** Metadata keys copied into {@code attribution.clickIds} when present. */
    static final List<String> CLICK_ID_KEYS = List.of("gclid", "gbraid", "wbraid", "fbclid", "fbc", "fbp",
            "msclkid", "ttclid", "li_fat_id");

    @Mapping(target = "nativeId", source = "lead.id")
    @Mapping(target = "firstName", source = "lead.firstName")
    @Mapping(target = "lastName", source = "lead.lastName")
    @Mapping(target = "email", source = "lead.email")
    @Mapping(target = "phone", source = "lead.phone")
    @Mapping(target = "company", source = "lead.company")
    @Mapping(target = "title", source = "lead.title")
    @Mapping(target = "source", source = "lead.source")
    @Mapping(target = "labels", source = "lead.tags", qualifiedByName = "labels")
    @Mapping(target = "assignee", source = "lead.assignedUser", qualifiedByName = "assignee")
    @Mapping(target = "createdAt", source = "lead.createdAt", qualifiedByName = "createdAt")
    @Mapping(target = "updatedAt", source = "lead.updatedAt", qualifiedByName = "updatedAt")
    @Mapping(target = "raw", source = "raw")
    // derived from several source fields in derived()
    @Mapping(target = "name", ignore = true)
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "statusRaw", ignore = true)
    @Mapping(target = "campaign", ignore = true)
    @Mapping(target = "workflow", ignore = true)
    @Mapping(target = "custom", ignore = true)
    @Mapping(target = "attribution", ignore = true)
    // identity and derived values: set by the caller or by Lead.Builder
    @Mapping(target = "id", ignore = true)
    @Mapping(target = "connection", ignore = true)
    @Mapping(target = "provider", ignore = true)
    @Mapping(target = "personKey", ignore = true)
    @Mapping(target = "phoneE164", ignore = true)
    @Mapping(target = "defaultRegion", ignore = true)
    // Nexor has no such fields
    @Mapping(target = "value", ignore = true)
    @Mapping(target = "note", ignore = true)
    @Mapping(target = "lossReason", ignore = true)
    @Mapping(target = "conversionName", ignore = true)
    @Mapping(target = "consent", ignore = true)
    @Mapping(target = "qualifiedAt", ignore = true)
    @Mapping(target = "expiresAt", ignore = true)
    abstract void fill(NexorLeadView view, @MappingTarget Lead.Builder target, @Context NexorReadContext ctx);

    /** Name, status, campaign, workflow, custom data and attribution: each read from more than one place. */
    @AfterMapping
    void derived(NexorLeadView view, @MappingTarget Lead.Builder target, @Context NexorReadContext ctx) {
        NexorLeadDto lead = view.lead();
        target.name(fullName(lead.firstName(), lead.lastName()));

        NexorStatusDto current = view.currentStatus();
        target.status(ctx.statusOf(current));
        target.statusRaw(current == null ? null : current.key());

        Reference campaign = NexorJson.reference(lead.campaign(), "campaign", ctx);
        if (campaign == null && lead.campaignId() != null && !lead.campaignId().isBlank()) {
            campaign = Reference.of(lead.campaignId(), null);
        }
        target.campaign(campaign);
        target.workflow(workflow(view, ctx));

        Map<String, Object> metadata = NexorJson.map(lead.metadata(), "metadata", ctx);
        target.custom(custom(metadata, NexorJson.map(view.variablesNode(), "variables", ctx)));
        target.attribution(attribution(metadata));
    }

    @Named("labels")
    List<String> labels(JsonNode tags, @Context NexorReadContext ctx) {
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw ctx.malformed("'tags' is not an array");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (tag.isObject()) {
                Reference ref = NexorJson.reference(tag, "tags[]", ctx);
                String label = ref.name() != null ? ref.name() : ref.id();
                if (label != null) {
                    labels.add(label);
                }
            } else if (!tag.isNull()) {
                labels.add(NexorJson.scalarText(tag, "tags[]", ctx));
            }
        }
        return labels;
    }

    @Named("assignee")
    Reference assignee(JsonNode user, @Context NexorReadContext ctx) {
        return NexorJson.reference(user, "assigned_user", ctx);
    }

    @Named("createdAt")
    Instant createdAt(String text, @Context NexorReadContext ctx) {
        return NexorJson.instant(text, "created_at", ctx);
    }

    @Named("updatedAt")
    Instant updatedAt(String text, @Context NexorReadContext ctx) {
        return NexorJson.instant(text, "updated_at", ctx);
    }

    /** First and last name joined with one space; just one of them when the other is absent or blank. */
    static String fullName(String first, String last) {
        boolean hasFirst = first != null && !first.isBlank();
        boolean hasLast = last != null && !last.isBlank();
        if (hasFirst && hasLast) {
            return first + " " + last;
        }
        return hasFirst ? first : hasLast ? last : null;
    }

    private static Reference workflow(NexorLeadView view, NexorReadContext ctx) {
        NexorRunDto run = view.run();
        Reference nested = run == null ? null : NexorJson.reference(run.workflow(), "active_workflow_run.workflow", ctx);
        if (nested != null) {
            return nested;
        }
        Reference top = NexorJson.reference(view.lead().workflow(), "workflow", ctx);
        if (top != null) {
            return top;
        }
        if (run != null && run.workflowId() != null && !run.workflowId().isBlank()) {
            return Reference.of(run.workflowId(), null);
        }
        return null;
    }

    private static Map<String, Object> custom(Map<String, Object> metadata, Map<String, Object> variables) {
        if (variables.isEmpty()) {
            return metadata;
        }
        Map<String, Object> custom = new LinkedHashMap<>(metadata);
        custom.put(metadata.containsKey(VARIABLES_KEY) ? VARIABLES_FALLBACK_KEY : VARIABLES_KEY, variables);
        return custom;
    }

    private static Attribution attribution(Map<String, Object> metadata) {
        Map<String, String> clickIds = new LinkedHashMap<>();
        for (String key : CLICK_ID_KEYS) {
            String value = text(metadata.get(key));
            if (value != null) {
                clickIds.put(key, value);
            }
        }
        return Utm.fillFromMetadata(new Attribution(null, null, null, null, null, clickIds, GoogleAds.EMPTY),
                metadata);
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }
}
