package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.junit.jupiter.api.Test;

/**
 * The faults an audit of the tape found, each a silent wrong answer, a crash or a leak before it
 * was fixed: growth interrupted by {@link OutOfMemoryError}, sizes that overflow {@code int},
 * memory a thread keeps, a replay shared by threads, hypot's partials at the ends of the range,
 * {@code sqrt(x * x)} at 0, and a generation counter that wraps.
 */
class FaultsTest {
    /** 1/√2, the partials of hypot on the diagonal. */
    private static final double DIAGONAL = Math.sqrt(0.5);

    @Test
    void aTapeStaysConsistentWhenGrowthRunsOutOfMemory() throws IOException, InterruptedException {
        // a child JVM with a small heap: the tape's growth fails part-way, as it would for a user
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
            OutOfMemoryChild.class.getName()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
        String said = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.startsWith("consistent"), said);
    }

    @Test
    void sizesAreCheckedExactlyBeforeAnythingIsAllocated() {
        Tape tape = new Tape();
        VarMatrix x = VarMatrix.variable(tape, new double[1 << 16], 1 << 16, 1);
        VarMatrix w = VarMatrix.constant(tape, new double[1 << 15], 1 << 15, 1);
        int before = tape.entries();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.affine(w)); // 2^31 values
        assertTrue(e.getMessage().contains("affine") && e.getMessage().contains("65536×32768"), e.getMessage());
        assertEquals(before, tape.entries(), "nothing recorded");
        assertThrows(IllegalArgumentException.class, () -> new Tape(Integer.MAX_VALUE, 0));
        // growth doubles up to the cap, never by one element, and says "tape full" past it
        assertEquals(Tape.MAX_ENTRIES, Sizes.grown(1 << 30, (1L << 30) + 1, "entries"));
        assertEquals(1 << 21, Sizes.grown(1 << 20, (1 << 20) + 1, "entries"));
        IllegalStateException full = assertThrows(IllegalStateException.class,
            () -> Sizes.grown(Tape.MAX_ENTRIES, Tape.MAX_ENTRIES + 1L, "partials"));
        assertTrue(full.getMessage().startsWith("tape full"), full.getMessage());
    }

    @Test
    void aThreadKeepsABoundedTapeAndCanReleaseIt() {
        double[] x = new double[1_000_000];
        Function<Var[], Var> sum = v -> {
            Var s = v[0];
            for (int i = 1; i < v.length; i++) {
                s = s.add(v[i]);
            }
            return s;
        };
        double[] g = Reverse.gradient(sum, x);
        assertEquals(1, g[g.length - 1], 0);
        assertTrue(Reverse.retainedBytes() <= Reverse.RETAINED_BYTES, Reverse.retainedBytes() + " bytes kept");
        Reverse.gradient(v -> v[0].multiply(v[1]), new double[] {2, 3});
        Reverse.releaseTape();
        assertTrue(Reverse.retainedBytes() < 1 << 20, Reverse.retainedBytes() + " bytes kept after releaseTape()");
    }

    @Test
    void aReplaySharedByThreadsGivesEveryThreadItsOwnAnswer() throws Exception {
        int n = 40;
        Replay replay = Reverse.record(FaultsTest::rosenbrock, new double[n]);
        Random random = new Random(11); // any points do; a constant seed makes failures repeatable
        double[][] points = new double[64][n];
        double[][] expected = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            for (int i = 0; i < n; i++) {
                points[p][i] = random.nextGaussian();
            }
            expected[p] = Reverse.gradient(FaultsTest::rosenbrock, points[p]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int bad = 0;
                    for (int k = 0; k < 2000; k++) {
                        int p = (k * 7 + offset) % points.length;
                        double[] g = replay.gradient(points[p]);
                        bad += java.util.Arrays.equals(g, expected[p]) ? 0 : 1;
                    }
                    return bad;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertEquals(0, f.get(), "wrong gradients from a shared replay");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hypotPartialsHoldAtTheEndsOfTheRange() {
        for (double a : new double[] {1.5e308, 1e-320}) {
            Tape tape = new Tape();
            Var x = tape.variable(a);
            Var y = tape.variable(a);
            tape.reverse(x.hypot(y));
            assertEquals(DIAGONAL, x.adjoint(), 1e-15, "∂/∂x on the tape at " + a);
            assertEquals(DIAGONAL, y.adjoint(), 1e-15, "∂/∂y on the tape at " + a);
            assertEquals(DIAGONAL, Dual.variable(a).hypot(Dual.constant(a)).tangent(), 1e-15, "Dual at " + a);
            assertArrayEquals(new double[] {DIAGONAL, DIAGONAL},
                Forward.gradient(v -> v[0].hypot(v[1]), new double[] {a, a}), 1e-15, "MultiDual at " + a);
        }
    }

    @Test
    void sqrtOfASquareAtZeroHasDerivativeZeroInEveryMode() {
        // Partials promises forward and reverse agree: the square's zero partial meets sqrt's infinite one
        assertEquals(0, Forward.derivative(x -> x.multiply(x).sqrt(), 0), 0);
        assertEquals(0, Reverse.derivative(x -> x.multiply(x).sqrt(), 0), 0);
        assertArrayEquals(new double[] {0}, Reverse.gradient(x -> x[0].multiply(x[0]).sqrt(), new double[] {0}), 0);
        Tape tape = new Tape();
        Var x = tape.variable(0);
        Var y = x.multiply(x).sqrt();
        tape.forward(new Var[] {x}, new double[] {1});
        assertEquals(0, y.tangent(), 0, "the tape's tangent sweep");
    }

    @Test
    void aStaleVarStaysStaleWhenTheGenerationPassesTwoToThe32() {
        Tape tape = new Tape();
        Var old = tape.variable(1); // generation 0
        tape.generation = 0xFFFF_FFFFL; // 2^32 - 1 clears later; an int counter would now wrap to 0
        tape.clear();
        assertThrows(IllegalStateException.class, old::value);
        assertThrows(IllegalStateException.class, () -> old.add(tape.variable(2)));
    }

    static Var rosenbrock(Var[] x) {
        Var s = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            Var a = x[i + 1].subtract(x[i].multiply(x[i]));
            Var b = x[i].negate().add(1);
            s = s.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return s;
    }
}
