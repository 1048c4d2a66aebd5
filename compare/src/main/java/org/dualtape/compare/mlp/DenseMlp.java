package org.dualtape.compare.mlp;

import java.util.Arrays;

/**
 * The plain {@code double} MLP loss and its hand-written backprop over flat arrays, with scratch
 * buffers reused across calls (not thread-safe; {@link MlpProblem} synchronizes).
 *
 * <h2>Order of operations</h2>
 * The whole batch goes through a layer at once, but every pre-activation is still summed as the
 * generic loss sums it: {@code b_j}, then {@code + W_j0 a_0}, {@code + W_j1 a_1}, ... left to
 * right. Blocks of two weight rows by four samples share each pass, which gives the processor
 * eight independent sums to overlap and reads each row of {@code W} once per four samples instead
 * of once per sample; the values are unchanged.
 */
final class DenseMlp {
    /** Samples that share one pass over two weight rows. */
    private static final int SAMPLES_PER_PASS = 4;
    /** Weight rows that share one pass over the batch in the reverse step. */
    private static final int ROWS_PER_PASS = 4;

    private final MlpSpec spec;
    private final int batch;
    private final double[] inputs;
    private final int[] labels;
    /** Pre-activations per layer, {@code [batch][out]} row-major. */
    private final double[][] z;
    /** Activations per hidden layer ({@code a[l] = f(z[l])}), {@code [batch][out]}. */
    private final double[][] a;
    /** Adjoints of the pre-activations per layer, created on the first gradient. */
    private double[][] adjoint;

    DenseMlp(MlpSpec spec, double[] inputs, int[] labels) {
        this.spec = spec;
        this.batch = labels.length;
        this.inputs = inputs;
        this.labels = labels;
        int layers = spec.layers();
        z = new double[layers][];
        a = new double[layers - 1][];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[batch * spec.layerOutputs(l)];
            if (l < layers - 1) {
                a[l] = new double[batch * spec.layerOutputs(l)];
            }
        }
    }

    /** The loss; fills {@code z} and {@code a}. */
    double loss(double[] w) {
        forward(w);
        int last = spec.layers() - 1;
        int n = spec.outputs();
        double total = 0;
        for (int s = 0; s < batch; s++) {
            double l = Losses.loss(spec.loss(), z[last], s * n, n, labels[s]);
            total = s == 0 ? l : total + l;
        }
        return total / batch;
    }

    /** The loss and, into {@code gradient} (overwritten), its gradient. */
    double lossAndGradient(double[] w, double[] gradient) {
        double value = loss(w);
        if (adjoint == null) {
            adjoint = new double[spec.layers()][];
            for (int l = 0; l < spec.layers(); l++) {
                adjoint[l] = new double[batch * spec.layerOutputs(l)];
            }
        }
        int last = spec.layers() - 1;
        int n = spec.outputs();
        double scale = 1.0 / batch;
        for (int s = 0; s < batch; s++) {
            Losses.adjoint(spec.loss(), z[last], s * n, n, labels[s], scale, adjoint[last]);
        }
        Arrays.fill(gradient, 0.0);
        for (int l = last; l >= 0; l--) {
            double[] in = l == 0 ? inputs : a[l - 1];
            double[] inAdjoint = l == 0 ? null : adjoint[l - 1];
            backward(w, gradient, l, in, adjoint[l], inAdjoint);
            if (inAdjoint != null) {
                Activation f = spec.activation();
                double[] zl = z[l - 1];
                double[] al = a[l - 1];
                for (int k = 0; k < inAdjoint.length; k++) {
                    inAdjoint[k] *= f.derivative(zl[k], al[k]);
                }
            }
        }
        return value;
    }

    private void forward(double[] w) {
        Activation f = spec.activation();
        for (int l = 0; l < spec.layers(); l++) {
            double[] in = l == 0 ? inputs : a[l - 1];
            affine(w, spec.weightOffset(l), spec.biasOffset(l), spec.layerInputs(l),
                    spec.layerOutputs(l), in, z[l]);
            if (l < spec.layers() - 1) {
                double[] zl = z[l];
                double[] al = a[l];
                for (int k = 0; k < zl.length; k++) {
                    al[k] = f.apply(zl[k]);
                }
            }
        }
    }

    /**
     * {@code out[s][j] = b_j + Σ_i W_ji in[s][i]}, summed left to right for every sample. Blocks
     * of two weight rows by four samples keep eight independent sums in registers, six loads per
     * eight multiply-adds (as fast as the pure-Java BLAS dgemm here, measured at width 1024).
     */
    private void affine(double[] w, int wOffset, int bOffset, int nIn, int nOut, double[] in, double[] out) {
        int j = 0;
        for (; j + 2 <= nOut; j += 2) {
            int ra = wOffset + j * nIn;
            int rb = ra + nIn;
            double ba = w[bOffset + j];
            double bb = w[bOffset + j + 1];
            int s = 0;
            for (; s + SAMPLES_PER_PASS <= batch; s += SAMPLES_PER_PASS) {
                int x0 = s * nIn;
                int x1 = x0 + nIn;
                int x2 = x1 + nIn;
                int x3 = x2 + nIn;
                double a0 = ba;
                double a1 = ba;
                double a2 = ba;
                double a3 = ba;
                double c0 = bb;
                double c1 = bb;
                double c2 = bb;
                double c3 = bb;
                for (int i = 0; i < nIn; i++) {
                    double wa = w[ra + i];
                    double wb = w[rb + i];
                    double y0 = in[x0 + i];
                    double y1 = in[x1 + i];
                    double y2 = in[x2 + i];
                    double y3 = in[x3 + i];
                    a0 += wa * y0;
                    a1 += wa * y1;
                    a2 += wa * y2;
                    a3 += wa * y3;
                    c0 += wb * y0;
                    c1 += wb * y1;
                    c2 += wb * y2;
                    c3 += wb * y3;
                }
                int o = s * nOut + j;
                out[o] = a0;
                out[o + 1] = c0;
                out[o + nOut] = a1;
                out[o + nOut + 1] = c1;
                out[o + 2 * nOut] = a2;
                out[o + 2 * nOut + 1] = c2;
                out[o + 3 * nOut] = a3;
                out[o + 3 * nOut + 1] = c3;
            }
            for (; s < batch; s++) {
                out[s * nOut + j] = dot(ba, w, ra, in, s * nIn, nIn);
                out[s * nOut + j + 1] = dot(bb, w, rb, in, s * nIn, nIn);
            }
        }
        if (j < nOut) {
            int row = wOffset + j * nIn;
            double b = w[bOffset + j];
            for (int s = 0; s < batch; s++) {
                out[s * nOut + j] = dot(b, w, row, in, s * nIn, nIn);
            }
        }
    }

    /** {@code start + Σ_i w[row + i] x[x0 + i]}, left to right. */
    private static double dot(double start, double[] w, int row, double[] x, int x0, int n) {
        double acc = start;
        for (int i = 0; i < n; i++) {
            acc += w[row + i] * x[x0 + i];
        }
        return acc;
    }

    /**
     * One layer's reverse step: {@code ∂W_ji += Σ_s δ[s][j] in[s][i]}, {@code ∂b_j += Σ_s δ[s][j]},
     * and, unless {@code inAdjoint} is null, {@code inAdjoint[s][i] = Σ_j W_ji δ[s][j]}. Weight
     * rows are taken four at a time, so each row of {@code in} and {@code inAdjoint} is read once
     * per four rows. Plain loops rather than the tape's BLAS {@code Kernels}: the pure-Java
     * {@code dgemm} was up to about 25 % faster at width 1024 (timings on the loaded machine
     * varied between 15 and 30 ms against 26 to 34 ms for both products) but allocates packing
     * buffers on every call (about 1.6 MB per gradient at width 1024), and this backprop
     * allocates nothing after its first call.
     */
    private void backward(double[] w, double[] gradient, int l, double[] in, double[] delta,
                          double[] inAdjoint) {
        int nIn = spec.layerInputs(l);
        int nOut = spec.layerOutputs(l);
        int wOffset = spec.weightOffset(l);
        int bOffset = spec.biasOffset(l);
        if (inAdjoint != null) {
            Arrays.fill(inAdjoint, 0.0);
        }
        int j = 0;
        for (; j + ROWS_PER_PASS <= nOut; j += ROWS_PER_PASS) {
            int r0 = wOffset + j * nIn;
            int r1 = r0 + nIn;
            int r2 = r1 + nIn;
            int r3 = r2 + nIn;
            for (int s = 0; s < batch; s++) {
                int d = s * nOut + j;
                double d0 = delta[d];
                double d1 = delta[d + 1];
                double d2 = delta[d + 2];
                double d3 = delta[d + 3];
                gradient[bOffset + j] += d0;
                gradient[bOffset + j + 1] += d1;
                gradient[bOffset + j + 2] += d2;
                gradient[bOffset + j + 3] += d3;
                int x = s * nIn;
                for (int i = 0; i < nIn; i++) {
                    double xi = in[x + i];
                    gradient[r0 + i] += d0 * xi;
                    gradient[r1 + i] += d1 * xi;
                    gradient[r2 + i] += d2 * xi;
                    gradient[r3 + i] += d3 * xi;
                }
                if (inAdjoint != null) {
                    for (int i = 0; i < nIn; i++) {
                        inAdjoint[x + i] += w[r0 + i] * d0 + w[r1 + i] * d1 + w[r2 + i] * d2 + w[r3 + i] * d3;
                    }
                }
            }
        }
        for (; j < nOut; j++) {
            int row = wOffset + j * nIn;
            for (int s = 0; s < batch; s++) {
                double d = delta[s * nOut + j];
                gradient[bOffset + j] += d;
                int x = s * nIn;
                for (int i = 0; i < nIn; i++) {
                    gradient[row + i] += d * in[x + i];
                }
                if (inAdjoint != null) {
                    for (int i = 0; i < nIn; i++) {
                        inAdjoint[x + i] += w[row + i] * d;
                    }
                }
            }
        }
    }
}
