package org.dualtape.dual;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * The field of {@link MultiDual} numbers of one width, as {@link MultiDual#getField()} returns
 * it: generic Commons Math code gets its zero and one, with the right number of tangents, from
 * here.
 *
 * <h2>Construction</h2>
 * {@link #of(int)}; there is one instance per width, created on first use and cached, so fields
 * of equal width are the same object.
 *
 * <h2>Shared zeros</h2>
 * Each field also holds the two tangent arrays that every constant of its width shares (all
 * {@code +0.0}, all {@code -0.0}: the sign of a zero tangent is kept, as {@link Dual} keeps it),
 * so that operations on constants allocate no tangents, and, for widths up to
 * {@link #CACHED_UNITS}, the unit seeds e₀ … e_{k-1} that {@link Forward} gives its inputs, so
 * that a small Jacobian does not build k arrays on every call. They are never modified.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MultiDualField implements Field<MultiDual> {

    private static final ConcurrentHashMap<Integer, MultiDualField> CACHE = new ConcurrentHashMap<>();

    /**
     * The fields of widths below its length, filled as they are created: operations on constants
     * look their zeros up here, and a map lookup (boxing the width) would cost more than the
     * operation. Racy but safe: every field is the canonical one from {@link #CACHE}, and its
     * final fields make it visible fully built.
     */
    private static final MultiDualField[] FAST = new MultiDualField[1024];

    /** The largest width whose unit seeds are kept (k² doubles: 32 KB at 64). */
    static final int CACHED_UNITS = 64;

    private final double[] positiveZeros;
    private final double[] negativeZeros;
    private final MultiDual zero;
    private final MultiDual one;
    /** The unit seeds, built on first use (a benign race: every thread builds equal arrays). */
    private volatile double[][] units;

    private MultiDualField(int width) {
        this.positiveZeros = new double[width];
        this.negativeZeros = new double[width];
        Arrays.fill(negativeZeros, -0.0);
        this.zero = MultiDual.constant(0, positiveZeros);
        this.one = MultiDual.constant(1, positiveZeros);
    }

    /**
     * The field of multi-dual numbers with {@code width} tangents.
     *
     * @param width the number of tangents, at least 0
     * @return the (cached) field
     * @throws IllegalArgumentException if the width is negative
     */
    public static MultiDualField of(int width) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be at least 0, got " + width);
        }
        if (width < FAST.length) {
            MultiDualField field = FAST[width];
            if (field != null) {
                return field;
            }
        }
        MultiDualField field = CACHE.computeIfAbsent(width, MultiDualField::new);
        if (width < FAST.length) {
            FAST[width] = field;
        }
        return field;
    }

    /**
     * The shared tangents of a constant of this width: every one is {@code zero}.
     *
     * @param zero {@code +0.0} or {@code -0.0}
     * @return the shared array, never to be modified
     */
    double[] zeros(double zero) {
        return Double.doubleToRawLongBits(zero) < 0 ? negativeZeros : positiveZeros;
    }

    /**
     * The unit seeds e₀ … e_{k-1} of this width: {@code units()[c]} has a 1 at c and zeros
     * elsewhere. Shared for widths up to {@link #CACHED_UNITS}, built afresh above.
     *
     * @return k arrays of k tangents, never to be modified
     */
    double[][] units() {
        double[][] u = units;
        if (u == null) {
            int width = positiveZeros.length;
            u = new double[width][];
            for (int c = 0; c < width; c++) {
                u[c] = new double[width];
                u[c][c] = 1;
            }
            if (width <= CACHED_UNITS) {
                units = u;
            }
        }
        return u;
    }

    /**
     * The number of tangents of this field's elements.
     *
     * @return the width
     */
    public int width() {
        return positiveZeros.length;
    }

    /** {@inheritDoc} The constant 0 of this width. */
    @Override
    public MultiDual getZero() {
        return zero;
    }

    /** {@inheritDoc} The constant 1 of this width. */
    @Override
    public MultiDual getOne() {
        return one;
    }

    /** {@inheritDoc} */
    @Override
    public Class<? extends FieldElement<MultiDual>> getRuntimeClass() {
        return MultiDual.class;
    }

    /**
     * Names the field and its width.
     *
     * @return e.g. {@code "MultiDualField[width=3]"}
     */
    @Override
    public String toString() {
        return "MultiDualField[width=" + width() + "]";
    }
}
