package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.dualtape.dual.ValueAndGradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replay: a recording re-evaluated at new points equals a fresh recording there, bitwise. */
class ReplayTest {
    /** Points per function, as the issue asks. */
    private static final int POINTS = 100;
    /** A constant seed, so a failure names a reproducible point. */
    private static final long SEED = 99L;

    @ParameterizedTest
    @EnumSource(UnaryCase.class)
    void unaryReplayEqualsFreshRecording(UnaryCase c) {
        Random random = new Random(SEED);
        double mid = (c.low + c.high) / 2;
        check(x -> c.f(x[0]), new double[] {mid}, () -> new double[] {c.low + (c.high - c.low) * random.nextDouble()});
    }

    @ParameterizedTest
    @EnumSource(BinaryCase.class)
    void binaryReplayEqualsFreshRecording(BinaryCase c) {
        Random random = new Random(SEED);
        double[] mid = {(c.lowX + c.highX) / 2, (c.lowY + c.highY) / 2};
        check(x -> c.f(x[0], x[1]), mid, () -> new double[] {c.lowX + (c.highX - c.lowX) * random.nextDouble(),
            c.lowY + (c.highY - c.lowY) * random.nextDouble()});
    }

    @Test
    void vectorFunctionReplayGivesTheFreshJacobianAndProducts() {
        Function<Var[], Var[]> f = x -> new Var[] {x[0].multiply(x[1]).sin(), x[1].divide(x[2]).exp(),
            x[0].pow(x[2]).add(x[1].atan2(x[0]))};
        Random random = new Random(SEED);
        Replay replay = Reverse.recordVector(f, new double[] {1, 2, 3});
        for (int n = 0; n < POINTS; n++) {
            double[] x = {0.5 + random.nextDouble(), random.nextDouble() - 0.5, 0.5 + random.nextDouble()};
            double[] u = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[][] fresh = Reverse.jacobian(f, x);
            double[][] replayed = replay.jacobian(x);
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(fresh[r], replayed[r], 0);
            }
            assertArrayEquals(Reverse.vjp(f, x, u), replay.vjp(x, u), 0);
            assertArrayEquals(Reverse.jvp(f, x, v), replay.jvp(x, v), 0);
        }
    }

    /** Replays at generated points; where no branch changed, compares bitwise with a fresh recording. */
    private static void check(Function<Var[], Var> f, double[] at, java.util.function.Supplier<double[]> points) {
        Replay replay = Reverse.record(f, at);
        int compared = 0;
        for (int n = 0; n < POINTS; n++) {
            double[] x = points.get();
            ValueAndGradient fresh = Reverse.valueAndGradient(f, x);
            if (replay.evaluate(x) >= 0) {
                assertThrows(BranchChangeException.class, () -> replay.gradient(x));
                continue;
            }
            double[] g = new double[x.length];
            double value = replay.valueAndGradient(x, g);
            VarVersusDerivativeStructureTest.assertBitwise(fresh.value(), value, "value at " + x[0]);
            assertArrayEquals(fresh.gradient(), g, 0);
            compared++;
        }
        assertTrue(compared >= POINTS / 5, "only " + compared + " points stayed on the recorded branches");
    }

    @Test
    void aBranchChangeIsReportedWithItsEntry() {
        Tape tape = new Tape();
        Var x = tape.variable(2);
        Var y = tape.variable(3);
        Var a = x.abs();                 // entry 2
        Var m = a.max(y);                // entry 3
        Var out = m.multiply(x);
        Replay replay = Replay.of(out, x, y);
        assertEquals(-1, replay.evaluate(new double[] {2.5, 3}));
        assertEquals(2, replay.evaluate(new double[] {-2, 3}));    // abs flips
        assertEquals(3, replay.evaluate(new double[] {4, 3}));     // max chooses the other argument
        BranchChangeException e = assertThrows(BranchChangeException.class,
            () -> replay.gradient(new double[] {-2, 1}));
        assertEquals(2, e.entry());
        assertTrue(e.getMessage().contains("entry #2 (abs of #0)"), e.getMessage());
        assertEquals(2, a.index());
        assertEquals(3, m.index());
    }

    @ParameterizedTest
    @EnumSource(Piece.class)
    void everyPiecewiseEntryNoticesTheOtherPiece(Piece p) {
        Replay replay = Reverse.record(x -> p.f(x[0]), new double[] {p.recorded});
        assertEquals(-1, replay.evaluate(new double[] {p.same}), p + " on the same piece");
        assertTrue(replay.evaluate(new double[] {p.other}) >= 0, p + " on another piece");
    }

    /** A piecewise operation with a point to record at, one on the same piece and one on another. */
    enum Piece {
        ABS(1, 2, -1) { Var f(Var x) { return x.abs(); } },
        RELU(1, 2, -1) { Var f(Var x) { return x.relu(); } },
        FLOOR(1.2, 1.7, 2.1) { Var f(Var x) { return x.floor(); } },
        CEIL(1.2, 1.7, 2.1) { Var f(Var x) { return x.ceil(); } },
        RINT(1.2, 1.4, 1.6) { Var f(Var x) { return x.rint(); } },
        SIGNUM(1, 2, -1) { Var f(Var x) { return x.signum(); } },
        ROUND(1.2, 1.4, 1.6) { Var f(Var x) { return x.multiply(x.round()); } },
        COPY_SIGN(1, 2, -1) { Var f(Var x) { return x.tape().constant(3).copySign(x); } },
        REMAINDER(1.5, 2.5, 3.5) { Var f(Var x) { return x.remainder(2); } },
        MIN(1, 0.5, 3) { Var f(Var x) { return x.min(x.tape().constant(2)); } },
        MAX(1, 0.5, 3) { Var f(Var x) { return x.max(x.tape().constant(2)); } },
        COMPARE(1, 0.5, 3) { Var f(Var x) { return x.compareTo(2.0) < 0 ? x : x.negate(); } };

        final double recorded;
        final double same;
        final double other;

        Piece(double recorded, double same, double other) {
            this.recorded = recorded;
            this.same = same;
            this.other = other;
        }

        abstract Var f(Var x);
    }

    @Test
    void aReplayOfAFunctionThatReadValuesIsRefusedElsewhere() {
        // |x| written with a branch on getReal(): the tape sees only the path taken, so a replay at
        // -1 would silently give the recorded path x (value -1, gradient [1]) instead of 1 and [-1].
        Function<Var[], Var> abs = x -> x[0].getReal() > 0 ? x[0] : x[0].negate();
        Replay replay = Reverse.record(abs, new double[] {1});
        assertEquals(1, replay.value(new double[] {1}), 0); // the recorded point itself is fine
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> replay.gradient(new double[] {-1}));
        assertTrue(e.getMessage().contains("entry #0") && e.getMessage().contains("allowValueReads"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> replay.evaluate(new double[] {-1}));
        // the documented opt-in: the caller vouches no branch depends on the read, and gets the recorded path
        assertEquals(-1, replay.allowValueReads().value(new double[] {-1}), 0);
        // the same function written with compareTo is followed, and its branch change reported
        Replay guarded = Reverse.record(x -> x[0].compareTo(0.0) > 0 ? x[0] : x[0].negate(), new double[] {1});
        assertThrows(BranchChangeException.class, () -> guarded.gradient(new double[] {-1}));
    }

    @Test
    void replayAtTheRecordedPointReproducesTheRecording() {
        Tape tape = new Tape();
        Var x = tape.variable(0.3);
        Var y = x.sin().multiply(x.exp()).pow(2.5).add(x.hypot(x.cos()));
        Replay replay = Replay.of(y, x); // before reading y's value, which would forbid replays elsewhere
        double recorded = y.value();
        tape.reverse(y);
        double adjoint = x.adjoint();
        assertNotEquals(recorded, replay.value(new double[] {1.1})); // moved away,
        double[] g = new double[1];
        assertEquals(recorded, replay.valueAndGradient(new double[] {0.3}, g), 0); // and back: bitwise
        assertEquals(adjoint, g[0], 0);
        assertEquals(recorded, y.value(), 0);
    }

    @Test
    void operationsRecordedAfterAReplayStartFromTheReplayedValues() {
        // A Var keeps its recorded value to record faster; after a replay the tape's value must win.
        Tape tape = new Tape();
        Var x = tape.variable(2);
        Var square = x.multiply(x);
        Replay.of(square, x).value(new double[] {3});
        Var next = square.add(1).multiply(x);
        assertEquals((3.0 * 3.0 + 1) * 3.0, next.value(), 0);
        tape.reverse(next);
        assertEquals(3 * 3.0 * 3.0 + 1, x.adjoint(), 0); // d/dx (x³ + x) at 3
    }

    @Test
    void aVectorReluElementThatChangesSidesIsReported() {
        Tape tape = new Tape();
        VarMatrix x = VarMatrix.variable(tape, new double[] {1, -2, 3, -4}, 2, 2);
        VarMatrix r = x.relu();
        Replay replay = Replay.of(r.sum(), x);
        assertArrayEquals(new double[] {1, 0, 1, 0}, replay.gradient(new double[] {2, -1, 0.5, -3}), 0);
        BranchChangeException e = assertThrows(BranchChangeException.class,
            () -> replay.gradient(new double[] {2, -1, -0.5, -3}));
        assertEquals(r.index(), e.entry());
        assertTrue(e.getMessage().contains("element [1][0] of the 2×2 result"), e.getMessage());
    }
}
