package org.dualtape.compare.mlp;

import java.util.Objects;
import org.apache.commons.math3.RealFieldElement;

/**
 * Backpropagation written once for every {@link RealFieldElement}: the MLP loss and its gradient
 * in one forward and one reverse sweep per sample, in whatever arithmetic the number type does.
 *
 * <p>With {@code T = Dfp} it is the accuracy reference ({@link DfpReference}): its only error is
 * the number type's rounding, about {@code 10^-digits} per operation, because backpropagation is
 * the chain rule evaluated exactly, with no step size. It also evaluates in {@code Decimal64}
 * (plain {@code double} precision, for tests).
 *
 * <h2>A sample of coordinates</h2>
 * Given the set of wanted coordinates, the reverse sweep skips what they do not need: layers
 * below the lowest wanted one get no adjoints, that layer gets adjoints only for the rows holding
 * a wanted coordinate, and only wanted coordinates are accumulated. The forward sweep is always
 * complete. For the standard sweep's networks this removes about two thirds of the work when a
 * few coordinates are wanted.
 *
 * <h2>Values</h2>
 * The loss value is computed as {@link MlpProblem#loss(RealFieldElement[])} computes it (with the
 * inputs converted to {@code T} once, as {@code 0 + x}); the gradient's sums are accumulated
 * sample by sample. Division by the batch size is done in {@code T}, never through a rounded
 * {@code double} reciprocal.
 */
final class GenericBackprop {
    private GenericBackprop() {
    }

    /**
     * The loss and its whole gradient.
     *
     * @param problem the loss
     * @param w the parameters, length {@code problem.parameterCount()} (not modified)
     * @param gradient receives {@code ∂L/∂w}, same length (modified: overwritten)
     * @param <T> the number type
     * @return the loss
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public static <T extends RealFieldElement<T>> T lossAndGradient(MlpProblem problem, T[] w, T[] gradient) {
        return lossAndGradient(problem, w, gradient, null);
    }

    /**
     * The loss and the wanted coordinates of its gradient; the other entries of {@code gradient}
     * are set to zero.
     *
     * @param problem the loss
     * @param w the parameters, length {@code problem.parameterCount()} (not modified)
     * @param gradient receives {@code ∂L/∂w_k} for every wanted {@code k} and zero elsewhere,
     *     same length (modified: overwritten)
     * @param wanted which coordinates to compute, same length, or null for all (not modified)
     * @param <T> the number type
     * @return the loss
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public static <T extends RealFieldElement<T>> T lossAndGradient(MlpProblem problem, T[] w, T[] gradient,
                                                                    boolean[] wanted) {
        MlpSpec spec = problem.spec();
        int n = spec.parameterCount();
        check("w", w.length, n);
        check("gradient", gradient.length, n);
        if (wanted != null) {
            check("wanted", wanted.length, n);
        }
        Objects.requireNonNull(w[0], "w[0]");
        T zero = w[0].getField().getZero();
        java.util.Arrays.fill(gradient, zero);
        Plan plan = new Plan(spec, wanted);
        double[] inputs = problem.inputsView();
        int[] labels = problem.labelsView();
        int batch = labels.length;
        int layers = spec.layers();
        T total = zero;
        int nIn0 = spec.inputs();
        for (int s = 0; s < batch; s++) {
            // The sample's inputs as numbers of type T, once: converting a double costs Dfp
            // several multiplications. The values are the same as with multiply(double).
            T[] x = GenericMlp.newArray(w, nIn0);
            for (int i = 0; i < nIn0; i++) {
                x[i] = zero.add(inputs[s * nIn0 + i]);
            }
            // forward: z[l] pre-activations, a[l] = f(z[l]) for hidden layers
            T[][] z = GenericMlp.newArray2(w, layers);
            T[][] a = GenericMlp.newArray2(w, layers);
            for (int l = 0; l < layers; l++) {
                z[l] = GenericMlp.affine(spec, l, inputs, s, l == 0 ? x : a[l - 1], w);
                if (l < layers - 1) {
                    a[l] = GenericMlp.newArray(w, z[l].length);
                    for (int j = 0; j < z[l].length; j++) {
                        a[l][j] = spec.activation().apply(z[l][j]);
                    }
                }
            }
            total = Losses.accumulate(spec.loss(), total, z[layers - 1], labels[s]);

            // reverse: delta = ∂ℓ_s/∂z / batch, layer by layer
            T[] delta = outputAdjoint(spec.loss(), z[layers - 1], labels[s], batch);
            for (int l = layers - 1; l >= plan.lowest; l--) {
                accumulate(spec, l, plan, l == 0 ? x : a[l - 1], delta, gradient);
                if (l - 1 >= plan.lowest) {
                    delta = inputAdjoint(spec, l, plan, w, delta, z[l - 1], a[l - 1]);
                }
            }
        }
        return Losses.mean(spec.loss(), total, batch, spec.outputs());
    }

    /** δ_j for the wanted rows of layer l: gradient[W_ji] += δ_j a_i, gradient[b_j] += δ_j. */
    private static <T extends RealFieldElement<T>> void accumulate(MlpSpec spec, int l, Plan plan, T[] in,
                                                                   T[] delta, T[] gradient) {
        int nIn = spec.layerInputs(l);
        int wOffset = spec.weightOffset(l);
        int bOffset = spec.biasOffset(l);
        for (int j = 0; j < delta.length; j++) {
            if (!plan.rowWanted(l, j)) {
                continue;
            }
            T d = delta[j];
            int row = wOffset + j * nIn;
            for (int i = 0; i < nIn; i++) {
                int k = row + i;
                if (plan.wanted(k)) {
                    gradient[k] = gradient[k].add(d.multiply(in[i]));
                }
            }
            if (plan.wanted(bOffset + j)) {
                gradient[bOffset + j] = gradient[bOffset + j].add(d);
            }
        }
    }

    /** δ of layer l − 1 from δ of layer l: {@code f'(z_i) Σ_j W_ji δ_j}, for the rows the plan needs. */
    private static <T extends RealFieldElement<T>> T[] inputAdjoint(MlpSpec spec, int l, Plan plan, T[] w,
                                                                    T[] delta, T[] zIn, T[] aIn) {
        int nIn = spec.layerInputs(l);
        int wOffset = spec.weightOffset(l);
        T[] result = GenericMlp.newArray(w, nIn);
        boolean all = l - 1 > plan.lowest;
        for (int i = 0; i < nIn; i++) {
            if (!all && !plan.rowWanted(l - 1, i)) {
                continue;
            }
            T acc = null;
            for (int j = 0; j < delta.length; j++) {
                T p = w[wOffset + j * nIn + i].multiply(delta[j]);
                acc = j == 0 ? p : acc.add(p);
            }
            result[i] = acc.multiply(derivative(spec.activation(), zIn[i], aIn[i]));
        }
        return result;
    }

    /** The activation's derivative from its argument and value: the rule table's, in {@code T}. */
    static <T extends RealFieldElement<T>> T derivative(Activation f, T x, T y) {
        return f.elementary().df(x, y);
    }

    /** {@code ∂ℓ/∂z / batch} for one sample, in {@code T}: the loss rules', divided by the batch. */
    static <T extends RealFieldElement<T>> T[] outputAdjoint(LossKind kind, T[] z, int label, int batch) {
        T[] adjoint = Losses.adjoint(kind, z, label);
        for (int k = 0; k < adjoint.length; k++) {
            adjoint[k] = adjoint[k].divide(batch);
        }
        return adjoint;
    }

    private static void check(String what, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(what + " has length " + length + ", expected " + expected);
        }
    }

    /** Which layers, rows and coordinates the reverse sweep must touch. */
    private static final class Plan {
        private final boolean[] wanted; // null: all
        private final boolean[][] rows;  // per layer, rows with a wanted weight or bias; null: all
        final int lowest;               // the lowest layer with a wanted coordinate

        Plan(MlpSpec spec, boolean[] wanted) {
            this.wanted = wanted;
            int layers = spec.layers();
            if (wanted == null) {
                rows = null;
                lowest = 0;
                return;
            }
            rows = new boolean[layers][];
            int low = layers;
            for (int l = layers - 1; l >= 0; l--) {
                int nIn = spec.layerInputs(l);
                rows[l] = new boolean[spec.layerOutputs(l)];
                for (int j = 0; j < rows[l].length; j++) {
                    boolean any = wanted[spec.biasOffset(l) + j];
                    int row = spec.weightOffset(l) + j * nIn;
                    for (int i = 0; i < nIn && !any; i++) {
                        any = wanted[row + i];
                    }
                    rows[l][j] = any;
                    if (any) {
                        low = l;
                    }
                }
            }
            lowest = low;
        }

        boolean wanted(int k) {
            return wanted == null || wanted[k];
        }

        boolean rowWanted(int l, int j) {
            return rows == null || rows[l][j];
        }
    }
}
