package org.dualtape.compare.sweep;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;

/**
 * A test family: the chained Rosenbrock function of {@code width + 1} parameters, cheap and with
 * a closed-form gradient, so the harness can be tested without the MLP losses.
 *
 * <p>The reference evaluates the closed-form gradient in 40-digit {@link Dfp} arithmetic.
 */
public class RosenbrockFamily implements ProblemFamily {

    /** Creates the family (the worker JVM does so by class name). */
    public RosenbrockFamily() {
    }

    @Override
    public SweepProblem create(int width) {
        return new Problem(parameterCount(width));
    }

    @Override
    public int parameterCount(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        return width + 1;
    }

    @Override
    public String description() {
        return "chained Rosenbrock (test family)";
    }

    static final class Problem implements SweepProblem {
        private final int n;

        Problem(int n) {
            this.n = n;
        }

        @Override
        public int parameterCount() {
            return n;
        }

        @Override
        public double[] initialParameters() {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.1 * ((i * 7) % 11) - 0.3; // deterministic, varied, no symmetry
            }
            return w;
        }

        @Override
        public double loss(double[] w) {
            double sum = 0;
            for (int i = 0; i + 1 < n; i++) {
                double a = w[i + 1] - w[i] * w[i];
                double b = 1 - w[i];
                sum += 100 * a * a + b * b;
            }
            return sum;
        }

        @Override
        public <T extends RealFieldElement<T>> T loss(T[] w) {
            T sum = w[0].getField().getZero();
            for (int i = 0; i + 1 < n; i++) {
                T a = w[i + 1].subtract(w[i].multiply(w[i]));
                T b = w[i].negate().add(1);
                sum = sum.add(a.multiply(a).multiply(100).add(b.multiply(b)));
            }
            return sum;
        }

        @Override
        public double lossAndGradient(double[] w, double[] gradient) {
            java.util.Arrays.fill(gradient, 0);
            for (int i = 0; i + 1 < n; i++) {
                double a = w[i + 1] - w[i] * w[i];
                gradient[i] += -400 * w[i] * a - 2 * (1 - w[i]);
                gradient[i + 1] += 200 * a;
            }
            return loss(w);
        }

        @Override
        public double[] referencePartials(double[] w, int[] coordinates) {
            DfpField field = new DfpField(40);
            Dfp[] x = new Dfp[n];
            for (int i = 0; i < n; i++) {
                x[i] = field.newDfp(w[i]);
            }
            double[] partials = new double[coordinates.length];
            for (int j = 0; j < coordinates.length; j++) {
                int i = coordinates[j];
                Dfp g = field.getZero();
                if (i + 1 < n) {
                    Dfp a = x[i + 1].subtract(x[i].multiply(x[i]));
                    g = g.subtract(x[i].multiply(a).multiply(400))
                            .subtract(field.getOne().subtract(x[i]).multiply(2));
                }
                if (i > 0) {
                    g = g.add(x[i].subtract(x[i - 1].multiply(x[i - 1])).multiply(200));
                }
                partials[j] = g.toDouble();
            }
            return partials;
        }

        @Override
        public String referenceDescription() {
            return "closed-form gradient in 40-digit Dfp";
        }
    }
}
