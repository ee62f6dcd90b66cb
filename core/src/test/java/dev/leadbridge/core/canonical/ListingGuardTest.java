package dev.leadbridge.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingGuardTest {

    private static List<Lead> leads(int from, int count) {
        List<Lead> leads = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            leads.add(Lead.builder().connection("c").provider("p").nativeId("l" + i).build());
        }
        return leads;
    }

    private static LeadPage page(int pageNo, List<Lead> leads, Long total, boolean hasMore) {
        return new LeadPage(leads, pageNo, 10, null, total, hasMore, null);
    }

    @Test
    void aTotalThatDropsByMoreThanAPageStepsBackThatManyPagesAndReadsForwardAgain() {
        ListingGuard guard = new ListingGuard(10);
        guard.accept(page(1, leads(0, 10), 100L, true), 1);
        guard.accept(page(2, leads(10, 10), 100L, true), 2);
        assertThat(guard.nextPage()).isEqualTo(3);

        // 15 leads of pages 1-2 deleted: page 3 now starts at old lead 35
        List<Lead> kept = guard.accept(page(3, leads(35, 10), 85L, true), 3);

        assertThat(kept).hasSize(10);
        assertThat(guard.steppedBack()).isTrue();
        assertThat(guard.nextPage()).isEqualTo(1);
        assertThat(guard.stepBacks()).isEqualTo(1);
        // re-reading brings the moved leads 20-34 once each, and the duplicates are dropped
        assertThat(guard.accept(page(1, leads(15, 10), 85L, true), 1)).extracting(Lead::nativeId)
                .containsExactly("l20", "l21", "l22", "l23", "l24");
        assertThat(guard.nextPage()).isEqualTo(2);
        assertThat(guard.accept(page(2, leads(25, 10), 85L, true), 2)).hasSize(10);
        assertThat(guard.warnings()).isEmpty();
    }

    @Test
    void aPageReadAgainAfterAStepBackDoesNotEndTheListingEvenWhenItBringsNothingNew() {
        ListingGuard guard = new ListingGuard(10);
        guard.accept(page(1, leads(0, 10), 30L, true), 1);
        guard.accept(page(2, leads(11, 10), 29L, true), 2);
        assertThat(guard.nextPage()).isEqualTo(1);

        assertThat(guard.accept(page(1, leads(1, 10), 29L, true), 1)).extracting(Lead::nativeId)
                .containsExactly("l10");

        assertThat(guard.ended()).isFalse();
        assertThat(guard.nextPage()).isEqualTo(2);
    }

    @Test
    void aGrowingTotalIsAShiftToTheRightThatNeitherStepsBackNorEndsTheListing() {
        ListingGuard guard = new ListingGuard(10);
        guard.accept(page(1, leads(0, 10), 30L, true), 1);

        assertThat(guard.accept(page(2, leads(0, 10), 40L, true), 2)).isEmpty();

        assertThat(guard.ended()).isFalse();
        assertThat(guard.steppedBack()).isFalse();
        assertThat(guard.nextPage()).isEqualTo(3);
    }

    @Test
    void theLastPageEndsTheListingWithoutAWarningWhenEveryReportedLeadWasServed() {
        ListingGuard guard = new ListingGuard(10);
        guard.accept(page(1, leads(0, 10), 15L, true), 1);
        guard.accept(page(2, leads(10, 5), 15L, false), 2);

        assertThat(guard.ended()).isTrue();
        assertThat(guard.nextPage()).isZero();
        assertThat(guard.distinct()).isEqualTo(15);
        assertThat(guard.warnings()).isEmpty();
    }
}
