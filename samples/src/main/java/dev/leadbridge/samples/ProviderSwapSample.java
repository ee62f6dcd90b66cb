package dev.leadbridge.samples;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.connect.LeadProviders;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Swapping a provider by configuration only: the same code, two configuration files.
 *
 * <p>Nothing in {@link #run} names a provider. The configuration file says which one
 * ({@code connections.<name>.provider = octanist} or {@code = workspace-v1}); {@link LeadProviders#open} finds its
 * adapter through {@link java.util.ServiceLoader}; the query and the printed fields are canonical. Moving an account
 * from Octanist to workspace-v1 is a change of the file, and the output for the same people is the same: a canonical
 * status ({@code WON} is Octanist {@code won} and workspace-v1 {@code converted}), the name, the trimmed email, the
 * E.164 phone and the person key. Sorting by email runs on the server where the provider can sort that way, and on
 * the client otherwise: either way the order is the same.
 *
 * <p>Run it twice, once per configuration ({@code samples/config/octanist.properties} and
 * {@code samples/config/workspace-v1.properties}):
 * <pre>
 * OCTANIST_API_KEY=...  java -cp ... dev.leadbridge.samples.ProviderSwapSample samples/config/octanist.properties
 * WORKSPACE_API_KEY=... java -cp ... dev.leadbridge.samples.ProviderSwapSample samples/config/workspace-v1.properties
 * </pre>
 *
 * <p>Output (after the first line, identical for the same people at either provider):
 * <pre>
 * Connection my-leads (octanist): 3 leads by email
 *   WON       Ava Stone &lt;ava.stone@example.com&gt; +31612345678  person 3f1c0a9e2b7d4c61...
 *   ...
 * </pre>
 */
public final class ProviderSwapSample {

    private ProviderSwapSample() {
    }

    /** Reads the configuration file ({@code args[0]} or {@code LEADBRIDGE_CONFIG}) and runs the sample. */
    public static void main(String[] args) {
        SampleSupport.exit(() -> {
            run(SampleSupport.load(SampleSupport.configPath(args, System::getenv)), System::getenv, System.out);
            return 0;
        });
    }

    /**
     * Opens the one connection of {@code config} and prints every lead, sorted by email, in canonical fields only.
     *
     * @param config properties with exactly one connection
     * @param env    expands {@code ${NAME}} in values, e.g. {@code System::getenv}
     * @param out    where to print
     * @return the number of leads printed
     * @throws ConfigurationException when the configuration is wrong or holds other than one connection
     */
    public static long run(Properties config, Function<String, String> env, PrintStream out) {
        List<ConnectionConfig> connections = ConnectionConfig.parse(config, env);
        if (connections.size() != 1) {
            throw new ConfigurationException("this sample reads one connection; the configuration has "
                    + connections.size() + ": " + connections.stream().map(ConnectionConfig::name).toList(),
                    ErrorDetails.NONE);
        }
        LeadQuery byEmail = LeadQuery.builder().sortBy(SortField.EMAIL, true).build();
        try (LeadProvider provider = LeadProviders.open(connections.get(0));
             Stream<Lead> leads = provider.stream(byEmail)) {
            List<String> lines = leads.map(ProviderSwapSample::canonicalLine).toList();
            out.printf("Connection %s (%s): %d leads by email%n", provider.connection(), provider.providerId(),
                    lines.size());
            lines.forEach(line -> out.println("  " + line));
            return lines.size();
        }
    }

    /** The provider-independent part of a lead: status, name, email, phone and person key. */
    static String canonicalLine(Lead lead) {
        return SampleSupport.person(lead) + "  person " + lead.personKey();
    }
}
