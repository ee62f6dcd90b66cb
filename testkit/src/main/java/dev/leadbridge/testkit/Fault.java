package dev.leadbridge.testkit;

import java.time.Duration;
import java.util.Map;

/**
 * A fault a test injects into a simulator: instead of (or on top of) the simulator's normal answer.
 * Build one with the static factories.
 */
public sealed interface Fault {

    /** Answers with this status, headers and body instead of handling the request. */
    static Fault respond(int status, Map<String, String> headers, String body) {
        return new Respond(new SimResponse(status, headers, body));
    }

    /** Answers with this status and a JSON body instead of handling the request. */
    static Fault respondJson(int status, String jsonBody) {
        return new Respond(SimResponse.json(status, jsonBody));
    }

    /** Answers with an HTML error page, as a proxy in front of the API would. */
    static Fault htmlPage(int status) {
        return new Respond(new SimResponse(status, Map.of("Content-Type", "text/html"),
                "<html><head><title>" + status + " Bad Gateway</title></head><body><h1>" + status
                        + "</h1><p>upstream error</p></body></html>"));
    }

    /** Handles the request normally (state changes happen) and sends the answer only after this delay. */
    static Fault delayAfterHandling(Duration delay) {
        return new Delay(delay);
    }

    /**
     * Drops the connection without answering, as a reset does. The client sees the connection end before any
     * response byte; the JDK client then resends a GET once by itself (never a POST), as after a real reset.
     */
    static Fault connectionReset() {
        return new Wire(WireFault.CONNECTION_RESET);
    }

    /** Closes the connection without sending anything. */
    static Fault emptyResponse() {
        return new Wire(WireFault.EMPTY_RESPONSE);
    }

    /** Sends a 200 status line and the start of a body, then closes before the promised length. */
    static Fault malformedChunk() {
        return new Wire(WireFault.MALFORMED_RESPONSE);
    }

    /** A canned answer. @param response what is sent */
    record Respond(SimResponse response) implements Fault { }

    /** A delay after normal handling. @param delay how long */
    record Delay(Duration delay) implements Fault { }

    /** A wire-level fault. @param kind what goes wrong on the connection */
    record Wire(WireFault kind) implements Fault { }

    /** What goes wrong on the connection in a {@link Wire} fault. */
    enum WireFault {
        /** The connection is dropped before any response byte. */
        CONNECTION_RESET,
        /** The connection is closed without sending anything. */
        EMPTY_RESPONSE,
        /** A 200 status line and part of a body, then the connection closes. */
        MALFORMED_RESPONSE
    }
}
