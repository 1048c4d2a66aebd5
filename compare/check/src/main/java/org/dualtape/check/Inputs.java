package org.dualtape.check;

import java.util.Arrays;
import java.util.Objects;

/** Validation of checker inputs, done before any evaluation. */
final class Inputs {
    private Inputs() {
    }

    /** A copy of a non-null, non-empty, finite point. */
    static double[] point(double[] x) {
        Objects.requireNonNull(x, "point x is null");
        if (x.length == 0) {
            throw new IllegalArgumentException("point x has no coordinates; expected at least 1");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not finite; the point must be finite");
            }
        }
        return x.clone();
    }

    static int positive(int k, String what) {
        if (k < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + k);
        }
        return k;
    }

    static double probability(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("miss probability must be in (0, 1), was " + p);
        }
        return p;
    }

    /** The first few coordinates, for titles. */
    static String shortString(double[] x) {
        if (x.length <= 4) {
            return Arrays.toString(x);
        }
        return "[" + x[0] + ", " + x[1] + ", " + x[2] + ", ..., " + x[x.length - 1] + "]";
    }
}
