package dev.leadbridge.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical lead: one schema for the leads of every provider, as fixed by the project's contract
 * ({@code CANONICAL.md}). Immutable; collections are unmodifiable copies, and {@link #raw()} is a private copy of
 * the provider's JSON that callers must not modify. Build one with {@link #builder()}, which also derives
 * {@code id}, {@code phoneE164} and {@code personKey} when they are not set.
 *
 * @param id the global id {@code <connection>:<nativeId>}
 * @param connection the connection (one account at one provider) the lead was read from
 * @param provider the provider id, e.g. {@code octanist}
 * @param nativeId the provider's own id, untouched
 * @param personKey the cross-provider identity of the person, or null (see {@link PersonKey})
 * @param name full name; for providers with first and last names, the two joined with one space
 * @param firstName first name, only when the provider has it as a field
 * @param lastName last name, only when the provider has it as a field
 * @param email email as given, trimmed
 * @param phone phone as given
 * @param phoneE164 phone normalised to E.164, null when not parseable
 * @param company company, where the provider has it as a field
 * @param title job title, where the provider has it as a field
 * @param status the canonical status category, never null
 * @param statusRaw the provider's own status value, untouched
 * @param source the provider's own source value
 * @param value monetary value
 * @param note free-text note
 * @param lossReason why the lead was lost
 * @param conversionName the conversion the lead counts as
 * @param attribution where the lead came from, never null
 * @param consent consent signals, never null
 * @param campaign the campaign, where the provider has one
 * @param workflow the workflow, where the provider has one
 * @param assignee the assigned user, where the provider has one
 * @param labels label ids or tags, never null
 * @param custom free-form provider data as JSON-like values, never null
 * @param createdAt when the lead was created, UTC
 * @param updatedAt when the lead was last updated, UTC
 * @param qualifiedAt when the lead was qualified, UTC
 * @param expiresAt when the lead expires, UTC
 * @param raw the provider's original JSON for this lead, never null (an empty object when unknown)
 */
public record Lead(String id,
                   String connection,
                   String provider,
                   String nativeId,
                   String personKey,
                   String name,
                   String firstName,
                   String lastName,
                   String email,
                   String phone,
                   String phoneE164,
                   String company,
                   String title,
                   LeadStatus status,
                   String statusRaw,
                   String source,
                   BigDecimal value,
                   String note,
                   String lossReason,
                   String conversionName,
                   Attribution attribution,
                   Consent consent,
                   Reference campaign,
                   Reference workflow,
                   Reference assignee,
                   List<String> labels,
                   Map<String, Object> custom,
                   Instant createdAt,
                   Instant updatedAt,
                   Instant qualifiedAt,
                   Instant expiresAt,
                   JsonNode raw) {

    /** Checks the identity and replaces null collections and nested values by their empty forms. */
    public Lead {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(nativeId, "nativeId");
        if (id == null) {
            id = connection + ":" + nativeId;
        }
        status = Objects.requireNonNullElse(status, LeadStatus.UNKNOWN);
        attribution = Objects.requireNonNullElse(attribution, Attribution.EMPTY);
        consent = Objects.requireNonNullElse(consent, Consent.UNKNOWN);
        labels = labels == null || labels.isEmpty() ? List.of() : withoutNulls(labels);
        custom = JsonValues.freezeMap(custom);
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    /** The labels without nulls, unmodifiable; a loop, not a stream: it runs for every lead read. */
    private static List<String> withoutNulls(List<String> labels) {
        List<String> kept = new ArrayList<>(labels.size());
        for (String label : labels) {
            if (label != null) {
                kept.add(label);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this lead's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.id = id;
            b.connection = connection;
            b.provider = provider;
            b.nativeId = nativeId;
            b.personKey = personKey;
            b.name = name;
            b.firstName = firstName;
            b.lastName = lastName;
            b.email = email;
            b.phone = phone;
            b.phoneE164 = phoneE164;
            b.company = company;
            b.title = title;
            b.status = status;
            b.statusRaw = statusRaw;
            b.source = source;
            b.value = value;
            b.note = note;
            b.lossReason = lossReason;
            b.conversionName = conversionName;
            b.attribution = attribution;
            b.consent = consent;
            b.campaign = campaign;
            b.workflow = workflow;
            b.assignee = assignee;
            b.labels = labels;
            b.custom = custom;
            b.createdAt = createdAt;
            b.updatedAt = updatedAt;
            b.qualifiedAt = qualifiedAt;
            b.expiresAt = expiresAt;
            b.raw = raw;
        return b;
    }

    /**
     * Builds a {@link Lead}. Unset {@code id} becomes {@code <connection>:<nativeId>}; unset {@code phoneE164} is
     * derived from {@code phone} with {@link #defaultRegion(String)}; unset {@code personKey} is derived from email
     * and phone. Not thread-safe.
     */
    public static final class Builder {
        private String id;
        private String connection;
        private String provider;
        private String nativeId;
        private String personKey;
        private String name;
        private String firstName;
        private String lastName;
        private String email;
        private String phone;
        private String phoneE164;
        private String company;
        private String title;
        private LeadStatus status;
        private String statusRaw;
        private String source;
        private BigDecimal value;
        private String note;
        private String lossReason;
        private String conversionName;
        private Attribution attribution;
        private Consent consent;
        private Reference campaign;
        private Reference workflow;
        private Reference assignee;
        private List<String> labels;
        private Map<String, Object> custom;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant qualifiedAt;
        private Instant expiresAt;
        private JsonNode raw;
        private String defaultRegion;

        private Builder() {
        }

        /** Sets id: the global id {@code <connection>:<nativeId>}. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets connection: the connection (one account at one provider) the lead was read from. */
        public Builder connection(String connection) {
            this.connection = connection;
            return this;
        }

        /** Sets provider: the provider id, e.g. {@code octanist}. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** Sets nativeId: the provider's own id, untouched. */
        public Builder nativeId(String nativeId) {
            this.nativeId = nativeId;
            return this;
        }

        /** Sets personKey: the cross-provider identity of the person, or null (see {@link PersonKey}). */
        public Builder personKey(String personKey) {
            this.personKey = personKey;
            return this;
        }

        /** Sets name: full name; for providers with first and last names, the two joined with one space. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets firstName: first name, only when the provider has it as a field. */
        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        /** Sets lastName: last name, only when the provider has it as a field. */
        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        /** Sets email: email as given, trimmed. */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** Sets phone: phone as given. */
        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        /** Sets phoneE164: phone normalised to E.164, null when not parseable. */
        public Builder phoneE164(String phoneE164) {
            this.phoneE164 = phoneE164;
            return this;
        }

        /** Sets company: company, where the provider has it as a field. */
        public Builder company(String company) {
            this.company = company;
            return this;
        }

        /** Sets title: job title, where the provider has it as a field. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets status: the canonical status category, never null. */
        public Builder status(LeadStatus status) {
            this.status = status;
            return this;
        }

        /** Sets statusRaw: the provider's own status value, untouched. */
        public Builder statusRaw(String statusRaw) {
            this.statusRaw = statusRaw;
            return this;
        }

        /** Sets source: the provider's own source value. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Sets value: monetary value. */
        public Builder value(BigDecimal value) {
            this.value = value;
            return this;
        }

        /** Sets note: free-text note. */
        public Builder note(String note) {
            this.note = note;
            return this;
        }

        /** Sets lossReason: why the lead was lost. */
        public Builder lossReason(String lossReason) {
            this.lossReason = lossReason;
            return this;
        }

        /** Sets conversionName: the conversion the lead counts as. */
        public Builder conversionName(String conversionName) {
            this.conversionName = conversionName;
            return this;
        }

        /** Sets attribution: where the lead came from, never null. */
        public Builder attribution(Attribution attribution) {
            this.attribution = attribution;
            return this;
        }

        /** Sets consent: consent signals, never null. */
        public Builder consent(Consent consent) {
            this.consent = consent;
            return this;
        }

        /** Sets campaign: the campaign, where the provider has one. */
        public Builder campaign(Reference campaign) {
            this.campaign = campaign;
            return this;
        }

        /** Sets workflow: the workflow, where the provider has one. */
        public Builder workflow(Reference workflow) {
            this.workflow = workflow;
            return this;
        }

        /** Sets assignee: the assigned user, where the provider has one. */
        public Builder assignee(Reference assignee) {
            this.assignee = assignee;
            return this;
        }

        /** Sets labels: label ids or tags, never null. */
        public Builder labels(List<String> labels) {
            this.labels = labels;
            return this;
        }

        /** Sets custom: free-form provider data as JSON-like values, never null. */
        public Builder custom(Map<String, Object> custom) {
            this.custom = custom;
            return this;
        }

        /** Sets createdAt: when the lead was created, UTC. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Sets updatedAt: when the lead was last updated, UTC. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** Sets qualifiedAt: when the lead was qualified, UTC. */
        public Builder qualifiedAt(Instant qualifiedAt) {
            this.qualifiedAt = qualifiedAt;
            return this;
        }

        /** Sets expiresAt: when the lead expires, UTC. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Sets raw: the provider's original JSON for this lead, never null (an empty object when unknown). */
        public Builder raw(JsonNode raw) {
            this.raw = raw;
            return this;
        }

        /** The region (ISO 3166, e.g. {@code "NL"}) used to read phone numbers without a country code. */
        public Builder defaultRegion(String defaultRegion) {
            this.defaultRegion = defaultRegion;
            return this;
        }

        /** Builds the lead; connection, provider and nativeId are required. */
        public Lead build() {
            String e164 = phoneE164 != null ? phoneE164 : PersonKey.toE164(phone, defaultRegion);
            String key = personKey != null ? personKey : PersonKey.of(email, e164);
            String trimmedEmail = email == null ? null : email.trim();
            return new Lead(id, connection, provider, nativeId, key, name, firstName, lastName, trimmedEmail, phone,
                    e164, company, title, status, statusRaw, source, value, note, lossReason, conversionName,
                    attribution, consent, campaign, workflow, assignee, labels, custom, createdAt, updatedAt,
                    qualifiedAt, expiresAt, raw);
        }
    }
}
