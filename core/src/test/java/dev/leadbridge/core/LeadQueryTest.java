package dev.leadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadQueryTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private static Lead.Builder lead(String id) {
        return Lead.builder().connection("c").provider("p").nativeId(id).status(LeadStatus.OPEN);
    }

    @Test
    void matchesCombinesEveryFilterWithAnd() {
        // given
        LeadQuery query = LeadQuery.builder().status(LeadStatus.WON, LeadStatus.QUALIFIED).source("ads")
                .createdAt(Range.closedOpen(T0, T0.plusSeconds(3600))).value(Range.atLeast(new BigDecimal("10")))
                .search("LOVE").clickId("gclid", true).clickId("fbc", false).utmSource("google").build();
        Attribution attribution = new Attribution(null, null, "google", null, null, Map.of("gclid", "g1"), null);
        Lead match = lead("1").status(LeadStatus.WON).source("ads").createdAt(T0).value(new BigDecimal("10.00"))
                .name("Ada Lovelace").attribution(attribution).build();

        // then
        assertThat(query.matches(match)).isTrue();
        assertThat(query.matches(match.toBuilder().status(LeadStatus.LOST).build())).isFalse();
        assertThat(query.matches(match.toBuilder().source("seo").build())).isFalse();
        assertThat(query.matches(match.toBuilder().createdAt(T0.plusSeconds(3600)).build())).isFalse();
        assertThat(query.matches(match.toBuilder().value(null).build())).isFalse();
        assertThat(query.matches(match.toBuilder().name("Grace").build())).isFalse();
        assertThat(query.matches(match.toBuilder().attribution(new Attribution(null, null, "google", null, null,
                Map.of("gclid", "g1", "fbc", "f"), null)).build())).isFalse();
        assertThat(query.matches(match.toBuilder().attribution(Attribution.EMPTY).build())).isFalse();
        assertThat(LeadQuery.ALL.matches(lead("2").build())).isTrue();
    }

    @Test
    void searchLooksInNameEmailAndPhoneCaseInsensitively() {
        LeadQuery query = LeadQuery.builder().search("  Example.ORG ").build();
        assertThat(query.search()).isEqualTo("Example.ORG");
        assertThat(query.matches(lead("1").email("ada@example.org").build())).isTrue();
        assertThat(LeadQuery.builder().search("612").build().matches(lead("2").phone("+31 612345678").build()))
                .isTrue();
        assertThat(query.matches(lead("3").name("Example").build())).isFalse();
    }

    @Test
    void comparatorSortsNullsLastInBothDirectionsAndBreaksTiesById() {
        // given
        Lead a = lead("a").value(new BigDecimal("5")).name("bob").build();
        Lead b = lead("b").value(null).name("Alice").build();
        Lead c = lead("c").value(new BigDecimal("7")).name("alice").build();
        Lead d = lead("d").value(new BigDecimal("5")).name(null).build();

        // when
        List<Lead> byValueDesc = List.of(a, b, c, d).stream()
                .sorted(LeadQuery.builder().sortBy(SortField.VALUE, false).build().comparator()).toList();
        List<Lead> byValueAsc = List.of(a, b, c, d).stream()
                .sorted(LeadQuery.builder().sortBy(SortField.VALUE, true).build().comparator()).toList();
        List<Lead> byName = List.of(a, b, c, d).stream()
                .sorted(LeadQuery.builder().sortBy(SortField.NAME, true).build().comparator()).toList();

        // then
        assertThat(byValueDesc).extracting(Lead::nativeId).containsExactly("c", "a", "d", "b");
        assertThat(byValueAsc).extracting(Lead::nativeId).containsExactly("a", "d", "c", "b");
        assertThat(byName).extracting(Lead::nativeId).containsExactly("b", "c", "a", "d");
    }

    @Test
    void statusSortsInPipelineOrder() {
        Lead won = lead("1").status(LeadStatus.WON).build();
        Lead open = lead("2").status(LeadStatus.OPEN).build();
        Lead contacted = lead("3").status(LeadStatus.CONTACTED).build();
        assertThat(List.of(won, open, contacted).stream()
                .sorted(LeadQuery.builder().sortBy(SortField.STATUS, true).build().comparator()))
                .extracting(Lead::nativeId).containsExactly("2", "3", "1");
    }

    @Test
    void projectKeepsIdentityRawAndTheChosenFieldsOnly() {
        // given
        Lead full = lead("1").name("Ada").email("ada@example.org").phone("+31612345678").company("ACME")
                .status(LeadStatus.WON).statusRaw("won").build();
        LeadQuery query = LeadQuery.builder().fields(LeadField.EMAIL, LeadField.PHONE).build();

        // when
        Lead projected = query.project(full);

        // then
        assertThat(projected.id()).isEqualTo("c:1");
        assertThat(projected.personKey()).isEqualTo(full.personKey());
        assertThat(projected.email()).isEqualTo("ada@example.org");
        assertThat(projected.phoneE164()).isEqualTo("+31612345678");
        assertThat(projected.name()).isNull();
        assertThat(projected.company()).isNull();
        assertThat(projected.status()).isEqualTo(LeadStatus.UNKNOWN);
        assertThat(LeadQuery.ALL.project(full)).isSameAs(full);
    }

    @Test
    void fieldsNeededAddsWhatFiltersAndSortsRead() {
        LeadQuery query = LeadQuery.builder().fields(LeadField.NAME).status(LeadStatus.WON).search("x")
                .utmCampaign("spring").sortBy(SortField.CREATED_AT, false).build();
        assertThat(query.fieldsNeeded()).containsExactlyInAnyOrder(LeadField.NAME, LeadField.STATUS,
                LeadField.EMAIL, LeadField.PHONE, LeadField.ATTRIBUTION, LeadField.CREATED_AT);
        assertThat(LeadQuery.builder().status(LeadStatus.WON).build().fieldsNeeded()).isEmpty();
    }

    @Test
    void rejectsAPageSizeOutOfRangeAndARepeatedSortField() {
        assertThatThrownBy(() -> LeadQuery.builder().pageSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> LeadQuery.builder().pageSize(1001).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeadQuery.builder().sortBy(SortField.NAME, true).sortBy(SortField.NAME, false)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only once");
    }

    @Test
    void toBuilderRoundTrips() {
        LeadQuery query = LeadQuery.builder().status(LeadStatus.OPEN).source("a").search("x").clickId("gclid", true)
                .sortBy(SortField.EMAIL, true).pageSize(50).fields(LeadField.EMAIL).build();
        assertThat(query.toBuilder().build()).isEqualTo(query);
    }
}
