package org.dualtape.tape;

import java.util.Arrays;

/**
 * Second-order reverse mode on a recorded tape, by forward-over-reverse: Hessian-vector products
 * {@code H·v} and whole Hessians of one scalar output, without running user code again.
 *
 * <h2>Mechanism</h2>
 * Differentiating the reverse sweep {@code a_x += p·a_i} in the direction {@code v} gives
 * {@code ȧ_x += p·ȧ_i + ṗ·a_i}: the tangents of the adjoints, {@code ȧ}, whose inputs' values are
 * {@code H·v}. So one HVP is three sweeps over the same tape: the ordinary reverse sweep (adjoints
 * {@code a}, seed 1 at the output), the ordinary tangent sweep (tangents {@code ṫ}, seeds
 * {@code v} at the inputs), and a reverse sweep of the adjoint tangents that adds, per entry,
 * {@code p·ȧ_i} and the curvature term {@code ṗ·a_i}, the partials' own tangent
 * ({@code ṗ = Σ ∂p/∂x·ṫ}, from {@link SecondPartials} and, for vector nodes,
 * {@link VectorSecondOrder}). Each sweep costs about what a gradient's sweep costs, whatever the
 * number of inputs. The adjoints do not depend on {@code v}: a Hessian computes them once, then
 * one tangent sweep and one adjoint-tangent sweep per column.
 *
 * <h2>The Hessian</h2>
 * {@code n} columns {@code H·e_j}, one per input (no sparsity is exploited: a sparse Hessian would
 * seed several structurally orthogonal columns at once). Made symmetric by construction: each
 * pair {@code H[i][j]}, {@code H[j][i]} is replaced by its mean, which differs from either by
 * rounding only.
 *
 * <h2>Conventions</h2>
 * As the first-order sweeps: an entry whose adjoint is zero adds no curvature term, an argument
 * whose tangent is zero adds no second-partial term, so an unused {@code sqrt(0)} does not turn a
 * Hessian into NaN. Piecewise entries contribute second derivative 0 (the second derivative of the
 * piece the first-order convention picks, at a kink as elsewhere).
 *
 * <p>Workspace: one {@code double} per entry and per arena value, kept by the instance.
 */
final class SecondOrder {
    private final Tape t;
    /** Tangents of the scalar entries' adjoints. */
    private double[] adjointTangent = new double[0];
    /** Tangents of the vector nodes' adjoints, parallel to {@link Arena#val}. */
    private double[] arenaAdjointTangent = new double[0];

    SecondOrder(Tape t) {
        this.t = t;
    }

    /**
     * {@code H·v} of entry {@code output} with respect to the flat inputs, seeded through the
     * replay machinery; values must be in place.
     *
     * @param output the scalar output
     * @param first the first entry that is not an input or constant (the sweeps stop there)
     * @param inputs the input entries, scalar or matrix; not modified
     * @param v the seed, one per flat input (length already checked); not modified
     * @return {@code H·v}
     */
    double[] hvp(int output, int first, int[] inputs, double[] v) {
        adjoints(output, first);
        double[] hv = new double[v.length];
        column(output, first, inputs, v, hv);
        return hv;
    }

    /**
     * The Hessian of entry {@code output}: the adjoints once, then one column {@code H·e_j} per
     * flat input; symmetric by construction ({@link #symmetrize}).
     *
     * @param output the scalar output
     * @param first the first entry that is not an input or constant
     * @param inputs the input entries, scalar or matrix; not modified
     * @param width the number of flat inputs
     * @return {@code [width][width]}
     */
    double[][] hessian(int output, int first, int[] inputs, int width) {
        adjoints(output, first);
        double[][] h = new double[width][width];
        double[] seed = new double[width];
        double[] column = new double[width];
        for (int c = 0; c < width; c++) {
            seed[c] = 1;
            column(output, first, inputs, seed, column);
            seed[c] = 0;
            for (int r = 0; r < width; r++) {
                h[r][c] = column[r];
            }
        }
        symmetrize(h);
        return h;
    }

    /** The inputs' entries {@code 0..n-1}, as {@link Reverse} records them. */
    static int[] firstEntries(int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = i;
        }
        return e;
    }

    /** Runs the first-order reverse sweep from {@code output} (seed 1) down to {@code first}. */
    private void adjoints(int output, int first) {
        t.reverse(new int[] {output}, 0, 1, null, first);
    }

    /** One column: seeds {@code v}, the tangent sweep, the adjoint-tangent sweep, the inputs' results. */
    private void column(int output, int first, int[] inputs, double[] v, double[] hv) {
        t.clearTangents();
        int at = 0;
        for (int e : inputs) {
            at = t.replayer.seedTangent(e, v, at);
        }
        tangentsOfAdjoints(output, first);
        at = 0;
        for (int e : inputs) {
            at = read(e, hv, at);
        }
    }

    /**
     * With the adjoints in place and the tangents seeded, runs the tangent sweep and the
     * adjoint-tangent sweep.
     */
    private void tangentsOfAdjoints(int output, int first) {
        t.sweepForward(output);
        int size = t.size;
        if (adjointTangent.length < size) {
            adjointTangent = new double[t.value.length];
        } else {
            Arrays.fill(adjointTangent, 0, size, 0.0);
        }
        Arena m = t.arena;
        if (arenaAdjointTangent.length < m.used) {
            arenaAdjointTangent = new double[m.value.length];
        } else {
            Arrays.fill(arenaAdjointTangent, 0, m.used, 0.0);
        }
        int param = 0; // parameters recorded by entries 0..output
        for (int i = 0; i <= output; i++) {
            param += Op.AUX[t.op[i]];
        }
        int node = m.nodesUpTo(output);
        int i = output;
        while (node > 0 && m.entry[node - 1] >= first) {
            int vector = m.entry[--node];
            param = scalars(i, vector, param);
            VectorSecondOrder.reverse(m, node, arenaAdjointTangent, adjointTangent);
            i = vector - 1;
        }
        scalars(i, first - 1, param);
    }

    /**
     * The adjoint-tangent sweep over scalar entries {@code from} down to {@code stop + 1};
     * {@code param} counts the parameters recorded by entries up to {@code from}. Returns the
     * count below {@code stop + 1}.
     */
    private int scalars(int from, int stop, int param) {
        final byte[] op = t.op;
        final int[] start = t.start;
        final int[] arg = t.arg;
        final double[] partial = t.partial;
        final double[] adjoint = t.adjoint;
        final double[] dd = adjointTangent;
        for (int i = from; i > stop; i--) {
            int code = op[i];
            param -= Op.AUX[code];
            double ad = dd[i];
            if (ad != 0.0) {
                for (int k = start[i], end = start[i + 1]; k < end; k++) {
                    dd[arg[k]] += partial[k] * ad;
                }
            }
            double a = adjoint[i];
            if (a != 0.0 && SecondPartials.curved(code)) {
                SecondPartials.add(t, i, code, param, a, dd);
            }
        }
        return param;
    }

    /** Copies input entry {@code e}'s adjoint tangents to {@code hv[at...]}; returns the next position. */
    private int read(int e, double[] hv, int at) {
        if (t.op[e] == Op.INPUT) {
            hv[at] = adjointTangent[e];
            return at + 1;
        }
        Arena m = t.arena;
        int j = m.nodeOf(e);
        int n = m.size(j);
        System.arraycopy(arenaAdjointTangent, m.off[j], hv, at, n);
        return at + n;
    }

    /** Replaces each pair {@code h[i][j]}, {@code h[j][i]} by its mean: symmetric by construction. */
    private static void symmetrize(double[][] h) {
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * h[i][j] + 0.5 * h[j][i];
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
    }
}
