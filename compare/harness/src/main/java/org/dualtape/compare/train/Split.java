package org.dualtape.compare.train;

import java.util.Random;
import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.MlpProblem;
import org.dualtape.compare.mlp.MlpSpec;

/**
 * A seeded train/test split of a data set, and the minibatches of the training part in a seeded
 * order: every method that asks for step t's minibatch gets the same samples.
 *
 * <p>The split shuffles all samples once with {@link Random} (Fisher–Yates) and holds out the first
 * {@link TrainConfig#TEST_FRACTION} of them. Minibatches walk through the training samples in a
 * fresh shuffle per epoch; an epoch is {@code ⌊train / batch⌋} steps (the remainder waits for the
 * next epoch's shuffle).
 */
final class Split {
    private final Dataset train;
    private final Dataset test;

    private Split(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /** Splits {@code all} with the seed. */
    static Split of(Dataset all, long seed) {
        int n = all.size();
        int testCount = (int) Math.round(n * TrainConfig.TEST_FRACTION);
        if (testCount < 1 || testCount >= n) {
            throw new IllegalArgumentException("the data set " + all + " is too small to split");
        }
        int[] order = shuffled(n, new Random(seed));
        return new Split(subset(all, order, testCount, n), subset(all, order, 0, testCount));
    }

    Dataset train() {
        return train;
    }

    Dataset test() {
        return test;
    }

    /** The minibatches of the training part, from the start. */
    Batches batches(MlpSpec spec, int batch, long seed) {
        if (batch > train.size()) {
            throw new IllegalArgumentException("the batch (" + batch + ") must not exceed the "
                    + train.size() + " training samples");
        }
        return new Batches(spec, batch, seed);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static Dataset subset(Dataset all, int[] order, int from, int to) {
        double[][] x = new double[to - from][all.inputs()];
        int[] y = new int[to - from];
        for (int s = from; s < to; s++) {
            for (int i = 0; i < all.inputs(); i++) {
                x[s - from][i] = all.feature(order[s], i);
            }
            y[s - from] = all.label(order[s]);
        }
        return Dataset.of(x, y, all.classes());
    }

    /** The minibatches in order; one instance per method, each step's batch taken once. */
    final class Batches {
        private final MlpSpec spec;
        private final int batch;
        private final long seed;
        private final Random random;
        private final int stepsPerEpoch;
        private int[] order = new int[0];
        private int step;

        private Batches(MlpSpec spec, int batch, long seed) {
            this.spec = spec;
            this.batch = batch;
            this.seed = seed;
            this.random = new Random(seed + 1); // not the split's stream
            this.stepsPerEpoch = train.size() / batch;
        }

        /** The next step's minibatch as a loss. */
        MlpProblem next() {
            int inEpoch = step % stepsPerEpoch;
            if (inEpoch == 0) {
                order = shuffled(train.size(), random);
            }
            step++;
            return new MlpProblem(spec, subset(train, order, inEpoch * batch, (inEpoch + 1) * batch),
                    batch, seed);
        }
    }
}
