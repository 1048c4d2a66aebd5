package org.dualtape.dual;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Forward-mode automatic differentiation: derivatives, gradients, Jacobian-vector products and
 * Jacobians by evaluating a function on {@link Dual} or {@link MultiDual} numbers.
 *
 * <h2>Cost</h2>
 * One pass (one evaluation of f on dual numbers) gives J·v for one seed v. A gradient or Jacobian
 * of n inputs takes ⌈n / k⌉ passes on {@code MultiDual}s of chunk width k
 * ({@link ChunkPolicy#chunkSize(int)} unless given, never wider than
 * {@link ChunkPolicy#WIDEST_CHUNK}: {@link ChunkPolicy#passWidth}), each pass costing at most about
 * k + 1 plain evaluations of f: the operations of a pass that do not depend on its k seeded inputs
 * carry no tangents ({@link MultiDual}, "Cost"), so a sum of local terms costs far less. Each call
 * allocates its input buffer and seeds once; the passes reuse them.
 *
 * <h2>Some coordinates of a gradient</h2>
 * {@link #gradient(Function, double[], int[], int)} and
 * {@link #gradientByDuals(Function, double[], int[])} differentiate by the chosen inputs only, in
 * ⌈m / k⌉ (or m) passes for m coordinates: each pass is the pass a whole gradient takes, so m
 * coordinates cost m / n of a whole gradient, and a sample of coordinates checks a hand-written
 * gradient for a fraction of the passes.
 *
 * <h2>Memory</h2>
 * The constants that generic code gets from {@code x[0].getField()} share one zero tangent array
 * per width; those of the widths a call can seed (up to {@link ChunkPolicy#WIDEST_CHUNK}) are kept
 * for the life of the JVM, under 1.5 MB in all, and of wider ones only a few recent widths.
 * {@link #releaseCaches()} drops them all.
 *
 * <h2>Functions</h2>
 * Write f once, generically ({@code static <T extends RealFieldElement<T>> T f(T[] x)}), and pass
 * {@code MyFunctions::f}: it fits every method here and {@code Reverse} too. f must not keep or
 * modify the array it is given; it may create constants with {@code x[0].getField()}.
 *
 * <h2>Nesting</h2>
 * Every pass seeds its inputs with a fresh tag and every operation checks that its operands'
 * tags agree. A function given to {@code Forward} may itself call {@code Forward}, as long as the
 * inner function does not use the outer function's dual argument: the inner call returns plain
 * doubles, which could not carry the outer derivative. If it does (the classic
 * {@code d/dx [x · d/dy (x + y)]}), the first operation that mixes the two calls' numbers, or the
 * inner call returning an outer number, throws {@link IllegalStateException} ("perturbation
 * confusion") instead of returning a wrong number. Numbers you build yourself
 * ({@code Dual.of}, {@code MultiDual.constant}, ...) carry no tag and mix with any call. Note that
 * {@link Dual#value()} deliberately drops the tangent: passing {@code x.value()} into an inner
 * call makes its result a constant for the outer one.
 *
 * <h2>Bad input</h2>
 * A null function, point, seed or result throws {@link NullPointerException}; mismatched lengths
 * or widths, and chunk &lt; 1, throw {@link IllegalArgumentException} naming the sizes; all are
 * checked before f is called where possible.
 */
public final class Forward {

    private Forward() {
    }

    /**
     * The derivative f'(x) of a scalar function.
     *
     * @param f the function, evaluated once on {@code x + ε}
     * @param x the point
     * @return f'(x)
     */
    public static double derivative(UnaryOperator<Dual> f, double x) {
        return valueAndDerivative(f, x).tangent();
    }

    /**
     * f(x) and f'(x) from one evaluation.
     *
     * @param f the function, evaluated once on {@code x + ε}
     * @param x the point
     * @return a {@code Dual} (carrying no tag) whose value is f(x), bitwise as plain
     *     {@code double} code computes it, and whose tangent is f'(x)
     */
    public static Dual valueAndDerivative(UnaryOperator<Dual> f, double x) {
        Objects.requireNonNull(f, "f (the function to differentiate) is null");
        int tag = Tag.next();
        Dual y = f.apply(Dual.seeded(x, 1, tag));
        Objects.requireNonNull(y, "f returned null; it must return a Dual (Dual.constant(c) for a constant)");
        Tag.checkResult(y.tag(), tag, -1);
        return Dual.of(y.value(), y.tangent());
    }

    /**
     * The gradient ∇f(x), in chunks of {@link ChunkPolicy#chunkSize(int)} tangents.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @return ∇f(x), of length {@code x.length}
     */
    public static double[] gradient(Function<MultiDual[], MultiDual> f, double[] x) {
        return valueAndGradient(f, x).gradientNoCopy();
    }

    /**
     * The gradient ∇f(x), in chunks of {@code chunk} tangents (more than {@code x.length} is the
     * same as {@code x.length}, and passes are never wider than {@link ChunkPolicy#WIDEST_CHUNK}:
     * {@link ChunkPolicy#passWidth}).
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @param chunk the chunk width k, at least 1
     * @return ∇f(x), of length {@code x.length}
     */
    public static double[] gradient(Function<MultiDual[], MultiDual> f, double[] x, int chunk) {
        return valueAndGradient(f, x, chunk).gradientNoCopy();
    }

    /**
     * f(x) and ∇f(x), in chunks of {@link ChunkPolicy#chunkSize(int)} tangents.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @return the value (from the first pass) and the gradient
     */
    public static ValueAndGradient valueAndGradient(Function<MultiDual[], MultiDual> f, double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        return valueAndGradient(f, x, defaultChunk(x.length));
    }

    /**
     * f(x) and ∇f(x), in chunks of {@code chunk} tangents.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @param chunk the chunk width k, at least 1
     * @return the value (from the first pass) and the gradient
     */
    public static ValueAndGradient valueAndGradient(Function<MultiDual[], MultiDual> f, double[] x, int chunk) {
        return run(f, new Chunks(f, x, chunk));
    }

    /**
     * Some components of the gradient: ∂f/∂x_c for each c in {@code coordinates}, in chunks of
     * {@code chunk} of them, the other inputs constants. Each pass is the one a whole gradient
     * takes, so this costs the passes it asks for and no more.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @param coordinates the inputs to differentiate by, distinct, each in [0, n), in any order;
     *     not modified
     * @param chunk the chunk width k, at least 1
     * @return {@code out[j] = ∂f/∂x[coordinates[j]]}, of length {@code coordinates.length}; for
     *     all coordinates in order, bitwise {@link #gradient(Function, double[], int)}
     * @throws IllegalArgumentException if a coordinate is outside [0, n) or repeated, or chunk &lt; 1
     */
    public static double[] gradient(Function<MultiDual[], MultiDual> f, double[] x, int[] coordinates, int chunk) {
        Chunks seeds = new Chunks(f, x, coordinates, chunk);
        return seeds.passes == 0 ? new double[0] : run(f, seeds).gradientNoCopy();
    }

    /** The passes of a scalar function: the value from the first, the tangents of each. */
    private static ValueAndGradient run(Function<MultiDual[], MultiDual> f, Chunks seeds) {
        double[] gradient = null;
        double value = Double.NaN;
        for (int pass = 0; pass < seeds.passes; pass++) {
            int tag = seeds.seed(pass);
            MultiDual y = f.apply(seeds.inputs);
            seeds.check(y, tag, -1);
            if (pass == 0) {
                value = y.value();
            }
            gradient = seeds.copyTangents(y, pass, gradient);
            seeds.unseed(pass);
        }
        return ValueAndGradient.wrap(value, gradient);
    }

    /**
     * The gradient ∇f(x) by one pass on {@link Dual} numbers per input: for a function written
     * for {@code Dual} only, and the cost of forward mode without chunks.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @return ∇f(x), of length {@code x.length}
     */
    public static double[] gradientByDuals(Function<Dual[], Dual> f, double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        return byDuals(f, x, null);
    }

    /**
     * Some components of the gradient by one pass on {@link Dual} numbers per coordinate, the
     * other inputs constants: ∂f/∂x_c for each c in {@code coordinates}.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @param coordinates the inputs to differentiate by, distinct, each in [0, n), in any order;
     *     not modified
     * @return {@code out[j] = ∂f/∂x[coordinates[j]]}, of length {@code coordinates.length}
     * @throws IllegalArgumentException if a coordinate is outside [0, n) or repeated
     */
    public static double[] gradientByDuals(Function<Dual[], Dual> f, double[] x, int[] coordinates) {
        Objects.requireNonNull(x, "x (the point) is null");
        return byDuals(f, x, Chunks.checkedCoordinates(coordinates, x.length));
    }

    /**
     * One {@code Dual} pass per coordinate (every input in order when {@code coordinates} is
     * null) on one input buffer of constants, in which each pass swaps in its seeded input.
     */
    private static double[] byDuals(Function<Dual[], Dual> f, double[] x, int[] coordinates) {
        Objects.requireNonNull(f, "f (the function to differentiate) is null");
        int m = coordinates == null ? x.length : coordinates.length;
        Dual[] inputs = new Dual[x.length];
        for (int i = 0; i < x.length; i++) {
            inputs[i] = Dual.constant(x[i]);
        }
        double[] gradient = new double[m];
        for (int j = 0; j < m; j++) {
            int c = coordinates == null ? j : coordinates[j];
            int tag = Tag.next();
            Dual constant = inputs[c];
            inputs[c] = Dual.seeded(x[c], 1, tag);
            Dual y = f.apply(inputs);
            Objects.requireNonNull(y, "f returned null; it must return a Dual");
            Tag.checkResult(y.tag(), tag, -1);
            gradient[j] = y.tangent();
            inputs[c] = constant;
        }
        return gradient;
    }

    /**
     * The Jacobian J(x) of f: R^n → R^m, in chunks of {@link ChunkPolicy#chunkSize(int)} tangents.
     *
     * @param f the vector function
     * @param x the point, not modified
     * @return J as {@code [m][n]}: row i is the gradient of output i
     */
    public static double[][] jacobian(Function<MultiDual[], MultiDual[]> f, double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        return jacobian(f, x, defaultChunk(x.length));
    }

    /**
     * The Jacobian J(x) of f: R^n → R^m, in chunks of {@code chunk} tangents.
     *
     * @param f the vector function; it must return the same number m of outputs on every pass
     * @param x the point, not modified
     * @param chunk the chunk width k, at least 1
     * @return J as {@code [m][n]}: row i is the gradient of output i
     */
    public static double[][] jacobian(Function<MultiDual[], MultiDual[]> f, double[] x, int chunk) {
        Chunks seeds = new Chunks(f, x, chunk);
        double[][] jacobian = null;
        for (int pass = 0; pass < seeds.passes; pass++) {
            int tag = seeds.seed(pass);
            MultiDual[] y = f.apply(seeds.inputs);
            Objects.requireNonNull(y, "f returned null; it must return a MultiDual[]");
            if (jacobian == null) {
                jacobian = new double[y.length][]; // not new double[m][n]: C2 calls the runtime for that
            } else if (y.length != jacobian.length) {
                throw new IllegalArgumentException("f returned " + y.length + " outputs on pass "
                        + (pass + 1) + " but " + jacobian.length + " on pass 1");
            }
            for (int i = 0; i < y.length; i++) {
                seeds.check(y[i], tag, i);
                jacobian[i] = seeds.copyTangents(y[i], pass, jacobian[i]);
            }
            seeds.unseed(pass);
        }
        return jacobian;
    }

    /**
     * f(x) and J(x) of f: R^n → R^m from one set of passes (the values come from the first), in
     * chunks of {@link ChunkPolicy#chunkSize(int)} tangents: no extra evaluation for the values.
     *
     * @param f the vector function; it must return the same number m of outputs on every pass
     * @param x the point, not modified
     * @return the m values, bitwise what plain {@code double} code computes, and J as {@code [m][n]}
     */
    public static ValueAndJacobian valueAndJacobian(Function<MultiDual[], MultiDual[]> f, double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        return valueAndJacobian(f, x, ChunkPolicy.chunkSize(x.length));
    }

    /**
     * f(x) and J(x) of f: R^n → R^m from one set of passes, in chunks of {@code chunk} tangents.
     *
     * @param f the vector function; it must return the same number m of outputs on every pass
     * @param x the point, not modified
     * @param chunk the chunk width k, at least 1
     * @return the m values, bitwise what plain {@code double} code computes, and J as {@code [m][n]}
     */
    public static ValueAndJacobian valueAndJacobian(Function<MultiDual[], MultiDual[]> f, double[] x, int chunk) {
        return jacobianPasses(f, x, chunk, null, null);
    }

    /**
     * The Jacobian J(x) of f: R^n → R^m into the caller's rows, in chunks of
     * {@link ChunkPolicy#chunkSize(int)} tangents.
     *
     * @param f the vector function; it must return {@code jacobian.length} outputs on every pass
     * @param x the point, not modified
     * @param jacobian receives J as {@code [m][n]}; its rows are modified, the outer array is not
     * @throws IllegalArgumentException if a row's length is not n (checked before f is called) or
     *     f returns other than {@code jacobian.length} outputs (checked before a row is written)
     * @see #valueAndJacobian(Function, double[], double[], double[][])
     */
    public static void jacobian(Function<MultiDual[], MultiDual[]> f, double[] x, double[][] jacobian) {
        valueAndJacobian(f, x, null, jacobian);
    }

    /**
     * f(x) and J(x) of f: R^n → R^m from one set of passes, into the caller's arrays, in chunks
     * of {@link ChunkPolicy#chunkSize(int)} tangents.
     *
     * <h4>Allocation</h4>
     * Nothing is allocated for the results. What remains is the dual side's: per call, the input
     * buffer of n references and, for more than one pass, n constant inputs; per pass, its k seeded
     * inputs; and within f, one {@link MultiDual} (an object and, unless it is a constant, an array
     * of k tangents) per operation, plus the array f returns.
     *
     * <h4>Bad input</h4>
     * Shapes are checked before anything is written: row lengths and {@code values.length} against
     * n and {@code jacobian.length} before f is called, the number of outputs against
     * {@code jacobian.length} after the first pass. If f throws, or changes its number of outputs
     * on a later pass, the rows may hold the columns of the passes before.
     *
     * @param f the vector function; it must return {@code jacobian.length} outputs on every pass
     * @param x the point, not modified
     * @param values receives the m values, or null if they are not wanted; modified
     * @param jacobian receives J as {@code [m][n]}; its rows are modified, the outer array is not
     * @throws IllegalArgumentException if an array has the wrong shape, or f returns other than
     *     {@code jacobian.length} outputs
     */
    public static void valueAndJacobian(Function<MultiDual[], MultiDual[]> f, double[] x, double[] values,
            double[][] jacobian) {
        Objects.requireNonNull(x, "x (the point) is null");
        Objects.requireNonNull(jacobian, "jacobian (the rows to fill) is null");
        if (values != null && values.length != jacobian.length) {
            throw new IllegalArgumentException("values has length " + values.length + " but jacobian has "
                    + jacobian.length + " rows: both need one entry per output");
        }
        for (int i = 0; i < jacobian.length; i++) {
            if (jacobian[i] == null || jacobian[i].length != x.length) {
                throw new IllegalArgumentException("jacobian row " + i + " is " + (jacobian[i] == null ? "null"
                        : "of length " + jacobian[i].length) + " but x has length " + x.length
                        + ": a row needs one entry per input");
            }
        }
        jacobianPasses(f, x, ChunkPolicy.chunkSize(x.length), values, jacobian);
    }

    /**
     * The passes of a Jacobian: into {@code into} (shape checked by the caller) or, if it is null,
     * into rows allocated on the first pass, returned with the values.
     */
    private static ValueAndJacobian jacobianPasses(Function<MultiDual[], MultiDual[]> f, double[] x, int chunk,
            double[] values, double[][] into) {
        Chunks seeds = new Chunks(f, x, chunk);
        double[][] jacobian = into;
        double[] y0 = values;
        for (int pass = 0; pass < seeds.passes; pass++) {
            int tag = seeds.seed(pass);
            MultiDual[] y = f.apply(seeds.inputs);
            Objects.requireNonNull(y, "f returned null; it must return a MultiDual[]");
            if (pass == 0 && jacobian == null) {
                jacobian = new double[y.length][];
                y0 = new double[y.length];
            } else if (y.length != jacobian.length) {
                throw new IllegalArgumentException("f returned " + y.length + " outputs on pass " + (pass + 1)
                        + " but " + (pass == 0 ? "the jacobian given has " + jacobian.length + " rows"
                        : jacobian.length + " on pass 1"));
            }
            for (int i = 0; i < y.length; i++) {
                seeds.check(y[i], tag, i);
            }
            for (int i = 0; i < y.length; i++) {
                if (pass == 0 && y0 != null) {
                    y0[i] = y[i].value();
                }
                jacobian[i] = seeds.copyTangents(y[i], pass, jacobian[i]);
            }
            seeds.unseed(pass);
        }
        return into == null ? new ValueAndJacobian(y0, jacobian) : null;
    }

    /**
     * The Jacobian-vector product J(x)·v of f: R^n → R^m, from one pass on {@link Dual}s.
     *
     * @param f the vector function
     * @param x the point, not modified
     * @param v the seed, not modified, of length n
     * @return J·v, of length m
     */
    public static double[] jvp(Function<Dual[], Dual[]> f, double[] x, double[] v) {
        Dual[] y = valueAndJvp(f, x, v);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i].tangent();
        }
        return out;
    }

    /**
     * f(x) and J(x)·v from one pass.
     *
     * @param f the vector function
     * @param x the point, not modified
     * @param v the seed, not modified, of length n
     * @return for each output i a {@code Dual} (carrying no tag) whose value is f_i(x) and
     *     whose tangent is (J·v)_i
     */
    public static Dual[] valueAndJvp(Function<Dual[], Dual[]> f, double[] x, double[] v) {
        int tag = Tag.next();
        Dual[] y = f.apply(seed(f, x, v, tag));
        Objects.requireNonNull(y, "f returned null; it must return a Dual[]");
        Dual[] out = new Dual[y.length];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == null) {
                throw new NullPointerException("f returned null as output " + i);
            }
            Tag.checkResult(y[i].tag(), tag, i);
            out[i] = Dual.of(y[i].value(), y[i].tangent());
        }
        return out;
    }

    /**
     * The directional derivative ∇f(x)·v of a scalar function, from one pass.
     *
     * @param f the scalar function
     * @param x the point, not modified
     * @param v the seed, not modified, of length n
     * @return ∇f(x)·v
     */
    public static double directionalDerivative(Function<Dual[], Dual> f, double[] x, double[] v) {
        int tag = Tag.next();
        Dual y = f.apply(seed(f, x, v, tag));
        Objects.requireNonNull(y, "f returned null; it must return a Dual");
        Tag.checkResult(y.tag(), tag, -1);
        return y.tangent();
    }

    /**
     * Drops the shared zero tangents this library keeps for every width it has seen (see
     * "Memory"), for a long-running program that wants the memory back after a call of unusual
     * width. Numbers already built keep working and stay equal to new ones; later calls rebuild
     * what they need, so calling this often only costs time.
     */
    public static void releaseCaches() {
        MultiDualField.release();
    }

    /** The chunk of a call that chose none: the policy's, and 1 for no inputs. */
    private static int defaultChunk(int n) {
        return n == 0 ? 1 : ChunkPolicy.chunkSize(n);
    }

    private static Dual[] seed(Object f, double[] x, double[] v, int tag) {
        Objects.requireNonNull(f, "f (the function to differentiate) is null");
        Objects.requireNonNull(x, "x (the point) is null");
        Objects.requireNonNull(v, "v (the seed) is null");
        if (v.length != x.length) {
            throw new IllegalArgumentException("v has length " + v.length + " but x has length "
                    + x.length + ": the seed needs one component per input");
        }
        Dual[] in = new Dual[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = Dual.seeded(x[i], v[i], tag);
        }
        return in;
    }
}
