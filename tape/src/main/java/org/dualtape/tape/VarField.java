package org.dualtape.tape;

import org.apache.commons.math3.Field;
import org.apache.commons.math3.FieldElement;

/**
 * The field of the {@link Var}s of one {@link Tape} (users see it as {@code Field<Var>}, from
 * {@link Var#getField()}): its zero and one are constants on that tape, so Commons Math's field
 * algorithms ({@code FieldMatrix}, {@code FieldLUDecomposition}, ...) can run on tape variables.
 *
 * <p>Zero and one are recorded once per tape generation and then shared. Two fields are equal
 * when they belong to the same tape.
 */
final class VarField implements Field<Var> {
    private final Tape tape;
    /** The entries of this generation's 0 and 1, or -1; valid while {@code generation} is the tape's. */
    private int zero = -1;
    private int one = -1;
    private long generation = -1;

    VarField(Tape tape) {
        this.tape = tape;
    }

    private Var constant(boolean isOne) {
        if (generation != tape.generation) {
            zero = -1;
            one = -1;
            generation = tape.generation;
        }
        if (isOne) {
            if (one < 0) {
                one = tape.leaf(Op.CONST, 1);
            }
            return tape.var(one);
        }
        if (zero < 0) {
            zero = tape.leaf(Op.CONST, 0);
        }
        return tape.var(zero);
    }

    /**
     * The constant 0 on this field's tape.
     *
     * @return zero
     */
    @Override
    public Var getZero() {
        return constant(false);
    }

    /**
     * The constant 1 on this field's tape.
     *
     * @return one
     */
    @Override
    public Var getOne() {
        return constant(true);
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
