package org.dualtape.tape;

import java.util.Objects;
import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;
import org.dualtape.dual.ValueAndJacobian;

/**
 * A generic function behind a {@link CommonsMath} adapter: the mode it is differentiated by, and
 * the shape (n inputs, m outputs) its first evaluation fixed.
 */
final class Adapted {

    private final CommonsMath.GenericFunction scalar;
    private final CommonsMath.GenericVectorFunction vector;
    private final CommonsMath.Mode mode;
    /** The shape of the first evaluation, -1 until then. */
    private volatile int inputs = -1;
    private volatile int outputs = -1;

    Adapted(CommonsMath.GenericFunction f, CommonsMath.Mode mode) {
        this.scalar = Objects.requireNonNull(f, "f");
        this.vector = null;
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    Adapted(CommonsMath.GenericVectorFunction f, CommonsMath.Mode mode) {
        this.scalar = null;
        this.vector = Objects.requireNonNull(f, "f");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** ∇f(x) of the scalar function. */
    double[] gradient(double[] x) {
        checkPoint(x);
        boolean forward = mode == CommonsMath.Mode.FORWARD
            || mode == CommonsMath.Mode.AUTO && x.length <= CommonsMath.FORWARD_INPUTS;
        return forward ? Forward.gradient(scalar::value, x) : Reverse.gradient(scalar::value, x);
    }

    /** f(x) and J(x) of the vector function, from one evaluation. */
    ValueAndJacobian valueAndJacobian(double[] x) {
        checkPoint(x);
        int m = outputs;
        boolean forward = mode == CommonsMath.Mode.FORWARD || mode == CommonsMath.Mode.AUTO
            && (x.length <= CommonsMath.FORWARD_INPUTS || m >= 0 && x.length <= m);
        ValueAndJacobian r = forward ? Forward.valueAndJacobian(vector::value, x)
            : Reverse.valueAndJacobian(vector::value, x);
        checkOutputs(r.values().length);
        return r;
    }

    /** f(x) of the vector function alone, on constant dual numbers. */
    double[] values(double[] x) {
        checkPoint(x);
        Dual[] y = vector.value(constants(x));
        Objects.requireNonNull(y, "f returned null; it must return an array of outputs");
        checkOutputs(y.length);
        double[] values = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == null) {
                throw new NullPointerException("f returned null as output " + i);
            }
            values[i] = y[i].value();
        }
        return values;
    }

    /** x as constant dual numbers, on which a function computes exactly its plain values. */
    static Dual[] constants(double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        Dual[] in = new Dual[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = Dual.constant(x[i]);
        }
        return in;
    }

    private void checkPoint(double[] x) {
        Objects.requireNonNull(x, "x (the point) is null");
        int n = inputs;
        if (n < 0) {
            inputs = x.length;
        } else if (x.length != n) {
            throw new IllegalArgumentException("the point has length " + x.length + " but this adapter's function was"
                + " first evaluated at a point of length " + n + ": an adapter serves one problem");
        }
    }

    private void checkOutputs(int m) {
        int known = outputs;
        if (known < 0) {
            outputs = m;
        } else if (m != known) {
            throw new IllegalArgumentException("the function returned " + m + " outputs but " + known
                + " at its first evaluation: a function adapted to Commons Math must keep its number of outputs");
        }
    }
}
