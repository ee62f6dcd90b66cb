package dev.leadbridge.provider.octanist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A stream over the simulator while leads are deleted between its page reads: offset paging shifts, nothing is lost. */
class OctanistShiftedListingTest {

    @Test
    void aStreamReadsEveryLeadThatExistedThroughoutWhenTenOthersAreDeletedAfterPageOne() {
        try (OctanistSimulator sim = OctanistSimulator.builder().seed(100, 5).build()) {
            OctanistProvider provider = OctanistProvider.builder().connection("shifted").baseUrl(sim.baseUrl())
                    .apiKey(sim.apiKey()).build();
            List<String> all = sim.leads().stream().map(l -> l.get("id").asText()).toList();
            List<String> deleted = all.subList(0, 10);
            sim.onceAfter(r -> r.rawPath().endsWith("/leads") && "1".equals(r.param("page")),
                    () -> deleted.forEach(sim::delete));

            List<String> read;
            try (Stream<Lead> leads = provider.stream(LeadQuery.builder().pageSize(20).build())) {
                read = leads.map(Lead::nativeId).toList();
            }

            Set<String> survivors = new HashSet<>(all);
            deleted.forEach(survivors::remove);
            assertThat(sim.size()).isEqualTo(90);
            assertThat(read).containsAll(survivors).doesNotHaveDuplicates();
        }
    }
}
