package dev.leadbridge.cli.output;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.Reference;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes leads as CSV (RFC 4180): a header row, one row per lead, CRLF line ends, UTF-8 without a byte order mark
 * (the caller's writer sets the encoding). A field is quoted when it holds a comma, a double quote, CR or LF, and a
 * double quote inside is doubled. Nested fields become dotted columns ({@code attribution.utmSource},
 * {@code consent.adStorage}, {@code campaign.id}); the columns are always the same, in {@link #columns(boolean)}
 * order. Cell values:
 * <ul>
 *   <li>null, an empty list and an empty object: an empty cell; an empty string: {@code ""} (quoted), so the two
 *       stay apart;</li>
 *   <li>instants as ISO-8601 UTC ({@code 2026-03-10T12:00:00Z}); {@code value} as a plain decimal; booleans as
 *       {@code true}/{@code false};</li>
 *   <li>{@code labels} joined with {@code |}; a {@code |} or {@code \} inside a label is escaped as {@code \|} /
 *       {@code \\};</li>
 *   <li>{@code attribution.clickIds} (an open map) and {@code custom} as compact JSON object text, e.g.
 *       {@code {"gclid":"abc"}};</li>
 *   <li>{@code campaign}, {@code workflow}, {@code assignee}: {@code .id} and {@code .name} columns, and their other
 *       attributes as JSON object text in {@code .attributes};</li>
 *   <li>{@code raw} (only with --raw): the provider's JSON as text.</li>
 * </ul>
 * Not thread-safe.
 */
public final class LeadCsvWriter {

    private static final String CRLF = "\r\n";

    private final Writer out;
    private final Map<String, Function<Lead, Object>> columns;
    private boolean headerWritten;

    /** A writer to {@code out}; {@code includeRaw} adds the {@code raw} column. */
    public LeadCsvWriter(Writer out, boolean includeRaw) {
        this.out = out;
        this.columns = columnMap(includeRaw);
    }

    /** The column names, in order. */
    public static List<String> columns(boolean includeRaw) {
        return List.copyOf(columnMap(includeRaw).keySet());
    }

    /** Writes the header row (once; {@link #write(Lead)} writes it when it has not been written). */
    public void writeHeader() {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        writeRow(new ArrayList<>(columns.keySet()));
    }

    /** Writes one lead as a row, after the header. */
    public void write(Lead lead) {
        writeHeader();
        List<Object> cells = new ArrayList<>(columns.size());
        for (Function<Lead, Object> column : columns.values()) {
            cells.add(column.apply(lead));
        }
        writeRow(cells);
    }

    /** Flushes the underlying writer. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell as RFC 4180 text: null empty, empty text {@code ""}, quoted when needed. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.isEmpty()) {
            return "\"\"";
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Labels joined with {@code |}, escaping {@code \} and {@code |}; null when there are none. */
    static String joinList(List<String> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(item.replace("\\", "\\\\").replace("|", "\\|"));
        }
        return sb.toString();
    }

    private void writeRow(List<?> cells) {
        StringBuilder line = new StringBuilder(512);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        line.append(CRLF);
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Function<Lead, Object>> columnMap(boolean includeRaw) {
        Map<String, Function<Lead, Object>> c = new LinkedHashMap<>();
        c.put("id", Lead::id);
        c.put("connection", Lead::connection);
        c.put("provider", Lead::provider);
        c.put("nativeId", Lead::nativeId);
        c.put("personKey", Lead::personKey);
        c.put("name", Lead::name);
        c.put("firstName", Lead::firstName);
        c.put("lastName", Lead::lastName);
        c.put("email", Lead::email);
        c.put("phone", Lead::phone);
        c.put("phoneE164", Lead::phoneE164);
        c.put("company", Lead::company);
        c.put("title", Lead::title);
        c.put("status", l -> l.status().name());
        c.put("statusRaw", Lead::statusRaw);
        c.put("source", Lead::source);
        c.put("value", l -> plain(l.value()));
        c.put("note", Lead::note);
        c.put("lossReason", Lead::lossReason);
        c.put("conversionName", Lead::conversionName);
        c.put("attribution.website", l -> l.attribution().website());
        c.put("attribution.path", l -> l.attribution().path());
        c.put("attribution.utmSource", l -> l.attribution().utmSource());
        c.put("attribution.utmMedium", l -> l.attribution().utmMedium());
        c.put("attribution.utmCampaign", l -> l.attribution().utmCampaign());
        c.put("attribution.clickIds", l -> jsonOrNull(l.attribution().clickIds()));
        c.put("attribution.googleAds.campaignId", l -> l.attribution().googleAds().campaignId());
        c.put("attribution.googleAds.campaignName", l -> l.attribution().googleAds().campaignName());
        c.put("attribution.googleAds.adGroupId", l -> l.attribution().googleAds().adGroupId());
        c.put("attribution.googleAds.adGroupName", l -> l.attribution().googleAds().adGroupName());
        c.put("attribution.googleAds.adId", l -> l.attribution().googleAds().adId());
        c.put("consent.adStorage", l -> l.consent().adStorage());
        c.put("consent.adUserData", l -> l.consent().adUserData());
        c.put("consent.adPersonalization", l -> l.consent().adPersonalization());
        c.put("consent.analyticsStorage", l -> l.consent().analyticsStorage());
        reference(c, "campaign", Lead::campaign);
        reference(c, "workflow", Lead::workflow);
        reference(c, "assignee", Lead::assignee);
        c.put("labels", l -> joinList(l.labels()));
        c.put("custom", l -> jsonOrNull(l.custom()));
        c.put("createdAt", l -> LeadJsonWriter.instant(l.createdAt()));
        c.put("updatedAt", l -> LeadJsonWriter.instant(l.updatedAt()));
        c.put("qualifiedAt", l -> LeadJsonWriter.instant(l.qualifiedAt()));
        c.put("expiresAt", l -> LeadJsonWriter.instant(l.expiresAt()));
        if (includeRaw) {
            c.put("raw", l -> LeadJsonWriter.valueToJson(l.raw()));
        }
        return c;
    }

    private static void reference(Map<String, Function<Lead, Object>> c, String name,
                                  Function<Lead, Reference> getter) {
        c.put(name + ".id", l -> getter.apply(l) == null ? null : getter.apply(l).id());
        c.put(name + ".name", l -> getter.apply(l) == null ? null : getter.apply(l).name());
        c.put(name + ".attributes", l -> {
            Reference r = getter.apply(l);
            if (r == null) {
                return null;
            }
            Map<String, Object> rest = new LinkedHashMap<>(r.attributes());
            rest.remove("id");
            rest.remove("name");
            return jsonOrNull(rest);
        });
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String jsonOrNull(Map<String, ?> map) {
        return map == null || map.isEmpty() ? null : LeadJsonWriter.valueToJson(map);
    }
}
