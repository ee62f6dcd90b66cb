package dev.leadbridge.kafka.connect;

import dev.leadbridge.client.SyncCheckpoint;
import java.util.Map;

/**
 * How a connection's sync position is a Connect source offset: partition {@code {"connection": name}}, offset
 * {@code {"checkpoint": <SyncCheckpoint text>}}. One place, used by the task and by the connector's offset checks.
 */
final class Offsets {

    static final String CONNECTION = "connection";
    static final String CHECKPOINT = "checkpoint";

    private Offsets() {
    }

    static Map<String, String> partition(String connection) {
        return Map.of(CONNECTION, connection);
    }

    static Map<String, String> offset(SyncCheckpoint checkpoint) {
        return Map.of(CHECKPOINT, checkpoint.asString());
    }

    /**
     * The checkpoint an offset holds; {@link SyncCheckpoint#initial()} for none.
     *
     * @throws dev.leadbridge.core.error.InvalidRequestException when the text is not a checkpoint
     * @throws IllegalArgumentException when the offset has no checkpoint text
     */
    static SyncCheckpoint checkpoint(Map<String, ?> offset) {
        if (offset == null) {
            return SyncCheckpoint.initial();
        }
        Object text = offset.get(CHECKPOINT);
        if (!(text instanceof String s)) {
            throw new IllegalArgumentException("a Leadbridge source offset is {\"" + CHECKPOINT
                    + "\": \"<checkpoint text>\"}, got the keys " + offset.keySet());
        }
        return SyncCheckpoint.parse(s);
    }
}
