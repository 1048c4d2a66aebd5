package org.dualtape.check;

import org.dualtape.dual.Dual;
import org.dualtape.dual.Forward;

/**
 * {@link ExactDerivatives} by this project's forward mode ({@link Forward}): the Jacobian on
 * {@code MultiDual} chunks, a directional derivative in one {@code Dual} pass, and plain values
 * from a pass with a zero seed (the value part of a {@code Dual} is bitwise the plain double
 * result).
 */
final class ForwardDerivatives implements ExactDerivatives {
    @Override
    public String name() {
        return "forward-mode AD (dualtape Forward)";
    }

    @Override
    public double[][] jacobian(VectorFieldFunction f, double[] x) {
        return ExactDerivatives.guarded("f (evaluated for exact AD)", x, p -> Forward.jacobian(f::value, p));
    }

    @Override
    public double[] directional(VectorFieldFunction f, double[] x, double[] d) {
        return ExactDerivatives.guarded("f (evaluated for exact AD)", x, p -> Forward.jvp(f::value, p, d));
    }

    @Override
    public double[] values(VectorFieldFunction f, double[] x) {
        Dual[] out = ExactDerivatives.guarded("f", x, p -> Forward.valueAndJvp(f::value, p, new double[p.length]));
        double[] values = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            values[k] = out[k].value();
        }
        return values;
    }
}
