package dev.leadbridge.cli.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.CreateShape;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one canonical lead (as export JSON) into the {@link NewLead} sent to a target: every canonical field a
 * {@link NewLead} can carry is read, then the target provider's own {@link CreateShape} (registered by its module)
 * keeps what its create holds, names what it drops and says why it would refuse the lead before any request. Fields
 * no create carries ({@code lossReason}, {@code conversionName}, {@code labels}, {@code assignee}, {@code qualifiedAt},
 * {@code expiresAt}) are named as dropped here.
 *
 * <p>Identity, derived and server-assigned fields ({@code id}, {@code connection}, {@code provider}, {@code nativeId},
 * {@code personKey}, {@code phoneE164}, {@code statusRaw}, {@code createdAt}, {@code updatedAt}, {@code raw}) are never
 * sent and never reported: the target assigns its own.
 */
public final class TargetShape {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final CreateShape shape;

    private TargetShape(String provider, CreateShape shape) {
        this.provider = provider;
        this.shape = shape;
    }

    /**
     * The shape of a provider's create: the one its module registers, else one that sends every field and lets the
     * provider refuse what it cannot hold.
     */
    public static TargetShape of(String providerId) {
        return new TargetShape(providerId, CreateShape.find(providerId).orElse(null));
    }

    /** The provider id. */
    public String provider() {
        return provider;
    }

    /**
     * The outcome of fitting one lead.
     *
     * @param lead      what is sent, or null when the record is rejected
     * @param dropped   canonical names of the fields that were set but cannot be held (dotted for nested ones)
     * @param rejection why the target cannot take the record at all, or null
     */
    public record Fit(NewLead lead, Set<String> dropped, String rejection) {
    }

    /** Turns one canonical lead into what the target's create takes. */
    public Fit fit(ObjectNode in) {
        Set<String> dropped = new LinkedHashSet<>();
        NewLead.Builder b = NewLead.builder()
                .name(text(in, "name"))
                .firstName(text(in, "firstName"))
                .lastName(text(in, "lastName"))
                .email(text(in, "email"))
                .phone(text(in, "phone"))
                .company(text(in, "company"))
                .title(text(in, "title"))
                .note(text(in, "note"))
                .source(text(in, "source"))
                .status(status(in))
                .attribution(attribution(in.path("attribution")))
                .consent(consent(in.path("consent")))
                .campaignId(text(in.path("campaign"), "id"))
                .workflowId(text(in.path("workflow"), "id"));
        JsonNode value = in.get("value");
        if (value != null && !value.isNull()) {
            b.value(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText()));
        }
        JsonNode custom = in.get("custom");
        if (custom != null && custom.isObject() && custom.size() > 0) {
            b.custom(JSON.convertValue(custom, LinkedHashMap.class));
        }
        for (String never : List.of("lossReason", "conversionName", "qualifiedAt", "expiresAt")) {
            if (text(in, never) != null) {
                dropped.add(never);
            }
        }
        JsonNode labels = in.get("labels");
        if (labels != null && labels.isArray() && labels.size() > 0) {
            dropped.add("labels");
        }
        JsonNode assignee = in.get("assignee");
        if (assignee != null && assignee.isObject()) {
            dropped.add("assignee");
        }
        NewLead lead = b.build();
        if (shape == null) {
            return new Fit(lead, dropped, null);
        }
        NewLead fitted = shape.fit(lead, dropped);
        String rejection = shape.refusal(fitted).orElse(null);
        return new Fit(rejection == null ? fitted : null, dropped, rejection);
    }

    private static Attribution attribution(JsonNode a) {
        if (!a.isObject()) {
            return Attribution.EMPTY;
        }
        Map<String, String> clickIds = new LinkedHashMap<>();
        a.path("clickIds").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull() && !e.getValue().asText().isBlank()) {
                clickIds.put(e.getKey(), e.getValue().asText());
            }
        });
        JsonNode g = a.path("googleAds");
        GoogleAds ads = new GoogleAds(text(g, "campaignId"), text(g, "campaignName"), text(g, "adGroupId"),
                text(g, "adGroupName"), text(g, "adId"));
        return new Attribution(text(a, "website"), text(a, "path"), text(a, "utmSource"), text(a, "utmMedium"),
                text(a, "utmCampaign"), clickIds, ads);
    }

    private static Consent consent(JsonNode c) {
        if (!c.isObject()) {
            return Consent.UNKNOWN;
        }
        return new Consent(flag(c, "adStorage"), flag(c, "adUserData"), flag(c, "adPersonalization"),
                flag(c, "analyticsStorage"));
    }

    private static Boolean flag(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : v.isBoolean() ? v.booleanValue() : Boolean.valueOf(v.asText());
    }

    private static LeadStatus status(ObjectNode in) {
        String s = text(in, "status");
        if (s == null) {
            return null;
        }
        try {
            return LeadStatus.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return LeadStatus.UNKNOWN;
        }
    }

    private static String text(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String t = v.asText();
        return t.isBlank() ? null : t;
    }
}
