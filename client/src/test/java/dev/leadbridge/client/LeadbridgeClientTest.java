package dev.leadbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.error.ConfigurationException;
import dev.leadbridge.core.error.ErrorDetails;
import dev.leadbridge.core.error.InvalidLeadIdException;
import dev.leadbridge.core.error.LeadNotFoundException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeadbridgeClientTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static LeadbridgeClient client(FakeProvider... providers) {
        LeadbridgeClient.Builder b = LeadbridgeClient.builder().pageConcurrency(4);
        for (FakeProvider p : providers) {
            b.connection(p);
        }
        return b.build();
    }

    static Stream<LeadQuery> sorts() {
        return Stream.of(
                LeadQuery.builder().sortBy(SortField.CREATED_AT, false).pageSize(7).build(),
                LeadQuery.builder().sortBy(SortField.NAME, true).pageSize(10).build(),
                LeadQuery.builder().sortBy(SortField.VALUE, false).sortBy(SortField.CREATED_AT, true).pageSize(5)
                        .build());
    }

    @ParameterizedTest
    @MethodSource("sorts")
    void mergesTheConnectionsInTheQuerySortOrder(LeadQuery query) {
        // given three connections with interleaving leads
        FakeProvider a = FakeProvider.sorting("a").addMany(40, "alpha", T0);
        FakeProvider b = FakeProvider.sorting("b").addMany(25, "beta", T0.plusSeconds(30));
        FakeProvider c = FakeProvider.sorting("c").addMany(3, "gamma", T0.plusSeconds(10));
        List<Lead> expected = new ArrayList<>();
        Stream.of(a, b, c).forEach(p -> expected.addAll(p.all()));
        expected.sort(query.comparator());

        // when
        try (LeadbridgeClient client = client(a, b, c); AggregateResult result = client.stream(query)) {
            List<Lead> merged = result.leads().toList();

            // then
            assertThat(merged).extracting(Lead::id).containsExactlyElementsOf(expected.stream().map(Lead::id).toList());
            assertThat(result.outcomes()).containsOnlyKeys("a", "b", "c");
            assertThat(result.outcomes().get("a")).isInstanceOfSatisfying(ConnectionOutcome.Ok.class,
                    ok -> assertThat(ok.leads()).isEqualTo(40));
        }
    }

    @Test
    void naturalOrderDeliversEveryLeadOnceInAnyInterleaving() {
        FakeProvider a = FakeProvider.sorting("a").addMany(33, "alpha", T0);
        FakeProvider b = FakeProvider.sorting("b").addMany(12, "beta", T0);
        try (LeadbridgeClient client = client(a, b);
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(5).build())) {
            List<String> ids = result.leads().map(Lead::id).toList();
            assertThat(ids).hasSize(45).doesNotHaveDuplicates();
            assertThat(result.outcomes().values()).allMatch(o -> o instanceof ConnectionOutcome.Ok);
        }
    }

    @Test
    void prefetchesPagesConcurrentlyButNoMoreThanThePageConcurrency() {
        // given a slow account of 30 pages that reports its page count
        FakeProvider slow = FakeProvider.sorting("slow").addMany(300, "s", T0);
        slow.latency = Duration.ofMillis(50);

        // when
        try (LeadbridgeClient client = client(slow);
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(10)
                     .sortBy(SortField.CREATED_AT, true).build())) {
            assertThat(result.leads().count()).isEqualTo(300);

            // then
            assertThat(slow.maxInFlight.get()).isEqualTo(4);
            assertThat(result.outcomes().get("slow")).isInstanceOfSatisfying(ConnectionOutcome.Ok.class,
                    ok -> assertThat(ok.pages()).isEqualTo(30));
        }
    }

    @Test
    void fetchesPageByPageWhenTheProviderDoesNotReportThePageCount() {
        FakeProvider p = new FakeProvider("p", EnumSet.allOf(SortField.class), true, false).addMany(50, "p", T0);
        try (LeadbridgeClient client = client(p);
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(10).build())) {
            assertThat(result.leads().count()).isEqualTo(50);
            assertThat(p.maxInFlight.get()).isEqualTo(1);
        }
    }

    @Test
    void aFailingConnectionYieldsTheOthersLeadsAndItsTypedError() {
        // given b fails on its third page
        FakeProvider a = FakeProvider.sorting("a").addMany(30, "alpha", T0);
        FakeProvider b = FakeProvider.sorting("b").addMany(30, "beta", T0);
        ProviderUnavailableException boom = new ProviderUnavailableException("502 from upstream",
                ErrorDetails.of("fake", "b").withResponse(502, null, "req-1"), null, true);
        b.failOnPage = page -> page == 3 ? boom : null;

        // when
        try (LeadbridgeClient client = client(a, b);
             AggregateResult result = client.stream(LeadQuery.builder().pageSize(10)
                     .sortBy(SortField.CREATED_AT, true).build())) {
            List<Lead> leads = result.leads().toList();

            // then
            assertThat(leads.stream().filter(l -> l.connection().equals("a"))).hasSize(30);
            assertThat(result.outcomes().get("a")).isInstanceOf(ConnectionOutcome.Ok.class);
            assertThat(result.outcomes().get("b")).isInstanceOfSatisfying(ConnectionOutcome.Failed.class, failed -> {
                assertThat(failed.error()).isSameAs(boom);
                assertThat(failed.error().httpStatus()).isEqualTo(502);
                assertThat(failed.pages()).isEqualTo(2);
                assertThat(failed.leadsBeforeFailure()).isEqualTo(20);
            });
            assertThat(result.anyFailed()).isTrue();
        }
    }

    @Test
    void failFastStopsEverythingAndThrowsTheTypedError() {
        FakeProvider a = FakeProvider.sorting("a").addMany(500, "alpha", T0);
        a.latency = Duration.ofMillis(5);
        FakeProvider b = FakeProvider.sorting("b").addMany(30, "beta", T0);
        ProviderUnavailableException boom = new ProviderUnavailableException("down", ErrorDetails.of("fake", "b"),
                null, true);
        b.failOnPage = page -> boom;
        try (LeadbridgeClient client = client(a, b);
             AggregateResult result = client.stream(AggregateQuery.of(LeadQuery.builder().pageSize(10).build())
                     .withFailFast(true))) {
            assertThatThrownBy(() -> result.leads().count()).isSameAs(boom);
            assertThat(result.outcomes().get("b")).isInstanceOf(ConnectionOutcome.Failed.class);
        }
    }

    @Test
    void aConnectionWhoseProviderCannotListIsSkippedNotFailed() {
        FakeProvider a = FakeProvider.sorting("a").addMany(5, "alpha", T0);
        FakeProvider noList = new FakeProvider("nolist", Set.of(), false, false);
        try (LeadbridgeClient client = client(a, noList); AggregateResult result = client.stream(LeadQuery.ALL)) {
            assertThat(result.leads().count()).isEqualTo(5);
            assertThat(result.outcomes().get("nolist")).isInstanceOfSatisfying(ConnectionOutcome.Skipped.class,
                    s -> assertThat(s.reason()).contains("cannot list"));
            assertThat(result.anyFailed()).isFalse();
        }
    }

    @Test
    void aSortTheServerCannotRunIsDoneOnTheClientBeforeMerging() {
        FakeProvider sorting = FakeProvider.sorting("a").addMany(20, "zed", T0);
        FakeProvider unsorted = new FakeProvider("b", Set.of(), true, true).addMany(20, "amy", T0.plusSeconds(1));
        LeadQuery query = LeadQuery.builder().sortBy(SortField.CREATED_AT, false).pageSize(6).build();
        try (LeadbridgeClient client = client(sorting, unsorted); AggregateResult result = client.stream(query)) {
            List<Lead> leads = result.leads().toList();
            assertThat(leads).hasSize(40).isSortedAccordingTo(query.comparator());
        }
    }

    @Test
    void theProjectionIsAppliedAfterTheMergeSoTheOrderStillHolds() {
        FakeProvider a = FakeProvider.sorting("a").addMany(12, "alpha", T0);
        FakeProvider b = FakeProvider.sorting("b").addMany(12, "beta", T0.plusSeconds(5));
        LeadQuery query = LeadQuery.builder().sortBy(SortField.CREATED_AT, true).fields(LeadField.EMAIL).pageSize(5)
                .build();
        List<Lead> expected = new ArrayList<>(a.all());
        expected.addAll(b.all());
        expected.sort(query.comparator());
        try (LeadbridgeClient client = client(a, b); AggregateResult result = client.stream(query)) {
            List<Lead> leads = result.leads().toList();
            assertThat(leads).extracting(Lead::id).containsExactlyElementsOf(expected.stream().map(Lead::id).toList());
            assertThat(leads).allSatisfy(l -> {
                assertThat(l.createdAt()).isNull();
                assertThat(l.email()).isNotNull();
            });
        }
    }

    @Test
    void closingTheStreamEarlyStopsFetching() throws InterruptedException {
        FakeProvider big = FakeProvider.sorting("big").addMany(5_000, "b", T0);
        big.latency = Duration.ofMillis(2);
        try (LeadbridgeClient client = client(big)) {
            try (Stream<Lead> leads = client.stream(LeadQuery.builder().pageSize(10).build()).leads()) {
                assertThat(leads.limit(25).count()).isEqualTo(25);
            }
            Thread.sleep(100);
            int callsAfterClose = big.calls.get();
            Thread.sleep(100);
            assertThat(big.calls.get()).isEqualTo(callsAfterClose).isLessThan(30);
        }
    }

    @Test
    void readsOnlyTheChosenConnectionsAndRejectsUnknownOnes() {
        FakeProvider a = FakeProvider.sorting("a").addMany(3, "alpha", T0);
        FakeProvider b = FakeProvider.sorting("b").addMany(4, "beta", T0);
        try (LeadbridgeClient client = client(a, b)) {
            try (AggregateResult result = client.stream(AggregateQuery.all().withConnections("b"))) {
                assertThat(result.leads().map(Lead::connection).collect(Collectors.toSet())).containsExactly("b");
                assertThat(result.outcomes()).containsOnlyKeys("b");
            }
            assertThatThrownBy(() -> client.stream(AggregateQuery.all().withConnections("zzz")))
                    .isInstanceOf(UnknownConnectionException.class).hasMessageContaining("zzz")
                    .hasMessageContaining("[a, b]");
        }
    }

    @Test
    void getRoutesAGlobalIdToItsConnection() {
        FakeProvider a = FakeProvider.sorting("acme").addMany(3, "x", T0);
        FakeProvider b = FakeProvider.sorting("globex").addMany(3, "x", T0);
        try (LeadbridgeClient client = client(a, b)) {
            Lead lead = client.get("globex:x-00001");
            assertThat(lead.connection()).isEqualTo("globex");
            assertThat(lead.id()).isEqualTo("globex:x-00001");
            assertThatThrownBy(() -> client.get("globex:nope")).isInstanceOf(LeadNotFoundException.class);
        }
    }

    @Test
    void getRejectsAnUnknownConnectionOrAMalformedIdWithTypedErrors() {
        try (LeadbridgeClient client = client(FakeProvider.sorting("acme"))) {
            assertThatThrownBy(() -> client.get("initech:42")).isInstanceOf(UnknownConnectionException.class)
                    .hasMessageContaining("initech");
            for (String bad : new String[]{"no-colon", ":42", "acme:", ""}) {
                assertThatThrownBy(() -> client.get(bad)).as(bad).isInstanceOf(InvalidLeadIdException.class)
                        .hasMessageContaining("<connection>:<nativeId>");
            }
            assertThatThrownBy(() -> client.get(null)).isInstanceOf(InvalidLeadIdException.class);
        }
    }

    @Test
    void createRoutesToOneConnectionAndFanOutReportsEachOutcome() {
        FakeProvider a = FakeProvider.sorting("a");
        FakeProvider b = new FakeProvider("b", Set.of(), true, true) {
            @Override
            public synchronized Lead create(NewLead lead) {
                throw new dev.leadbridge.core.error.RejectedException("filtered", ErrorDetails.of("fake", "b"));
            }
        };
        NewLead lead = NewLead.builder().name("Ann").email("Ann@Example.com").build();
        try (LeadbridgeClient client = client(a, b)) {
            assertThat(client.create("a", lead)).isInstanceOfSatisfying(CreateOutcome.Created.class,
                    c -> assertThat(c.lead().personKey()).isNotNull());
            Map<String, CreateOutcome> outcomes = client.createOnEach(List.of("b", "a"), lead);
            assertThat(outcomes.keySet()).containsExactly("b", "a");
            assertThat(outcomes.get("a")).isInstanceOf(CreateOutcome.Created.class);
            assertThat(outcomes.get("b")).isInstanceOfSatisfying(CreateOutcome.Failed.class,
                    f -> assertThat(f.error()).isInstanceOf(dev.leadbridge.core.error.RejectedException.class));
            assertThatThrownBy(() -> client.createOnEach(List.of("a", "zzz"), lead))
                    .isInstanceOf(UnknownConnectionException.class);
            assertThat(a.all()).hasSize(2);
        }
    }

    @Test
    void theBuilderRejectsTheSameConnectionNameTwiceAndAnEmptyClient() {
        assertThatThrownBy(() -> LeadbridgeClient.builder().connection(FakeProvider.sorting("a"))
                .connection(FakeProvider.sorting("a"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a' is added twice");
        assertThatThrownBy(() -> LeadbridgeClient.builder().build()).isInstanceOf(ConfigurationException.class);
    }
}
