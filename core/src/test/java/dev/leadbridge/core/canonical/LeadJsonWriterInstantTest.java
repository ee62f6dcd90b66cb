package dev.leadbridge.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LeadJsonWriter}'s hand-written instant text against the JDK's {@link DateTimeFormatter#ISO_INSTANT}. */
class LeadJsonWriterInstantTest {

    @Test
    void everyInstantIsWrittenExactlyAsIsoInstantWritesIt() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("2026-03-10T12:00:00.100Z"),
                Instant.parse("2026-03-10T12:00:00.000100Z"), Instant.parse("2026-03-10T12:00:00.000000100Z"),
                Instant.MIN, Instant.MAX));
        SplittableRandom random = new SplittableRandom(15);
        int[] nanoSteps = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-5_000_000_000L, 260_000_000_000L);
            int step = nanoSteps[i % nanoSteps.length];
            int nanos = step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * step;
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            assertThat(LeadJsonWriter.instant(instant)).as("%s", instant)
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void aLeadsInstantsAreWrittenAsIsoInstantsAndAMissingOneAsNull() {
        Instant created = Instant.parse("2026-03-10T12:00:00.120Z");
        Lead lead = Lead.builder().connection("c").provider("p").nativeId("1").createdAt(created)
                .updatedAt(Instant.parse("2026-03-11T08:30:00Z")).build();
        String json = new LeadJsonWriter(false).toJson(lead);
        assertThat(json).contains("\"createdAt\":\"2026-03-10T12:00:00.120Z\"",
                "\"updatedAt\":\"2026-03-11T08:30:00Z\"", "\"qualifiedAt\":null", "\"expiresAt\":null");
    }
}
