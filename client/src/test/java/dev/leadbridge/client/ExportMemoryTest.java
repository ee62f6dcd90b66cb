package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import dev.leadbridge.testkit.octanist.VolumeOctanistSimulator;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The export of 200,000 simulated leads from two Octanist accounts runs in a 128 MB heap: memory is bounded by the
 * pages in flight, not by the size of the result. Tagged {@code memory}: the build runs it in its own JVM started with
 * {@code -Xmx128m} (surefire execution {@code export-memory} in this module's pom), never in the shared test JVM.
 */
@Tag("memory")
class ExportMemoryTest {

    private static final int PER_ACCOUNT = 100_000;

    @Test
    void anExportOfTwoHundredThousandLeadsFitsInA128MegabyteHeap() {
        // the JVM really is small: this check fails if the test runs in a big default heap
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(140L * 1024 * 1024);

        try (VolumeOctanistSimulator even = new VolumeOctanistSimulator("e", PER_ACCOUNT, 2, 0);
             VolumeOctanistSimulator odd = new VolumeOctanistSimulator("o", PER_ACCOUNT, 2, 1)) {
            Properties config = new Properties();
            config.setProperty("connections.even.provider", "octanist");
            config.setProperty("connections.even.base-url", even.baseUrl());
            config.setProperty("connections.even.api-key", "${VOLUME_KEY}");
            config.setProperty("connections.odd.provider", "octanist");
            config.setProperty("connections.odd.base-url", odd.baseUrl());
            config.setProperty("connections.odd.api-key", "${VOLUME_KEY}");
            config.setProperty("connections.odd.page-concurrency", "6");
            Map<String, String> env = Map.of("VOLUME_KEY", VolumeOctanistSimulator.API_KEY);
            LeadQuery newestFirst = LeadQuery.builder().sortBy(SortField.CREATED_AT, false).pageSize(100).build();
            Comparator<Lead> order = newestFirst.comparator();

            try (LeadbridgeClient client = LeadbridgeClient.fromProperties(config, env::get);
                 AggregateResult result = client.stream(newestFirst);
                 Stream<Lead> leads = result.leads()) {
                // count the leads and check the merged order without keeping them
                long count = 0;
                long outOfOrder = 0;
                Lead previous = null;
                for (Iterator<Lead> it = leads.iterator(); it.hasNext(); ) {
                    Lead lead = it.next();
                    if (previous != null && order.compare(previous, lead) > 0) {
                        outOfOrder++;
                    }
                    previous = lead;
                    count++;
                }

                assertThat(count).isEqualTo(2L * PER_ACCOUNT);
                assertThat(outOfOrder).isZero();
                assertThat(result.outcomes().values()).allSatisfy(o ->
                        assertThat(o).isInstanceOfSatisfying(ConnectionOutcome.Ok.class,
                                ok -> assertThat(ok.leads()).isEqualTo(PER_ACCOUNT)));
            }
        }
    }
}
