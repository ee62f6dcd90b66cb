package dev.leadbridge.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadbridge.core.LeadPage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aPageFollowsWhileTheProviderSaysSoAndItsPageCountIsNotReached() {
        assertThat(Paging.hasMore(new LeadPage(List.of(), 1, 10, 3, 25L, true, null), 1)).isTrue();
        assertThat(Paging.hasMore(new LeadPage(List.of(), 3, 10, 3, 25L, true, null), 3)).isFalse();
        assertThat(Paging.hasMore(new LeadPage(List.of(), 1, 10, null, null, true, null), 1)).isTrue();
        assertThat(Paging.hasMore(new LeadPage(List.of(), 1, 10, null, null, false, null), 1)).isFalse();
    }

    @Test
    void theProvidersFlagWinsThenItsPageCountThenAFullPage() {
        assertThat(Paging.hasMore(false, 9, 1, 10, 10)).isFalse();
        assertThat(Paging.hasMore(null, 2, 1, 3, 10)).isTrue();
        assertThat(Paging.hasMore(null, 2, 2, 10, 10)).isFalse();
        assertThat(Paging.hasMore(null, null, 1, 10, 10)).isTrue();
        assertThat(Paging.hasMore(null, null, 1, 9, 10)).isFalse();
    }
}
