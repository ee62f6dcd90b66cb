package dev.leadbridge.cli.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.NewLead;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a target provider's create can hold, and the turning of one canonical lead (as export JSON) into the
 * {@link NewLead} sent to it: fields the target cannot hold are dropped and named, and the target's required fields
 * are checked before any request (a typed rejection reason). The rules mirror the providers' own create validation
 * ({@code docs/providers/*.md}); the provider still checks again before its request.
 *
 * <p>Identity, derived and server-assigned fields ({@code id}, {@code connection}, {@code provider}, {@code nativeId},
 * {@code personKey}, {@code phoneE164}, {@code statusRaw}, {@code createdAt}, {@code updatedAt}, {@code raw}) are never
 * sent and never reported: the target assigns its own.
 */
public final class TargetShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OCTANIST_CLICK_IDS = List.of("gclid", "dclid", "wbraid", "gbraid", "ga4cid",
            "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid", "rdt_cid", "sccid", "epik", "li_fat_id");

    private final String provider;
    private final Set<String> holds;
    private final boolean nameAsFirstName;

    private TargetShape(String provider, Set<String> holds, boolean nameAsFirstName) {
        this.provider = provider;
        this.holds = holds;
        this.nameAsFirstName = nameAsFirstName;
    }

    /**
     * The shape of a provider's create.
     *
     * @param providerId the provider id ({@code octanist}, {@code nexor}, {@code workspace-v1}); another id gets a
     *                   shape that sends every field and lets the provider refuse what it cannot hold
     */
    public static TargetShape of(String providerId) {
        return switch (providerId) {
            case "octanist" -> new TargetShape(providerId, Set.of("name", "email", "phone", "note", "custom",
                    "attribution.website", "attribution.path", "attribution.utmSource", "attribution.utmMedium",
                    "attribution.utmCampaign", "attribution.clickIds", "consent", "status:OPEN"), false);
            case "workspace-v1" -> new TargetShape(providerId, Set.of("name", "email", "phone", "source", "status",
                    "custom", "attribution.utmSource", "attribution.utmMedium", "attribution.utmCampaign"), false);
            case "nexor" -> new TargetShape(providerId, Set.of("firstName", "lastName", "email", "phone", "custom",
                    "attribution.utmSource", "attribution.utmMedium", "attribution.utmCampaign",
                    "attribution.clickIds", "campaign", "workflow", "status:OPEN", "source:api"), true);
            default -> new TargetShape(providerId, Set.of("name", "firstName", "lastName", "email", "phone",
                    "company", "title", "source", "status", "value", "note", "custom", "attribution.website",
                    "attribution.path", "attribution.utmSource", "attribution.utmMedium", "attribution.utmCampaign",
                    "attribution.clickIds", "attribution.googleAds", "consent", "campaign", "workflow"), false);
        };
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
        NewLead.Builder b = NewLead.builder();
        String name = text(in, "name");
        String first = text(in, "firstName");
        String last = text(in, "lastName");
        String joined = join(first, last);
        if (holds.contains("firstName")) {
            if (first == null && last == null && name != null && nameAsFirstName) {
                first = name; // the full name goes into first_name unsplit
            } else if (name != null && !name.equals(joined)) {
                dropped.add("name");
            }
            b.firstName(first);
            if (holds.contains("lastName")) {
                b.lastName(last);
            } else if (last != null) {
                dropped.add("lastName");
            }
        } else {
            if (name == null) {
                name = joined;
            } else if ((first != null || last != null) && !name.equals(joined)) {
                if (first != null) {
                    dropped.add("firstName");
                }
                if (last != null) {
                    dropped.add("lastName");
                }
            }
            b.name(name);
        }
        b.email(keep(in, "email", dropped));
        b.phone(keep(in, "phone", dropped));
        b.company(keep(in, "company", dropped));
        b.title(keep(in, "title", dropped));
        b.note(keep(in, "note", dropped));
        String source = text(in, "source");
        if (source != null) {
            if (holds.contains("source") || holds.contains("source:" + source)) {
                b.source(holds.contains("source") ? source : null);
            } else {
                dropped.add("source");
            }
        }
        LeadStatus status = status(in);
        if (status != null && status != LeadStatus.UNKNOWN && holds.contains("status")) {
            b.status(status);
        } else if (status != null && !holds.contains("status:" + status.name())) {
            dropped.add("status");
        }
        JsonNode value = in.get("value");
        if (value != null && !value.isNull()) {
            if (holds.contains("value")) {
                b.value(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText()));
            } else {
                dropped.add("value");
            }
        }
        b.attribution(attribution(in.path("attribution"), dropped));
        b.consent(consent(in.path("consent"), dropped));
        b.campaignId(reference(in, "campaign", dropped));
        b.workflowId(reference(in, "workflow", dropped));
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
        String rejection = required(lead);
        return new Fit(rejection == null ? lead : null, dropped, rejection);
    }

    /** The target's required fields, checked before any request; null when the lead has them. */
    private String required(NewLead lead) {
        return switch (provider) {
            case "octanist" -> lead.name() == null && lead.email() == null && lead.phone() == null
                    && lead.custom().isEmpty() ? "an Octanist lead needs at least one of name, email, phone or custom"
                    : null;
            case "workspace-v1" -> lead.name() == null || lead.email() == null
                    ? "workspace-v1 requires name and email; missing: " + (lead.name() == null
                    ? (lead.email() == null ? "name, email" : "name") : "email") : null;
            case "nexor" -> lead.firstName() == null ? "Nexor requires first_name (firstName, or name when the"
                    + " source has no firstName)" : null;
            default -> null;
        };
    }

    private String keep(ObjectNode in, String field, Set<String> dropped) {
        String v = text(in, field);
        if (v != null && !holds.contains(field)) {
            dropped.add(field);
            return null;
        }
        return v;
    }

    private Attribution attribution(JsonNode a, Set<String> dropped) {
        if (!a.isObject()) {
            return Attribution.EMPTY;
        }
        String website = nested(a, "website", "attribution.website", dropped);
        String path = nested(a, "path", "attribution.path", dropped);
        String utmSource = nested(a, "utmSource", "attribution.utmSource", dropped);
        String utmMedium = nested(a, "utmMedium", "attribution.utmMedium", dropped);
        String utmCampaign = nested(a, "utmCampaign", "attribution.utmCampaign", dropped);
        Map<String, String> clickIds = new LinkedHashMap<>();
        a.path("clickIds").fields().forEachRemaining(e -> {
            if (e.getValue().isNull() || e.getValue().asText().isBlank()) {
                return;
            }
            boolean ok = holds.contains("attribution.clickIds")
                    && (!provider.equals("octanist") || OCTANIST_CLICK_IDS.contains(e.getKey()));
            if (ok) {
                clickIds.put(e.getKey(), e.getValue().asText());
            } else {
                dropped.add("attribution.clickIds." + e.getKey());
            }
        });
        JsonNode g = a.path("googleAds");
        GoogleAds ads = new GoogleAds(text(g, "campaignId"), text(g, "campaignName"), text(g, "adGroupId"),
                text(g, "adGroupName"), text(g, "adId"));
        if (!ads.equals(GoogleAds.EMPTY) && !holds.contains("attribution.googleAds")) {
            dropped.add("attribution.googleAds");
            ads = GoogleAds.EMPTY;
        }
        return new Attribution(website, path, utmSource, utmMedium, utmCampaign, clickIds, ads);
    }

    private String nested(JsonNode parent, String field, String canonical, Set<String> dropped) {
        String v = text(parent, field);
        if (v != null && !holds.contains(canonical)) {
            dropped.add(canonical);
            return null;
        }
        return v;
    }

    private Consent consent(JsonNode c, Set<String> dropped) {
        if (!c.isObject()) {
            return Consent.UNKNOWN;
        }
        Consent consent = new Consent(flag(c, "adStorage"), flag(c, "adUserData"), flag(c, "adPersonalization"),
                flag(c, "analyticsStorage"));
        if (!consent.equals(Consent.UNKNOWN) && !holds.contains("consent")) {
            dropped.add("consent");
            return Consent.UNKNOWN;
        }
        return consent;
    }

    private String reference(ObjectNode in, String field, Set<String> dropped) {
        JsonNode ref = in.get(field);
        if (ref == null || !ref.isObject()) {
            return null;
        }
        String id = text(ref, "id");
        if (id != null && holds.contains(field)) {
            return id;
        }
        dropped.add(field);
        return null;
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

    private static String join(String first, String last) {
        if (first == null && last == null) {
            return null;
        }
        return first == null ? last : last == null ? first : first + " " + last;
    }
}
