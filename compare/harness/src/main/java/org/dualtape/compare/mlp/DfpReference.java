package org.dualtape.compare.mlp;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;

/**
 * The accuracy reference: the gradient of an {@link MlpProblem}'s loss computed in Commons Math's
 * {@link Dfp} decimal arithmetic with {@value #DEFAULT_DIGITS} (or more) significant digits, then
 * rounded once to the nearest {@code double}.
 *
 * <h2>Method and accuracy</h2>
 * {@link GenericBackprop} with {@code T = Dfp}: the generic loss's own operations, in the same
 * order, differentiated by the chain rule with no step size. Its error is the Dfp rounding,
 * about {@code 10^-(digits-3)} relative after the sums of a wide layer and Dfp's elementary
 * functions, far below the {@code 1.1e-16} of rounding to {@code double}; the tests confirm it
 * against Dfp central differences (step {@code 1e-20}, 60 digits) to {@code 1e-34} of the
 * largest component on small networks of every activation and loss.
 * Parameters enter exactly (via {@link BigDecimal}) and are rounded to the field's precision.
 * Results are rounded correctly to {@code double} (through the decimal string), so a method that
 * is exact to the last bit shows a relative error of at most {@code 2^-53 ≈ 1.1e-16}.
 *
 * <h2>Cost</h2>
 * One Dfp multiply-add costs about 0.5 µs and a Dfp tanh about 50 µs (40 digits), so the
 * standard network of width 1024 (1,093,642 parameters) took 69 s for the whole gradient and
 * 31 s for a 66-coordinate {@link #sample(MlpSpec, int, long)} (one thread, 2-core machine
 * loaded by other builds; width 128: 1.8 s sampled). A sample skips most of the reverse sweep
 * (see {@link GenericBackprop}); the forward sweep in Dfp is the floor.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DfpReference {
    /** Default number of significant decimal digits. */
    public static final int DEFAULT_DIGITS = 40;
    /** The fewest digits accepted: below this the reference is no better than double-double. */
    public static final int MIN_DIGITS = 32;

    private final MlpProblem problem;
    private final DfpField field;

    /**
     * A reference with {@value #DEFAULT_DIGITS} digits.
     *
     * @param problem the loss
     */
    public DfpReference(MlpProblem problem) {
        this(problem, DEFAULT_DIGITS);
    }

    /**
     * A reference with the given precision.
     *
     * @param problem the loss
     * @param digits significant decimal digits, at least {@value #MIN_DIGITS}
     * @throws IllegalArgumentException if {@code digits} is too small
     */
    public DfpReference(MlpProblem problem, int digits) {
        this.problem = Objects.requireNonNull(problem, "problem");
        if (digits < MIN_DIGITS) {
            throw new IllegalArgumentException("digits must be at least " + MIN_DIGITS + ", got " + digits);
        }
        this.field = new DfpField(digits);
    }

    /**
     * The Dfp field the reference computes in.
     *
     * @return the field
     */
    public DfpField field() {
        return field;
    }

    /**
     * The loss in Dfp, rounded to {@code double}.
     *
     * @param w the parameters (not modified)
     * @return the correctly rounded loss
     */
    public double loss(double[] w) {
        return toDouble(problem.loss(toDfp(w)));
    }

    /**
     * The whole gradient.
     *
     * @param w the parameters, length {@code problem.parameterCount()} (not modified)
     * @return a fresh array: each partial derivative correctly rounded to {@code double}
     * @throws IllegalArgumentException if {@code w} has the wrong length
     */
    public double[] gradient(double[] w) {
        Dfp[] g = gradient(toDfp(w), null);
        double[] result = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            result[k] = toDouble(g[k]);
        }
        return result;
    }

    /**
     * Some coordinates of the gradient.
     *
     * @param w the parameters, length {@code problem.parameterCount()} (not modified)
     * @param coordinates the wanted parameter indices, any order, repeats allowed (not modified)
     * @return a fresh array: {@code ∂L/∂w[coordinates[m]]} at position {@code m}, correctly rounded
     * @throws IllegalArgumentException if {@code w} has the wrong length
     * @throws IndexOutOfBoundsException if a coordinate is not a parameter index
     */
    public double[] gradient(double[] w, int[] coordinates) {
        Dfp[] g = gradientDfp(toDfp(w), coordinates);
        double[] result = new double[g.length];
        for (int m = 0; m < g.length; m++) {
            result[m] = toDouble(g[m]);
        }
        return result;
    }

    /**
     * Some coordinates of the gradient, unrounded.
     *
     * @param w the parameters in this reference's field (not modified)
     * @param coordinates the wanted parameter indices (not modified)
     * @return {@code ∂L/∂w[coordinates[m]]} at position {@code m}
     * @throws IllegalArgumentException if {@code w} has the wrong length
     * @throws IndexOutOfBoundsException if a coordinate is not a parameter index
     */
    public Dfp[] gradientDfp(Dfp[] w, int[] coordinates) {
        int n = problem.parameterCount();
        boolean[] wanted = new boolean[n];
        for (int k : coordinates) {
            wanted[Objects.checkIndex(k, n)] = true;
        }
        Dfp[] g = gradient(w, wanted);
        Dfp[] result = new Dfp[coordinates.length];
        for (int m = 0; m < coordinates.length; m++) {
            result[m] = g[coordinates[m]];
        }
        return result;
    }

    private Dfp[] gradient(Dfp[] w, boolean[] wanted) {
        if (w.length != problem.parameterCount()) {
            throw new IllegalArgumentException("w has length " + w.length + ", expected "
                    + problem.parameterCount());
        }
        Dfp[] g = new Dfp[w.length];
        GenericBackprop.lossAndGradient(problem, w, g, wanted);
        return g;
    }

    /**
     * Parameters as Dfp numbers: each {@code double} converted exactly, then rounded to the
     * field's precision.
     *
     * @param w the parameters (not modified)
     * @return a fresh array
     */
    public Dfp[] toDfp(double[] w) {
        Dfp[] result = new Dfp[w.length];
        for (int k = 0; k < w.length; k++) {
            result[k] = toDfp(w[k]);
        }
        return result;
    }

    /**
     * One {@code double} as a Dfp number: converted exactly, then rounded to the field's precision.
     *
     * @param x the value; infinities and NaN map to Dfp's
     * @return the Dfp number
     */
    public Dfp toDfp(double x) {
        if (!Double.isFinite(x) || x == 0) {
            return field.newDfp(x);
        }
        // 0.d1d2d3... × 10^e: Dfp reads this form reliably, also for huge integers (it cannot
        // read a 300-digit plain integer); the exact digits are cut to what the field can hold
        BigDecimal exact = new BigDecimal(x);
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale();
        String kept = digits.substring(0, Math.min(digits.length(), field.getRadixDigits() * 4 + 8));
        return field.newDfp((x < 0 ? "-0." : "0.") + kept + "e" + exponent);
    }

    /**
     * A Dfp number rounded correctly to the nearest {@code double} (through its decimal string,
     * which {@link Double#parseDouble(String)} rounds correctly).
     *
     * @param x the number
     * @return the nearest {@code double}; NaN and infinities as they are
     */
    public static double toDouble(Dfp x) {
        return Double.parseDouble(x.toString());
    }

    /**
     * A seeded sample of parameter indices with an equal share from every layer, so the error of
     * each layer's gradient is seen even where one layer holds almost all parameters. A layer with
     * no more parameters than its share gives all of them; a count of at least the parameter
     * count gives every index.
     *
     * @param spec the network shape
     * @param count the total wanted, at least 1; each layer gives {@code ceil(count / layers)}
     * @param seed the random seed
     * @return sorted distinct parameter indices
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static int[] sample(MlpSpec spec, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (count >= spec.parameterCount()) {
            return java.util.stream.IntStream.range(0, spec.parameterCount()).toArray();
        }
        int layers = spec.layers();
        int share = (count + layers - 1) / layers;
        Random random = new Random(seed);
        int[] result = new int[0];
        for (int l = 0; l < layers; l++) {
            int start = spec.weightOffset(l);
            int end = l + 1 < layers ? spec.weightOffset(l + 1) : spec.parameterCount();
            int size = end - start;
            int take = Math.min(share, size);
            // Floyd's algorithm: take distinct indices without a size-long shuffle buffer
            java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
            for (int j = size - take; j < size; j++) {
                int t = random.nextInt(j + 1);
                chosen.add(chosen.contains(t) ? j : t);
            }
            int old = result.length;
            result = Arrays.copyOf(result, old + take);
            int m = old;
            for (int k : chosen) {
                result[m++] = start + k;
            }
        }
        return result;
    }
}
