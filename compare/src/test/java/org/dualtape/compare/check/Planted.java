package org.dualtape.compare.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A planted mistake in a correct gradient: what it is, the wrong gradient, the main component,
 * and whether it is subtle (the 1e-6 error and the shifted point: small enough that a check may
 * honestly be unable to resolve it, and must then say so).
 */
record Planted(String name, double[] gradient, int component, boolean subtle) {
    /** Relative size of the "one component off" mistake. */
    static final double SMALL = 1e-6;
    /** Shift of the "slightly different point" mistake, relative to max(|x_i|, 1e-3). */
    static final double SHIFT = 1e-4;

    /** Every planted mistake for a correct gradient {@code g} of {@code c} at {@code x}. */
    static List<Planted> scalar(double[] g, Suite.Scalar c, double[] x, Random random) {
        List<Planted> list = new ArrayList<>();
        int largest = 0;
        for (int i = 1; i < g.length; i++) {
            if (Math.abs(g[i]) > Math.abs(g[largest])) {
                largest = i;
            }
        }
        for (int j = 0; j < g.length; j++) {
            if (g[j] != 0) {
                double[] off = g.clone();
                off[j] *= 1 + SMALL;
                list.add(new Planted("component " + j + " off by relative 1e-6", off, j, true));
            }
        }
        double[] flipped = g.clone();
        flipped[largest] = -flipped[largest];
        list.add(new Planted("sign flip of component " + largest, flipped, largest, false));
        int other = largest == 0 ? 1 : 0;
        for (int i = 0; i < g.length; i++) {
            if (i != largest && Math.abs(g[i] - g[largest]) > Math.abs(g[other] - g[largest])) {
                other = i;
            }
        }
        if (g.length > 1) {
            double[] swapped = g.clone();
            swapped[largest] = g[other];
            swapped[other] = g[largest];
            list.add(new Planted("components " + largest + " and " + other + " swapped", swapped, largest, false));
        }
        double[] doubled = g.clone();
        for (int i = 0; i < g.length; i++) {
            doubled[i] *= 2;
        }
        list.add(new Planted("factor 2", doubled, largest, false));
        double[] shifted = x.clone();
        for (int i = 0; i < x.length; i++) {
            shifted[i] += SHIFT * Math.max(Math.abs(x[i]), 1e-3) * (random.nextBoolean() ? 1 : -1);
        }
        list.add(new Planted("gradient at a point shifted by relative 1e-4", c.gradient(shifted), largest, true));
        return list;
    }
}
