package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a clear exception naming what was wrong, before anything is half-changed. */
class BadInputTest {

    private static <T extends Throwable> String message(Class<T> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "'" + message + "' should mention '" + p + "'");
        }
    }

    @Test
    void combiningVarsOfTwoTapesNamesBothTapes() {
        Tape a = new Tape();
        Tape b = new Tape();
        Var x = a.variable(1);
        Var y = b.variable(2);
        int before = a.entries();
        String m = message(IllegalStateException.class, () -> x.add(y));
        assertContains(m, a.toString().substring(0, a.toString().indexOf(' ')), b.toString().substring(0,
            b.toString().indexOf(' ')), "same tape");
        assertEquals(before, a.entries());
        message(IllegalStateException.class, () -> x.linearCombination(1.0, x, 2.0, y));
        message(IllegalStateException.class, () -> a.reverse(y));
        message(IllegalStateException.class, () -> VarMatrix.of(a, new Var[] {x, y}, 1, 2));
        assertEquals(before, a.entries());
    }

    @Test
    void aVarOfAClearedTapeSaysSo() {
        Tape tape = new Tape();
        Var x = tape.variable(1);
        tape.clear();
        Var y = tape.variable(2);
        String m = message(IllegalStateException.class, () -> y.multiply(x));
        assertContains(m, "generation 0", "now generation 1", "cleared");
        message(IllegalStateException.class, x::value);
        message(IllegalStateException.class, x::sin);
        assertEquals(1, tape.entries());
    }

    @Test
    void varsDoNotOutliveAReverseCall() {
        Var[] kept = new Var[1];
        Reverse.gradient(x -> {
            kept[0] = x[0];
            return x[0].square();
        }, new double[] {3});
        message(IllegalStateException.class, () -> kept[0].add(1));
    }

    @Test
    void aFunctionReturningNullOrAForeignVarIsRejected() {
        assertContains(message(IllegalArgumentException.class, () -> Reverse.gradient(x -> null, new double[] {1})),
            "returned null");
        Tape other = new Tape();
        Var foreign = other.variable(5);
        String m = message(IllegalStateException.class, () -> Reverse.gradient(x -> foreign, new double[] {1}));
        assertContains(m, "Var #0 of Tape#" + other.id, "arguments are on Tape#");
        assertContains(message(IllegalArgumentException.class,
            () -> Reverse.jacobian(x -> new Var[] {x[0], null}, new double[] {1})), "output 1");
    }

    @Test
    void seedsOfTheWrongLengthNameBothLengths() {
        assertContains(message(IllegalArgumentException.class,
            () -> Reverse.vjp(x -> new Var[] {x[0], x[1]}, new double[] {1, 2}, new double[] {1, 2, 3})),
            "length 3", "2 outputs");
        assertContains(message(IllegalArgumentException.class,
            () -> Reverse.jvp(x -> x, new double[] {1, 2}, new double[] {1})), "length 1", "length 2");
        Tape tape = new Tape();
        Var x = tape.variable(1);
        assertContains(message(IllegalArgumentException.class, () -> tape.reverse(new Var[] {x}, new double[2])),
            "length 2", "1 outputs");
        assertContains(message(IllegalArgumentException.class,
            () -> x.linearCombination(new Var[] {x}, new Var[] {x, x})), "1 and 2");
    }

    @Test
    void replayChecksItsInputsAndChangesNothingOnBadInput() {
        Replay replay = Reverse.record(x -> x[0].multiply(x[1]), new double[] {2, 3});
        Tape tape = replay.tape();
        assertContains(message(IllegalArgumentException.class, () -> replay.value(new double[] {1})),
            "2 inputs", "length 1");
        assertEquals(6, replay.value(new double[] {2, 3}), 0);
        assertContains(message(IllegalArgumentException.class,
            () -> replay.valueAndGradient(new double[] {1, 2}, new double[3])), "length 3");
        assertContains(message(IllegalArgumentException.class,
            () -> replay.vjp(new double[] {1, 2}, new double[] {1, 1})), "length 2");
        assertEquals(6, replay.values(new double[] {2, 3})[0], 0);
        assertArrayEquals(new double[] {3, 2}, replay.jacobian(new double[] {2, 3})[0], 0);
        tape.clear();
        assertContains(message(IllegalStateException.class, () -> replay.value(new double[] {2, 3})), "cleared");
    }

    @Test
    void replayInputsMustBeInputs() {
        Tape tape = new Tape();
        Var x = tape.variable(1);
        Var y = x.sin();
        assertContains(message(IllegalArgumentException.class, () -> Replay.of(y, y)), "entry #1", "sin");
        assertContains(message(IllegalArgumentException.class, () -> Replay.of(y, x, x)), "twice");
    }

    @Test
    void vectorShapeMismatchesNameTheShapesAndRecordNothing() {
        Tape tape = new Tape();
        VarMatrix x = VarMatrix.variable(tape, new double[6], 2, 3);
        VarMatrix w = VarMatrix.variable(tape, new double[8], 4, 2);
        VarMatrix b = VarMatrix.variable(tape, new double[3], 1, 3);
        VarMatrix row = VarMatrix.variable(tape, new double[2], 1, 2);
        int before = tape.entries();
        assertContains(message(IllegalArgumentException.class, () -> x.affine(w, b)), "2×3", "4×2", "1×3");
        assertContains(message(IllegalArgumentException.class, () -> x.add(row)), "2×3", "1×2");
        assertContains(message(IllegalArgumentException.class, () -> x.dot(w)), "2×3", "4×2");
        assertContains(message(IllegalArgumentException.class, () -> x.meanSquaredError(b)), "2×3", "1×3");
        assertContains(message(IllegalArgumentException.class, () -> x.softmaxCrossEntropy(new int[] {0})),
            "1 labels", "2×3");
        assertContains(message(IllegalArgumentException.class, () -> x.softmaxCrossEntropy(new int[] {0, 3})),
            "label 3", "row 1", "[0, 3)");
        assertContains(message(IllegalArgumentException.class, () -> x.view(4, 1, 3)), "1×3", "element 4", "2×3");
        assertContains(message(IllegalArgumentException.class, () -> VarMatrix.variable(tape, new double[5], 2, 3)), "2×3", "5");
        assertContains(message(IllegalArgumentException.class, () -> VarMatrix.variable(tape, new double[5], 3, 1, 3)),
            "offset 3", "5 values");
        message(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertEquals(before, tape.entries());
        VarMatrix foreign = VarMatrix.variable(new Tape(), new double[6], 2, 3);
        assertContains(message(IllegalStateException.class, () -> x.add(foreign)), "same tape");
    }

    @Test
    void adjointsBeforeAnySweepAreAnError() {
        Tape tape = new Tape();
        Var x = tape.variable(1);
        assertContains(message(IllegalStateException.class, x::adjoint), "no reverse sweep");
        VarMatrix m = VarMatrix.variable(tape, new double[] {1, 2}, 1, 2);
        message(IllegalStateException.class, m::adjoint);
        tape.reverse(m.sum());
        assertArrayEquals(new double[] {1, 1}, m.adjoint(), 0);
        assertEquals(0, x.adjoint(), 0);
    }

    @Test
    void nestingReverseInsideAFunctionGivesTheRightAnswerOrAClearException() {
        // d/dx [x · d/dy (x + y)] at 1 is 1 when the inner derivative does not capture x ...
        double inner = Reverse.derivative(y -> y.add(1), 5);
        assertEquals(1, Reverse.derivative(x -> x.multiply(inner), 1), 0);
        // ... and capturing the outer x in the inner function mixes two tapes: an exception, not a wrong number
        String m = message(IllegalStateException.class,
            () -> Reverse.derivative(x -> x.multiply(Reverse.derivative(y -> x.add(y), 5)), 1));
        assertContains(m, "same tape");
    }
}
