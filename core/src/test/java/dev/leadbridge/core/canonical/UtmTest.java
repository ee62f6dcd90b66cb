package dev.leadbridge.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Attribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UtmTest {

    @Test
    void utmValuesInMetadataFillOnlyTheGaps() {
        Attribution given = Attribution.EMPTY.withUtmDefaults("newsletter", null, null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("utm_source", "ads");
        metadata.put("utm_medium", 42);
        metadata.put("utm_campaign", "spring");

        Attribution filled = Utm.fillFromMetadata(given, metadata);

        assertThat(filled.utmSource()).isEqualTo("newsletter");
        assertThat(filled.utmMedium()).isEqualTo("42");
        assertThat(filled.utmCampaign()).isEqualTo("spring");
    }

    @Test
    void blankTextObjectsAndListsAreNoUtmValues() {
        Map<String, Object> metadata = Map.of("utm_source", " ", "utm_medium", Map.of("a", 1),
                "utm_campaign", List.of("x"));

        assertThat(Utm.fillFromMetadata(Attribution.EMPTY, metadata)).isEqualTo(Attribution.EMPTY);
        assertThat(Utm.fillFromMetadata(Attribution.EMPTY, null)).isEqualTo(Attribution.EMPTY);
    }
}
