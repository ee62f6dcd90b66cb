package dev.leadbridge.provider.octanist.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbridge.core.canonical.UnreadableFields;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.spi.StatusMapping;
import java.util.Map;

/**
 * What {@link OctanistLeadMapper} needs besides the wire lead: where the lead comes from and how to read it.
 *
 * @param connection    the connection name
 * @param provider      the provider id
 * @param statusMapping raw status to category
 * @param defaultRegion region for phone numbers without a country code, or null
 * @param raw           the lead's original JSON object
 * @param details       provider and connection, for errors
 * @param unreadable    where fields of the wrong type are recorded (they are read as null)
 * @param custom        the lead's {@code custom}, read once (it feeds both {@code custom} and the UTM defaults)
 */
record OctanistReadContext(String connection, String provider, StatusMapping statusMapping, String defaultRegion,
                   JsonNode raw, ErrorDetails details, UnreadableFields unreadable, Map<String, Object> custom) {
}
