package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.leadbridge.cli.output.LeadCsvWriter;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Reference;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical JSON and the CSV layout of one lead with awkward values. */
class OutputFormatTest {

    private static Lead awkward() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("budget", new BigDecimal("1.5E+3"));
        custom.put("tags", List.of("a", "b"));
        custom.put("nested", Map.of("ok", true));
        return Lead.builder().connection("acme").provider("octanist").nativeId("ld_1")
                .name("Zoë \"Zo\" O'Connor, Jr.").email(" ZOE@Example.com ").phone("+31 6 12345678")
                .status(LeadStatus.WON).statusRaw("win").value(new BigDecimal("1E+3"))
                .note("line one\nline two").source("")
                .attribution(new Attribution("example.com", "/contact", "google", "cpc", "spring",
                        Map.of("gclid", "abc"), new GoogleAds("1", "Brand", null, null, null)))
                .consent(new Consent(true, false, null, null))
                .campaign(new Reference("c1", "Q1", Map.of("status", "active", "id", "ignored")))
                .labels(List.of("vip", "a|b", "back\\slash"))
                .custom(custom)
                .createdAt(OffsetDateTime.parse("2026-03-10T12:00:00+02:00").toInstant())
                .raw(JsonNodeFactory.instance.objectNode().put("id", "ld_1"))
                .build();
    }

    @Test
    void writesEveryCanonicalFieldInOrderWithPlainDecimalsAndUtcInstants() {
        String json = new LeadJsonWriter(false).toJson(awkward());

        JsonNode node = Schemas.assertValidLead(json);
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(LeadJsonWriter.FIELDS.subList(0, LeadJsonWriter.FIELDS.size() - 1));
        assertThat(json).contains("\"value\":1000,", "\"budget\":1500", "\"createdAt\":\"2026-03-10T10:00:00Z\"",
                "\"updatedAt\":null", "\"email\":\"ZOE@Example.com\"", "\"source\":\"\"",
                "\"campaign\":{\"id\":\"c1\",\"name\":\"Q1\",\"status\":\"active\"}", "\"workflow\":null",
                "\"clickIds\":{\"gclid\":\"abc\"}", "\"adStorage\":true,\"adUserData\":false,\"adPersonalization\":null");
        assertThat(json).doesNotContain("\n").doesNotContain("\"raw\"").doesNotContain("E+");
    }

    @Test
    void addsRawLastWhenAsked() {
        JsonNode node = Schemas.assertValidLead(new LeadJsonWriter(true).toJson(awkward()));

        assertThat(node.get("raw").get("id").asText()).isEqualTo("ld_1");
    }

    @Test
    void writesRfc4180CsvWithDottedColumnsAndEscapedLists() {
        StringWriter out = new StringWriter();
        LeadCsvWriter csv = new LeadCsvWriter(out, false);

        csv.write(awkward());

        List<List<String>> records = Rfc4180.parse(out.toString());
        List<String> header = records.get(0);
        List<String> row = records.get(1);
        assertThat(header).startsWith("id", "connection", "provider", "nativeId", "personKey")
                .contains("attribution.utmSource", "attribution.clickIds", "attribution.googleAds.campaignId",
                        "consent.adStorage", "campaign.id", "campaign.name", "campaign.attributes", "labels", "custom");
        assertThat(row.get(header.indexOf("name"))).isEqualTo("Zoë \"Zo\" O'Connor, Jr.");
        assertThat(row.get(header.indexOf("note"))).isEqualTo("line one\nline two");
        assertThat(row.get(header.indexOf("value"))).isEqualTo("1000");
        assertThat(row.get(header.indexOf("labels"))).isEqualTo("vip|a\\|b|back\\\\slash");
        assertThat(row.get(header.indexOf("attribution.clickIds"))).isEqualTo("{\"gclid\":\"abc\"}");
        assertThat(row.get(header.indexOf("campaign.attributes"))).isEqualTo("{\"status\":\"active\"}");
        assertThat(row.get(header.indexOf("consent.adStorage"))).isEqualTo("true");
        assertThat(row.get(header.indexOf("consent.adPersonalization"))).isEmpty();
        assertThat(row.get(header.indexOf("createdAt"))).isEqualTo("2026-03-10T10:00:00Z");
        assertThat(out.toString()).contains(",\"\",").contains("\"Zoë \"\"Zo\"\" O'Connor, Jr.\"");
    }
}
