package dev.leadbridge.cli.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads canonical leads from JSON Lines or CSV exactly as {@code export} writes them, one {@link SourceRecord} per
 * line (JSONL) or row (CSV, RFC 4180: quoted cells may hold commas, doubled quotes and line breaks). A malformed line
 * becomes a record with an error and the line number; reading goes on with the next line. Not thread-safe.
 */
public final class LeadRecordReader implements Iterator<SourceRecord>, Closeable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> BOOLEAN_COLUMNS = Set.of("consent.adStorage", "consent.adUserData",
            "consent.adPersonalization", "consent.analyticsStorage");
    private static final Set<String> JSON_COLUMNS = Set.of("attribution.clickIds", "custom", "raw",
            "campaign.attributes", "workflow.attributes", "assignee.attributes");

    private final BufferedReader in;
    private final boolean csv;
    private long lineNo;
    private List<String> header;
    private SourceRecord next;
    private boolean done;

    /**
     * A reader over {@code in}.
     *
     * @param in  the input, UTF-8 decoded
     * @param csv true for CSV with a header row, false for JSON Lines
     */
    public LeadRecordReader(BufferedReader in, boolean csv) {
        this.in = in;
        this.csv = csv;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = csv ? readCsv() : readJson();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord r = next;
        next = null;
        return r;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNo++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SourceRecord readJson() {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        String key = lineKey(lineNo, line);
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                return new SourceRecord(key, lineNo, null, "line " + lineNo + ": not a JSON object");
            }
            return record((ObjectNode) node, key, lineNo);
        } catch (JsonProcessingException e) {
            return new SourceRecord(key, lineNo, null, "line " + lineNo + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static SourceRecord record(ObjectNode lead, String lineKey, long line) {
        JsonNode id = lead.get("id");
        String key = id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : lineKey;
        return new SourceRecord(key, line, lead, null);
    }

    /** The key of a record without an id: line number and a content hash. */
    static String lineKey(long line, String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "line:" + line + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ---- CSV

    private SourceRecord readCsv() {
        if (header == null) {
            CsvRow h = readCsvRow();
            if (h == null) {
                return null;
            }
            if (h.error != null) {
                done = true;
                return new SourceRecord(lineKey(h.line, h.text), h.line, null, "line " + h.line + ": " + h.error);
            }
            header = h.cells;
            if (!header.contains("id") && !header.contains("email") && !header.contains("name")) {
                return new SourceRecord(lineKey(h.line, h.text), h.line, null, "line " + h.line
                        + ": not the header row of a Leadbridge CSV export (no id, name or email column)");
            }
        }
        CsvRow row;
        do {
            row = readCsvRow();
            if (row == null) {
                return null;
            }
        } while (row.error == null && row.cells.size() == 1 && row.cells.get(0) == null);
        String key = lineKey(row.line, row.text);
        if (row.error != null) {
            return new SourceRecord(key, row.line, null, "line " + row.line + ": " + row.error);
        }
        if (row.cells.size() != header.size()) {
            return new SourceRecord(key, row.line, null, "line " + row.line + ": " + row.cells.size()
                    + " cells where the header has " + header.size());
        }
        try {
            return record(toJson(row.cells), key, row.line);
        } catch (IllegalArgumentException e) {
            return new SourceRecord(key, row.line, null, "line " + row.line + ": " + e.getMessage());
        }
    }

    private ObjectNode toJson(List<String> cells) {
        ObjectNode lead = NODES.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String cell = cells.get(i);
            if (cell == null) {
                continue;
            }
            JsonNode value = cellValue(column, cell);
            ObjectNode parent = lead;
            String[] path = column.split("\\.");
            int last = path.length - 1;
            if (path.length > 1 && path[last].equals("attributes")) {
                // campaign.attributes: the reference's other attributes, merged into the object
                ObjectNode ref = child(lead, path[0]);
                if (value.isObject()) {
                    value.fields().forEachRemaining(e -> {
                        if (!ref.has(e.getKey())) {
                            ref.set(e.getKey(), e.getValue());
                        }
                    });
                }
                continue;
            }
            for (int p = 0; p < last; p++) {
                parent = child(parent, path[p]);
            }
            parent.set(path[last], value);
        }
        return lead;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private static JsonNode cellValue(String column, String cell) {
        if (BOOLEAN_COLUMNS.contains(column)) {
            if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
                return NODES.booleanNode(Boolean.parseBoolean(cell.toLowerCase(java.util.Locale.ROOT)));
            }
            throw new IllegalArgumentException(column + " is '" + shorten(cell) + "', not true or false");
        }
        if (column.equals("value")) {
            try {
                return NODES.numberNode(new BigDecimal(cell.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value is '" + shorten(cell) + "', not a decimal number");
            }
        }
        if (JSON_COLUMNS.contains(column)) {
            try {
                return JSON.readTree(cell);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(column + " is not valid JSON object text");
            }
        }
        if (column.equals("labels")) {
            ArrayNode labels = NODES.arrayNode();
            splitLabels(cell).forEach(labels::add);
            return labels;
        }
        return NODES.textNode(cell);
    }

    /** Labels joined with {@code |}, {@code \|} and {@code \\} escaped (as the CSV writer joins them). */
    static List<String> splitLabels(String cell) {
        List<String> labels = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                sb.append(cell.charAt(++i));
            } else if (c == '|') {
                labels.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        labels.add(sb.toString());
        return labels;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** One CSV row: null cells for empty unquoted cells, the raw text (for the hash) and the first line. */
    private record CsvRow(List<String> cells, String text, long line, String error) {
    }

    /** Reads one RFC 4180 record (CRLF or LF line ends; a quoted cell may span lines). Null at the end. */
    private CsvRow readCsvRow() {
        String line = readLine();
        if (line == null) {
            return null;
        }
        long start = lineNo;
        StringBuilder text = new StringBuilder(line);
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        int i = 0;
        while (true) {
            if (i >= line.length()) {
                if (inQuotes) {
                    String more = readLine();
                    if (more == null) {
                        return new CsvRow(null, text.toString(), start, "a quoted cell is not closed before the end"
                                + " of the file");
                    }
                    cell.append('\n');
                    text.append('\n').append(more);
                    line = more;
                    i = 0;
                    continue;
                }
                cells.add(quoted || cell.length() > 0 ? cell.toString() : null);
                return new CsvRow(cells, text.toString(), start, null);
            }
            char c = line.charAt(i++);
            if (inQuotes) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(quoted || cell.length() > 0 ? cell.toString() : null);
                cell.setLength(0);
                quoted = false;
            } else if (c == '"' && cell.length() == 0 && !quoted) {
                quoted = true;
                inQuotes = true;
            } else if (c == '"') {
                // skip to the end of the record's line: the row is malformed
                return new CsvRow(null, text.toString(), start, "a double quote inside an unquoted cell (cell "
                        + (cells.size() + 1) + ")");
            } else {
                cell.append(c);
            }
        }
    }
}
