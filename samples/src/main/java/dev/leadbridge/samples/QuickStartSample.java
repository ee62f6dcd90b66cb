package dev.leadbridge.samples;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.ConnectionConfig;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.connect.LeadProviders;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Quick start: one connection to one provider, configured in code.
 *
 * <p>Shows the smallest useful program: build a {@link ConnectionConfig} with its builder, open the provider with
 * {@link LeadProviders#open(ConnectionConfig)} (found through {@link java.util.ServiceLoader}, so only the provider's
 * jar has to be on the class path), stream the newest leads lazily, read one back by its native id, and filter by
 * canonical status. Everything printed is the canonical {@link Lead}, whatever the provider.
 *
 * <p>Run it with the connection in environment variables:
 * <pre>
 * LEADBRIDGE_PROVIDER=octanist LEADBRIDGE_API_KEY=... java -cp ... dev.leadbridge.samples.QuickStartSample
 * </pre>
 * {@code LEADBRIDGE_PROVIDER} is {@code octanist} (default) or {@code workspace-v1} (Nexor cannot list leads);
 * {@code LEADBRIDGE_BASE_URL} is optional and defaults to the provider's production API.
 *
 * <p>Output (a few lines):
 * <pre>
 * Connected to quick-start (octanist)
 * Newest 5 leads:
 *   quick-start:lead_8f2k  2025-03-02T10:00:00Z  WON       Ava Stone &lt;ava.stone@example.com&gt; +31612345678
 *   ...
 * Read back quick-start:lead_8f2k: Ava Stone, person key 3f1c0a9e2b7d4c61
 * Won: 3 leads, total value 12500.50
 * </pre>
 */
public final class QuickStartSample {

    /** The connection name the sample gives its one connection. */
    public static final String CONNECTION = "quick-start";
    /** How many of the newest leads are printed. */
    public static final int NEWEST = 5;

    private QuickStartSample() {
    }

    /** Reads the connection from the environment and runs the sample; exits non-zero with one line on error. */
    public static void main(String[] args) {
        SampleSupport.exit(() -> {
            run(fromEnvironment(System::getenv), System.out);
            return 0;
        });
    }

    /**
     * The connection from {@code LEADBRIDGE_PROVIDER} (default {@code octanist}), {@code LEADBRIDGE_API_KEY}
     * (required) and {@code LEADBRIDGE_BASE_URL} (optional).
     *
     * @param env looks up environment variables, e.g. {@code System::getenv}
     * @throws IllegalArgumentException when the API key is missing
     */
    public static ConnectionConfig fromEnvironment(Function<String, String> env) {
        String provider = Objects.requireNonNullElse(env.apply("LEADBRIDGE_PROVIDER"), "octanist").trim();
        String apiKey = env.apply("LEADBRIDGE_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("set LEADBRIDGE_API_KEY to the API key of your " + provider
                    + " account (and LEADBRIDGE_PROVIDER, LEADBRIDGE_BASE_URL if needed)");
        }
        ConnectionConfig.Builder config = ConnectionConfig.builder(CONNECTION)
                .provider(provider)                  // "workspace-v1" and its key: the rest stays the same
                .apiKey(apiKey.trim());
        String baseUrl = env.apply("LEADBRIDGE_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            config.baseUrl(baseUrl.trim());          // default: the provider's production API
        }
        return config.build();
    }

    /**
     * Opens the connection, prints its newest leads, reads the newest back by id and sums the value of the won leads.
     *
     * @param config the connection
     * @param out    where to print
     * @throws dev.leadbridge.core.error.LeadbridgeException (a typed subclass) when the provider cannot be opened or
     *                                                       answers with an error
     */
    public static void run(ConnectionConfig config, PrintStream out) {
        try (LeadProvider leads = LeadProviders.open(config)) {
            out.printf("Connected to %s (%s)%n", leads.connection(), leads.providerId());
            if (!leads.capabilities().supports(Operation.LIST)) {
                out.printf("Provider '%s' cannot list leads; read them one by one with get(id).%n",
                        leads.providerId());
                return;
            }

            // Lazy: the stream fetches pages as it is consumed; with limit() only the first page is requested.
            LeadQuery newestFirst = LeadQuery.builder()
                    .sortBy(SortField.CREATED_AT, false)
                    .pageSize(NEWEST)
                    .build();
            List<Lead> newest;
            try (Stream<Lead> stream = leads.stream(newestFirst)) {
                newest = stream.limit(NEWEST).toList();
            }
            out.printf("Newest %d leads:%n", newest.size());
            for (Lead lead : newest) {
                out.printf("  %s  %s  %s%n", lead.id(), lead.createdAt(), SampleSupport.person(lead));
            }

            if (!newest.isEmpty()) {
                Lead again = leads.get(newest.get(0).nativeId());
                out.printf("Read back %s: %s, person key %s%n", again.id(), again.name(), again.personKey());
            }

            // A canonical status filter means the same for every provider: WON is Octanist "won" and
            // workspace-v1 "converted". The provider runs it on its server where it can.
            LeadQuery won = LeadQuery.builder().status(LeadStatus.WON).build();
            long count;
            BigDecimal total;
            try (Stream<Lead> stream = leads.stream(won)) {
                List<BigDecimal> values = stream.map(Lead::value).toList();
                count = values.size();
                total = values.stream().filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            out.printf("Won: %d leads, total value %s%n", count, total.toPlainString());
        }
    }
}
