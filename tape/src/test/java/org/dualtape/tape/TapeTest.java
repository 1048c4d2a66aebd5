package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldLUDecomposition;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;

/** The tape itself: its size figures, capacity reuse, the teaching view, and the extra Var methods. */
class TapeTest {

    @Test
    void entriesPartialsAndBytesFollowTheDocumentedLayout() {
        Tape tape = new Tape();
        Var x = tape.variable(1);     // 13 bytes
        Var y = tape.variable(2);     // 13
        Var s = x.sin();              // 13 + 12 = 25
        Var p = s.multiply(y);        // 13 + 24 = 37
        p.pow(2.5);                   // 25 + 8 (the exponent) = 33
        x.abs();                      // 25 + 8 (the recorded branch) = 33
        assertEquals(6, tape.entries());
        assertEquals(5, tape.partials());
        assertEquals(13 + 13 + 25 + 37 + 33 + 33, tape.bytes());
    }

    @Test
    void clearKeepsTheCapacitySoRecordingAgainDoesNotGrow() {
        Tape tape = new Tape();
        for (int round = 0; round < 3; round++) {
            tape.clear();
            Var v = tape.variable(0.5);
            for (int i = 0; i < 5_000; i++) {
                v = v.sin().add(1);
            }
            VarMatrix m = VarMatrix.variable(tape, new double[4000], 40, 100);
            tape.reverse(m.tanh().sum().add(v));
            if (round == 0) {
                continue;
            }
            long capacity = tape.capacityBytes();
            tape.clear();
            assertEquals(0, tape.entries());
            assertEquals(capacity, tape.capacityBytes());
        }
    }

    @Test
    void theTableShowsTheLectureExampleWithItsAdjoints() {
        Tape tape = new Tape();
        Var a = tape.variable(2);
        Var b = tape.variable(3);
        Var c = tape.variable(4);
        tape.reverse(a.add(b.multiply(3)).multiply(c.multiply(c)));
        String[] lines = tape.table().split("\n");
        assertEquals(8, lines.length); // a header and seven entries
        assertTrue(lines[0].contains("operation") && lines[0].contains("adjoint"));
        assertRow(lines[1], "0", "input", "2", "16");
        assertRow(lines[2], "1", "input", "3", "48");
        assertRow(lines[3], "2", "input", "4", "88");
        assertRow(lines[4], "3", "multiply", "3", "#1", "(3)", "9", "16");
        assertRow(lines[6], "5", "multiply", "#2", "(4),", "#2", "(4)", "16", "11");
        assertRow(lines[7], "6", "multiply", "#4", "(16),", "#5", "(11)", "176", "1");
    }

    private static void assertRow(String line, String... cells) {
        String[] words = line.trim().split("\\s+");
        assertEquals(String.join(" ", cells), String.join(" ", words), line);
    }

    @Test
    void theDotGraphHasOneNodePerEntryAndOneLabelledEdgePerArgument() {
        Tape tape = new Tape();
        Var x = tape.variable(1.5);
        Var a = x.multiply(x);
        tape.reverse(a.multiply(5).negate());
        String dot = tape.graphviz();
        assertTrue(dot.startsWith("digraph tape {") && dot.trim().endsWith("}"), dot);
        assertEquals(4, dot.split("\\[label=\"#").length - 1, dot);            // nodes
        assertEquals(4, dot.split(" -> ").length - 1, dot);                    // x twice, a, a·5
        assertTrue(dot.contains("n0 -> n1 [label=\"1.5\"]"), dot);
        assertTrue(dot.contains("n2 -> n3 [label=\"-1\"]"), dot);
        assertTrue(dot.contains("#0 input\\nvalue 1.5\\nadjoint -15"), dot);
    }

    @Test
    void namedInputsAreShownInTheTableAndTheDotAndForgottenByClear() {
        Tape tape = new Tape();
        Var a = tape.variable(2, "a");
        Var b = tape.variable(3, "b");
        Var plain = tape.variable(4);
        tape.reverse(a.multiply(b).add(plain));
        String[] lines = tape.table().split("\n");
        assertRow(lines[1], "0", "input", "a", "2", "3");
        assertRow(lines[2], "1", "input", "b", "3", "2");
        assertRow(lines[3], "2", "input", "4", "1");
        assertTrue(tape.graphviz().contains("#1 input b\\nvalue 3"), tape.graphviz());
        assertEquals(6.0, a.multiply(b).value()); // a name changes nothing but the printing
        tape.clear();
        tape.variable(5);
        assertRow(tape.table().split("\n")[1], "0", "input", "5");
        assertThrows(NullPointerException.class, () -> tape.variable(1, null));
    }

    @Test
    void minMaxRoundAndCompareRecordTheirBranch() {
        Tape tape = new Tape();
        Var x = tape.variable(2.6);
        Var y = tape.variable(-1);
        Var m = x.max(y).add(x.min(y).multiply(10));
        tape.reverse(m);
        assertEquals(2.6 - 10, m.value(), 0);
        assertEquals(1, x.adjoint(), 0);
        assertEquals(10, y.adjoint(), 0);
        assertEquals(3, x.round());
        assertEquals(1, x.compareTo(y));
        assertEquals(-1, y.compareTo(x));
        assertEquals(0, x.compareTo(2.6));
        Var same = x.max(x);
        tape.reverse(same);
        assertEquals(1, x.adjoint(), 0); // a tie goes to the first argument: partials 1 and 0 add to 1
    }

    @Test
    void theFieldMakesConstantsOnTheTapeAndCommonsMathAlgorithmsRun() {
        double[] g = Reverse.gradient(x -> {
            FieldMatrix<Var> a = new Array2DRowFieldMatrix<>(x[0].getField(), 2, 2);
            a.setEntry(0, 0, x[0]);
            a.setEntry(0, 1, x[1]);
            a.setEntry(1, 0, x[1].negate());
            a.setEntry(1, 1, x[0].multiply(3));
            return new FieldLUDecomposition<>(a).getDeterminant(); // 3a² + b²
        }, new double[] {2, 5});
        assertEquals(12, g[0], 1e-12);
        assertEquals(10, g[1], 1e-12);
        Tape tape = new Tape();
        Field<Var> field = tape.variable(1).getField();
        assertEquals(field, tape.constant(2).getField());
        assertNotEquals(field, new Tape().variable(1).getField());
        assertEquals(0, field.getZero().value(), 0);
        assertEquals(1, field.getOne().value(), 0);
        assertEquals(Var.class, field.getRuntimeClass());
    }

    @Test
    void equalityIsTheEntryNotTheValue() {
        Tape tape = new Tape();
        Var x = tape.variable(1);
        Var y = tape.variable(1);
        Var again = tape.var(x.index()); // another view of the same entry
        assertNotEquals(x, y);
        assertEquals(x, again);
        assertEquals(x.hashCode(), again.hashCode());
        tape.clear();
        assertNotEquals(x, tape.variable(1)); // the same index in a new generation
        assertTrue(x.toString().contains("stale"));
        assertThrows(IllegalStateException.class, x::value);
    }
}
