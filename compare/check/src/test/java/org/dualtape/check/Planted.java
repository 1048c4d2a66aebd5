package org.dualtape.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A planted mistake in a correct gradient: its kind, a description, the wrong gradient, and
 * whether it is subtle (the 1e-6 error and the shifted point: small enough that a check may
 * honestly be unable to resolve it, and must then say so).
 */
record Planted(String kind, String name, double[] gradient, boolean subtle) {
    /** Relative size of the "one component off" mistake. */
    static final double SMALL = 1e-6;
    /** Shift of the "slightly different point" mistake, relative to max(|x_i|, 1e-3). */
    static final double SHIFT = 1e-4;

    /** The form in which a planted Jacobian mistake is claimed. */
    enum Form { JACOBIAN, JVP, VJP }

    /** A planted mistake in a Jacobian, claimed as a Jacobian, a JVP or a VJP. */
    record Matrix(String kind, String name, double[][] jacobian, boolean subtle, Form form) {
        Planted asPlanted() {
            return new Planted(kind, name, null, subtle);
        }
    }

    /** Every planted mistake for a correct gradient {@code g} of {@code c} at {@code x}. */
    static List<Planted> scalar(double[] g, Suite.Scalar c, double[] x, Random random) {
        List<Planted> list = new ArrayList<>();
        for (Matrix m : mistakes(new double[][] {g}, shift(x, random), y -> new double[][] {c.gradient(y)})) {
            list.add(new Planted(m.kind(), m.name(), m.jacobian()[0], m.subtle()));
        }
        return list;
    }

    /**
     * Every planted mistake for a correct Jacobian of {@code c} at {@code x}, as Jacobian claims;
     * plus, as JVP and VJP claims, a factor 2, a sign flip, the transposed Jacobian (square only)
     * and one entry off by 1e-6.
     */
    static List<Matrix> jacobian(double[][] j, Suite.Vector c, double[] x, Random random) {
        List<Matrix> list = new ArrayList<>(mistakes(j, shift(x, random), c::jacobian));
        int[] big = largest(j);
        for (Form form : new Form[] {Form.JVP, Form.VJP}) {
            list.add(new Matrix(form + ": factor 2", form + " times 2", scale(j, 2), false, form));
            double[][] flipped = copy(j);
            flipped[big[0]][big[1]] = -flipped[big[0]][big[1]];
            list.add(new Matrix(form + ": sign flip", form + " with J[" + big[0] + "][" + big[1] + "] negated", flipped, false, form));
            double[][] off = copy(j);
            off[big[0]][big[1]] *= 1 + SMALL;
            list.add(new Matrix(form + ": one entry off by 1e-6", form + " with J[" + big[0] + "][" + big[1] + "] off by 1e-6",
                    off, false, form));
            if (isSquareAndAsymmetric(j)) {
                list.add(new Matrix(form + ": Jacobian transposed", form + " of the transposed Jacobian", transpose(j), false, form));
            }
        }
        return list;
    }

    private static List<Matrix> mistakes(double[][] j, double[] shifted, java.util.function.Function<double[], double[][]> at) {
        List<Matrix> list = new ArrayList<>();
        for (int k = 0; k < j.length; k++) {
            for (int i = 0; i < j[k].length; i++) {
                if (j[k][i] != 0) {
                    double[][] off = copy(j);
                    off[k][i] *= 1 + SMALL;
                    list.add(new Matrix("one entry off by relative 1e-6", "entry [" + k + "][" + i + "] off by 1e-6", off, true,
                            Form.JACOBIAN));
                }
            }
        }
        int[] big = largest(j);
        double[][] flipped = copy(j);
        flipped[big[0]][big[1]] = -flipped[big[0]][big[1]];
        list.add(new Matrix("sign flip", "sign flip of entry [" + big[0] + "][" + big[1] + "]", flipped, false, Form.JACOBIAN));
        double[] row = j[big[0]];
        if (row.length > 1) {
            int other = big[1] == 0 ? 1 : 0;
            for (int i = 0; i < row.length; i++) {
                if (i != big[1] && Math.abs(row[i] - row[big[1]]) > Math.abs(row[other] - row[big[1]])) {
                    other = i;
                }
            }
            double[][] swapped = copy(j);
            swapped[big[0]][big[1]] = row[other];
            swapped[big[0]][other] = row[big[1]];
            list.add(new Matrix("two components swapped", "entries " + big[1] + " and " + other + " of row " + big[0] + " swapped",
                    swapped, false, Form.JACOBIAN));
        }
        if (isSquareAndAsymmetric(j)) {
            list.add(new Matrix("Jacobian transposed", "transposed Jacobian", transpose(j), false, Form.JACOBIAN));
        }
        list.add(new Matrix("factor 2", "factor 2", scale(j, 2), false, Form.JACOBIAN));
        list.add(new Matrix("taken at a point shifted by 1e-4", "derivative at a point shifted by relative 1e-4", at.apply(shifted),
                true, Form.JACOBIAN));
        return list;
    }

    private static double[] shift(double[] x, Random random) {
        double[] shifted = x.clone();
        for (int i = 0; i < x.length; i++) {
            shifted[i] += SHIFT * Math.max(Math.abs(x[i]), 1e-3) * (random.nextBoolean() ? 1 : -1);
        }
        return shifted;
    }

    private static int[] largest(double[][] j) {
        int[] big = {0, 0};
        for (int k = 0; k < j.length; k++) {
            for (int i = 0; i < j[k].length; i++) {
                if (Math.abs(j[k][i]) > Math.abs(j[big[0]][big[1]])) {
                    big = new int[] {k, i};
                }
            }
        }
        return big;
    }

    private static boolean isSquareAndAsymmetric(double[][] j) {
        if (j.length != j[0].length || j.length < 2) {
            return false;
        }
        for (int k = 0; k < j.length; k++) {
            for (int i = 0; i < k; i++) {
                if (j[k][i] != j[i][k]) {
                    return true;
                }
            }
        }
        return false;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }

    static double[][] scale(double[][] a, double s) {
        double[][] c = copy(a);
        for (double[] row : c) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= s;
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                t[i][k] = a[k][i];
            }
        }
        return t;
    }

    static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += a[k][i] * v[i];
            }
            out[k] = s;
        }
        return out;
    }
}
