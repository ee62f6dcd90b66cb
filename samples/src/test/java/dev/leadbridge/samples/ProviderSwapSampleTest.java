package dev.leadbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.testkit.octanist.OctanistSimulator;
import dev.leadbridge.testkit.workspace.WorkspaceSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderSwapSampleTest {

    /** The two configuration files shipped with the samples, which differ only in provider and key. */
    private static final Path OCTANIST_CONFIG = Path.of("config", "octanist.properties");
    private static final Path WORKSPACE_CONFIG = Path.of("config", "workspace-v1.properties");

    private OctanistSimulator octanist;
    private WorkspaceSimulator workspace;

    @BeforeEach
    void startSimulators() {
        octanist = OctanistSimulator.builder().build();
        workspace = WorkspaceSimulator.builder().build();
    }

    @AfterEach
    void stopSimulators() {
        octanist.close();
        workspace.close();
    }

    @Test
    void printsTheSameCanonicalFieldsForTheSamePeopleWithEitherConfiguration() {
        // given the same people at both providers, and the shipped files pointed at the simulators
        People.seed(octanist, People.ALL);
        People.seed(workspace, People.ALL);
        Properties octanistConfig = pointedAt(OCTANIST_CONFIG, octanist.baseUrl(), octanist.apiKey());
        Properties workspaceConfig = pointedAt(WORKSPACE_CONFIG, workspace.baseUrl(), workspace.apiKey());

        // when the same code runs with each configuration
        List<String> viaOctanist = People.printed(out ->
                ProviderSwapSample.run(octanistConfig, People::noEnvironment, out));
        List<String> viaWorkspace = People.printed(out ->
                ProviderSwapSample.run(workspaceConfig, People::noEnvironment, out));

        // then only the header names another provider; every lead line is identical
        assertThat(viaOctanist.get(0)).isEqualTo("Connection my-leads (octanist): 5 leads by email");
        assertThat(viaWorkspace.get(0)).isEqualTo("Connection my-leads (workspace-v1): 5 leads by email");
        assertThat(viaWorkspace.subList(1, viaWorkspace.size()))
                .isEqualTo(viaOctanist.subList(1, viaOctanist.size()));
        assertThat(viaOctanist.subList(1, viaOctanist.size()))
                .hasSize(5)
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("  WON       Ava Stone <ava.stone@example.com> +31612345678  person "),
                        line -> assertThat(line).startsWith("  OPEN      Bram de Vries <Bram.deVries@example.nl> +31201234567  person "),
                        line -> assertThat(line).startsWith("  QUALIFIED Chloé Martin <chloe@example.fr>  person "),
                        line -> assertThat(line).startsWith("  LOST      Eva Lindqvist <eva@example.se> +46701234567  person "),
                        line -> assertThat(line).startsWith("  OPEN      Dmitri Ivanov +447700900123  person "))
                .allSatisfy(line -> assertThat(line).matches(".*  person [0-9a-f]{8,}$"));
    }

    @Test
    void readsTheApiKeyFromTheEnvironmentAsTheShippedFilesSay() {
        // given the shipped file as is: api-key = ${OCTANIST_API_KEY}, base URL overridden for the simulator
        People.seed(octanist, List.of(People.AVA));
        Properties config = SampleSupport.load(OCTANIST_CONFIG);
        config.setProperty("connections.my-leads.base-url", octanist.baseUrl());

        // when
        List<String> lines = People.printed(out -> ProviderSwapSample.run(config,
                name -> name.equals("OCTANIST_API_KEY") ? octanist.apiKey() : null, out));

        // then
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("  WON       Ava Stone <ava.stone@example.com>");
        assertThat(String.join("\n", lines)).doesNotContain(octanist.apiKey());
    }

    @Test
    void namesTheMissingVariableWhenTheKeyIsNotInTheEnvironment() {
        Properties config = SampleSupport.load(WORKSPACE_CONFIG);

        assertThatThrownBy(() -> People.printed(out ->
                ProviderSwapSample.run(config, People::noEnvironment, out)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("WORKSPACE_API_KEY");
    }

    @Test
    void refusesAConfigurationWithMoreThanOneConnection() {
        Properties config = pointedAt(OCTANIST_CONFIG, octanist.baseUrl(), octanist.apiKey());
        People.connection(config, "other", "workspace-v1", workspace.baseUrl(), workspace.apiKey());

        assertThatThrownBy(() -> People.printed(out ->
                ProviderSwapSample.run(config, People::noEnvironment, out)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("one connection");
    }

    /** A shipped configuration file with its base URL and key replaced by a simulator's. */
    private static Properties pointedAt(Path file, String baseUrl, String apiKey) {
        Properties config = SampleSupport.load(file);
        config.setProperty("connections.my-leads.base-url", baseUrl);
        config.setProperty("connections.my-leads.api-key", apiKey);
        return config;
    }
}
