package org.dualtape.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.dualtape.dual.ValueAndJacobian;
import org.junit.jupiter.api.Test;

/**
 * {@code Reverse.valueAndJacobian} and the into-buffer {@code Reverse.jacobian}: bitwise the
 * Jacobian of {@link Reverse#jacobian(Function, double[])}, the values bitwise the plain model's,
 * shapes checked before anything is written.
 */
class ReverseValueAndJacobianTest {

    private static final double[] P = {1.3, 0.2, 1.1, -0.5};

    @Test
    void oneRecordingGivesTheValuesAndTheJacobian() {
        ValueAndJacobian r = Reverse.valueAndJacobian(CurveModel::model, P);
        assertArrayEquals(CurveModel.values(P), r.values(), 0);
        assertArrayEquals(Reverse.jacobian(CurveModel::model, P), r.jacobian());
        double[][] rows = new double[CurveModel.POINTS][P.length];
        double[] values = new double[CurveModel.POINTS];
        double[] firstRow = rows[0];
        Reverse.valueAndJacobian(CurveModel::model, P, values, rows);
        assertArrayEquals(r.values(), values, 0);
        assertArrayEquals(r.jacobian(), rows);
        assertTrue(firstRow == rows[0], "the rows are filled, not replaced");
        double[][] again = new double[CurveModel.POINTS][P.length];
        Reverse.jacobian(CurveModel::model, P, again);
        assertArrayEquals(r.jacobian(), again);
    }

    @Test
    void wrongShapesAreNamedBeforeAnythingIsWritten() {
        int[] calls = {0};
        Function<Var[], Var[]> counted = p -> {
            calls[0]++;
            return CurveModel.model(p);
        };
        String m = assertThrows(IllegalArgumentException.class,
            () -> Reverse.jacobian(counted, P, new double[][] {new double[4], new double[3]})).getMessage();
        assertTrue(m.contains("row 1") && m.contains("length 3") && m.contains("length 4"), m);
        m = assertThrows(IllegalArgumentException.class,
            () -> Reverse.valueAndJacobian(counted, P, new double[2], new double[3][4])).getMessage();
        assertTrue(m.contains("values has length 2") && m.contains("3 rows"), m);
        assertEquals(0, calls[0], "f is not called for a shape the buffers already get wrong");
        double[][] tooFew = {{7, 7, 7, 7}};
        m = assertThrows(IllegalArgumentException.class, () -> Reverse.jacobian(counted, P, tooFew)).getMessage();
        assertTrue(m.contains(CurveModel.POINTS + " outputs") && m.contains("1 rows"), m);
        assertArrayEquals(new double[] {7, 7, 7, 7}, tooFew[0], 0, "nothing written");
    }
}
