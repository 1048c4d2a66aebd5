package org.dualtape.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dualtape.tape.Replay;
import org.dualtape.tape.Reverse;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The floor and the anchor of the compiled-tape benchmarks compute what they claim: the
 * hand-written derivatives and Hipparchus's {@code Gradient} agree with the tape's, and the plain
 * residual model is bitwise its generic version.
 */
class HandWrittenTest {
    /** Hand-written and AD derivatives group the same products differently: a few ulps of the largest entry. */
    private static final double RELATIVE = 1e-14;

    @Test
    void handWrittenJacobiansEqualTheTapes() {
        double[] s = {0.5, 0.75, 1.0};
        double[][] j = new double[3][3];
        HandWritten.sphericalJacobian(s, j);
        assertClose(Reverse.jacobian(Functions::spherical, s), j);
        double[] l = Functions.randomPoint(10, 2);
        double[][] k = new double[10][10];
        HandWritten.lorenz96Jacobian(l, k);
        assertClose(Reverse.jacobian(Functions::lorenz96, l), k);
        double[] p = {2, 0.3, 0.5, 1.7};
        double[][] r = new double[Functions.RESIDUALS][4];
        HandWritten.residualsJacobian(p, r);
        assertClose(Reverse.jacobian(Functions::residuals, p), r);
    }

    @Test
    void theResidualModelsPlainCodeIsBitwiseItsRecording() {
        double[] p = {2.5, 0.2, 0.75, 1.5};
        double[] plain = new double[Functions.RESIDUALS];
        Functions.residuals(p, plain);
        Replay replay = Reverse.recordVector(Functions::residuals, p).compile();
        assertArrayEquals(plain, replay.values(p), 0);
    }

    @Test
    void handWrittenRosenbrockAndHipparchusGradientsEqualTheTapes() {
        double[] x = Functions.randomPoint(50, 2);
        double[] g = new double[x.length];
        HandWritten.rosenbrockGradient(x, g);
        double[] expected = Reverse.gradient(Functions::rosenbrock, x);
        assertClose(new double[][] {expected}, new double[][] {g});
        Gradient[] v = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Gradient.variable(x.length, i, x[i]);
        }
        Gradient y = HandWritten.rosenbrock(v);
        assertEquals(Functions.rosenbrock(x), y.getValue(), 0);
        assertClose(new double[][] {expected}, new double[][] {y.getGradient()});
    }

    private static void assertClose(double[][] expected, double[][] actual) {
        double scale = 0;
        for (double[] row : expected) {
            for (double e : row) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], RELATIVE * scale, "row " + r);
        }
    }
}
