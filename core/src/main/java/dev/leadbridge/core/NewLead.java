package dev.leadbridge.core;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code create} takes: the fields of a lead that does not exist yet, in canonical terms. A provider sends what
 * its API accepts and rejects, before any request, a lead missing what its API requires. Immutable; build with
 * {@link #builder()}.
 *
 * @param name full name
 * @param firstName first name (providers with first/last names; derived from nothing)
 * @param lastName last name
 * @param email email
 * @param phone phone
 * @param company company
 * @param title job title
 * @param source source value in the provider's vocabulary
 * @param status initial status, null for the provider's default
 * @param value monetary value
 * @param note free-text note
 * @param attribution attribution, never null
 * @param consent consent signals, never null
 * @param campaignId the provider's campaign id (Nexor)
 * @param workflowId the provider's workflow id (Nexor)
 * @param custom free-form data: Octanist {@code custom}, Nexor and workspace-v1 {@code metadata}; never null
 * @param providerFields extra provider-specific body fields sent as given (e.g. Octanist {@code sessionId}); never null
 */
public record NewLead(String name,
                      String firstName,
                      String lastName,
                      String email,
                      String phone,
                      String company,
                      String title,
                      String source,
                      LeadStatus status,
                      BigDecimal value,
                      String note,
                      Attribution attribution,
                      Consent consent,
                      String campaignId,
                      String workflowId,
                      Map<String, Object> custom,
                      Map<String, Object> providerFields) {

    /** Replaces null nested values by their empty forms and copies the maps. */
    public NewLead {
        attribution = Objects.requireNonNullElse(attribution, Attribution.EMPTY);
        consent = Objects.requireNonNullElse(consent, Consent.UNKNOWN);
        custom = JsonValues.freezeMap(custom);
        providerFields = JsonValues.freezeMap(providerFields);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewLead}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private String firstName;
        private String lastName;
        private String email;
        private String phone;
        private String company;
        private String title;
        private String source;
        private LeadStatus status;
        private BigDecimal value;
        private String note;
        private Attribution attribution;
        private Consent consent;
        private String campaignId;
        private String workflowId;
        private Map<String, Object> custom;
        private Map<String, Object> providerFields;

        private Builder() {
        }

        /** Sets name: full name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets firstName: first name (providers with first/last names; derived from nothing). */
        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        /** Sets lastName: last name. */
        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        /** Sets email: email. */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** Sets phone: phone. */
        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        /** Sets company: company. */
        public Builder company(String company) {
            this.company = company;
            return this;
        }

        /** Sets title: job title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets source: source value in the provider's vocabulary. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Sets status: initial status, null for the provider's default. */
        public Builder status(LeadStatus status) {
            this.status = status;
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

        /** Sets attribution: attribution, never null. */
        public Builder attribution(Attribution attribution) {
            this.attribution = attribution;
            return this;
        }

        /** Sets consent: consent signals, never null. */
        public Builder consent(Consent consent) {
            this.consent = consent;
            return this;
        }

        /** Sets campaignId: the provider's campaign id (Nexor). */
        public Builder campaignId(String campaignId) {
            this.campaignId = campaignId;
            return this;
        }

        /** Sets workflowId: the provider's workflow id (Nexor). */
        public Builder workflowId(String workflowId) {
            this.workflowId = workflowId;
            return this;
        }

        /** Sets custom: free-form data: Octanist {@code custom}, Nexor and workspace-v1 {@code metadata}; never null. */
        public Builder custom(Map<String, Object> custom) {
            this.custom = custom;
            return this;
        }

        /** Sets providerFields: extra provider-specific body fields sent as given (e.g. Octanist {@code sessionId}); never null. */
        public Builder providerFields(Map<String, Object> providerFields) {
            this.providerFields = providerFields;
            return this;
        }

        /** Builds the value. */
        public NewLead build() {
            return new NewLead(name, firstName, lastName, email, phone, company, title, source, status, value, note, attribution, consent, campaignId, workflowId, custom, providerFields);
        }
    }
}
