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
                    Math.max(1, Math.abs(x[j])), LineReference.COORDINATE_STEPS, outputScale, noise);
            return line(r);
        }

        @Override
        Line alongDirection(double[] x, double[] d, double[] outputScale, double[] noise) {
            LineReference.Result r = LineReference.estimate(evaluator.alongDirection(x, d), 0.0, directionScale(x, d),
                    LineReference.DIRECTION_STEPS, outputScale, noise);
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
                    + " first steps searched from 0.1 of the scale down and up, and down to 1e-9 of it while a line is"
                    + " unresolved (a kink nearby); tolerance " + (int) SAFETY
                    + " x their error estimate + 64 ulps";
        }

        @Override
        boolean finiteDifferences() {
            return true;
        }
    }

    /**
     * Exact AD of a generic function. Its error is rounding only; estimated as the spread of the
     * AD result over {@value #SPREAD_POINTS} points a few ulps from {@code x} (rounding errors
     * change from point to point; the derivative hardly does, except at a kink, see
     * {@link #roundingDifference}).
     */
    static final class Exact extends Reference {
        static final int SPREAD_POINTS = 3;
        /** A change of the AD result over a few ulps larger than this (relative) is a jump, not rounding. */
        static final double JUMP = 1e-6;
        /** Tolerance = SAFETY × the rounding spread (a spread is a sample, not a bound). */
        static final double SAFETY = 16;
        private final VectorFieldFunction f;
        private final ExactDerivatives engine;
        private final double[][] ulpPoints;
        private double[][] jacobian;
        private double[][] spread;
        private long passes;

        Exact(VectorFieldFunction f, ExactDerivatives engine, double[][] ulpPoints) {
            this.f = f;
            this.engine = engine;
            this.ulpPoints = ulpPoints;
        }

        @Override
        double[] values(double[] x) {
            passes++;
            return engine.values(f, x);
        }

        @Override
        Line alongCoordinate(double[] x, int j, double[] outputScale, double[] noise) {
            if (jacobian == null) {
                jacobian = engine.jacobian(f, x);
                spread = new double[jacobian.length][x.length];
                for (double[] p : ulpPoints) {
                    double[][] other = engine.jacobian(f, p);
                    for (int k = 0; k < jacobian.length; k++) {
                        for (int i = 0; i < x.length; i++) {
                            spread[k][i] = Math.max(spread[k][i], roundingDifference(other[k][i], jacobian[k][i]));
                        }
                    }
                }
                passes += 1 + ulpPoints.length;
            }
            int m = jacobian.length;
            double[] value = new double[m];
            double[] error = new double[m];
            for (int k = 0; k < m; k++) {
                value[k] = jacobian[k][j];
                error[k] = spread[k][j];
            }
            return new Line(value, error, how(m), infinite(m));
        }

        @Override
        Line alongDirection(double[] x, double[] d, double[] outputScale, double[] noise) {
            double[] value = engine.directional(f, x, d);
            double[] error = new double[value.length];
            for (double[] p : ulpPoints) {
                double[] other = engine.directional(f, p, d);
                for (int k = 0; k < value.length; k++) {
                    error[k] = Math.max(error[k], roundingDifference(other[k], value[k]));
                }
            }
            passes += 1 + ulpPoints.length;
            return new Line(value, error, how(value.length), infinite(value.length));
        }

        /**
         * {@code |a - b|} if it looks like rounding (at most {@value #JUMP} relative), else 0: a
         * derivative that jumps within a few ulps has a kink at the point (abs at 0), which is
         * not rounding; the kink probe judges such entries if they disagree.
         */
        static double roundingDifference(double a, double b) {
            double d = Math.abs(a - b);
            return d <= JUMP * Math.max(Math.abs(a), Math.abs(b)) ? d : 0;
        }

        private static double[] infinite(int m) {
            double[] steps = new double[m];
            java.util.Arrays.fill(steps, Double.POSITIVE_INFINITY);
            return steps;
        }

        private static String[] how(int m) {
            String[] how = new String[m];
            java.util.Arrays.fill(how, "AD rounding spread");
            return how;
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
            return "exact " + engine.name() + "; tolerance " + (int) SAFETY + " x the AD result's spread over "
                    + SPREAD_POINTS + " points a few ulps away + 64 ulps";
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
