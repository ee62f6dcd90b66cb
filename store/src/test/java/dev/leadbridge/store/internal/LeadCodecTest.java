package dev.leadbridge.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Reference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store's encoding is part of what is stored: a change to its text changes every content hash, and the next sync
 * would mark every lead changed. These pin it to the text and hashes the first version of the store wrote.
 */
class LeadCodecTest {

    private static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    @Test
    void aFullLeadEncodesToTheTextAndHashTheFirstStoreVersionWrote() {
        LeadCodec.Encoded e = LeadCodec.encode(fullLead());
        assertThat(e.attribution()).isEqualTo("{\"website\":\"https://acme.example\",\"path\":\"/p?q=1&r=\u00e9\","
                + "\"utmSource\":\"google\",\"utmMedium\":null,\"utmCampaign\":\"spring\",\"clickIds\":{\"gclid\":"
                + "\"g\u00fc\\\"1\",\"fbc\":\"fb.1\"},\"googleAds\":{\"campaignId\":\"c1\",\"campaignName\":"
                + "\"Camp \\\"1\\\"\",\"adGroupId\":null,\"adGroupName\":\"ag\",\"adId\":\"ad1\"}}");
        assertThat(e.consent()).isEqualTo("{\"adStorage\":true,\"adUserData\":false,\"adPersonalization\":null,"
                + "\"analyticsStorage\":true}");
        assertThat(e.campaign()).isEqualTo("{\"id\":\"c9\",\"name\":\"Spring\",\"budget\":10}");
        assertThat(e.workflow()).isNull();
        assertThat(e.assignee()).isEqualTo("{\"id\":\"u1\",\"name\":null}");
        assertThat(e.labels()).isEqualTo("[\"hot\",\"vip \u00e9\",\"a\\\"b\"]");
        assertThat(e.custom()).isEqualTo("{\"score\":7,\"tags\":[\"a\",\"b\"],\"ratio\":1.50}");
        assertThat(e.raw()).isEqualTo("{\"id\":\"lead_1\",\"value\":12.50,\"note\":\"caf\u00e9 \\\"q\\\" \\\\ \\n\\t"
                + "\\u0001\"}");
        assertThat(e.contentHash()).isEqualTo("13d59ae43e4ef67199fc9ae91eb69d5778e9b7f2118f365d81859c3aa66d6c7f");
    }

    @Test
    void aLeadWithNothingButItsIdEncodesToTheTextAndHashTheFirstStoreVersionWrote() {
        LeadCodec.Encoded e = LeadCodec.encode(Lead.builder().connection("c").provider("workspace-v1").nativeId("9")
                .status(LeadStatus.OPEN).build());
        assertThat(e.attribution()).isEqualTo("{\"website\":null,\"path\":null,\"utmSource\":null,\"utmMedium\":null,"
                + "\"utmCampaign\":null,\"clickIds\":{},\"googleAds\":{\"campaignId\":null,\"campaignName\":null,"
                + "\"adGroupId\":null,\"adGroupName\":null,\"adId\":null}}");
        assertThat(e.consent()).isEqualTo("{\"adStorage\":null,\"adUserData\":null,\"adPersonalization\":null,"
                + "\"analyticsStorage\":null}");
        assertThat(e.labels()).isEqualTo("[]");
        assertThat(e.custom()).isEqualTo("{}");
        assertThat(e.raw()).isEqualTo("{}");
        assertThat(e.contentHash()).isEqualTo("f17e5f702713abe5e21b7fb8af82888cd4b4ae9a78c2bf749e88512974b9b142");
    }

    @Test
    void attributionConsentAndLabelsWrittenDirectlyMatchTheirTreesForManyRandomValues() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> clicks = new LinkedHashMap<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                clicks.put(text(random), text(random));
            }
            Attribution a = new Attribution(text(random), text(random), text(random), text(random), text(random),
                    clicks, new GoogleAds(text(random), text(random), text(random), text(random), text(random)));
            assertThat(LeadCodec.attributionJson(a)).isEqualTo(LeadCodec.write(LeadCodec.attribution(a)));
            Consent c = new Consent(bool(random), bool(random), bool(random), bool(random));
            assertThat(LeadCodec.consentJson(c)).isEqualTo(LeadCodec.write(LeadCodec.consent(c)));
            List<String> labels = random.nextBoolean() ? List.of() : List.of(String.valueOf(text(random)), "x");
            var tree = JsonNodeFactory.instance.arrayNode();
            labels.forEach(tree::add);
            assertThat(LeadCodec.labelsJson(labels)).isEqualTo(LeadCodec.write(tree));
        }
    }

    @Test
    void everyCharacterIsEscapedInAStringAsJacksonEscapesIt() {
        for (int c = 0; c < 0x10000; c++) {
            String value = "a" + (char) c + "z";
            assertThat(LeadCodec.quote(new StringBuilder(), value).toString())
                    .as("U+%04X", c).isEqualTo(LeadCodec.write(JsonNodeFactory.instance.textNode(value)));
        }
        assertThat(LeadCodec.quote(new StringBuilder(), null).toString()).isEqualTo("null");
    }

    @Test
    void instantTextIsReadBackToTheInstantStored() {
        SplittableRandom random = new SplittableRandom(3);
        long max = Instant.parse("+10002-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant stored = Dialect.stored(Instant.ofEpochSecond(random.nextLong(0, max),
                    random.nextInt(1_000_000_000)));
            assertThat(Dialect.parseText(Dialect.text(stored))).isEqualTo(stored);
        }
        assertThat(Dialect.parseText("2025-01-02T03:04:05Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(Dialect.parseText(null)).isNull();
    }

    @Test
    void instantTextIsTheFormattersTextFromYearZeroBeyondYear9999() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("-0003-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10002-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(Dialect.text(instant)).isEqualTo(FORMATTER.format(Dialect.stored(instant)));
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z")) {
            Instant instant = Instant.parse(edge);
            assertThat(Dialect.text(instant)).isEqualTo(FORMATTER.format(Dialect.stored(instant)));
        }
        assertThat(Dialect.text(Instant.parse("2025-01-02T03:04:05.123456789Z")))
                .isEqualTo("2025-01-02T03:04:05.123456Z");
    }

    private static String text(SplittableRandom random) {
        String[] pool = {null, "", "plain", "caf\u00e9", "quote\"d", "back\\slash", "line\nbreak", "tab\t",
            "ctl\u0001", "\ud83d\ude00 emoji", "https://x.example/p?a=1&b=2", "<html>", "\u2028sep"};
        return pool[random.nextInt(pool.length)];
    }

    private static Boolean bool(SplittableRandom random) {
        int v = random.nextInt(3);
        return v == 0 ? null : v == 1;
    }

    private static Lead fullLead() {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("id", "lead_1");
        raw.put("value", new BigDecimal("12.50"));
        raw.put("note", "caf\u00e9 \"q\" \\ \n\t\u0001");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("score", 7);
        custom.put("tags", List.of("a", "b"));
        custom.put("ratio", new BigDecimal("1.50"));
        Map<String, String> clicks = new LinkedHashMap<>();
        clicks.put("gclid", "g\u00fc\"1");
        clicks.put("fbc", "fb.1");
        return Lead.builder().connection("acme").provider("octanist").nativeId("lead_1")
                .name("J\u00fcrgen \"JJ\" O'Neil").firstName("J\u00fcrgen").lastName("O'Neil").email("j@example.com")
                .phone("+31 6 12345678").company("Acme\nB.V.").title("CEO").status(LeadStatus.QUALIFIED)
                .statusRaw("qualified").source("api").value(new BigDecimal("1234.500"))
                .note("line1\r\nline2 \u2603 \ud83d\ude00").lossReason(null).conversionName("Signup")
                .attribution(new Attribution("https://acme.example", "/p?q=1&r=\u00e9", "google", null, "spring",
                        clicks, new GoogleAds("c1", "Camp \"1\"", null, "ag", "ad1")))
                .consent(new Consent(true, false, null, true))
                .campaign(new Reference("c9", "Spring", Map.of("budget", 10)))
                .assignee(new Reference("u1", null, Map.of()))
                .labels(List.of("hot", "vip \u00e9", "a\"b"))
                .custom(custom)
                .createdAt(Instant.parse("2025-01-02T03:04:05.123456789Z"))
                .updatedAt(Instant.parse("2025-06-07T08:09:10Z"))
                .qualifiedAt(Instant.parse("1999-12-31T23:59:59.000001Z"))
                .expiresAt(Instant.parse("+10000-01-01T00:00:00Z"))
                .raw(raw).build();
    }
}
