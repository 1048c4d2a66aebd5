package org.dualtape.check;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.util.Decimal64;

/**
 * {@link ExactDerivatives} by Commons Math's {@code DerivativeStructure} (order 1): the Jacobian
 * with {@code n} parameters in one pass, a directional derivative with one parameter. The tests'
 * independent oracle for correct derivatives (the checker itself uses {@link ForwardDerivatives}).
 */
final class DerivativeStructureDerivatives implements ExactDerivatives {
    @Override
    public String name() {
        return "forward-mode AD (Commons Math DerivativeStructure)";
    }

    @Override
    public double[][] jacobian(VectorFieldFunction f, double[] x) {
        int n = x.length;
        DerivativeStructure[] in = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            in[i] = new DerivativeStructure(n, 1, i, x[i]);
        }
        DerivativeStructure[] out = ExactDerivatives.guarded("f (evaluated for exact AD)", x, p -> f.value(in));
        double[][] jacobian = new double[out.length][n];
        int[] orders = new int[n];
        for (int k = 0; k < out.length; k++) {
            for (int i = 0; i < n; i++) {
                orders[i] = 1;
                jacobian[k][i] = out[k].getPartialDerivative(orders);
                orders[i] = 0;
            }
        }
        return jacobian;
    }

    @Override
    public double[] directional(VectorFieldFunction f, double[] x, double[] d) {
        DerivativeStructure[] in = new DerivativeStructure[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new DerivativeStructure(1, 1, x[i], d[i]);
        }
        DerivativeStructure[] out = ExactDerivatives.guarded("f (evaluated for exact AD)", x, p -> f.value(in));
        double[] jd = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            jd[k] = out[k].getPartialDerivative(1);
        }
        return jd;
    }

    @Override
    public double[] values(VectorFieldFunction f, double[] x) {
        Decimal64[] in = new Decimal64[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new Decimal64(x[i]);
        }
        Decimal64[] out = ExactDerivatives.guarded("f", x, p -> f.value(in));
        double[] values = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            values[k] = out[k].doubleValue();
        }
        return values;
    }
}
