package dev.leadbridge.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people (not for parsing): a header, aligned columns separated by two spaces, numbers
 * right-aligned, long cells shortened with an ellipsis. Not thread-safe.
 */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final int[] maxWidths;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * A table with these columns. A header starting with {@code >} is right-aligned (the {@code >} is not shown);
     * a header ending in {@code |N} shortens its cells to N characters.
     */
    public TextTable(String... headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        this.maxWidths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            String h = headers[i];
            if (h.startsWith(">")) {
                rightAligned[i] = true;
                h = h.substring(1);
            }
            int bar = h.lastIndexOf('|');
            if (bar > 0) {
                maxWidths[i] = Integer.parseInt(h.substring(bar + 1));
                h = h.substring(0, bar);
            }
            this.headers.add(h);
        }
    }

    /** Adds a row; null cells show as {@code -}. */
    public TextTable row(Object... cells) {
        String[] row = new String[headers.size()];
        for (int i = 0; i < row.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            String text = c == null ? "-" : oneLine(c.toString());
            if (maxWidths[i] > 0 && text.codePointCount(0, text.length()) > maxWidths[i]) {
                int end = text.offsetByCodePoints(0, maxWidths[i] - 1);
                text = text.substring(0, end) + "…";
            }
            row[i] = text;
        }
        rows.add(row);
        return this;
    }

    /** Whether no row was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, each prefixed with {@code indent}, each ending in a line break. */
    public String render(String indent) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, headers.toArray(new String[0]), widths);
        for (String[] row : rows) {
            line(sb, indent, row, widths);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(Math.max(0, widths[i] - width(cells[i])));
            if (i > 0) {
                line.append("  ");
            }
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
