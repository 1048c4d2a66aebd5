package org.dualtape.check;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks a claimed Jacobian, JVP or VJP of a vector function at a point, and returns a
 * {@link CheckReport}: {@code JacobianCheck.of(f).at(x).claimed(j).run()},
 * {@code .claimedJvp((x, v) -> ...)}, {@code .claimedVjp((x, u) -> ...)}.
 *
 * <h2>References</h2>
 * As in {@link GradientCheck}: finite differences extrapolated by Ridders for plain code
 * ({@link #of}), exact forward-mode AD for a generic function ({@link #ofGeneric}). For a Jacobian
 * {@code [m][n]} each column is one line of finite differences shared by all outputs.
 *
 * <h2>JVPs and VJPs: the dot-product identity</h2>
 * For random Gaussian pairs {@code (u, v)} the reference {@code u·(J v)} (finite differences or AD
 * along {@code v}) is compared with {@code u·A(v)} for a claimed JVP {@code A} and with
 * {@code B(u)·v} for a claimed VJP {@code B}: both sides of {@code u·(J v) = (uᵀJ)·v}. An error
 * {@code E} with {@code |E v| >= S} at a sampled {@code v} is missed with probability
 * {@code erf(allowance / (S √2))} per pair; the report states the size {@code S} caught with
 * probability {@code 1 - p}. Both claims may be given at once.
 *
 * <h2>Bad input</h2>
 * As in {@link GradientCheck}; the number of outputs is known only after {@code f(x)}, so a
 * Jacobian with the wrong number of rows is rejected after that one evaluation, before any
 * differentiation.
 *
 * <p>A builder: set, then {@link #run()}. Not thread-safe. Deterministic: a constant default seed.
 */
public final class JacobianCheck {
    private final Function<double[], double[]> plain;
    private final VectorFieldFunction generic;
    private double[] x;
    private double[][] claimedValues;
    private Function<double[], double[][]> claimedFunction;
    private BiFunction<double[], double[], double[]> jvp;
    private BiFunction<double[], double[], double[]> vjp;
    private Options options = Options.defaults();

    private JacobianCheck(Function<double[], double[]> plain, VectorFieldFunction generic) {
        this.plain = plain;
        this.generic = generic;
    }

    /**
     * Starts a check of a vector function written as plain code.
     *
     * @param f the function, returning the same number (at least 1) of values at every point
     * @return the builder
     * @throws NullPointerException if {@code f} is null
     */
    public static JacobianCheck of(Function<double[], double[]> f) {
        return new JacobianCheck(Objects.requireNonNull(f, "function f is null"), null);
    }

    /**
     * Starts a check of a generic vector function: the reference is exact AD.
     *
     * @param f the function, usually a method reference to a generic static method
     * @return the builder
     * @throws NullPointerException if {@code f} is null
     */
    public static JacobianCheck ofGeneric(VectorFieldFunction f) {
        return new JacobianCheck(null, Objects.requireNonNull(f, "function f is null"));
    }

    /**
     * Sets the point.
     *
     * @param x the point, finite, at least one coordinate; copied
     * @return this builder
     * @throws NullPointerException if {@code x} is null
     * @throws IllegalArgumentException if {@code x} is empty or not finite
     */
    public JacobianCheck at(double... x) {
        this.x = Inputs.point(x);
        return this;
    }

    /**
     * Sets the claimed Jacobian at the point, {@code [m][n]} (row k: the gradient of output k).
     *
     * @param jacobian the claimed Jacobian; copied
     * @return this builder
     * @throws NullPointerException if {@code jacobian} or a row is null
     */
    public JacobianCheck claimed(double[][] jacobian) {
        Objects.requireNonNull(jacobian, "claimed Jacobian is null");
        double[][] copy = new double[jacobian.length][];
        for (int k = 0; k < jacobian.length; k++) {
            copy[k] = Objects.requireNonNull(jacobian[k], "claimed Jacobian row " + k + " is null").clone();
        }
        clearClaims();
        this.claimedValues = copy;
        return this;
    }

    /**
     * Sets the claimed Jacobian as a function of the point. It is evaluated at the point only, so
     * the verdict is the one the same values would get from {@link #claimed(double[][])}.
     *
     * @param jacobian {@code x -> J(x)}, {@code [m][n]}
     * @return this builder
     * @throws NullPointerException if {@code jacobian} is null
     */
    public JacobianCheck claimed(Function<double[], double[][]> jacobian) {
        Objects.requireNonNull(jacobian, "claimed Jacobian function is null");
        clearClaims();
        this.claimedFunction = jacobian;
        return this;
    }

    /**
     * Sets a claimed Jacobian-vector product (may be combined with {@link #claimedVjp}).
     *
     * @param jvp {@code (x, v) -> J(x) v}, returning {@code m} values; its arguments are copies
     * @return this builder
     * @throws NullPointerException if {@code jvp} is null
     */
    public JacobianCheck claimedJvp(BiFunction<double[], double[], double[]> jvp) {
        Objects.requireNonNull(jvp, "claimed JVP is null");
        this.claimedValues = null;
        this.claimedFunction = null;
        this.jvp = jvp;
        return this;
    }

    /**
     * Sets a claimed vector-Jacobian product (may be combined with {@link #claimedJvp}).
     *
     * @param vjp {@code (x, u) -> uᵀ J(x)}, returning {@code n} values; its arguments are copies
     * @return this builder
     * @throws NullPointerException if {@code vjp} is null
     */
    public JacobianCheck claimedVjp(BiFunction<double[], double[], double[]> vjp) {
        Objects.requireNonNull(vjp, "claimed VJP is null");
        this.claimedValues = null;
        this.claimedFunction = null;
        this.vjp = vjp;
        return this;
    }

    private void clearClaims() {
        claimedValues = null;
        claimedFunction = null;
        jvp = null;
        vjp = null;
    }

    /**
     * Checks every column of a claimed Jacobian, however many inputs.
     *
     * @return this builder
     */
    public JacobianCheck coordinates() {
        options = options.withDirections(-1);
        return this;
    }

    /**
     * Checks a claimed Jacobian along {@code k} random directions, or sets the number of random
     * {@code (u, v)} pairs for JVP/VJP claims (default 8).
     *
     * @param k the number of directions or pairs, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public JacobianCheck directions(int k) {
        options = options.withDirections(Inputs.positive(k, "directions"));
        return this;
    }

    /**
     * Sets the seed of the random directions (a constant by default, so every run agrees).
     *
     * @param seed the seed
     * @return this builder
     */
    public JacobianCheck seed(long seed) {
        options = options.withSeed(seed);
        return this;
    }

    /**
     * Sets the miss probability quoted by random-direction checks (default 1e-6).
     *
     * @param p the probability, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is not in (0, 1)
     */
    public JacobianCheck missProbability(double p) {
        options = options.withMissProbability(Inputs.probability(p));
        return this;
    }

    /**
     * Turns the Taylor-remainder test on (default, plain code only) or off.
     *
     * @param on whether to run it
     * @return this builder
     */
    public JacobianCheck taylor(boolean on) {
        options = options.withTaylor(on);
        return this;
    }

    /**
     * Lets entries that were not checked ({@link Status#UNRESOLVED}: the reference cannot resolve
     * them; {@link Status#UNCHECKED}: several kinks meet at the point) pass. Without this option
     * such an entry makes {@link CheckReport#passed()} false; with it they are still listed, and
     * the report's first line says how many and why.
     *
     * @return this builder
     */
    public JacobianCheck allowUnchecked() {
        options = options.withAllowUnchecked(true);
        return this;
    }

    /**
     * Runs the check.
     *
     * @return the report
     * @throws IllegalStateException if the point or the claim was not set
     * @throws IllegalArgumentException if the claim's shape does not fit, or {@code f(x)} is not
     *     finite
     * @throws FunctionFailedException if the function or a claimed derivative function throws
     */
    public CheckReport run() {
        if (x == null) {
            throw new IllegalStateException("no point: call at(x) before run()");
        }
        if (claimedValues == null && claimedFunction == null && jvp == null && vjp == null) {
            throw new IllegalStateException("no claim: call claimed(...), claimedJvp(...) or claimedVjp(...) before run()");
        }
        if (claimedValues != null) {
            if (claimedValues.length == 0) {
                throw new IllegalArgumentException("claimed Jacobian has no rows; expected one row per output of f");
            }
            for (int k = 0; k < claimedValues.length; k++) {
                if (claimedValues[k].length != x.length) {
                    throw new IllegalArgumentException("claimed Jacobian row " + k + " has " + claimedValues[k].length
                            + " entries but x has " + x.length + " coordinates");
                }
            }
        }
        double[] point = x.clone();
        Claim claim = new Claim(claimedValues == null ? null : deepCopy(claimedValues), claimedFunction, jvp, vjp);
        Reference reference = plain != null
                ? new Reference.Plain(new Evaluator(plain, "f"))
                : new Reference.Exact(generic, ExactDerivatives.DEFAULT);
        String what = claim.isJacobian() ? "Jacobian" : jvp != null && vjp != null ? "JVP and VJP" : jvp != null ? "JVP" : "VJP";
        String title = what + " check at x = " + Inputs.shortString(point) + " (n = " + point.length + ")";
        return new Checker(title, false, point, reference, claim, options).run();
    }

    /**
     * Runs the check and throws if it failed.
     *
     * @throws AssertionError with the report's table as its message, if the check failed
     */
    public void assertPasses() {
        run().assertPassed();
    }

    /**
     * Asserts that {@code jacobian} is the Jacobian of plain-code {@code f} at {@code x}.
     *
     * @param f the function
     * @param jacobian {@code x -> J(x)}, {@code [m][n]}
     * @param x the point, not modified
     * @throws AssertionError with the report's table, if the check failed
     */
    public static void assertJacobian(Function<double[], double[]> f, Function<double[], double[][]> jacobian, double... x) {
        of(f).at(x).claimed(jacobian).assertPasses();
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            copy[k] = a[k].clone();
        }
        return copy;
    }
}
