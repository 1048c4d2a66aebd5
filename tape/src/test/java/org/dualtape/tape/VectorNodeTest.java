package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.dualtape.dual.ValueAndGradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every vector node's vector-Jacobian product against the same computation on scalar
 * {@link Var}s (tight: only the summation order differs) and a central finite difference
 * (loose); its Jacobian-vector product by the dot-product test; its replay against a fresh
 * recording (bitwise).
 */
class VectorNodeTest {
    /** Scalar and vector versions sum in other orders (and BLAS blocks its sums). */
    private static final double RELATIVE = 1e-12;
    /** Central difference with step {@link #STEP}: truncation about STEP² and rounding about 1e-16/STEP. */
    private static final double FINITE_DIFFERENCE = 1e-6;
    private static final double STEP = 1e-5;
    /** Random points per case. */
    private static final int POINTS = 10;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 1618L;

    @ParameterizedTest
    @EnumSource(VectorCase.class)
    void vjpEqualsScalarTapeAndFiniteDifferences(VectorCase c) {
        Random random = new Random(SEED);
        for (int n = 0; n < POINTS; n++) {
            double[] x = gaussian(random, c.width());
            Tape tape = new Tape();
            VarMatrix[] in = new VarMatrix[c.shapes.length];
            Var y = c.recordVector(tape, x, in);
            tape.reverse(y);
            double[] g = adjoints(in, c.width());
            ValueAndGradient s = Reverse.valueAndGradient(c::scalarFunction, x);
            double scale = Math.max(1, Math.abs(s.value()));
            assertEquals(s.value(), y.value(), RELATIVE * scale, c + " value");
            assertArrayEquals(s.gradient(), g, RELATIVE * scale * Math.max(1, norm(g)), c + " gradient");
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += STEP;
                down[i] -= STEP;
                double fd = (value(c, up) - value(c, down)) / (2 * STEP);
                assertEquals(fd, g[i], FINITE_DIFFERENCE * Math.max(1, Math.abs(fd)), c + " ∂/∂x" + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VectorCase.class)
    void replayEqualsFreshRecordingAndTangentsPassTheDotProductTest(VectorCase c) {
        Random random = new Random(SEED);
        Tape tape = new Tape();
        VarMatrix[] in = new VarMatrix[c.shapes.length];
        Var y = c.recordVector(tape, gaussian(random, c.width()), in);
        Replay replay = Replay.of(y, in);
        for (int n = 0; n < POINTS; n++) {
            double[] x = gaussian(random, c.width());
            double[] v = gaussian(random, c.width());
            Tape fresh = new Tape();
            VarMatrix[] freshIn = new VarMatrix[c.shapes.length];
            Var freshY = c.recordVector(fresh, x, freshIn);
            fresh.reverse(freshY);
            double[] g = new double[c.width()];
            if (replay.evaluate(x) >= 0) {
                continue; // relu elements changed sides: covered by ReplayTest
            }
            double value = replay.valueAndGradient(x, g);
            VarVersusDerivativeStructureTest.assertBitwise(freshY.value(), value, c + " value");
            assertArrayEquals(adjoints(freshIn, c.width()), g, 0, c + " gradient");
            double jv = replay.jvp(x, v)[0];
            double gv = 0;
            for (int i = 0; i < v.length; i++) {
                gv += g[i] * v[i];
            }
            assertEquals(gv, jv, RELATIVE * Math.max(1, norm(g) * norm(v)), c + " J·v against ∇f·v");
        }
    }

    private static double value(VectorCase c, double[] x) {
        return c.recordVector(new Tape(), x, new VarMatrix[c.shapes.length]).value();
    }

    static double[] adjoints(VarMatrix[] in, int width) {
        double[] g = new double[width];
        int at = 0;
        for (VarMatrix m : in) {
            m.adjoint(g, at);
            at += m.rows() * m.cols();
        }
        return g;
    }

    static double[] gaussian(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
