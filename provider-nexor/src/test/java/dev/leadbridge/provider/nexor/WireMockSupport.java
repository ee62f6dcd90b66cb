package dev.leadbridge.provider.nexor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A WireMock server on a random loopback port, reset before every test, and a provider pointed at it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireMockSupport {

    static final String KEY = "nxr_live_test0123456789abcdefABCDEF";
    static final String LEAD_ID = "123e4567-e89b-12d3-a456-426614174000";
    static final String LEAD_PATH = "/api/public/leads/" + LEAD_ID;

    WireMockServer wire;
    NexorProvider provider;

    @BeforeAll
    void startWireMock() {
        wire = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
        provider = builder().build();
    }

    @AfterAll
    void stopWireMock() {
        wire.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wire.resetAll();
    }

    /** A builder with connection {@code acme-nexor}, the WireMock base URL and the test key. */
    NexorProvider.Builder builder() {
        return NexorProvider.builder().connection("acme-nexor").baseUrl(baseUrl()).apiKey(KEY);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + wire.port() + "/api/public";
    }

    /** Answers {@code GET /leads/{LEAD_ID}} with this JSON. */
    void givenGetAnswers(int status, String json) {
        wire.stubFor(get(urlPathEqualTo(LEAD_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    /** Single quotes to double quotes, for readable JSON in tests. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
