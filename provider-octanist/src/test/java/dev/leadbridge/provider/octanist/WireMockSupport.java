package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WireMock on a random loopback port, a provider pointed at it, and the documented example payloads. */
abstract class WireMockSupport {

    /** The key the tests use; never to appear in any message. */
    static final String API_KEY = "oct_test_key_5b7e1c9a3d";

    /** The instant the fixed clock shows; listings pin createdAt[lte] to it. */
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    /** The pin as sent. */
    static final String PIN = "createdAt[lte]=2026-03-10T12:00:00.000Z";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    /** A provider for connection {@code acme} against WireMock, with a fixed clock. */
    OctanistProvider provider() {
        return OctanistProvider.builder()
                .connection("acme")
                .baseUrl(wm.baseUrl() + "/api")
                .apiKey(API_KEY)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .defaultRegion("NL")
                .build();
    }

    /**
     * The wire form of a readable URL: {@code [ ] : ,} percent-encoded, as the adapter sends them (it encodes
     * everything but RFC 3986 unreserved characters; other escapes are written out in the expectations).
     */
    static String wire(String readable) {
        int q = readable.indexOf('?');
        if (q < 0) {
            return readable;
        }
        return readable.substring(0, q + 1) + readable.substring(q + 1).replace("[", "%5B").replace("]", "%5D")
                .replace(":", "%3A").replace(",", "%2C");
    }

    /** A documented example payload from {@code src/test/resources/examples}. */
    static String example(String name) {
        try (InputStream in = WireMockSupport.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request WireMock received, oldest first. */
    static List<LoggedRequest> requests() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest()).sorted(
                (a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).toList();
    }

    /** The URL (path and raw query) of the only request received. */
    static String onlyUrl() {
        List<LoggedRequest> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size() + ": "
                    + all.stream().map(LoggedRequest::getUrl).toList());
        }
        return all.get(0).getUrl();
    }
}
