package org.dualtape.dual;

import java.util.Arrays;
import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * The field of {@link MultiDual} numbers of one width, as {@link MultiDual#getField()} returns
 * it (typed {@code Field<MultiDual>}): generic Commons Math code gets its zero and one, with the
 * right number of tangents, from here.
 *
 * <h2>Construction</h2>
 * {@link #of(int)}. The fields of the widths a {@link Forward} call can seed (up to
 * {@link ChunkPolicy#WIDEST_CHUNK}) are created on first use and kept, so that operations on
 * constants find their zeros without allocating: Σ 16·k bytes over k ≤ 256 is about 0.5 MB, plus
 * the unit seeds of widths up to {@link #CACHED_UNITS} (0.7 MB). Of the wider fields, which only
 * numbers built by hand have, just the last {@link #WIDE_SLOTS} are kept, so that any number of
 * widths keeps a bounded amount of memory. {@link #release()} drops them all. Fields of equal
 * width are equal (and, while kept, the same object).
 *
 * <h2>Shared zeros</h2>
 * Each field also holds the two tangent arrays that constants of its width share (all
 * {@code +0.0}, all {@code -0.0}: the sign of a zero tangent is kept, as {@link Dual} keeps it),
 * so that operations on constants allocate no tangents, and, for widths up to
 * {@link #CACHED_UNITS}, the unit seeds e₀ … e_{k-1} that {@link Forward} gives its inputs, so
 * that a small Jacobian does not build k arrays on every call. They are never modified; a number
 * may hold the arrays of a field that was released or of another field of its width.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class MultiDualField implements Field<MultiDual> {

    /**
     * The kept fields of widths 0 … {@link ChunkPolicy#WIDEST_CHUNK}, filled as they are created:
     * operations on constants look their zeros up here. Read without a lock (racy but safe: every
     * field's final fields make it visible fully built, and a field missed by a racing reader is
     * an equal one), written under {@link #LOCK} so that a width has one kept field.
     */
    private static final MultiDualField[] KEPT = new MultiDualField[ChunkPolicy.WIDEST_CHUNK + 1];

    /** How many fields wider than {@link ChunkPolicy#WIDEST_CHUNK} are kept. */
    static final int WIDE_SLOTS = 4;

    /** The last wide fields, by width modulo {@link #WIDE_SLOTS}. */
    private static final MultiDualField[] WIDE = new MultiDualField[WIDE_SLOTS];

    private static final Object LOCK = new Object();

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
    static MultiDualField of(int width) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be at least 0, got " + width);
        }
        MultiDualField[] slots = width < KEPT.length ? KEPT : WIDE;
        int slot = width < KEPT.length ? width : width % WIDE_SLOTS;
        MultiDualField field = slots[slot];
        if (field != null && field.width() == width) {
            return field;
        }
        synchronized (LOCK) {
            field = slots[slot];
            if (field == null || field.width() != width) {
                field = new MultiDualField(width);
                slots[slot] = field;
            }
            return field;
        }
    }

    /**
     * Drops every kept field ({@link Forward#releaseCaches()}): later calls of {@link #of(int)}
     * build new ones, equal to the old.
     */
    static void release() {
        synchronized (LOCK) {
            Arrays.fill(KEPT, null);
            Arrays.fill(WIDE, null);
        }
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
    int width() {
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
     * Equal to the field of the same width: its numbers are the same numbers.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a {@code MultiDualField} of this width
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDualField && ((MultiDualField) o).width() == width();
    }

    /** {@inheritDoc} Consistent with {@link #equals(Object)}: the width. */
    @Override
    public int hashCode() {
        return width();
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
