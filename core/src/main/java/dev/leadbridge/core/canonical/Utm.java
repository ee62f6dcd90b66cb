package dev.leadbridge.core.canonical;

import dev.leadbridge.core.Attribution;
import java.util.Map;

/**
 * The canonical UTM rule: UTM values found in a provider's metadata ({@code utm_source}, {@code utm_medium},
 * {@code utm_campaign}) fill the attribution's UTM values where it has none. A value counts when it is non-blank
 * text, a number or a boolean; objects and lists do not.
 */
public final class Utm {

    /** The metadata key of the UTM source. */
    public static final String SOURCE = "utm_source";
    /** The metadata key of the UTM medium. */
    public static final String MEDIUM = "utm_medium";
    /** The metadata key of the UTM campaign. */
    public static final String CAMPAIGN = "utm_campaign";

    private Utm() {
    }

    /** {@code attribution} with its missing UTM values taken from {@code metadata} (null or empty: unchanged). */
    public static Attribution fillFromMetadata(Attribution attribution, Map<String, ?> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return attribution;
        }
        return attribution.withUtmDefaults(scalar(metadata.get(SOURCE)), scalar(metadata.get(MEDIUM)),
                scalar(metadata.get(CAMPAIGN)));
    }

    private static String scalar(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }
}
