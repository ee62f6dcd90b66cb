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

    /** Resets the connection without answering. */
    static Fault connectionReset() {
        return new Wire(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
    }

    /** Closes the connection without sending anything. */
    static Fault emptyResponse() {
        return new Wire(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE);
    }

    /** Sends a 200 status line followed by garbage. */
    static Fault malformedChunk() {
        return new Wire(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK);
    }

    /** A canned answer. @param response what is sent */
    record Respond(SimResponse response) implements Fault { }

    /** A delay after normal handling. @param delay how long */
    record Delay(Duration delay) implements Fault { }

    /** A wire-level fault. @param fault WireMock's fault */
    record Wire(com.github.tomakehurst.wiremock.http.Fault fault) implements Fault { }
}
