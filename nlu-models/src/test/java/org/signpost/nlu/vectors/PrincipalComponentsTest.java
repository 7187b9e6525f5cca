package org.signpost.nlu.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    /** Points spread 3 along (1, 1, 0)/sqrt 2, 1 along (0, 0, 1), 0.1 along (1, -1, 0)/sqrt 2, around (5, 5, 5). */
    private static float[][] points(int count) {
        Random random = new Random(7);
        double r = Math.sqrt(0.5);
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            double a = 3 * random.nextGaussian();
            double b = random.nextGaussian();
            double c = 0.1 * random.nextGaussian();
            rows[i] = new float[] {(float) (5 + r * a + r * c), (float) (5 + r * a - r * c), (float) (5 + b)};
        }
        return rows;
    }

    @Test
    void findsTheDirectionsOfGreatestVarianceStrongestFirst() {
        PrincipalComponents pca = PrincipalComponents.fit(points(20_000), 2);
        double[] variances = pca.variances();
        assertThat(variances[0]).isCloseTo(9, within(0.3));
        assertThat(variances[1]).isCloseTo(1, within(0.05));
        // The centre projects to zero; a step along (1, 1, 0) only moves the first coordinate.
        float[] centre = pca.project(new float[] {5, 5, 5});
        float[] along = pca.project(new float[] {6, 6, 5});
        assertThat(Math.abs(centre[0])).isLessThan(0.1f);
        assertThat(Math.abs(along[0] - centre[0])).isCloseTo((float) Math.sqrt(2), within(0.01f));
        assertThat(Math.abs(along[1] - centre[1])).isLessThan(0.01f);
    }

    @Test
    void keepsNoMoreComponentsThanDimensions() {
        assertThatThrownBy(() -> PrincipalComponents.fit(points(10), 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
