package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.MultivariateMatrixFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.solvers.NewtonRaphsonSolver;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.util.MathArrays;
import org.apache.commons.math3.util.Pair;
import org.dualtape.dual.Dual;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.CommonsMath.Mode;
import org.junit.jupiter.api.Test;

/** The Commons Math adapters: the README's curve fit in every mode, each adapter, bad input. */
class CommonsMathTest {

    /** The fits agree this closely (absolute, parameters of order 1): the target. */
    private static final double SAME_OPTIMUM = 1e-12;
    /** AD Jacobians against the hand-written one: a few ulps of entries of order 1. */
    private static final double ROUNDING = 1e-14;

    @Test
    void theCurveFitReachesTheHandWrittenOptimumInEveryMode() {
        LeastSquaresOptimizer.Optimum byHand = CurveModel.fit(CurveModel.BY_HAND);
        double[] expected = byHand.getPoint().toArray();
        // the fit recovers the parameters the data were made from, up to the disturbance
        assertArrayEquals(new double[] {2, 0.3, 1.7, 0.4}, expected, 0.02);
        List<MultivariateJacobianFunction> adapters = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            adapters.add(CommonsMath.jacobianFunction(CurveModel::model, mode));
        }
        Replay replay = Reverse.recordVector(CurveModel::model, CurveModel.START);
        adapters.add(CommonsMath.jacobianFunction(replay));
        adapters.add(CommonsMath.jacobianFunction(replay.compile()));
        for (MultivariateJacobianFunction adapter : adapters) {
            LeastSquaresOptimizer.Optimum optimum = CurveModel.fit(adapter);
            assertArrayEquals(expected, optimum.getPoint().toArray(), SAME_OPTIMUM);
            assertEquals(byHand.getRMS(), optimum.getRMS(), SAME_OPTIMUM);
            assertEquals(byHand.getIterations(), optimum.getIterations(), "iterations");
        }
    }

    @Test
    void oneEvaluationGivesValuesBitwiseAndTheJacobianToRounding() {
        double[] p = {1.3, 0.2, 1.1, -0.5};
        double[] plain = CurveModel.values(p);
        double[][] hand = CurveModel.jacobian(p);
        for (Mode mode : Mode.values()) {
            Pair<RealVector, RealMatrix> r = CommonsMath.jacobianFunction(CurveModel::model, mode)
                .value(new ArrayRealVector(p));
            assertArrayEquals(plain, r.getFirst().toArray(), 0, mode + " values");
            assertMatrix(hand, r.getSecond().getData(), ROUNDING, mode + " Jacobian");
            assertMatrix(hand, CommonsMath.jacobian(CurveModel::model, mode).value(p), ROUNDING, mode + " jacobian");
        }
        Replay replay = Reverse.recordVector(CurveModel::model, CurveModel.START);
        assertArrayEquals(plain, CommonsMath.jacobianFunction(replay).value(new ArrayRealVector(p)).getFirst().toArray(), 0);
        assertMatrix(hand, CommonsMath.jacobian(replay).value(p), ROUNDING, "replay");
        Pair<RealVector, RealMatrix> compiled = CommonsMath.jacobianFunction(replay.compile()).value(new ArrayRealVector(p));
        assertArrayEquals(plain, compiled.getFirst().toArray(), 0, "compiled replay's values");
        assertMatrix(hand, compiled.getSecond().getData(), ROUNDING, "compiled replay");
    }

    @Test
    void autoPicksForwardForFewInputsOrManyOutputsAndReverseForAScalarOfMany() {
        List<Class<?>> seen = new ArrayList<>();
        CommonsMath.GenericVectorFunction spy = new CommonsMath.GenericVectorFunction() {
            @Override
            public <T extends RealFieldElement<T>> T[] value(T[] x) {
                seen.add(x[0].getClass());
                T[] y = MathArrays.buildArray(x[0].getField(), outputs);
                for (int i = 0; i < y.length; i++) {
                    y[i] = x[i % x.length].multiply(i + 1).sin();
                }
                return y;
            }
        };
        outputs = 3;
        CommonsMath.jacobian(spy).value(new double[CommonsMath.FORWARD_INPUTS]);
        assertEquals(List.of(MultiDual.class), seen, "few inputs: one forward pass");
        seen.clear();
        outputs = 40;
        MultivariateMatrixFunction wide = CommonsMath.jacobian(spy);
        wide.value(new double[20]);
        wide.value(new double[20]);
        assertEquals(List.of(Var.class, MultiDual.class), seen, "20 inputs: records first, then forward for 40 outputs");
        seen.clear();
        outputs = 1;
        MultivariateMatrixFunction narrow = CommonsMath.jacobian(spy);
        narrow.value(new double[20]);
        narrow.value(new double[20]);
        assertEquals(List.of(Var.class, Var.class), seen, "20 inputs, 1 output: reverse");
        seen.clear();
        CommonsMath.jacobian(spy, Mode.FORWARD).value(new double[20]);
        assertTrue(seen.stream().allMatch(MultiDual.class::equals), "forced forward");
    }

    private int outputs;

    @Test
    void theGradientAdapterMinimisesRosenbrockWithCommonsMathsConjugateGradient() {
        double[] at = {0.1, 0.2, 0.3};
        assertArrayEquals(new double[] {-9.4, 15.6, 52.0}, CommonsMath.gradient(CommonsMathTest::rosenbrock).value(at), 1e-12);
        for (int n : new int[] {4, 30}) { // forward and reverse under AUTO
            double[] start = new double[n];
            java.util.Arrays.fill(start, -0.5);
            assertArrayEquals(Reverse.gradient(CommonsMathTest::rosenbrock, start),
                CommonsMath.gradient(CommonsMathTest::rosenbrock, Mode.FORWARD).value(start), 1e-12);
            PointValuePair optimum = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14))
                .optimize(new MaxEval(100_000), GoalType.MINIMIZE, new InitialGuess(start),
                    new ObjectiveFunction(CommonsMath.objective(CommonsMathTest::rosenbrock)),
                    new ObjectiveFunctionGradient(CommonsMath.gradient(CommonsMathTest::rosenbrock)));
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            assertArrayEquals(ones, optimum.getPoint(), 1e-4, "n = " + n);
        }
    }

    static <T extends RealFieldElement<T>> T rosenbrock(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return sum;
    }

    @Test
    void theObjectiveIsBitwiseThePlainValue() {
        double[] x = {0.1, 0.2, 0.3, -1.7};
        double plain = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            plain = plain + a * a * 100 + (-x[i] + 1) * (-x[i] + 1);
        }
        assertEquals(plain, CommonsMath.objective(CommonsMathTest::rosenbrock).value(x), 0);
    }

    @Test
    void newtonsMethodSolvesCosXEqualsXThroughTheUnivariateAdapters() {
        double root = 0.7390851332151607; // the Dottie number
        NewtonRaphsonSolver solver = new NewtonRaphsonSolver(1e-15);
        assertEquals(root, solver.solve(100, CommonsMath.univariate(CommonsMathTest::cosMinusX), 0, 1), 1e-15);
        assertEquals(root, solver.solve(100, CommonsMath.univariateDual(x -> x.cos().subtract(x)), 0, 1), 1e-15);
    }

    static <T extends RealFieldElement<T>> T cosMinusX(T x) {
        return x.cos().subtract(x);
    }

    @Test
    void theUnivariateAdapterGivesEveryOrderOrSaysWhichItCannot() {
        DerivativeStructure first = new DerivativeStructure(2, 1, 0, 0.5); // order 1, two parameters
        DerivativeStructure third = new DerivativeStructure(1, 3, 0, 0.5);
        UnivariateDifferentiableFunction generic = CommonsMath.univariate(CommonsMathTest::cosMinusX);
        assertArrayEquals(cosMinusX(first).getAllDerivatives(), generic.value(first).getAllDerivatives(), 1e-15);
        assertArrayEquals(cosMinusX(third).getAllDerivatives(), generic.value(third).getAllDerivatives(), 0);
        assertEquals(Math.cos(0.5) - 0.5, generic.value(0.5), 0);
        UnivariateDifferentiableFunction onDual = CommonsMath.univariateDual(x -> x.cos().subtract(x));
        assertArrayEquals(cosMinusX(first).getAllDerivatives(), onDual.value(first).getAllDerivatives(), 1e-15);
        String m = assertThrows(IllegalArgumentException.class, () -> onDual.value(third)).getMessage();
        assertTrue(m.contains("up to order 1") && m.contains("order 3"), m);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedLevenbergMarquardtReachesTheSameOptimum() {
        double[] expected = CurveModel.fit(CurveModel.BY_HAND).getPoint().toArray();
        double[] weights = new double[CurveModel.POINTS];
        java.util.Arrays.fill(weights, 1);
        org.apache.commons.math3.optimization.general.LevenbergMarquardtOptimizer old =
            new org.apache.commons.math3.optimization.general.LevenbergMarquardtOptimizer(1e-14, 1e-14, 1e-14);
        for (org.apache.commons.math3.analysis.DifferentiableMultivariateVectorFunction f : List.of(
                CommonsMath.differentiable(CurveModel::model),
                CommonsMath.differentiable(Reverse.recordVector(CurveModel::model, CurveModel.START)))) {
            double[] point = old.optimize(1000, f, CurveModel.DATA, weights, CurveModel.START).getPoint();
            assertArrayEquals(expected, point, 1e-9);
        }
    }

    // ---- bad input surfaces unwrapped, as the library's own exceptions ----

    @Test
    void aFunctionThatThrowsReachesTheOptimizersCallerUnwrapped() {
        IllegalStateException boom = new IllegalStateException("the model's own failure");
        CommonsMath.GenericVectorFunction failing = new CommonsMath.GenericVectorFunction() {
            @Override
            public <T extends RealFieldElement<T>> T[] value(T[] x) {
                throw boom;
            }
        };
        for (Mode mode : Mode.values()) {
            assertSame(boom, assertThrows(IllegalStateException.class,
                () -> CurveModel.fit(CommonsMath.jacobianFunction(failing, mode))));
        }
    }

    @Test
    void aWrongPointLengthIsNamed() {
        Replay replay = Reverse.recordVector(CurveModel::model, CurveModel.START);
        String m = assertThrows(IllegalArgumentException.class,
            () -> CommonsMath.jacobianFunction(replay).value(new ArrayRealVector(3))).getMessage();
        assertTrue(m.contains("4 inputs") && m.contains("length 3"), m);
        MultivariateJacobianFunction adapter = CommonsMath.jacobianFunction(CurveModel::model);
        adapter.value(new ArrayRealVector(CurveModel.START));
        m = assertThrows(IllegalArgumentException.class, () -> adapter.value(new ArrayRealVector(5))).getMessage();
        assertTrue(m.contains("length 5") && m.contains("length 4"), m);
    }

    @Test
    void aModelWhoseOutputCountChangesIsNamed() {
        int[] calls = {0};
        CommonsMath.GenericVectorFunction growing = new CommonsMath.GenericVectorFunction() {
            @Override
            public <T extends RealFieldElement<T>> T[] value(T[] x) {
                T[] y = MathArrays.buildArray(x[0].getField(), 3 + calls[0]++);
                java.util.Arrays.fill(y, x[0].sin());
                return y;
            }
        };
        // within one forward call: 30 inputs take two passes, which disagree
        String m = assertThrows(IllegalArgumentException.class,
            () -> CommonsMath.jacobian(growing, Mode.FORWARD).value(new double[30])).getMessage();
        assertTrue(m.contains("4 outputs on pass 2") && m.contains("3 on pass 1"), m);
        // between evaluations, in every mode
        for (Mode mode : Mode.values()) {
            MultivariateJacobianFunction adapter = CommonsMath.jacobianFunction(growing, mode);
            adapter.value(new ArrayRealVector(2));
            m = assertThrows(IllegalArgumentException.class, () -> adapter.value(new ArrayRealVector(2))).getMessage();
            assertTrue(m.contains("outputs") && m.contains("first evaluation"), m);
        }
    }

    @Test
    void aBranchChangeInAReplayIsTheLibrarysException() {
        Replay replay = Reverse.recordVector(x -> new Var[] {x[0].abs(), x[1]}, new double[] {1, 1});
        assertThrows(BranchChangeException.class, () -> CommonsMath.jacobian(replay).value(new double[] {-1, 1}));
        assertThrows(BranchChangeException.class,
            () -> CommonsMath.jacobianFunction(replay).value(new ArrayRealVector(new double[] {-1, 1})));
    }

    private static void assertMatrix(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1, Math.abs(expected[i][j]));
                assertEquals(expected[i][j], actual[i][j], tolerance * scale, what + " [" + i + "][" + j + "]");
            }
        }
    }
}
