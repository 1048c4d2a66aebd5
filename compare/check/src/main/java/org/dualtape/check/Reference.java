package org.dualtape.check;

import java.util.Locale;

/**
 * Where reference derivatives come from: finite differences of plain code ({@link Plain}) or exact
 * AD of a generic function ({@link Exact}). Both answer the same questions along a coordinate or a
 * direction, with an error estimate per output.
 */
abstract class Reference {
    /**
     * Per output along one line: reference value, its error estimate, how that was obtained, and
     * the first step that gave it (the line looked smooth within it; infinite for exact AD).
     */
    record Line(double[] value, double[] error, String[] how, double[] firstStep) {
    }

    /** The function's values at {@code x} (not modified). */
    abstract double[] values(double[] x);

    /**
     * Along coordinate {@code j}: {@code outputScale} per output, a magnitude for "good enough";
     * {@code noise} per output, the measured noise of the values (see {@link LineReference}).
     */
    abstract Line alongCoordinate(double[] x, int j, double[] outputScale, double[] noise);

    /** Along {@code d}: as {@link #alongCoordinate}. */
    abstract Line alongDirection(double[] x, double[] d, double[] outputScale, double[] noise);

    /**
     * Probes for a kink along {@code d} (a unit vector for a coordinate) with the given scale and
     * the measured noise of the values, with steps up to {@code largest} (see
     * {@link LineReference#probeKink}).
     */
    final LineReference.OneSided[] kink(double[] x, double[] d, double scale, double[] f0, double[] noise, double largest) {
        return LineReference.probeKink(t -> values(Evaluator.step(x, d, t)), 0.0, scale, f0, noise, largest);
    }

    /**
     * Derivatives along {@code d} at {@value #AROUND_POINTS} points around {@code x}, each at two
     * distances: the points are {@code x + rho e} and {@code x + (rho / 8) e} with {@code e} a
     * Gaussian vector of the length of {@code d} (seeded), and the derivative there is a central
     * difference with step {@code 1/8} of that distance. Where {@code f} is differentiable at
     * {@code x} they tend to the derivative along {@code d} as the distance shrinks (8 times
     * nearer, about 8 times nearer to it); where kinks pass through {@code x}, each is the
     * derivative of a smooth piece that meets there, or an average of a few (when the step
     * crosses a kink), and does not change with the distance, the geometry being the same. One
     * kink through {@code x} keeps them between the one-sided derivatives along {@code d}; where
     * several meet, they can fall outside.
     */
    final Around around(double[] x, double[] d, double rho, double[] noise, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double length = Math.sqrt(dot(d, d));
        double[][] far = new double[AROUND_POINTS][];
        double[][] near = new double[AROUND_POINTS][];
        double[] rounding = new double[noise.length];
        for (int p = 0; p < AROUND_POINTS; p++) {
            double[] e = new double[x.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = random.nextGaussian();
            }
            double distance = rho * length / Math.sqrt(dot(e, e));
            far[p] = slopes(x, e, distance, d, rho / LineReference.KINK_RATIO, noise, rounding);
            near[p] = slopes(x, e, distance / LineReference.KINK_RATIO, d, rho / (LineReference.KINK_RATIO
                    * LineReference.KINK_RATIO), noise, rounding);
        }
        return new Around(far, near, rounding);
    }

    /** Central differences along {@code d} at {@code x + distance e}; raises {@code rounding} (modified) to their bound. */
    private double[] slopes(double[] x, double[] e, double distance, double[] d, double tau, double[] noise, double[] rounding) {
        double[] y = Evaluator.step(x, e, distance);
        double[] up = values(Evaluator.step(y, d, tau));
        double[] down = values(Evaluator.step(y, d, -tau));
        double[] slope = new double[up.length];
        for (int k = 0; k < up.length; k++) {
            slope[k] = (up[k] - down[k]) / (2 * tau);
            rounding[k] = Math.max(rounding[k], (0x1p-52 * (Math.abs(up[k]) + Math.abs(down[k])) + 2 * noise[k]) / (2 * tau));
        }
        return slope;
    }

    /**
     * Derivatives around a point ({@link #around}): {@code far[point][output]} and
     * {@code near[point][output]} at the two distances, and a bound on their rounding per output.
     */
    record Around(double[][] far, double[][] near, double[] rounding) {
    }

    /** Points around a point at which {@link #around} takes derivatives. */
    static final int AROUND_POINTS = 32;

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Multiplies the error estimate in the tolerance. */
    abstract double safety();

    abstract long evaluations();

    abstract String method();

    abstract boolean finiteDifferences();

    /** Finite differences of plain code (Ridders, see {@link LineReference}). */
    static final class Plain extends Reference {
        /** Tolerance = SAFETY × the combined Ridders error: the combined estimate bounded all 1000 test points. */
        static final double SAFETY = 4;
        private final Evaluator evaluator;

        Plain(Evaluator evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        double[] values(double[] x) {
            return evaluator.at(x);
        }

        @Override
        Line alongCoordinate(double[] x, int j, double[] outputScale, double[] noise) {
            LineReference.Result r = LineReference.estimate(evaluator.alongCoordinate(x, j), x[j],
                    Math.max(1, Math.abs(x[j])), LineReference.coordinateSteps(x[j]), outputScale, noise);
            return line(r);
        }

        @Override
        Line alongDirection(double[] x, double[] d, double[] outputScale, double[] noise) {
            double xs = 0;
            for (double xi : x) {
                xs += xi * xi;
            }
            LineReference.Result r = LineReference.estimate(evaluator.alongDirection(x, d), 0.0, directionScale(x, d),
                    LineReference.directionSteps(Math.sqrt(xs / x.length)), outputScale, noise);
            return line(r);
        }

        private static Line line(LineReference.Result r) {
            String[] how = new String[r.value().length];
            for (int k = 0; k < how.length; k++) {
                how[k] = String.format(Locale.ROOT, "Ridders, h0 %.0e", r.firstStep()[k]);
            }
            return new Line(r.value(), r.error(), how, r.firstStep());
        }

        @Override
        double safety() {
            return SAFETY;
        }

        @Override
        long evaluations() {
            return evaluator.evaluations();
        }

        @Override
        String method() {
            return "central differences extrapolated by Ridders, two runs per line from unrelated first steps,"
                    + " first steps searched from 0.1 of the scale down, and down to 1e-9 of it while a line is"
                    + " unresolved (a kink nearby); tolerance " + (int) SAFETY
                    + " x their error estimate + 64 ulps";
        }

        @Override
        boolean finiteDifferences() {
            return true;
        }
    }

    /**
     * Exact AD of a generic function, with a bound on its own rounding: each line is one forward
     * pass on {@link BoundedDual}, whose tangent is the AD derivative and whose running error
     * bound, from the magnitudes the derivative cancels, is the reference error.
     */
    static final class Exact extends Reference {
        /**
         * Tolerance = SAFETY × the AD rounding bound: twice for the reference and twice for a claim
         * computed from the same magnitudes (the bound is first order).
         */
        static final double SAFETY = 4;
        private final VectorFieldFunction f;
        private final ExactDerivatives engine;
        private long passes;
        private int outputs = -1;

        Exact(VectorFieldFunction f, ExactDerivatives engine) {
            this.f = f;
            this.engine = engine;
        }

        @Override
        double[] values(double[] x) {
            passes++;
            return outputs(engine.values(f, x), x);
        }

        /** Refuses a function whose number of outputs changes between calls. */
        private <A> A outputs(A result, double[] at) {
            int m = java.lang.reflect.Array.getLength(result);
            if (outputs < 0) {
                outputs = m;
            } else if (m != outputs) {
                throw new IllegalStateException("f returned " + m + " values at x = " + java.util.Arrays.toString(at)
                        + " but " + outputs + " at the check point; a function to check must return the same number of"
                        + " values at every point");
            }
            return result;
        }

        @Override
        Line alongCoordinate(double[] x, int j, double[] outputScale, double[] noise) {
            double[] seed = new double[x.length];
            seed[j] = 1;
            return bounded(x, seed);
        }

        @Override
        Line alongDirection(double[] x, double[] d, double[] outputScale, double[] noise) {
            return bounded(x, d);
        }

        private Line bounded(double[] x, double[] seed) {
            passes++;
            BoundedDual[] out = outputs(ExactDerivatives.guarded("f (evaluated for exact AD)", x,
                    p -> f.value(BoundedDual.seeded(p, seed))), x);
            int m = out.length;
            double[] value = new double[m];
            double[] error = new double[m];
            for (int k = 0; k < m; k++) {
                value[k] = out[k].tangent();
                error[k] = out[k].tangentBound();
            }
            String[] how = new String[m];
            java.util.Arrays.fill(how, "bound on the AD rounding");
            double[] steps = new double[m];
            java.util.Arrays.fill(steps, Double.POSITIVE_INFINITY);
            return new Line(value, error, how, steps);
        }

        @Override
        double safety() {
            return SAFETY;
        }

        @Override
        long evaluations() {
            return passes;
        }

        @Override
        String method() {
            return "exact forward-mode AD (dualtape Dual) with a running bound on its rounding; tolerance " + (int) SAFETY
                    + " x that bound + 64 ulps";
        }

        @Override
        boolean finiteDifferences() {
            return false;
        }
    }

    /** The natural length of a step along {@code d}: {@code max(1, rms(x)) / rms(d)}. */
    static double directionScale(double[] x, double[] d) {
        double xs = 0;
        double ds = 0;
        for (int i = 0; i < x.length; i++) {
            xs += x[i] * x[i];
            ds += d[i] * d[i];
        }
        return Math.max(1, Math.sqrt(xs / x.length)) / Math.sqrt(ds / x.length);
    }
}
