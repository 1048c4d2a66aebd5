package org.dualtape.compare.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;
import org.dualtape.check.numeric.FiniteDifferences;
import org.dualtape.check.numeric.Stencil;
import org.dualtape.compare.complex.ComplexStep;
import org.dualtape.dual.Forward;
import org.dualtape.tape.Reverse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every method's evaluator is the library call a user makes: its whole gradient is bitwise that
 * call's result, and some coordinates are bitwise the whole gradient's components (the same
 * passes, so a row timed on part of them times the whole call's work).
 */
class MethodEvaluatorTest {
    /** The MLP at width 3: 32·3 + 3 + 3·3 + 3 + 3·10 + 10 = 151 parameters, several chunks. */
    private static final int WIDTH = 3;
    private static final int CHUNK = 8;

    @ParameterizedTest
    @EnumSource(Method.class)
    void someCoordinatesAreTheWholeGradientsComponents(Method method) {
        SweepProblem problem = new StandardMlpFamily().create(WIDTH);
        double[] w = problem.initialParameters();
        Evaluator evaluator = method.prepare(problem, CHUNK);
        double[] whole = new double[w.length];
        evaluator.gradient(w, whole);
        int[] coordinates = Coordinates.spread(w.length, 20);
        double[] some = new double[coordinates.length];
        evaluator.gradient(w, coordinates, some);
        for (int j = 0; j < coordinates.length; j++) {
            assertEquals(whole[coordinates[j]], some[j], 0.0, method.label() + ", coordinate " + coordinates[j]);
        }
        assertArrayEquals(problem.initialParameters(), w, 0.0, "w not modified");
    }

    @Test
    void wholeGradientsAreTheLibrarysCalls() {
        SweepProblem problem = new StandardMlpFamily().create(WIDTH);
        double[] w = problem.initialParameters();
        ToDoubleFunction<double[]> loss = problem::loss;
        assertWhole(Forward.gradient(problem::loss, w, CHUNK), Method.FORWARD_CHUNKED, problem, w);
        assertWhole(Forward.gradientByDuals(problem::loss, w), Method.FORWARD_DUAL, problem, w);
        assertWhole(ComplexStep.gradient(problem::loss, w), Method.COMPLEX_STEP, problem, w);
        assertWhole(FiniteDifferences.gradient(Stencil.CENTRAL, loss, w), Method.CENTRAL_DIFFERENCE, problem, w);
        assertWhole(FiniteDifferences.gradient(Stencil.FORWARD, loss, w), Method.FORWARD_DIFFERENCE, problem, w);
        assertWhole(FiniteDifferences.gradient(Stencil.RICHARDSON, loss, w), Method.RICHARDSON, problem, w);
        assertWhole(Reverse.gradient(problem::loss, w), Method.REVERSE_SCALAR_TAPE, problem, w);
    }

    private static void assertWhole(double[] expected, Method method, SweepProblem problem, double[] w) {
        double[] g = new double[w.length];
        method.prepare(problem, CHUNK).gradient(w, g);
        assertArrayEquals(expected, g, 0.0, method.label());
    }
}
