package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Separate tapes on separate threads never interfere; neither do concurrent {@link Reverse} calls. */
class ThreadsTest {
    private static final int THREADS = 4;
    /** Enough repetitions that the threads' work overlaps in time. */
    private static final int ROUNDS = 2_000;
    /** A constant seed, so a failure names reproducible points. */
    private static final long SEED = 11L;

    @Test
    void threadsWithTheirOwnTapesGetTheSingleThreadedResults() throws Exception {
        double[][] points = new double[THREADS * ROUNDS][];
        Random random = new Random(SEED);
        for (int i = 0; i < points.length; i++) {
            points[i] = VectorNodeTest.gaussian(random, 6);
        }
        double[][] expected = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            expected[i] = Reverse.gradient(ReverseVersusForwardTest::scalar, points[i]);
        }
        MlpTest mlp = new MlpTest();
        double[] theta = VectorNodeTest.gaussian(random, MlpTest.P);
        Tape reference = new Tape();
        VarMatrix th = VarMatrix.variable(reference, theta, 1, MlpTest.P);
        reference.reverse(mlp.vectorLoss(reference, th));
        double[] mlpGradient = th.adjoint();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * ROUNDS;
                Callable<double[][]> work = () -> {
                    Tape own = new Tape();
                    Replay replay = Reverse.record(ReverseVersusForwardTest::scalar, points[first]);
                    double[][] out = new double[3 * ROUNDS][];
                    for (int r = 0; r < ROUNDS; r++) {
                        double[] x = points[first + r];
                        own.clear();
                        Var[] v = own.variables(x);
                        own.reverse(ReverseVersusForwardTest.scalar(v));
                        out[3 * r] = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            out[3 * r][i] = v[i].adjoint();
                        }
                        out[3 * r + 1] = Reverse.gradient(ReverseVersusForwardTest::scalar, x); // thread-local tape
                        out[3 * r + 2] = replay.gradient(x);
                        if (r % 500 == 0) {
                            Tape vector = new Tape();
                            VarMatrix p = VarMatrix.variable(vector, theta, 1, MlpTest.P);
                            vector.reverse(mlp.vectorLoss(vector, p));
                            assertArrayEquals(mlpGradient, p.adjoint(), 0);
                        }
                    }
                    return out;
                };
                results.add(pool.submit(work));
            }
            for (int t = 0; t < THREADS; t++) {
                double[][] out = results.get(t).get();
                for (int r = 0; r < ROUNDS; r++) {
                    double[] e = expected[t * ROUNDS + r];
                    assertArrayEquals(e, out[3 * r], 0);
                    assertArrayEquals(e, out[3 * r + 1], 0);
                    assertArrayEquals(e, out[3 * r + 2], 0);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
