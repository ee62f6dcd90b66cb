package dev.leadbridge.provider.octanist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadField;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.Range;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OctanistListTest extends WireMockSupport {

    private static final String EMPTY_PAGE = "{\"success\":true,\"data\":[],\"meta\":{\"pagination\":{\"limit\":4,"
            + "\"page\":1,\"totalPages\":0,\"total\":0,\"hasMore\":false},\"requestId\":\"req_1\"}}";

    @BeforeEach
    void answerEveryListWithAnEmptyPage() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson(EMPTY_PAGE)));
    }

    private String urlOf(LeadQuery query) {
        provider().list(query, 1);
        return onlyUrl();
    }

    private static LeadQuery.Builder q() {
        return LeadQuery.builder().pageSize(4);
    }

    @Test
    void sendsLimitPageTheNaturalSortAndThePinWhenTheQueryIsEmpty() {
        assertThat(urlOf(q().build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void percentEncodesBracketsColonsAndCommasOnTheWire() {
        assertThat(urlOf(q().status(LeadStatus.WON, LeadStatus.LOST).build())).isEqualTo("/api/leads?limit=4&page=1"
                + "&sort=createdAt%3Adesc&status=won%2Clost&createdAt%5Blte%5D=2026-03-10T12%3A00%3A00.000Z");
    }

    @Test
    void capsThePageSizeAtOneHundred() {
        LeadPage page = provider().list(LeadQuery.builder().pageSize(500).build(), 3);
        assertThat(onlyUrl()).startsWith("/api/leads?limit=100&page=3&");
        assertThat(page.pageSize()).isEqualTo(100);
    }

    @Test
    void sendsStatusesAsCommaSeparatedRawValuesWithWonForWon() {
        assertThat(urlOf(q().status(LeadStatus.LOST, LeadStatus.WON, LeadStatus.QUALIFIED, LeadStatus.OPEN).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&status=open,qualified,won,lost&" + PIN));
    }

    @Test
    void aStatusNoRawValueMapsToNeedsNoRequestAndGivesAnEmptyPage() {
        LeadPage page = provider().list(q().status(LeadStatus.CONTACTED).build(), 1);
        assertThat(page.leads()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(requests()).isEmpty();
    }

    @Test
    void contactedBesideARealStatusSendsOnlyTheRealOne() {
        assertThat(urlOf(q().status(LeadStatus.CONTACTED, LeadStatus.LOST).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&status=lost&" + PIN));
    }

    @Test
    void unknownStatusIsFilteredOnTheClientBecauseUnseenRawValuesCannotBeNamed() {
        assertThat(urlOf(q().status(LeadStatus.UNKNOWN, LeadStatus.OPEN).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void aStatusMappedToAnUndocumentedRawValueIsFilteredOnTheClient() {
        OctanistProvider provider = OctanistProvider.builder().connection("acme").baseUrl(wm.baseUrl() + "/api")
                .apiKey(API_KEY).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .statusMapping(OctanistProvider.DEFAULT_STATUS_MAPPING.withOverrides(Map.of("status.pending", "OPEN")))
                .build();
        provider.list(q().status(LeadStatus.OPEN).build(), 1);
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void sendsDocumentedSourcesCommaSeparated() {
        assertThat(urlOf(q().source("api", "wordpress").build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&source=api,wordpress&" + PIN));
    }

    @Test
    void anUndocumentedSourceIsFilteredOnTheClientInsteadOfBeingRefusedByTheServer() {
        assertThat(urlOf(q().source("api", "Facebook Ads").build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void sendsEveryRangeOperator() {
        LeadQuery query = q()
                .createdAt(Range.closedOpen(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")))
                .updatedAt(Range.greaterThan(Instant.parse("2026-01-15T10:30:00Z")))
                .qualifiedAt(Range.atMost(Instant.parse("2026-01-20T00:00:00.250Z")))
                .value(new Range<>(new BigDecimal("100"), false, new BigDecimal("1000.50"), false))
                .build();
        assertThat(urlOf(query)).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc"
                + "&createdAt[gte]=2026-01-01T00:00:00.000Z&createdAt[lt]=2026-02-01T00:00:00.000Z"
                + "&updatedAt[gt]=2026-01-15T10:30:00.000Z"
                + "&qualifiedAt[lte]=2026-01-20T00:00:00.250Z"
                + "&value[gt]=100&value[lt]=1000.50"));
    }

    @Test
    void sendsInclusiveValueBoundsAsGteAndLte() {
        assertThat(urlOf(q().value(Range.closed(new BigDecimal("75"), new BigDecimal("1E+3"))).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN
                        + "&value[gte]=75&value[lte]=1000"));
    }

    @Test
    void widensBoundsFinerThanAMillisecondToTheEnclosingMillisecond() {
        LeadQuery query = q().updatedAt(new Range<>(Instant.parse("2026-01-01T00:00:00.000500Z"), false,
                Instant.parse("2026-01-02T00:00:00.000500Z"), false)).build();
        assertThat(urlOf(query)).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN
                + "&updatedAt[gte]=2026-01-01T00:00:00.000Z&updatedAt[lte]=2026-01-02T00:00:00.001Z"));
    }

    @Test
    void keepsATighterCreatedAtUpperBoundInsteadOfThePin() {
        assertThat(urlOf(q().createdAt(Range.lessThan(Instant.parse("2026-01-01T00:00:00Z"))).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&createdAt[lt]=2026-01-01T00:00:00.000Z"));
    }

    @Test
    void replacesALooserCreatedAtUpperBoundByThePin() {
        assertThat(urlOf(q().createdAt(Range.closed(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"))).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&createdAt[gte]=2026-01-01T00:00:00.000Z&"
                        + PIN));
    }

    @Test
    void laterPagesOfAListingReuseThePinOfItsFirstPage() {
        MutableTestClock clock = new MutableTestClock(NOW);
        OctanistProvider provider = OctanistProvider.builder().connection("acme").baseUrl(wm.baseUrl() + "/api")
                .apiKey(API_KEY).clock(clock).build();
        LeadQuery query = q().build();
        provider.list(query, 1);
        clock.now = NOW.plusSeconds(30);
        provider.list(query, 2);
        provider.list(q().search("x").build(), 2);
        provider.list(query, 1);
        assertThat(requests()).extracting(r -> r.getUrl()).containsExactly(
                wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN),
                wire("/api/leads?limit=4&page=2&sort=createdAt:desc&" + PIN),
                wire("/api/leads?limit=4&page=2&sort=createdAt:desc&search=x&createdAt[lte]=2026-03-10T12:00:30.000Z"),
                wire("/api/leads?limit=4&page=1&sort=createdAt:desc&createdAt[lte]=2026-03-10T12:00:30.000Z"));
    }

    @Test
    void sendsNoPinWhenPinningIsSwitchedOff() {
        OctanistProvider provider = OctanistProvider.builder().connection("acme").baseUrl(wm.baseUrl() + "/api")
                .apiKey(API_KEY).pinListings(false).build();
        provider.list(q().build(), 1);
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc"));
    }

    @Test
    void sendsSearchUtmAndClickIdPresenceEncoded() {
        LeadQuery query = q().search("o'brien +31 6&x").utmSource("google").utmMedium("cpc").utmCampaign("spring sale")
                .clickId("gclid", true).clickId("li_fat_id", true).clickId("fbc", false).clickId("custom_id", true)
                .build();
        assertThat(urlOf(query)).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc"
                + "&search=o%27brien%20%2B31%206%26x&" + PIN
                + "&utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale"
                + "&gclid[exists]=true&li_fat_id[exists]=true"));
    }

    @Test
    void everyDocumentedClickIdCanBeRequiredPresent() {
        LeadQuery.Builder query = q();
        List.of("gclid", "dclid", "wbraid", "gbraid", "ga4cid", "ga4sid", "fbc", "fbp", "msclkid", "ttclid", "twclid",
                "rdt_cid", "sccid", "epik", "li_fat_id").forEach(id -> query.clickId(id, true));
        assertThat(urlOf(query.build())).endsWith(wire("?" + PIN + "&gclid[exists]=true&dclid[exists]=true"
                + "&wbraid[exists]=true&gbraid[exists]=true&ga4cid[exists]=true&ga4sid[exists]=true"
                + "&fbc[exists]=true&fbp[exists]=true&msclkid[exists]=true&ttclid[exists]=true"
                + "&twclid[exists]=true&rdt_cid[exists]=true&sccid[exists]=true&epik[exists]=true"
                + "&li_fat_id[exists]=true").substring(1));
    }

    @Test
    void utmValuesTheServerWouldSplitOrTrimAreFilteredOnTheClient() {
        assertThat(urlOf(q().utmSource("a,b").utmMedium(" cpc").build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void sendsEverySortKeyInOrderAsFieldColonDirection() {
        LeadQuery query = q().sortBy(SortField.NAME, false)
                .sortBy(SortField.VALUE, true).sortBy(SortField.QUALIFIED_AT, false)
                .sortBy(SortField.UPDATED_AT, true).sortBy(SortField.CREATED_AT, false).build();
        assertThat(urlOf(query)).isEqualTo(wire("/api/leads?limit=4&page=1"
                + "&sort=name:desc,value:asc,qualifiedAt:desc,updatedAt:asc,createdAt:desc&" + PIN));
    }

    @ParameterizedTest
    @EnumSource(value = SortField.class, names = {"STATUS", "EMAIL"})
    void statusAndEmailAreNotSortedOnTheServer(SortField field) {
        assertThat(provider().capabilities().sortsOnServer(List.of(dev.leadbridge.core.SortKey.asc(field))))
                .isFalse();
        assertThatThrownBy(() -> provider().list(q().sortBy(field, true).build(), 1))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThat(requests()).isEmpty();
    }

    @Test
    void streamingByEmailSortsTheTrimmedEmailOnTheClient() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":["
                + "{\"id\":\"lead_1\",\"email\":\"  zed@example.com\"},{\"id\":\"lead_2\",\"email\":\"Amy@example.com\"},"
                + "{\"id\":\"lead_3\",\"email\":null}],\"meta\":{\"pagination\":{\"totalPages\":1,\"hasMore\":false}}}")));
        try (Stream<Lead> leads = provider().stream(q().sortBy(SortField.EMAIL, true).build())) {
            assertThat(leads.map(Lead::nativeId).toList()).containsExactly("lead_2", "lead_1", "lead_3");
        }
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void streamingByStatusSortsOnTheClientAndAsksTheServerForItsNaturalOrder() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson(example("list-leads.json")
                .replace("\"hasMore\": true", "\"hasMore\": false").replace("\"totalPages\": 5", "\"totalPages\": 1"))));
        try (Stream<Lead> leads = provider().stream(q().sortBy(SortField.STATUS, true).build())) {
            assertThat(leads.map(Lead::status).toList()).containsExactly(LeadStatus.OPEN, LeadStatus.WON);
        }
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void projectsToIdAndEveryFieldTheQueryNeeds() {
        LeadQuery query = q().fields(LeadField.NAME, LeadField.CONSENT, LeadField.COMPANY).status(LeadStatus.WON)
                .sortBy(SortField.VALUE, false).build();
        assertThat(urlOf(query)).isEqualTo(wire("/api/leads?limit=4&page=1&sort=value:desc"
                + "&fields=id,name,status,value,ad_storage,ad_user_data,ad_personalization,analytics_storage"
                + "&status=won&" + PIN));
    }

    @Test
    void projectingAttributionAsksForEveryAttributionField() {
        assertThat(urlOf(q().fields(LeadField.ATTRIBUTION, LeadField.LABELS).build()))
                .isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&fields=id,website,path,gclid,dclid,wbraid,"
                        + "gbraid,ga4cid,ga4sid,fbc,fbp,msclkid,ttclid,twclid,rdt_cid,sccid,epik,li_fat_id,utm_source,"
                        + "utm_medium,utm_campaign,googleAdsCampaignId,googleAdsCampaignName,googleAdsAdGroupId,"
                        + "googleAdsAdGroupName,googleAdsAdId,custom,labelId&" + PIN));
    }

    @Test
    void sendsLabelWebsiteAndTimestampPresenceFiltersThroughAFilteredView() {
        OctanistProvider.Filters filters = OctanistProvider.Filters.builder().labelId("label_xyz", "label_abc")
                .website("https://example.com").qualifiedAtExists(true).createdAtExists(true).updatedAtExists(false)
                .build();
        provider().filtered(filters).list(q().status(LeadStatus.WON).build(), 1);
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&status=won&" + PIN
                + "&labelId=label_xyz,label_abc&website=https%3A%2F%2Fexample.com&qualifiedAt[exists]=true"
                + "&createdAt[exists]=true&updatedAt[exists]=false"));
    }

    @Test
    void aFilteredViewChecksItsFiltersAgainOnTheClientAndAsksForTheFieldsItReads() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson(example("list-leads.json"))));
        OctanistProvider.Filters filters = OctanistProvider.Filters.builder().labelId("label_xyz").build();
        LeadPage page = provider().filtered(filters).list(q().fields(LeadField.NAME).build(), 1);
        assertThat(page.leads()).extracting(Lead::nativeId).containsExactly("lead_abc123");
        assertThat(page.leads().get(0).labels()).isEmpty();
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&fields=id,name,labelId&"
                + PIN + "&labelId=label_xyz"));
    }

    @Test
    void filterValuesTheServerWouldSplitAreCheckedOnTheClientOnly() {
        provider().filtered(OctanistProvider.Filters.builder().website("a,b").build()).list(q().build(), 1);
        assertThat(onlyUrl()).isEqualTo(wire("/api/leads?limit=4&page=1&sort=createdAt:desc&" + PIN));
    }

    @Test
    void readsTheDocumentedListEnvelopeWithItsPagination() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson(example("list-leads.json"))));
        LeadPage page = provider().list(LeadQuery.ALL, 1);
        assertThat(page.leads()).extracting(Lead::nativeId).containsExactly("lead_abc123", "lead_def456");
        assertThat(page.leads().get(0).status()).isEqualTo(LeadStatus.WON);
        assertThat(page.leads().get(0).id()).isEqualTo("acme:lead_abc123");
        assertThat(page.totalPages()).isEqualTo(5);
        assertThat(page.totalCount()).isEqualTo(234L);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.page()).isEqualTo(1);
    }

    @Test
    void readsTheLegacyBareArrayAndInfersMoreFromAFullPage() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson(example("legacy-list.json"))));
        LeadPage full = provider().list(LeadQuery.builder().pageSize(1).build(), 1);
        LeadPage partial = provider().list(LeadQuery.builder().pageSize(2).build(), 1);
        assertThat(full.hasMore()).isTrue();
        assertThat(full.totalPages()).isNull();
        assertThat(partial.hasMore()).isFalse();
        Lead lead = partial.leads().get(0);
        assertThat(lead.status()).isEqualTo(LeadStatus.WON);
        assertThat(lead.statusRaw()).isEqualTo("win");
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
        assertThat(lead.raw().get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void derivesHasMoreFromTotalPagesWhenTheServerLeavesHasMoreOut() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":[],"
                + "\"meta\":{\"pagination\":{\"limit\":4,\"page\":2,\"totalPages\":3,\"total\":9}}}")));
        assertThat(provider().list(LeadQuery.builder().pageSize(4).build(), 2).hasMore()).isTrue();
    }

    @Test
    void aListWhoseDataIsNotAnArrayIsMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":{\"id\":\"x\"}}")));
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aListEntryThatIsNotALeadObjectIsMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":[\"lead_1\"]}")));
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void paginationOfTheWrongTypeIsMalformed() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"success\":true,\"data\":[],"
                + "\"meta\":{\"pagination\":{\"totalPages\":\"many\"}}}")));
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1)).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void aListAnswerWithSuccessFalseIsMalformedNotEmpty() {
        wm.stubFor(get(urlPathEqualTo("/api/leads")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"data\":[],\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"db\"}}")));
        assertThatThrownBy(() -> provider().list(LeadQuery.ALL, 1)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("INTERNAL_ERROR");
    }

    @Test
    void theDefaultMappingPrefersWonOverTheLegacyWin() {
        assertThat(OctanistProvider.DEFAULT_STATUS_MAPPING.rawValuesOf(LeadStatus.WON))
                .containsExactly("won", "win");
    }

    /** A clock tests move by hand. */
    static final class MutableTestClock extends Clock {
        volatile Instant now;

        MutableTestClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
