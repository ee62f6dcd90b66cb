package dev.leadbridge.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals for the server's small answers (the bodies are a few fixed fields). */
final class Json {

    private Json() {
    }

    /** {@code value} as a quoted JSON string, or {@code null}. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
