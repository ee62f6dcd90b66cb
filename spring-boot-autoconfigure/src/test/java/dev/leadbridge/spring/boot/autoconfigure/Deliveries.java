package dev.leadbridge.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Webhook bodies as the providers send them (see docs/webhooks.md), for the tests. */
final class Deliveries {

    static final String POLLY_SECRET = "whsec_polly_test";
    static final String NEXOR_SECRET = "nexor-token-test";

    private Deliveries() {
    }

    /** A PollyBot {@code LEAD_CREATED} delivery carrying a lead of the workspace simulator. */
    static byte[] pollyLeadCreated(ObjectNode nativeLead) {
        return ("{\"event\":\"LEAD_CREATED\",\"chatbotId\":\"bot\",\"timestamp\":1764750871,\"data\":" + nativeLead
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A Nexor status change naming only the lead's id, so that Leadbridge gets the lead by id. */
    static byte[] nexorStatusChanged(String eventId, String leadId) {
        return ("{\"event_type\":\"workflow_run.status_changed\",\"event_id\":\"" + eventId + "\",\"webhook_id\":\"w1\","
                + "\"delivery_id\":\"d1\",\"timestamp\":\"2026-11-29T12:00:00.000Z\",\"client_id\":\"c1\",\"test\":false,"
                + "\"data\":{\"lead_id\":\"" + leadId + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
