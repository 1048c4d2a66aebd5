package org.dualtape.compare.mlp;

import java.util.Arrays;
import org.dualtape.dual.Elementary;
import org.dualtape.tape.Plain;

/**
 * The plain {@code double} MLP loss and its hand-written backprop over flat arrays, with scratch
 * buffers reused across calls (not thread-safe; {@link MlpProblem} synchronizes).
 *
 * <h2>Order of operations</h2>
 * The forward pass is the tape's vector nodes' arithmetic: the whole batch goes through a layer
 * at once with {@link Plain#affine} (each pre-activation {@code b_j + (0 + W_j0 a_0 + W_j1 a_1
 * + ...)}, the dot product summed left to right), the activation with {@link Plain#apply}, and
 * the loss with the loss kernels ({@link Losses#loss(LossKind, double[], int[], double[], int,
 * int)}). So the loss is bitwise the vector tape's value, and the generic loss performs the same
 * operations sample by sample.
 */
final class DenseMlp {
    /** Weight rows that share one pass over the batch in the reverse step. */
    private static final int ROWS_PER_PASS = 4;

    private final MlpSpec spec;
    private final int batch;
    private final double[] inputs;
    private final int[] labels;
    private final double[] targets;
    /** Pre-activations per layer, {@code [batch][out]} row-major. */
    private final double[][] z;
    /** Activations per hidden layer ({@code a[l] = f(z[l])}), {@code [batch][out]}. */
    private final double[][] a;
    /** Adjoints of the pre-activations per layer, created on the first gradient. */
    private double[][] adjoint;

    /** Buffers for a problem's batch: inputs {@code [batch][in]}, targets {@code [batch][out]} (kept, never modified). */
    DenseMlp(MlpSpec spec, double[] inputs, int[] labels, double[] targets) {
        this.spec = spec;
        this.batch = labels.length;
        this.inputs = inputs;
        this.labels = labels;
        this.targets = targets;
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
        Elementary f = spec.activation().elementary();
        int last = spec.layers() - 1;
        for (int l = 0; l <= last; l++) {
            double[] in = l == 0 ? inputs : a[l - 1];
            Plain.affine(in, 0, w, spec.weightOffset(l), w, spec.biasOffset(l), z[l], 0, batch,
                    spec.layerInputs(l), spec.layerOutputs(l));
            if (l < last) {
                Plain.apply(f, z[l], 0, a[l], 0, z[l].length);
            }
        }
        return Losses.loss(spec.loss(), z[last], labels, targets, batch, spec.outputs());
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

    /**
     * One layer's reverse step: {@code ∂W_ji += Σ_s δ[s][j] in[s][i]}, {@code ∂b_j += Σ_s δ[s][j]},
     * and, unless {@code inAdjoint} is null, {@code inAdjoint[s][i] = Σ_j W_ji δ[s][j]}. Weight
     * rows are taken four at a time, so each row of {@code in} and {@code inAdjoint} is read once
     * per four rows. Allocates nothing. The gradient's sums run in another order than the
     * tape's reverse kernels (the matrix products of its affine nodes),
     * so the two gradients agree to rounding, not bitwise; the loss value is the same bitwise.
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
