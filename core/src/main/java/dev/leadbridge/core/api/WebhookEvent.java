package dev.leadbridge.core.api;

import dev.leadbridge.core.Lead;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified webhook delivery, read by a connection's {@link WebhookReader}. It carries a lead (mapped by the
 * provider's own lead reader, as a get would), names one by its native id only, or concerns no lead at all (a
 * meeting event, an event type Leadbridge does not know).
 *
 * @param connection   the connection the delivery was for
 * @param provider     the provider id
 * @param eventKey     the key repeated deliveries of the same event share, for deduplication: Nexor's
 *                     {@code event_id}, {@code sha256:<hex>} of the body for PollyBot (which sends no event id)
 * @param eventType    the provider's event type, e.g. {@code LEAD_CREATED} or {@code workflow_run.status_changed}
 * @param test         whether the provider marked it a test delivery (acknowledged, recorded as ignored)
 * @param lead         the lead the event carries, if any
 * @param leadNativeId the native id of the lead the event is about: the carried lead's, or the one an id-only event
 *                     names (get it by id); empty when the event concerns no lead
 */
public record WebhookEvent(String connection, String provider, String eventKey, String eventType, boolean test,
                           Optional<Lead> lead, Optional<String> leadNativeId) {

    /** Checks that nothing is null and that a carried lead's id is the named one. */
    public WebhookEvent {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(leadNativeId, "leadNativeId");
        if (lead.isPresent()) {
            leadNativeId = Optional.of(lead.get().nativeId());
        }
    }

    /** Whether there is a lead to store: carried, or to get by its id. */
    public boolean concernsLead() {
        return leadNativeId.isPresent();
    }
}
