package dev.leadbridge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.error.AuthenticationException;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.testkit.Fault;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every provider passes against its simulator, so that providers are interchangeable: the same seeded
 * leads and the same {@link LeadQuery} give the same leads in the same order from every provider that can list.
 * Expected answers are computed from the seeds by a plain oracle in this class, independent of the product's code.
 * A provider module extends this class and supplies a {@link ContractFixture}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LeadProviderContractTest {

    /** The base instant of the seed data. */
    protected static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    /** A secret that must never appear in any message. */
    private static final String CANARY_KEY = "canary-key-4f1d9c2b7e";

    private ContractFixture fixture;
    private Map<String, String> ids;

    /** Creates the fixture for this provider; called once per test class. */
    protected abstract ContractFixture createFixture();

    @BeforeAll
    void startFixture() {
        fixture = createFixture();
    }

    @AfterAll
    void stopFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void seedLeads() {
        fixture.faults().clear();
        ids = fixture.seed(seeds());
    }

    /** The seed leads: unique names, distinct values per sortable field, some nulls. */
    protected static List<SeedLead> seeds() {
        List<SeedLead> s = new ArrayList<>();
        s.add(seed("alice Archer", "alice@example.com", "+31 6 12345678", LeadStatus.OPEN, "inbound", "100", 0, 3, null, "g-1", "google", "cpc", "spring"));
        s.add(seed("Bob Brown", "BOB.brown@example.org", null, LeadStatus.QUALIFIED, "api", "250.50", 1, 9, 2, null, "facebook", "social", "spring"));
        s.add(seed("carol Chen", "carol@acme.io", "+1 415 555 0101", LeadStatus.WON, "manual", "999.99", 2, 1, 4, "g-3", "google", "cpc", "summer"));
        s.add(seed("Dave Diaz", null, "+44 20 7946 0958", LeadStatus.LOST, "inbound", "10", 3, 7, null, null, null, null, null));
        s.add(seed("Eve Evans", "eve@example.com", "+49 30 1234567", LeadStatus.OPEN, "api", null, 4, 11, null, "g-5", "google", "email", "summer"));
        s.add(seed("frank Foster", "frank@foster.dev", null, LeadStatus.QUALIFIED, "inbound", "5000", 5, 0, 6, null, "linkedin", "social", null));
        s.add(seed("Grace Green", "grace@example.com", "+33 1 23 45 67 89", LeadStatus.WON, "api", "75", 6, 5, 8, "g-7", "google", "cpc", "spring"));
        s.add(seed("Heidi Hall", "heidi@hall.nl", null, LeadStatus.OPEN, "manual", null, 7, 2, null, null, null, null, null));
        s.add(seed("ivan Ito", "ivan@ito.jp", "+81 3 1234 5678", LeadStatus.LOST, "api", "1200", 8, 10, null, "g-9", "facebook", "social", "autumn"));
        s.add(seed("Judy Jones", "judy@example.com", null, LeadStatus.QUALIFIED, "manual", "40", 9, 4, 10, null, "google", "email", "autumn"));
        s.add(seed("Mallory Moss", "Mallory@Moss.com", "+34 912 345 678", LeadStatus.OPEN, "inbound", "300", 10, 8, null, null, null, null, null));
        s.add(seed("Niaj Novak", null, "+420 601 123 456", LeadStatus.WON, "api", "0.5", 11, 6, 12, "g-12", "google", "cpc", "spring"));
        return s;
    }

    private static SeedLead seed(String name, String email, String phone, LeadStatus status, String source,
                                 String value, int createdDay, int updatedDay, Integer qualifiedDay, String gclid,
                                 String utmSource, String utmMedium, String utmCampaign) {
        Instant created = T0.plus(createdDay, ChronoUnit.DAYS).plus(createdDay, ChronoUnit.HOURS);
        Instant updated = T0.plus(20 + updatedDay, ChronoUnit.DAYS);
        Instant qualified = qualifiedDay == null ? null : T0.plus(qualifiedDay, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        return new SeedLead(name, email, phone, status, source, value == null ? null : new BigDecimal(value), created,
                updated, qualified, gclid, utmSource, utmMedium, utmCampaign);
    }

    // ---------------------------------------------------------------- get

    @Test
    void getsASeededLeadWithItsFields() {
        SeedLead alice = seeds().get(0);
        Lead lead = provider().get(ids.get(alice.name()));
        assertThat(lead.name()).isEqualTo(alice.name());
        assertThat(lead.email()).isEqualTo(alice.email());
        assertThat(lead.nativeId()).isEqualTo(ids.get(alice.name()));
        assertThat(lead.id()).isEqualTo(provider().connection() + ":" + ids.get(alice.name()));
        assertThat(lead.provider()).isEqualTo(provider().providerId());
        assertThat(lead.status()).isEqualTo(alice.status());
        assertThat(lead.createdAt()).isEqualTo(alice.createdAt());
        assertThat(lead.personKey()).isNotNull();
        assertThat(lead.raw().isObject()).isTrue();
    }

    @Test
    void getOfAnAbsentIdIsLeadNotFound() {
        assertThatThrownBy(() -> provider().get(fixture.absentId()))
                .isInstanceOf(LeadNotFoundException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../leads", "a/b", "%2F", "x?y=1", "two words", "..", "a#b", " "})
    void pathTricksInIdsAreRejectedBeforeAnyRequest(String id) {
        long before = fixture.requestCount();
        assertThatThrownBy(() -> provider().get(id)).isInstanceOf(InvalidLeadIdException.class);
        assertThat(fixture.requestCount()).isEqualTo(before);
    }

    @Test
    void badCredentialsAreAnAuthenticationErrorThatNeverShowsTheKey() {
        LeadProvider wrong = fixture.providerWithApiKey(wrongKey());
        assertThatThrownBy(() -> wrong.get(ids.get("alice Archer")))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey()))
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(wrongKey()));
        assertThat(wrong.toString()).doesNotContain(wrongKey());
    }

    /** A wrong key in the provider's key format; override when the provider checks the format. */
    protected String wrongKey() {
        return CANARY_KEY;
    }

    // ---------------------------------------------------------------- malformed bodies

    @Test
    void anHtmlErrorPageIsATypedErrorWithItsStatus() {
        fixture.faults().next(Fault.htmlPage(502));
        assertThatThrownBy(() -> provider().get(ids.get("alice Archer")))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(502));
    }

    @Test
    void anHtmlBodyWithStatus200IsAMalformedResponse() {
        fixture.faults().next(Fault.respond(200, Map.of("Content-Type", "text/html"), "<html><body>ok</body></html>"));
        assertThatThrownBy(() -> provider().get(ids.get("alice Archer")))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(((LeadbridgeException) e).httpStatus()).isEqualTo(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"success\":true,\"data\":{\"id\":", "", "[1,2", "\"just a string\"", "42",
            "{\"success\":true,\"data\":17,\"lead\":17}", "{\"success\":true,\"data\":[],\"lead\":[]}"})
    void truncatedEmptyOrWronglyTypedBodiesAreMalformedResponses(String body) {
        fixture.faults().next(Fault.respondJson(200, body));
        assertThatThrownBy(() -> provider().get(ids.get("alice Archer")))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aResetConnectionIsProviderUnavailable() {
        // the JDK HttpClient itself repeats an idempotent request once when the connection dies before any response
        // byte (a stale pooled connection), so a lasting failure is two resets in a row
        fixture.faults().next(2, Fault.connectionReset());
        assertThatThrownBy(() -> provider().get(ids.get("alice Archer")))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    // ---------------------------------------------------------------- create and update

    @Test
    void createThenGetReturnsTheCreatedLead() {
        assumeThat(provider().capabilities().supports(Operation.CREATE)).isTrue();
        Lead created = provider().create(fixture.newLead());
        assertThat(created.nativeId()).isNotBlank();
        Lead fetched = provider().get(created.nativeId());
        assertThat(fetched.name()).isEqualTo("Contract Created");
        assertThat(fetched.email()).isEqualTo("contract.created@example.com");
        assertThat(fetched.nativeId()).isEqualTo(created.nativeId());
    }

    @Test
    void updateChangesTheStatus() {
        assumeThat(provider().capabilities().supports(Operation.UPDATE)
                || provider().capabilities().supports(Operation.CHANGE_STATUS)).isTrue();
        String id = ids.get("alice Archer");
        provider().update(id, fixture.wonUpdate());
        assertThat(provider().get(id).status()).isEqualTo(LeadStatus.WON);
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listingIsUnsupportedOnlyWhenCapabilitiesSaySo() {
        if (provider().capabilities().supports(Operation.LIST)) {
            assertThat(provider().list(LeadQuery.ALL, 1).leads()).isNotEmpty();
        } else {
            assertThatThrownBy(() -> provider().stream(LeadQuery.ALL))
                    .isInstanceOf(OperationNotSupportedException.class)
                    .hasMessageContaining(provider().providerId());
        }
    }

    @Test
    void streamsEveryPage() {
        assumeLists();
        LeadQuery query = LeadQuery.builder().pageSize(5).sortBy(SortField.CREATED_AT, false).build();
        LeadPage first = provider().list(query, 1);
        assertThat(first.leads()).hasSize(5);
        assertThat(first.hasMore()).isTrue();
        try (Stream<Lead> all = provider().stream(query)) {
            assertThat(all.map(Lead::name).toList()).isEqualTo(expected(s -> true, byInstant(SeedLead::createdAt, false)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryCases")
    void everyQueryReturnsTheLeadsTheOracleExpects(QueryCase c) {
        assumeLists();
        assumeThat(fixture.storedFields()).containsAll(c.needs());
        try (Stream<Lead> leads = provider().stream(c.query())) {
            List<Lead> got = leads.toList();
            assertThat(got.stream().map(Lead::name).toList())
                    .as("names for %s", c.name())
                    .isEqualTo(expected(c.filter(), c.order()));
            if (!c.query().fields().isEmpty()) {
                assertThat(got).allSatisfy(l -> {
                    assertThat(l.email()).isNull();
                    assertThat(l.nativeId()).isNotNull();
                });
            }
        }
    }

    @Test
    void aPageListingInsertedLeadsDuringTheListingNeitherDuplicatesNorMisses() {
        assumeLists();
        LeadQuery query = LeadQuery.builder().pageSize(4).sortBy(SortField.CREATED_AT, false).build();
        List<String> names = new ArrayList<>();
        try (Stream<Lead> stream = provider().stream(query)) {
            var it = stream.iterator();
            int n = 0;
            while (it.hasNext()) {
                names.add(it.next().name());
                if (++n == 2) {
                    fixture.provider().create(fixture.newLead());
                }
            }
        } catch (OperationNotSupportedException e) {
            return;
        }
        List<String> seeded = seeds().stream().map(SeedLead::name).toList();
        assertThat(names).containsAll(seeded);
        assertThat(names).doesNotHaveDuplicates();
    }

    /** The cases every listing provider must answer like the oracle does. */
    Stream<Named<QueryCase>> queryCases() {
        Instant mid = T0.plus(5, ChronoUnit.DAYS);
        List<QueryCase> cases = List.of(
                new QueryCase("status QUALIFIED", q().status(LeadStatus.QUALIFIED).sortBy(SortField.CREATED_AT, true).build(),
                        s -> s.status() == LeadStatus.QUALIFIED, byInstant(SeedLead::createdAt, true), Set.of()),
                new QueryCase("status WON or LOST", q().status(LeadStatus.WON, LeadStatus.LOST).sortBy(SortField.CREATED_AT, false).build(),
                        s -> s.status() == LeadStatus.WON || s.status() == LeadStatus.LOST, byInstant(SeedLead::createdAt, false), Set.of()),
                new QueryCase("source api", q().source("api").sortBy(SortField.CREATED_AT, false).build(),
                        s -> "api".equals(s.source()), byInstant(SeedLead::createdAt, false), Set.of(SeedField.SOURCE)),
                new QueryCase("createdAt >= mid", q().createdAt(Range.atLeast(mid)).sortBy(SortField.CREATED_AT, true).build(),
                        s -> !s.createdAt().isBefore(mid), byInstant(SeedLead::createdAt, true), Set.of()),
                new QueryCase("createdAt in [T0+2d, T0+7d)", q().createdAt(Range.closedOpen(T0.plus(2, ChronoUnit.DAYS), T0.plus(7, ChronoUnit.DAYS))).sortBy(SortField.CREATED_AT, false).build(),
                        s -> !s.createdAt().isBefore(T0.plus(2, ChronoUnit.DAYS)) && s.createdAt().isBefore(T0.plus(7, ChronoUnit.DAYS)),
                        byInstant(SeedLead::createdAt, false), Set.of()),
                new QueryCase("updatedAt > T0+26d", q().updatedAt(Range.greaterThan(T0.plus(26, ChronoUnit.DAYS))).sortBy(SortField.UPDATED_AT, true).build(),
                        s -> s.updatedAt().isAfter(T0.plus(26, ChronoUnit.DAYS)), byInstant(SeedLead::updatedAt, true), Set.of(SeedField.UPDATED_AT)),
                new QueryCase("qualifiedAt <= T0+8d", q().qualifiedAt(Range.atMost(T0.plus(8, ChronoUnit.DAYS))).sortBy(SortField.CREATED_AT, true).build(),
                        s -> s.qualifiedAt() != null && !s.qualifiedAt().isAfter(T0.plus(8, ChronoUnit.DAYS)), byInstant(SeedLead::createdAt, true), Set.of(SeedField.QUALIFIED_AT)),
                new QueryCase("value in [75, 1000]", q().value(Range.closed(new BigDecimal("75"), new BigDecimal("1000"))).sortBy(SortField.VALUE, false).build(),
                        s -> s.value() != null && s.value().compareTo(new BigDecimal("75")) >= 0 && s.value().compareTo(new BigDecimal("1000")) <= 0,
                        byValue(false), Set.of(SeedField.VALUE)),
                new QueryCase("value < 100", q().value(Range.lessThan(new BigDecimal("100"))).sortBy(SortField.VALUE, true).build(),
                        s -> s.value() != null && s.value().compareTo(new BigDecimal("100")) < 0, byValue(true), Set.of(SeedField.VALUE)),
                new QueryCase("search 'ar' (name)", q().search("ar").sortBy(SortField.CREATED_AT, true).build(),
                        s -> contains(s.name(), "ar") || contains(s.email(), "ar") || contains(s.phone(), "ar"), byInstant(SeedLead::createdAt, true), Set.of()),
                new QueryCase("search 'EXAMPLE.COM' (email)", q().search("EXAMPLE.COM").sortBy(SortField.CREATED_AT, true).build(),
                        s -> contains(s.name(), "example.com") || contains(s.email(), "example.com") || contains(s.phone(), "example.com"),
                        byInstant(SeedLead::createdAt, true), Set.of()),
                new QueryCase("search '555' (phone)", q().search("555").sortBy(SortField.CREATED_AT, true).build(),
                        s -> contains(s.name(), "555") || contains(s.email(), "555") || contains(s.phone(), "555"),
                        byInstant(SeedLead::createdAt, true), Set.of()),
                new QueryCase("gclid present", q().clickId("gclid", true).sortBy(SortField.CREATED_AT, true).build(),
                        s -> s.gclid() != null, byInstant(SeedLead::createdAt, true), Set.of(SeedField.GCLID)),
                new QueryCase("gclid absent", q().clickId("gclid", false).sortBy(SortField.CREATED_AT, true).build(),
                        s -> s.gclid() == null, byInstant(SeedLead::createdAt, true), Set.of(SeedField.GCLID)),
                new QueryCase("utm_source google and utm_campaign spring", q().utmSource("google").utmCampaign("spring").sortBy(SortField.CREATED_AT, false).build(),
                        s -> "google".equals(s.utmSource()) && "spring".equals(s.utmCampaign()), byInstant(SeedLead::createdAt, false), Set.of(SeedField.UTM)),
                new QueryCase("utm_medium social", q().utmMedium("social").sortBy(SortField.CREATED_AT, true).build(),
                        s -> "social".equals(s.utmMedium()), byInstant(SeedLead::createdAt, true), Set.of(SeedField.UTM)),
                new QueryCase("sort name asc", q().sortBy(SortField.NAME, true).build(),
                        s -> true, byText(SeedLead::name, true), Set.of()),
                new QueryCase("sort name desc", q().sortBy(SortField.NAME, false).build(),
                        s -> true, byText(SeedLead::name, false), Set.of()),
                new QueryCase("sort email asc (nulls last)", q().sortBy(SortField.EMAIL, true).sortBy(SortField.CREATED_AT, true).build(),
                        s -> true, byText(SeedLead::email, true).thenComparing(byInstant(SeedLead::createdAt, true)), Set.of()),
                new QueryCase("sort email desc (nulls last)", q().sortBy(SortField.EMAIL, false).sortBy(SortField.CREATED_AT, true).build(),
                        s -> true, byText(SeedLead::email, false).thenComparing(byInstant(SeedLead::createdAt, true)), Set.of()),
                new QueryCase("sort updatedAt desc", q().sortBy(SortField.UPDATED_AT, false).build(),
                        s -> true, byInstant(SeedLead::updatedAt, false), Set.of(SeedField.UPDATED_AT)),
                new QueryCase("sort qualifiedAt asc then createdAt desc", q().sortBy(SortField.QUALIFIED_AT, true).sortBy(SortField.CREATED_AT, false).build(),
                        s -> true, byInstant(SeedLead::qualifiedAt, true).thenComparing(byInstant(SeedLead::createdAt, false)), Set.of(SeedField.QUALIFIED_AT)),
                new QueryCase("sort value desc then createdAt asc (nulls last)", q().sortBy(SortField.VALUE, false).sortBy(SortField.CREATED_AT, true).build(),
                        s -> true, byValue(false).thenComparing(byInstant(SeedLead::createdAt, true)), Set.of(SeedField.VALUE)),
                new QueryCase("sort status then createdAt desc", q().sortBy(SortField.STATUS, true).sortBy(SortField.CREATED_AT, false).build(),
                        s -> true, Comparator.comparing(SeedLead::status).thenComparing(byInstant(SeedLead::createdAt, false)), Set.of()),
                new QueryCase("status OPEN, search 'e', createdAt >= T0+1d, sort name", q().status(LeadStatus.OPEN).search("e")
                        .createdAt(Range.atLeast(T0.plus(1, ChronoUnit.DAYS))).sortBy(SortField.NAME, true).build(),
                        s -> s.status() == LeadStatus.OPEN && (contains(s.name(), "e") || contains(s.email(), "e") || contains(s.phone(), "e"))
                                && !s.createdAt().isBefore(T0.plus(1, ChronoUnit.DAYS)), byText(SeedLead::name, true), Set.of()),
                new QueryCase("projection name+status, small pages", q().fields(LeadField.NAME, LeadField.STATUS).pageSize(3).sortBy(SortField.CREATED_AT, true).build(),
                        s -> true, byInstant(SeedLead::createdAt, true), Set.of()));
        return cases.stream().map(c -> Named.of(c.name(), c));
    }

    /**
     * One query case.
     *
     * @param name   readable name
     * @param query  the query under test
     * @param filter the oracle's filter on seeds
     * @param order  the oracle's order on seeds
     * @param needs  seed fields the provider must store for the case to apply
     */
    protected record QueryCase(String name, LeadQuery query, Predicate<SeedLead> filter, Comparator<SeedLead> order,
                               Set<SeedField> needs) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------- oracle

    private static LeadQuery.Builder q() {
        return LeadQuery.builder().pageSize(4);
    }

    private static List<String> expected(Predicate<SeedLead> filter, Comparator<SeedLead> order) {
        return seeds().stream().filter(filter).sorted(order).map(SeedLead::name).collect(Collectors.toList());
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static Comparator<SeedLead> byInstant(Function<SeedLead, Instant> getter, boolean ascending) {
        Comparator<Instant> natural = Comparator.naturalOrder();
        return Comparator.comparing(getter, Comparator.nullsLast(ascending ? natural : natural.reversed()));
    }

    private static Comparator<SeedLead> byValue(boolean ascending) {
        Comparator<BigDecimal> natural = Comparator.naturalOrder();
        return Comparator.comparing(SeedLead::value, Comparator.nullsLast(ascending ? natural : natural.reversed()));
    }

    private static Comparator<SeedLead> byText(Function<SeedLead, String> getter, boolean ascending) {
        Comparator<String> text = Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT))
                .thenComparing(Comparator.naturalOrder());
        return Comparator.comparing(getter, Comparator.nullsLast(ascending ? text : text.reversed()));
    }

    private LeadProvider provider() {
        return fixture.provider();
    }

    private void assumeLists() {
        assumeThat(provider().capabilities().supports(Operation.LIST)).as("provider lists leads").isTrue();
    }

    /** The fixture, for subclasses adding provider-specific tests. */
    protected ContractFixture fixture() {
        return fixture;
    }

    /** The native ids of the seeds of the current test, by seed name. */
    protected Map<String, String> seededIds() {
        return ids;
    }

    /** The statuses the seeds use. */
    protected static Set<LeadStatus> seededStatuses() {
        return EnumSet.of(LeadStatus.OPEN, LeadStatus.QUALIFIED, LeadStatus.WON, LeadStatus.LOST);
    }
}
