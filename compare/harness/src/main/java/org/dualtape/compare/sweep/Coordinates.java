package org.dualtape.compare.sweep;

import java.util.SplittableRandom;

/**
 * Choices of parameter coordinates: all of them, evenly spread ones (for timing part of a
 * gradient) and a seeded stratified sample (for measuring accuracy on large networks).
 */
final class Coordinates {
    private Coordinates() {
    }

    /**
     * Returns every coordinate in order.
     *
     * @param n the parameter count, at least 0
     * @return {@code {0, 1, ..., n - 1}}
     */
    public static int[] all(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /**
     * Returns {@code m} coordinates spread evenly over {@code [0, n)}, so that a timed part of a
     * gradient touches every layer of a network, not only the first.
     *
     * @param n the parameter count, at least 1
     * @param m how many, in [1, n]
     * @return distinct increasing coordinates {@code floor(j · n / m)}
     * @throws IllegalArgumentException if {@code m} is outside [1, n]
     */
    public static int[] spread(int n, int m) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("need 1 <= m <= n, got m = " + m + ", n = " + n);
        }
        int[] spread = new int[m];
        for (int j = 0; j < m; j++) {
            spread[j] = (int) ((long) j * n / m);
        }
        return spread;
    }

    /**
     * Returns a seeded stratified sample: {@code [0, n)} is cut into {@code m} equal strata and
     * one coordinate is drawn uniformly from each, so the sample is spread over all layers and
     * never repeats a coordinate.
     *
     * @param n the parameter count, at least 1
     * @param m the sample size, in [1, n]
     * @param seed the random seed
     * @return distinct increasing coordinates
     * @throws IllegalArgumentException if {@code m} is outside [1, n]
     */
    public static int[] sample(int n, int m, long seed) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("need 1 <= m <= n, got m = " + m + ", n = " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = new int[m];
        for (int j = 0; j < m; j++) {
            int from = (int) ((long) j * n / m);
            int to = (int) ((long) (j + 1) * n / m);
            sample[j] = from + random.nextInt(to - from);
        }
        return sample;
    }
}
