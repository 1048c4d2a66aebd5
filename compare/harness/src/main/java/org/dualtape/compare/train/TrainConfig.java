package org.dualtape.compare.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dualtape.compare.mlp.Activation;
import org.dualtape.compare.mlp.Dataset;
import org.dualtape.compare.mlp.LossKind;
import org.dualtape.compare.mlp.MlpSpec;

/**
 * What {@code compare train} runs: the data, the network, the schedule and the budget.
 *
 * <h2>Defaults</h2>
 * {@link #digits()} is the lecture notes' digits network: 64 inputs → 72 tanh → 10 outputs,
 * softmax cross-entropy, minibatches of {@value #DEFAULT_BATCH}, learning rate
 * {@code η_t = η₀ / (1 + t / τ)} with {@code η₀ = } {@value #DEFAULT_RATE} and
 * {@code τ = } {@value #DEFAULT_DECAY} steps, a quarter of the samples held out for testing,
 * {@value #DEFAULT_BUDGET} s per method. {@link #plane(String)} is the notes' small network on
 * the circle or cross set: 2 inputs → 3 sigmoid → 1 output, binary cross-entropy.
 *
 * @param data {@code digits}, {@code circle} or {@code cross}
 * @param hidden the hidden widths, each at least 1 (not modified; copied)
 * @param activation the hidden layers' activation
 * @param batch the minibatch size, in {@code [1, training samples]}
 * @param budgetSeconds the clock time each method may train for, above 0
 * @param maxSteps at most this many steps per method, at least 1 ({@link Integer#MAX_VALUE}: no cap)
 * @param rate the initial learning rate η₀, above 0
 * @param decaySteps the schedule's τ: the rate is halved after τ steps, above 0
 * @param seed the seed of the split, the minibatch order and the initial weights
 * @param methods the methods, in run order, at least one (not modified; copied)
 */
public record TrainConfig(String data, int[] hidden, Activation activation, int batch,
        double budgetSeconds, int maxSteps, double rate, double decaySteps, long seed,
        List<TrainMethod> methods) {
    /** Default minibatch size. */
    public static final int DEFAULT_BATCH = 32;
    /** Default initial learning rate. */
    public static final double DEFAULT_RATE = 0.5;
    /** Default schedule constant τ, in steps. */
    public static final double DEFAULT_DECAY = 1000;
    /** Default clock budget per method, in seconds: six methods in well under a minute. */
    public static final double DEFAULT_BUDGET = 5;
    /** Default seed; constant so every run splits, shuffles and starts the same way. */
    public static final long DEFAULT_SEED = 14L;
    /** The share of the samples held out for testing. */
    public static final double TEST_FRACTION = 0.25;
    /** Samples drawn for the circle and cross sets. */
    public static final int PLANE_SAMPLES = 600;
    /** The data sets by name. */
    public static final List<String> DATA = List.of("digits", "circle", "cross");

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException naming the first argument out of range
     * @throws NullPointerException if an argument is null
     */
    public TrainConfig {
        Objects.requireNonNull(data, "data");
        if (!DATA.contains(data)) {
            throw new IllegalArgumentException("unknown data set '" + data + "'; expected one of "
                    + String.join(", ", DATA));
        }
        hidden = Objects.requireNonNull(hidden, "hidden").clone();
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, got "
                        + Arrays.toString(hidden));
            }
        }
        Objects.requireNonNull(activation, "activation");
        if (batch < 1) {
            throw new IllegalArgumentException("the batch must be at least 1, got " + batch);
        }
        positive("the budget", budgetSeconds);
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step cap must be at least 1, got " + maxSteps);
        }
        positive("the learning rate", rate);
        positive("the decay constant", decaySteps);
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("at least one method is needed");
        }
    }

    /**
     * The notes' digits network with every default.
     *
     * @return the configuration
     */
    public static TrainConfig digits() {
        return new TrainConfig("digits", new int[] {72}, Activation.TANH, DEFAULT_BATCH, DEFAULT_BUDGET,
                Integer.MAX_VALUE, DEFAULT_RATE, DEFAULT_DECAY, DEFAULT_SEED, List.of(TrainMethod.values()));
    }

    /**
     * The notes' three-neuron network on a two-dimensional set, with the other defaults.
     *
     * @param data {@code circle} or {@code cross}
     * @return the configuration
     * @throws IllegalArgumentException if {@code data} is neither
     */
    public static TrainConfig plane(String data) {
        if (!data.equals("circle") && !data.equals("cross")) {
            throw new IllegalArgumentException("expected circle or cross, got '" + data + "'");
        }
        return new TrainConfig(data, new int[] {3}, Activation.SIGMOID, DEFAULT_BATCH, DEFAULT_BUDGET,
                Integer.MAX_VALUE, 2.0, DEFAULT_DECAY, DEFAULT_SEED, List.of(TrainMethod.values()));
    }

    /**
     * The hidden widths.
     *
     * @return a fresh copy
     */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * Loads or draws the data set.
     *
     * @return the whole data set, before the split
     */
    Dataset dataset() {
        switch (data) {
            case "circle":
                return Dataset.circle(PLANE_SAMPLES, seed);
            case "cross":
                return Dataset.cross(PLANE_SAMPLES, seed);
            default:
                return Dataset.digits();
        }
    }

    /**
     * The network for a data set: softmax cross-entropy over its classes, or one output with
     * binary cross-entropy for two classes.
     *
     * @param set the data
     * @return the network shape
     */
    MlpSpec spec(Dataset set) {
        return set.classes() == 2
                ? new MlpSpec(set.inputs(), hidden, 1, activation, LossKind.BINARY_CROSS_ENTROPY)
                : new MlpSpec(set.inputs(), hidden, set.classes(), activation, LossKind.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * The learning rate at a step.
     *
     * @param step the step, from 0
     * @return {@code rate / (1 + step / decaySteps)}
     */
    public double rateAt(int step) {
        return rate / (1 + step / decaySteps);
    }

    /**
     * A one-line description for the report.
     *
     * @return such as {@code digits, 64 → 72 tanh → 10, batch 32, η = 0.5 / (1 + t / 1000)}
     */
    public String describe() {
        return String.format(Locale.ROOT, "%s, hidden %s %s, batch %d, η_t = %s / (1 + t / %s), seed %d",
                data, Arrays.toString(hidden), activation.name().toLowerCase(Locale.ROOT), batch,
                trim(rate), trim(decaySteps), seed);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and above 0, got " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && data.equals(c.data) && Arrays.equals(hidden, c.hidden)
                && activation == c.activation && batch == c.batch && budgetSeconds == c.budgetSeconds
                && maxSteps == c.maxSteps && rate == c.rate && decaySteps == c.decaySteps && seed == c.seed
                && methods.equals(c.methods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, Arrays.hashCode(hidden), activation, batch, budgetSeconds, maxSteps,
                rate, decaySteps, seed, methods);
    }

    @Override
    public String toString() {
        return describe() + ", budget " + budgetSeconds + " s, methods " + methods;
    }
}
