package dev.leadbridge.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body {@link DeadlineClient} reads: the same bytes whether the Content-Length is known, wrong or absent. */
class DeadlineClientBodyTest {

    private static final byte[] BODY = "{\"data\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyOfTheAnnouncedLengthIsReadWhole() throws IOException {
        assertThat(DeadlineClient.readBody(new ByteArrayInputStream(BODY), BODY.length)).isEqualTo(BODY);
    }

    @Test
    void aBodyWithoutALengthIsReadToItsEnd() throws IOException {
        assertThat(DeadlineClient.readBody(new ByteArrayInputStream(BODY), null)).isEqualTo(BODY);
    }

    @Test
    void aBodyShorterThanAnnouncedKeepsWhatArrived() throws IOException {
        assertThat(DeadlineClient.readBody(new ByteArrayInputStream(BODY), BODY.length + 10)).isEqualTo(BODY);
    }

    @Test
    void aBodyLongerThanAnnouncedKeepsEveryByte() throws IOException {
        assertThat(DeadlineClient.readBody(new ByteArrayInputStream(BODY), 4)).isEqualTo(BODY);
    }

    @Test
    void anEmptyBodyIsEmpty() throws IOException {
        assertThat(DeadlineClient.readBody(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
    }
}
