package org.dualtape.tape;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * The field of the {@link Var}s of one {@link Tape}: its zero and one are constants on that tape,
 * so Commons Math's field algorithms ({@code FieldMatrix}, {@code FieldLUDecomposition}, ...)
 * can run on tape variables.
 *
 * <p>Zero and one are recorded once per tape generation and then shared. Two fields are equal
 * when they belong to the same tape. Instances are immutable.
 */
public final class VarField implements Field<Var> {
    private final Tape tape;

    VarField(Tape tape) {
        this.tape = tape;
    }

    /**
     * The constant 0 on this field's tape.
     *
     * @return zero
     */
    @Override
    public Var getZero() {
        return tape.zeroOrOne(false);
    }

    /**
     * The constant 1 on this field's tape.
     *
     * @return one
     */
    @Override
    public Var getOne() {
        return tape.zeroOrOne(true);
    }

    /**
     * {@code Var.class}.
     *
     * @return the element class
     */
    @Override
    public Class<? extends FieldElement<Var>> getRuntimeClass() {
        return Var.class;
    }

    /**
     * The tape whose constants this field makes.
     *
     * @return the tape
     */
    public Tape tape() {
        return tape;
    }

    /**
     * Whether {@code o} is the field of the same tape.
     *
     * @param o another object
     * @return {@code true} for the same tape
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof VarField f && f.tape == tape;
    }

    /**
     * A hash of the tape's identity.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return System.identityHashCode(tape);
    }
}
