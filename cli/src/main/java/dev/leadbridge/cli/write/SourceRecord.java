package dev.leadbridge.cli.write;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record to write: its journal key (the source {@code id}, else line number and content hash), the line it starts
 * on (0 for records that come from a connection) and either the canonical lead as JSON or why it could not be read.
 *
 * @param key   the journal key
 * @param line  the 1-based line the record starts on, 0 when it did not come from a file
 * @param lead  the canonical lead JSON (as {@code export} writes it), or null when malformed
 * @param error why the record could not be read, or null
 */
public record SourceRecord(String key, long line, ObjectNode lead, String error) {

    /** Whether the record could be read. */
    public boolean readable() {
        return error == null;
    }
}
