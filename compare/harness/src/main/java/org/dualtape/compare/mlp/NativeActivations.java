package org.dualtape.compare.mlp;

import org.apache.commons.math3.RealFieldElement;
import org.dualtape.dual.Dual;
import org.dualtape.dual.MultiDual;
import org.dualtape.tape.Var;

/**
 * The project's own number types' activation methods ({@code sigmoid()}, {@code relu()},
 * {@code softplus()}: one rule-table entry each, and for {@link Var} a branch the tape records),
 * found by type so the generic loss can prefer them over a composition of field operations.
 */
final class NativeActivations {
    private NativeActivations() {
    }

    /** {@code x.sigmoid()} for Dual, MultiDual and Var; null for other types. */
    @SuppressWarnings("unchecked")
    static <T extends RealFieldElement<T>> T sigmoid(T x) {
        if (x instanceof Dual) {
            return (T) ((Dual) x).sigmoid();
        }
        if (x instanceof MultiDual) {
            return (T) ((MultiDual) x).sigmoid();
        }
        if (x instanceof Var) {
            return (T) ((Var) x).sigmoid();
        }
        return null;
    }

    /** {@code x.relu()} for Dual, MultiDual and Var; null for other types. */
    @SuppressWarnings("unchecked")
    static <T extends RealFieldElement<T>> T relu(T x) {
        if (x instanceof Dual) {
            return (T) ((Dual) x).relu();
        }
        if (x instanceof MultiDual) {
            return (T) ((MultiDual) x).relu();
        }
        if (x instanceof Var) {
            return (T) ((Var) x).relu();
        }
        return null;
    }

    /** {@code x.softplus()} for Dual, MultiDual and Var; null for other types. */
    @SuppressWarnings("unchecked")
    static <T extends RealFieldElement<T>> T softplus(T x) {
        if (x instanceof Dual) {
            return (T) ((Dual) x).softplus();
        }
        if (x instanceof MultiDual) {
            return (T) ((MultiDual) x).softplus();
        }
        if (x instanceof Var) {
            return (T) ((Var) x).softplus();
        }
        return null;
    }
}
