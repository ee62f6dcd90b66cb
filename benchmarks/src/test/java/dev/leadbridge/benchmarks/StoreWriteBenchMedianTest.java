package dev.leadbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreWriteBenchMedianTest {

    @Test
    void theMedianOfAnOddNumberOfRatiosIsTheMiddleOneWhateverTheOrder() {
        assertThat(StoreWriteBench.median(new double[] {2.1, 0.9, 1.3})).isEqualTo(1.3);
        assertThat(StoreWriteBench.median(new double[] {5.0})).isEqualTo(5.0);
    }

    @Test
    void theMedianOfAnEvenNumberOfRatiosIsTheMeanOfTheMiddleTwo() {
        assertThat(StoreWriteBench.median(new double[] {1.0, 4.0, 2.0, 3.0})).isEqualTo(2.5);
    }

    @Test
    void theMedianLeavesTheCallersValuesInTheirOrder() {
        double[] ratios = {3.0, 1.0, 2.0};
        StoreWriteBench.median(ratios);
        assertThat(ratios).containsExactly(3.0, 1.0, 2.0);
    }
}
