package org.dualtape.compare.check;

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
                    + " first steps searched from 0.1 of the scale down and up; tolerance " + (int) SAFETY
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
