package dev.leadbridge.core.contract;

import dev.leadbridge.core.LeadStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A provider-neutral lead the contract suite seeds into a simulator; each fixture writes it in its provider's native
 * JSON. Names are unique, so assertions identify leads by name across providers.
 *
 * @param name        full name (unique); for first/last providers the part before the first space is the first name
 * @param email       email or null
 * @param phone       phone or null
 * @param status      canonical status (OPEN, CONTACTED?, QUALIFIED, WON, LOST); the fixture writes the provider's raw value
 * @param source      source value
 * @param value       value or null
 * @param createdAt   creation time
 * @param updatedAt   last update time
 * @param qualifiedAt qualification time or null
 * @param gclid       gclid or null
 * @param utmSource   utm_source or null
 * @param utmMedium   utm_medium or null
 * @param utmCampaign utm_campaign or null
 */
public record SeedLead(String name, String email, String phone, LeadStatus status, String source, BigDecimal value,
                       Instant createdAt, Instant updatedAt, Instant qualifiedAt, String gclid, String utmSource,
                       String utmMedium, String utmCampaign) {

    /** The part of the name before the first space. */
    public String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /** The part of the name after the first space, or null. */
    public String lastName() {
        int space = name.indexOf(' ');
        return space < 0 ? null : name.substring(space + 1);
    }
}
