package org.dualtape.dual;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * The field of {@link Dual} numbers, as {@link Dual#getField()} returns it (typed
 * {@code Field<Dual>}): generic Commons Math code gets its zero and one from here.
 *
 * <p>There is one instance, {@link #getInstance()}. Instances are immutable.
 */
final class DualField implements Field<Dual> {

    private static final DualField INSTANCE = new DualField();

    private DualField() {
    }

    /**
     * The one instance.
     *
     * @return the field of dual numbers
     */
    static DualField getInstance() {
        return INSTANCE;
    }

    /** {@inheritDoc} The constant 0 (tangent 0). */
    @Override
    public Dual getZero() {
        return Dual.ZERO;
    }

    /** {@inheritDoc} The constant 1 (tangent 0). */
    @Override
    public Dual getOne() {
        return Dual.ONE;
    }

    /** {@inheritDoc} */
    @Override
    public Class<? extends FieldElement<Dual>> getRuntimeClass() {
        return Dual.class;
    }

    /**
     * Names the field.
     *
     * @return {@code "DualField"}
     */
    @Override
    public String toString() {
        return "DualField";
    }
}
