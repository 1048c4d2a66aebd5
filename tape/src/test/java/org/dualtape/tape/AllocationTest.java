package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, the reverse sweep, the tangent sweep and replay allocate nothing, and recording
 * again after {@link Tape#clear()} allocates only the user-facing {@code Var} and
 * {@code VarMatrix} objects. Measured with the JVM's per-thread allocation counter (a count of
 * bytes, not a timing).
 */
class AllocationTest {
    /** Repetitions measured: a per-call allocation of even one object would add up to far more. */
    private static final int CALLS = 2_000;
    /** Slack for the counter itself and stray JVM bookkeeping, far below one object per call. */
    private static final long SLACK_BYTES = 1_024;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated(Runnable r) {
        for (int i = 0; i < CALLS; i++) {
            r.run(); // warm-up: let the JIT compile it and the workspace grow
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            r.run();
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void scalarSweepsAndReplayAllocateNothing() {
        Tape tape = new Tape();
        Var x = tape.variable(0.3);
        Var y = tape.variable(-1.2);
        Var out = x;
        for (int i = 0; i < 200; i++) {
            out = out.sin().multiply(y).add(x.abs()).max(y).pow(2);
        }
        Var result = out;
        Var[] in = {x, y};
        double[] v = {1, 2};
        double[] at = {0.3, -1.2};
        double[] g = new double[2];
        Replay replay = Replay.of(result, x, y);
        assertNoAllocation("reverse sweep", allocated(() -> tape.reverse(result)));
        assertNoAllocation("tangent sweep", allocated(() -> tape.forward(in, v)));
        assertNoAllocation("replay", allocated(() -> replay.valueAndGradient(at, g)));
    }

    @Test
    void vectorSweepsAndReplayAllocateNothing() {
        MlpTest mlp = new MlpTest();
        Tape tape = new Tape();
        double[] theta = VectorNodeTest.gaussian(new Random(3), MlpTest.P); // any parameters do
        VarMatrix th = VarMatrix.variable(tape, theta, 1, MlpTest.P);
        Var loss = mlp.vectorLoss(tape, th);
        double[] g = new double[MlpTest.P];
        Replay replay = Replay.of(loss, th);
        assertNoAllocation("reverse sweep", allocated(() -> tape.reverse(loss)));
        assertNoAllocation("replay", allocated(() -> replay.valueAndGradient(theta, g)));
    }

    @Test
    void recordingAgainAllocatesOnlyTheUserFacingObjects() {
        MlpTest mlp = new MlpTest();
        Tape tape = new Tape();
        double[] theta = VectorNodeTest.gaussian(new Random(3), MlpTest.P);
        long bytes = allocated(() -> {
            tape.clear();
            VarMatrix th = VarMatrix.variable(tape, theta, 1, MlpTest.P);
            tape.reverse(mlp.vectorLoss(tape, th));
        });
        // about 20 small objects per recording (VarMatrix and Var views), no arrays
        assertTrue(bytes / CALLS < 1_024, "recording again allocated " + bytes / CALLS + " bytes per call");
    }

    private static void assertNoAllocation(String what, long bytes) {
        assertTrue(bytes < SLACK_BYTES, what + " allocated " + bytes + " bytes over " + CALLS + " calls");
    }
}
