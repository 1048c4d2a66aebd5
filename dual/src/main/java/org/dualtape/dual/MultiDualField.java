package org.dualtape.dual;

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
 * <p>Instances are immutable and thread-safe.
 */
public final class MultiDualField implements Field<MultiDual> {

    private static final ConcurrentHashMap<Integer, MultiDualField> CACHE = new ConcurrentHashMap<>();

    private final MultiDual zero;
    private final MultiDual one;

    private MultiDualField(int width) {
        this.zero = MultiDual.constant(0, width);
        this.one = MultiDual.constant(1, width);
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
        MultiDualField field = CACHE.get(width);
        return field != null ? field : CACHE.computeIfAbsent(width, MultiDualField::new);
    }

    /**
     * The number of tangents of this field's elements.
     *
     * @return the width
     */
    public int width() {
        return zero.width();
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
