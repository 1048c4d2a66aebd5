package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A compiled replay agrees with the interpreted one: values, gradients, {@code uᵀ·J}, {@code J·v}
 * and reverse Jacobians bitwise, forward Jacobians within the rounding bound of {@link Compiled},
 * branch changes with the same exception.
 */
class CompiledReplayTest {
    /** Points per function, as the issue asks. */
    static final int POINTS = 100;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 1234L;
    private static final double U = 0x1p-53;

    @ParameterizedTest
    @EnumSource(UnaryCase.class)
    void unaryFunctionsAgree(UnaryCase c) {
        Random random = new Random(SEED);
        double mid = (c.low + c.high) / 2;
        int compared = agree(x -> new Var[] {c.f(x[0])}, new double[] {mid},
            () -> new double[] {c.low + (c.high - c.low) * random.nextDouble()}, random, x -> new double[] {c.d(x[0])});
        assertTrue(compared >= POINTS / 10, "only " + compared + " points stayed on the recorded branches");
    }

    @ParameterizedTest
    @EnumSource(BinaryCase.class)
    void binaryFunctionsAgree(BinaryCase c) {
        Random random = new Random(SEED);
        double[] mid = {(c.lowX + c.highX) / 2, (c.lowY + c.highY) / 2};
        int compared = agree(x -> new Var[] {c.f(x[0], x[1])}, mid,
            () -> new double[] {c.lowX + (c.highX - c.lowX) * random.nextDouble(),
                c.lowY + (c.highY - c.lowY) * random.nextDouble()}, random, x -> new double[] {c.d(x[0], x[1])});
        assertTrue(compared >= POINTS / 10, "only " + compared + " points stayed on the recorded branches");
    }

    @Test
    void scalarAndVectorFunctionsOfTheTapeTestsAgree() {
        Random random = new Random(SEED);
        Supplier<double[]> point = () -> VectorNodeTest.gaussian(random, 6);
        assertEquals(POINTS, agree(x -> new Var[] {ReverseVersusForwardTest.scalar(x)}, point.get(), point, random,
            null));
        assertEquals(POINTS, agree(ReverseVersusForwardTest::vector, point.get(), point, random, null));
        Function<Var[], Var[]> three = x -> new Var[] {x[0].multiply(x[1]).sin(), x[1].divide(x[2]).exp(),
            x[0].pow(x[2]).add(x[1].atan2(x[0]))};
        Supplier<double[]> positive = () -> new double[] {0.5 + random.nextDouble(), random.nextDouble() - 0.5,
            0.5 + random.nextDouble()};
        assertEquals(POINTS, agree(three, new double[] {1, 2, 3}, positive, random, null));
    }

    @Test
    void theLectureExamplesAgree() {
        Random random = new Random(SEED);
        Supplier<double[]> point = () -> new double[] {1 + random.nextDouble(), 1 + random.nextDouble(),
            1 + random.nextDouble()};
        assertEquals(POINTS, agree(x -> new Var[] {x[0].add(x[1].multiply(3)).multiply(x[2].multiply(x[2]))},
            new double[] {2, 3, 4}, point, random, x -> new double[] {(x[0] + 3 * x[1]) * (x[2] * x[2])}));
        assertEquals(POINTS, agree(x -> {
            Var a = x[0].multiply(x[0]);
            return new Var[] {a.multiply(5).multiply(a.log()).negate()};
        }, new double[] {1.5}, () -> new double[] {0.5 + random.nextDouble()}, random, null));
        assertEquals(POINTS, agree(x -> new Var[] {rosenbrock(x)}, new double[] {0.1, 0.2, 0.3}, point, random,
            x -> new double[] {plainRosenbrock(x)}));
    }

    @Test
    void theJacobiansWayIsChosenByCountingAndSaid() {
        Random random = new Random(SEED);
        Supplier<double[]> point = () -> VectorNodeTest.gaussian(random, 10);
        // Lorenz-96: each output has its own few entries, so one short reverse sweep per output is cheapest
        Replay banded = Reverse.recordVector(CompiledReplayTest::lorenz96, point.get()).compile();
        assertTrue(banded.toString().contains("Jacobian by reverse sweeps"), banded.toString());
        assertTrue(banded.explain().contains("reverse 70 multiply-adds, forward 130"), banded.explain());
        assertEquals(POINTS, agree(CompiledReplayTest::lorenz96, point.get(), point, random, null));
        // ten outputs sharing one long chain: forward tangents of one input do it once
        Function<Var[], Var[]> shared = x -> {
            Var s = x[0];
            for (int i = 0; i < 20; i++) {
                s = s.multiply(x[1]).sin();
            }
            Var[] y = new Var[10];
            for (int r = 0; r < y.length; r++) {
                y[r] = s.multiply(r + 1);
            }
            return y;
        };
        Replay chain = Reverse.recordVector(shared, new double[] {0.3, 0.7}).compile();
        assertTrue(chain.toString().contains("Jacobian by forward tangents"), chain.explain());
        assertEquals(POINTS, agree(shared, new double[] {0.3, 0.7}, () -> new double[] {0.3, 0.5 + 0.1 * random.nextDouble()},
            random, null));
    }

    @ParameterizedTest
    @EnumSource(ReplayTest.Piece.class)
    void everyPiecewiseEntryThrowsTheInterpretersException(ReplayTest.Piece p) {
        Replay interpreted = Reverse.record(x -> p.f(x[0]), new double[] {p.recorded});
        Replay compiled = interpreted.compile();
        assertTrue(compiled.isCompiled(), compiled.explain());
        double[] same = {p.same};
        bitwise(interpreted.gradient(same), compiled.gradient(same), p + " on the same piece");
        double[] other = {p.other};
        BranchChangeException expected = assertThrows(BranchChangeException.class, () -> interpreted.gradient(other));
        for (Runnable call : new Runnable[] {() -> compiled.gradient(other), () -> compiled.value(other),
            () -> compiled.vjp(other, new double[] {1}), () -> compiled.jvp(other, new double[] {1}),
            () -> compiled.jacobian(other)}) {
            BranchChangeException e = assertThrows(BranchChangeException.class, call::run);
            assertEquals(expected.entry(), e.entry(), p.toString());
            assertEquals(expected.getMessage(), e.getMessage());
        }
    }

    @Test
    void aBranchChangeLeavesTheCallersBuffersUntouched() {
        Replay compiled = Reverse.record(x -> x[0].abs().multiply(x[1]), new double[] {1, 2}).compile();
        double[] g = {7, 7};
        assertThrows(BranchChangeException.class, () -> compiled.gradient(new double[] {-1, 2}, g));
        assertEquals(7, g[0], 0);
        assertEquals(7, g[1], 0);
    }

    @Test
    void aTapeWithVectorNodesStaysInterpretedAndSaysWhy() {
        Replay replay = Reverse.record(x -> {
            VarMatrix m = VarMatrix.of(x[0].tape(), x, 1, 3);
            return m.multiply(m).sum();
        }, new double[] {1, 2, 3});
        Replay compiled = replay.compile();
        assertFalse(compiled.isCompiled());
        assertTrue(compiled.explain().contains("vector node"), compiled.explain());
        double[] x = {0.5, -1, 2};
        bitwise(replay.gradient(x), compiled.gradient(x), "interpreted fallback");
        assertThrows(IllegalStateException.class, compiled::source);
    }

    @Test
    void badInputGetsTheInterpretersExceptions() {
        Replay interpreted = Reverse.recordVector(CompiledReplayTest::lorenz96, new double[] {1, 2, 3, 4, 5});
        Replay compiled = interpreted.compile();
        Replay scalar = Reverse.record(x -> rosenbrock(x), new double[] {1, 2, 3});
        Replay scalarCompiled = scalar.compile();
        double[] x5 = new double[5];
        for (Replay[] pair : new Replay[][] {{interpreted, compiled}, {scalar, scalarCompiled}}) {
            Replay i = pair[0];
            Replay c = pair[1];
            sameException(() -> i.values(new double[2]), () -> c.values(new double[2]));
            sameException(() -> i.values(x5, new double[9]), () -> c.values(x5, new double[9]));
            sameException(() -> i.vjp(x5, new double[9]), () -> c.vjp(x5, new double[9]));
            sameException(() -> i.jvp(x5, new double[2]), () -> c.jvp(x5, new double[2]));
            sameException(() -> i.jacobian(x5, new double[2][5]), () -> c.jacobian(x5, new double[2][5]));
            sameException(() -> i.gradient(new double[3], new double[2]), () -> c.gradient(new double[3], new double[2]));
        }
        sameException(() -> interpreted.value(x5), () -> compiled.value(x5));
        sameException(() -> interpreted.jacobian(x5, new double[5][4]), () -> compiled.jacobian(x5, new double[5][4]));
        interpreted.tape().clear();
        sameException(() -> interpreted.values(x5), () -> compiled.values(x5));
        assertThrows(IllegalStateException.class, interpreted::compile);
    }

    @Test
    void aHundredThousandEntriesCompileIntoMethodsC2Accepts() {
        double[] x = new double[11_200];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 + (i % 7) * 0.1;
        }
        Replay interpreted = Reverse.record(CompiledReplayTest::rosenbrock, x);
        assertTrue(interpreted.tape().entries() >= 100_000, interpreted.tape().toString());
        Replay compiled = interpreted.compile();
        assertTrue(compiled.isCompiled(), compiled.explain());
        for (Compiled.Kind kind : new Compiled.Kind[] {Compiled.Kind.VALUES, Compiled.Kind.GRADIENT}) {
            Compiled.Program p = compiled.compiled().program(kind);
            assertTrue(p.methods > 100, kind + ": " + p.methods + " methods");
            assertTrue(p.largestMethod < 8000, kind + ": largest method " + p.largestMethod
                + " bytes, over HotSpot's HugeMethodLimit of 8000");
        }
        bitwise(interpreted.gradient(x), compiled.gradient(x), "gradient of the large tape");
    }

    @Test
    void eightThreadsShareOneCompiledReplayAndGetTheSerialResults() throws Exception {
        int threads = 8;
        int rounds = 500;
        Random random = new Random(SEED);
        double[][] points = new double[threads * rounds][];
        for (int i = 0; i < points.length; i++) {
            points[i] = VectorNodeTest.gaussian(random, 6);
        }
        // small methods, so that the workspace carries values between them
        Replay gradient = Reverse.record(ReverseVersusForwardTest::scalar, points[0]).compile(200, null);
        Replay jacobian = Reverse.recordVector(ReverseVersusForwardTest::vector, points[0]).compile(200, true);
        assertTrue(gradient.compiled().program(Compiled.Kind.GRADIENT).methods > 1, gradient.explain());
        double[][] expected = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            expected[i] = serial(gradient, jacobian, points[i]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<double[][]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * rounds;
                results.add(pool.submit(() -> {
                    double[][] out = new double[rounds][];
                    for (int r = 0; r < rounds; r++) {
                        out[r] = serial(gradient, jacobian, points[first + r]);
                    }
                    return out;
                }));
            }
            for (int t = 0; t < threads; t++) {
                double[][] out = results.get(t).get();
                for (int r = 0; r < rounds; r++) {
                    bitwise(expected[t * rounds + r], out[r], "thread " + t + ", round " + r);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The gradient, then the flattened Jacobian, then {@code J·v}, at {@code x}. */
    private static double[] serial(Replay gradient, Replay jacobian, double[] x) {
        int n = x.length;
        double[] out = new double[n + n * n + n];
        double[] g = new double[n];
        gradient.gradient(x, g);
        System.arraycopy(g, 0, out, 0, n);
        double[][] j = new double[n][n];
        jacobian.jacobian(x, j);
        for (int r = 0; r < n; r++) {
            System.arraycopy(j[r], 0, out, n + r * n, n);
        }
        System.arraycopy(jacobian.jvp(x, x), 0, out, n + n * n, n);
        return out;
    }

    // ---------------------------------------------------------------- functions

    static Var rosenbrock(Var[] x) {
        Var s = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            Var d = x[i + 1].subtract(x[i].multiply(x[i]));
            Var e = x[i].negate().add(1);
            s = s.add(d.multiply(d).multiply(100)).add(e.multiply(e));
        }
        return s;
    }

    static double plainRosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double d = x[i + 1] - x[i] * x[i];
            double e = -x[i] + 1;
            s = s + d * d * 100 + e * e;
        }
        return s;
    }

    /** Lorenz-96 with forcing 8: {@code dx_i = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + 8}, cyclic. */
    static Var[] lorenz96(Var[] x) {
        int n = x.length;
        Var[] y = new Var[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[(i + 1) % n].subtract(x[(i + n - 2) % n]).multiply(x[(i + n - 1) % n]).subtract(x[i]).add(8);
        }
        return y;
    }

    // ---------------------------------------------------------------- checks

    /**
     * Records {@code f} at {@code at}, compiles it, and compares every entry point at {@link #POINTS}
     * points; returns how many stayed on the recorded branches (the others must throw alike).
     */
    static int agree(Function<Var[], Var[]> f, double[] at, Supplier<double[]> points, Random random,
                     Function<double[], double[]> plain) {
        Replay interpreted = Reverse.recordVector(f, at);
        double[][] xs = new double[POINTS][];
        double[][] us = new double[POINTS][];
        double[][] vs = new double[POINTS][];
        for (int p = 0; p < POINTS; p++) {
            xs[p] = points.get();
            us[p] = VectorNodeTest.gaussian(random, interpreted.outputCount());
            vs[p] = VectorNodeTest.gaussian(random, interpreted.inputCount());
        }
        int compared = -1;
        // as compiled; each way to the Jacobian; and in methods of 12 instructions, so that keys cross methods
        for (Replay compiled : new Replay[] {interpreted.compile(), interpreted.compile(Generator.BUDGET, true),
            interpreted.compile(Generator.BUDGET, false), interpreted.compile(12, true), interpreted.compile(12, false)}) {
            int c = agree(interpreted, compiled, xs, us, vs, plain);
            assertTrue(compared < 0 || c == compared);
            compared = c;
        }
        return compared;
    }

    private static int agree(Replay interpreted, Replay compiled, double[][] xs, double[][] us, double[][] vs,
                             Function<double[], double[]> plain) {
        assertTrue(compiled.isCompiled(), compiled.explain());
        int m = interpreted.outputCount();
        int n = interpreted.inputCount();
        int compared = 0;
        for (int p = 0; p < POINTS; p++) {
            double[] x = xs[p];
            double[] u = us[p];
            double[] v = vs[p];
            if (interpreted.evaluate(x) >= 0) {
                BranchChangeException e = assertThrows(BranchChangeException.class, () -> interpreted.values(x));
                BranchChangeException c = assertThrows(BranchChangeException.class, () -> compiled.values(x));
                assertEquals(e.getMessage(), c.getMessage());
                continue;
            }
            String at2 = " at " + java.util.Arrays.toString(x);
            double[] y = compiled.values(x);
            bitwise(interpreted.values(x), y, "values" + at2);
            if (plain != null) {
                bitwise(plain.apply(x), y, "values against plain code" + at2);
            }
            if (m == 1) {
                double[] g = new double[n];
                double value = compiled.valueAndGradient(x, g);
                bitwise(interpreted.gradient(x), g, "gradient" + at2);
                bitwise(new double[] {interpreted.value(x)}, new double[] {value}, "valueAndGradient's value" + at2);
                bitwise(new double[] {interpreted.value(x)}, new double[] {compiled.value(x)}, "value" + at2);
            }
            bitwise(interpreted.vjp(x, u), compiled.vjp(x, u), "vjp" + at2);
            bitwise(interpreted.jvp(x, v), compiled.jvp(x, v), "jvp" + at2);
            double[][] expected = interpreted.jacobian(x);
            double[][] actual = new double[m][n];
            double[] values = new double[m];
            compiled.valueAndJacobian(x, values, actual);
            bitwise(y, values, "valueAndJacobian's values" + at2);
            boolean forward = compiled.toString().contains("forward tangents");
            double[][] bound = forward ? absoluteJacobian(interpreted, x) : null;
            for (int r = 0; r < m; r++) {
                if (!forward) {
                    bitwise(expected[r], actual[r], "Jacobian row " + r + at2);
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double limit = 8 * interpreted.tape().entries() * U * bound[r][j];
                    assertTrue(Math.abs(expected[r][j] - actual[r][j]) <= limit, "J[" + r + "][" + j + "] = "
                        + actual[r][j] + ", interpreted " + expected[r][j] + ", bound " + limit + at2);
                }
            }
            compared++;
        }
        return compared;
    }

    /** The Jacobian of the absolute values of the partials at {@code x}: the scale of each entry's rounding. */
    private static double[][] absoluteJacobian(Replay replay, double[] x) {
        replay.evaluate(x);
        Tape t = replay.tape();
        int n = replay.inputCount();
        double[][] a = new double[replay.outputCount()][n];
        double[] tangent = new double[t.entries()];
        int[] out = outputs(replay);
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(tangent, 0);
            tangent[j] = 1; // Reverse.recordVector records the inputs first
            for (int i = 0; i < t.entries(); i++) {
                for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                    tangent[i] += Math.abs(t.partial[k]) * tangent[t.arg[k]];
                }
            }
            for (int r = 0; r < out.length; r++) {
                a[r][j] = tangent[out[r]];
            }
        }
        return a;
    }

    /** The output entries, from the replay's description. */
    private static int[] outputs(Replay replay) {
        String s = replay.toString();
        String list = s.substring(s.lastIndexOf('[') + 1, s.lastIndexOf(']'));
        return java.util.Arrays.stream(list.split(", ")).mapToInt(Integer::parseInt).toArray();
    }

    static void bitwise(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int k = i;
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                () -> what + ": [" + k + "] " + actual[k] + ", expected " + expected[k]);
        }
        assertEquals(expected.length, actual.length, what);
    }

    private static void sameException(Runnable interpreted, Runnable compiled) {
        RuntimeException e = assertThrows(RuntimeException.class, interpreted::run);
        RuntimeException c = assertThrows(RuntimeException.class, compiled::run);
        assertEquals(e.getClass(), c.getClass(), c.getMessage());
        assertEquals(e.getMessage(), c.getMessage());
    }
}
