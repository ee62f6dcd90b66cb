package dev.leadbridge.core.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbridge.core.Attribution;
import dev.leadbridge.core.Consent;
import dev.leadbridge.core.GoogleAds;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.Reference;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical JSON of a {@link Lead}: the field names and order of the contract's table ({@code CANONICAL.md}),
 * every field present (null when unknown), instants as ISO-8601 UTC ({@code ...Z}), {@code value} as a plain decimal
 * number, {@code campaign}/{@code workflow}/{@code assignee} as {@code {id, name, ...attributes}} (an attribute named
 * {@code id} or {@code name} never overrides those two) and {@code raw} only when asked. The same schema is shipped as
 * {@code dev/leadbridge/core/lead.schema.json}. Thread-safe.
 */
public final class LeadJsonWriter {

    /** The JSON field names in the order they are written ({@code raw} last, only with --raw). */
    public static final List<String> FIELDS = List.of("id", "connection", "provider", "nativeId", "personKey", "name",
            "firstName", "lastName", "email", "phone", "phoneE164", "company", "title", "status", "statusRaw", "source",
            "value", "note", "lossReason", "conversionName", "attribution", "consent", "campaign", "workflow",
            "assignee", "labels", "custom", "createdAt", "updatedAt", "qualifiedAt", "expiresAt", "raw");

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build());

    private final boolean includeRaw;

    /** A writer; {@code includeRaw} adds the provider's original JSON as {@code raw}. */
    public LeadJsonWriter(boolean includeRaw) {
        this.includeRaw = includeRaw;
    }

    /** The lead as one line of compact JSON, without a line break. */
    public String toJson(Lead lead) {
        StringWriter w = new StringWriter(1024);
        write(lead, w);
        return w.toString();
    }

    /** Writes the lead as compact JSON, without a line break. */
    public void write(Lead lead, Writer out) {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", lead.id());
            g.writeStringField("connection", lead.connection());
            g.writeStringField("provider", lead.provider());
            g.writeStringField("nativeId", lead.nativeId());
            g.writeStringField("personKey", lead.personKey());
            g.writeStringField("name", lead.name());
            g.writeStringField("firstName", lead.firstName());
            g.writeStringField("lastName", lead.lastName());
            g.writeStringField("email", lead.email());
            g.writeStringField("phone", lead.phone());
            g.writeStringField("phoneE164", lead.phoneE164());
            g.writeStringField("company", lead.company());
            g.writeStringField("title", lead.title());
            g.writeStringField("status", lead.status().name());
            g.writeStringField("statusRaw", lead.statusRaw());
            g.writeStringField("source", lead.source());
            g.writeFieldName("value");
            writeDecimal(g, lead.value());
            g.writeStringField("note", lead.note());
            g.writeStringField("lossReason", lead.lossReason());
            g.writeStringField("conversionName", lead.conversionName());
            g.writeFieldName("attribution");
            writeAttribution(g, lead.attribution());
            g.writeFieldName("consent");
            writeConsent(g, lead.consent());
            g.writeFieldName("campaign");
            writeReference(g, lead.campaign());
            g.writeFieldName("workflow");
            writeReference(g, lead.workflow());
            g.writeFieldName("assignee");
            writeReference(g, lead.assignee());
            g.writeArrayFieldStart("labels");
            for (String label : lead.labels()) {
                g.writeString(label);
            }
            g.writeEndArray();
            g.writeFieldName("custom");
            writeValue(g, lead.custom());
            writeInstant(g, "createdAt", lead.createdAt());
            writeInstant(g, "updatedAt", lead.updatedAt());
            writeInstant(g, "qualifiedAt", lead.qualifiedAt());
            writeInstant(g, "expiresAt", lead.expiresAt());
            if (includeRaw) {
                g.writeFieldName("raw");
                writeTree(g, lead.raw());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-like value (map, list, string, number, boolean, null, Jackson tree) as compact JSON text. */
    public static String valueToJson(Object value) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** An instant as ISO-8601 UTC ({@code 2026-03-10T12:00:00Z}, fractions as needed), or null. */
    public static String instant(Instant instant) {
        if (instant == null) {
            return null;
        }
        char[] text = new char[MAX_INSTANT_CHARS];
        int length = formatInstant(instant, text);
        return length < 0 ? DateTimeFormatter.ISO_INSTANT.format(instant) : new String(text, 0, length);
    }

    private static void writeInstant(JsonGenerator g, String field, Instant instant) throws IOException {
        g.writeFieldName(field);
        if (instant == null) {
            g.writeNull();
            return;
        }
        char[] text = new char[MAX_INSTANT_CHARS];
        int length = formatInstant(instant, text);
        if (length < 0) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
        } else {
            g.writeString(text, 0, length);
        }
    }

    /** The longest text {@link #formatInstant} writes: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    private static final int MAX_INSTANT_CHARS = 30;
    /** 10000-01-01T00:00:00Z: from there on ISO-8601 needs a sign and more year digits. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * Writes {@code instant} as {@link DateTimeFormatter#ISO_INSTANT} does (fraction in groups of 3 digits, as many
     * as needed) into {@code to} and returns its length; -1 for years before 1970 or after 9999, which are left to
     * the formatter. By hand because the formatter's general machinery was a good part of writing a lead (four
     * instants each); {@code LeadJsonWriterInstantTest} checks both agree.
     */
    private static int formatInstant(Instant instant, char[] to) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return -1;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int i = digits(to, 0, t.getYear(), 4);
        to[i++] = '-';
        i = digits(to, i, t.getMonthValue(), 2);
        to[i++] = '-';
        i = digits(to, i, t.getDayOfMonth(), 2);
        to[i++] = 'T';
        i = digits(to, i, t.getHour(), 2);
        to[i++] = ':';
        i = digits(to, i, t.getMinute(), 2);
        to[i++] = ':';
        i = digits(to, i, t.getSecond(), 2);
        int nano = instant.getNano();
        if (nano != 0) {
            to[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(to, i, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                i = digits(to, i, nano / 1_000, 6);
            } else {
                i = digits(to, i, nano, 9);
            }
        }
        to[i++] = 'Z';
        return i;
    }

    /** Writes {@code value} with exactly {@code width} digits (zero-padded) at {@code at}; returns the next index. */
    private static int digits(char[] to, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            to[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }

    private static void writeAttribution(JsonGenerator g, Attribution a) throws IOException {
        g.writeStartObject();
        g.writeStringField("website", a.website());
        g.writeStringField("path", a.path());
        g.writeStringField("utmSource", a.utmSource());
        g.writeStringField("utmMedium", a.utmMedium());
        g.writeStringField("utmCampaign", a.utmCampaign());
        g.writeObjectFieldStart("clickIds");
        for (Map.Entry<String, String> e : a.clickIds().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        GoogleAds ads = a.googleAds();
        g.writeObjectFieldStart("googleAds");
        g.writeStringField("campaignId", ads.campaignId());
        g.writeStringField("campaignName", ads.campaignName());
        g.writeStringField("adGroupId", ads.adGroupId());
        g.writeStringField("adGroupName", ads.adGroupName());
        g.writeStringField("adId", ads.adId());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeConsent(JsonGenerator g, Consent c) throws IOException {
        g.writeStartObject();
        writeFlag(g, "adStorage", c.adStorage());
        writeFlag(g, "adUserData", c.adUserData());
        writeFlag(g, "adPersonalization", c.adPersonalization());
        writeFlag(g, "analyticsStorage", c.analyticsStorage());
        g.writeEndObject();
    }

    private static void writeFlag(JsonGenerator g, String name, Boolean value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeBoolean(value);
        }
    }

    private static void writeReference(JsonGenerator g, Reference r) throws IOException {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("name", r.name());
        for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
            if (e.getKey().equals("id") || e.getKey().equals("name")) {
                continue;
            }
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeDecimal(JsonGenerator g, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(new BigDecimal(value.toString()));
            } else {
                g.writeString(value.toString());
            }
        } else if (value instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (value instanceof JsonNode node) {
            writeTree(g, node);
        } else if (value instanceof Instant i) {
            g.writeString(instant(i));
        } else {
            g.writeString(value.toString());
        }
    }

    private static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                writeTree(g, e.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                writeTree(g, item);
            }
            g.writeEndArray();
        } else if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            g.writeString(node.asText());
        } else if (node.isBigDecimal() || node.isDouble() || node.isFloat()) {
            g.writeNumber(node.decimalValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else {
            g.writeString(node.asText());
        }
    }
}
