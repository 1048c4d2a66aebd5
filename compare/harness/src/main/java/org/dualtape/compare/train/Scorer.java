package org.dualtape.compare.train;

import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.MlpSpec;
import org.dualtape.tape.Plain;

/**
 * The classification accuracy of a network on a data set: the share of samples whose largest
 * output is their label (for one output, whose output's sign says their label: positive for 1).
 */
final class Scorer {
    private final MlpSpec spec;
    private final double[] inputs;
    private final int[] labels;
    private final double[][] layers;

    Scorer(MlpSpec spec, Dataset data) {
        this.spec = spec;
        this.inputs = data.features(data.size());
        this.labels = data.labels(data.size());
        this.layers = new double[spec.layers()][];
        for (int l = 0; l < spec.layers(); l++) {
            layers[l] = new double[labels.length * spec.layerOutputs(l)];
        }
    }

    /** The accuracy at parameters {@code w} (not modified), in {@code [0, 1]}. */
    double accuracy(double[] w) {
        int n = labels.length;
        int last = spec.layers() - 1;
        for (int l = 0; l <= last; l++) {
            double[] in = l == 0 ? inputs : layers[l - 1];
            Plain.affine(in, 0, w, spec.weightOffset(l), w, spec.biasOffset(l), layers[l], 0, n,
                    spec.layerInputs(l), spec.layerOutputs(l));
            if (l < last) {
                Plain.apply(spec.activation().elementary(), layers[l], 0, layers[l], 0, layers[l].length);
            }
        }
        double[] z = layers[last];
        int k = spec.outputs();
        int right = 0;
        for (int s = 0; s < n; s++) {
            int predicted;
            if (k == 1) {
                predicted = z[s] > 0 ? 1 : 0;
            } else {
                predicted = 0;
                for (int j = 1; j < k; j++) {
                    if (z[s * k + j] > z[s * k + predicted]) {
                        predicted = j;
                    }
                }
            }
            if (predicted == labels[s]) {
                right++;
            }
        }
        return (double) right / n;
    }
}
