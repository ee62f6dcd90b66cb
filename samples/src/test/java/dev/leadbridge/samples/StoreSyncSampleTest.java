package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSyncSampleTest {

    @TempDir
    Path dir;

    private OctanistSimulator octanist;

    @BeforeEach
    void startSimulator() {
        octanist = OctanistSimulator.builder().build();
    }

    @AfterEach
    void stopSimulator() {
        octanist.close();
    }

    @Test
    void theFirstRunCopiesEveryLeadAndTheSecondOnlyTheOneThatChanged() {
        // given five people at Octanist and no store yet
        Map<String, String> ids = People.seed(octanist, People.ALL);
        Properties config = People.connection(new Properties(), "acme", "octanist", octanist.baseUrl(),
                octanist.apiKey());
        String url = "jdbc:sqlite:" + dir.resolve("leads.db");

        // when the sample runs for the first time
        List<String> first = People.printed(out -> StoreSyncSample.run(config, People::noEnvironment, url, out));

        // then every lead is new, and the report is read from the store
        assertThat(first).containsExactly(
                "acme: 5 new, 0 updated, 0 unchanged, 0 deleted, 1 request, ok",
                "Store " + url + " holds 5 leads: OPEN 2, QUALIFIED 1, WON 1, LOST 1; won value 2500.5");

        // when Chloé is marked won and the sample runs again
        try (LeadProvider leads = LeadProviders.open(ConnectionConfig.builder("acme").provider("octanist")
                .baseUrl(octanist.baseUrl()).apiKey(octanist.apiKey()).build())) {
            leads.update(ids.get("Chloé Martin"), LeadUpdate.builder().status(LeadStatus.WON).build());
        }
        List<String> second = People.printed(out -> StoreSyncSample.run(config, People::noEnvironment, url, out));

        // then only her lead was written again
        assertThat(second).containsExactly(
                "acme: 0 new, 1 updated, 0 unchanged, 0 deleted, 1 request, ok",
                "Store " + url + " holds 5 leads: OPEN 2, WON 2, LOST 1; won value 2500.5");
    }
}
