package dev.leadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void boundsAreInclusiveOrExclusiveAsBuilt() {
        assertThat(Range.atLeast(5).contains(5)).isTrue();
        assertThat(Range.greaterThan(5).contains(5)).isFalse();
        assertThat(Range.atMost(5).contains(5)).isTrue();
        assertThat(Range.lessThan(5).contains(5)).isFalse();
        assertThat(Range.closedOpen(1, 5).contains(1)).isTrue();
        assertThat(Range.closedOpen(1, 5).contains(5)).isFalse();
        assertThat(Range.closed(1, 5).contains(5)).isTrue();
        assertThat(Range.closed(1, 5).contains(6)).isFalse();
        assertThat(Range.closed(1, 5).contains(0)).isFalse();
    }

    @Test
    void nullIsInNoBoundedRange() {
        assertThat(Range.atLeast(1).contains(null)).isFalse();
        assertThat(new Range<Integer>(null, false, null, false).contains(null)).isTrue();
    }

    @Test
    void rejectsALowerBoundAboveTheUpperOne() {
        assertThatThrownBy(() -> Range.closed(5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above");
        assertThat(Range.closedOpen(3, 3).contains(3)).isFalse();
    }
}
