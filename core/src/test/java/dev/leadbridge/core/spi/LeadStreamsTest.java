package dev.leadbridge.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.SortField;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.error.InvalidRequestException;
import dev.leadbridge.core.error.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LeadStreamsTest {

    /** Pages over a list that grows at the front while it is read, as page-number paging does. */
    private static class ShiftingProvider extends AbstractLeadProvider {
        final List<Lead> leads = new ArrayList<>();
        final List<Integer> pagesFetched = new ArrayList<>();
        int insertAfterPage = -1;
        int inserted;

        ShiftingProvider(int count) {
            super("fake", "c");
            IntStream.range(0, count).forEach(i -> leads.add(lead("L" + i, "name" + (count - i))));
        }

        static Lead lead(String id, String name) {
            return Lead.builder().connection("c").provider("fake").nativeId(id).name(name).status(LeadStatus.OPEN)
                    .build();
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(EnumSet.of(Operation.LIST), Set.of(), Set.of(), false, List.of(), 100,
                    true);
        }

        @Override
        protected LeadPage fetchPage(LeadQuery query, int page) {
            pagesFetched.add(page);
            int size = query.pageSize();
            int from = Math.min(leads.size(), (page - 1) * size);
            int to = Math.min(leads.size(), from + size);
            List<Lead> slice = List.copyOf(leads.subList(from, to));
            int totalPages = (leads.size() + size - 1) / size;
            if (page == insertAfterPage) {
                leads.add(0, lead("new" + inserted++, "new"));
            }
            return new LeadPage(slice, page, size, totalPages, (long) leads.size(), page < totalPages, null);
        }

        @Override
        public Lead get(String nativeId) {
            throw unsupported("get");
        }

        @Override
        public Lead create(NewLead lead) {
            throw unsupported("create");
        }

        @Override
        public Lead update(String nativeId, LeadUpdate update) {
            throw unsupported("update");
        }
    }

    @Test
    void aLeadSeenAgainOnAShiftedPageIsDroppedAndNoneIsLost() {
        // given 25 leads; after page 1 is read a new lead is inserted at the front, shifting everything by one
        ShiftingProvider provider = new ShiftingProvider(25);
        provider.insertAfterPage = 1;

        // when
        List<Lead> leads;
        try (Stream<Lead> stream = provider.stream(LeadQuery.builder().pageSize(10).build())) {
            leads = stream.toList();
        }

        // then
        assertThat(leads).extracting(Lead::nativeId).doesNotHaveDuplicates()
                .containsAll(IntStream.range(0, 25).mapToObj(i -> "L" + i).toList());
    }

    @Test
    void pagesAreFetchedOnlyAsTheStreamIsConsumed() {
        ShiftingProvider provider = new ShiftingProvider(50);
        try (Stream<Lead> stream = provider.stream(LeadQuery.builder().pageSize(10).build())) {
            assertThat(stream.limit(15).count()).isEqualTo(15);
        }
        assertThat(provider.pagesFetched).containsExactly(1, 2);
    }

    @Test
    void aSortTheServerCannotRunIsDoneOnTheClient() {
        ShiftingProvider provider = new ShiftingProvider(30);
        List<Lead> sorted = provider.stream(LeadQuery.builder().pageSize(7).sortBy(SortField.NAME, true).build())
                .toList();
        assertThat(sorted).hasSize(30).isSortedAccordingTo(
                LeadQuery.builder().sortBy(SortField.NAME, true).build().comparator());
        assertThatThrownBy(() -> provider.list(LeadQuery.builder().sortBy(SortField.NAME, true).build(), 1))
                .isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void theClientSideSortHoldsAtMostItsBound() {
        ShiftingProvider provider = new ShiftingProvider(30);
        LeadQuery query = LeadQuery.builder().pageSize(10).sortBy(SortField.NAME, true).build();
        assertThatThrownBy(() -> LeadStreams.stream(provider, query, 20).toList())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("more than 20");
        assertThat(LeadStreams.stream(provider, query, 30).count()).isEqualTo(30);
    }

    @Test
    void aProviderThatCannotListSaysSo() {
        ShiftingProvider provider = new ShiftingProvider(1) {
            @Override
            public ProviderCapabilities capabilities() {
                return new ProviderCapabilities(EnumSet.of(Operation.GET), Set.of(), Set.of(), false, List.of(), 1,
                        false);
            }
        };
        assertThatThrownBy(() -> provider.stream(LeadQuery.ALL)).isInstanceOf(OperationNotSupportedException.class)
                .hasMessageContaining("listing leads");
    }
}
