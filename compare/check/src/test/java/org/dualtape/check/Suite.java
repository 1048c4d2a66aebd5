package org.dualtape.check;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.math3.util.MathArrays;

/**
 * The proof suite: scalar and vector functions of varied scale (tiny and huge values and inputs,
 * ill-conditioned, nearly flat), each written once generically, with a sampler of points. Plain
 * values come from running the generic code on {@code Decimal64} (plain double arithmetic);
 * correct derivatives from Commons Math's {@code DerivativeStructure}, which the finite-difference
 * checker does not use.
 */
final class Suite {
    /** A scalar function of the suite and where to sample it. */
    record Scalar(String name, int n, ScalarFieldFunction f, Function<Random, double[]> sampler) {
        double value(double[] x) {
            return f.value(decimal(x)).doubleValue();
        }

        double[] gradient(double[] x) {
            return new DerivativeStructureDerivatives().jacobian(ExactDerivatives.asVector(f), x)[0];
        }
    }

    /** A vector function of the suite and where to sample it. */
    record Vector(String name, int n, VectorFieldFunction f, Function<Random, double[]> sampler) {
        double[] value(double[] x) {
            Decimal64[] out = f.value(decimal(x));
            double[] v = new double[out.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = out[k].doubleValue();
            }
            return v;
        }

        double[][] jacobian(double[] x) {
            return new DerivativeStructureDerivatives().jacobian(f, x);
        }
    }

    private Suite() {
    }

    static Decimal64[] decimal(double[] x) {
        Decimal64[] d = new Decimal64[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = new Decimal64(x[i]);
        }
        return d;
    }

    static Function<Random, double[]> uniform(int n, double low, double high) {
        return r -> {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = low + (high - low) * r.nextDouble();
            }
            return x;
        };
    }

    static List<Scalar> scalars() {
        return List.of(
                new Scalar("rosenbrock", 4, Suite::rosenbrock, uniform(4, -1.5, 1.5)),
                new Scalar("rosenbrock x 1e-30 (tiny values)", 4, Suite::tinyRosenbrock, uniform(4, -1.5, 1.5)),
                new Scalar("rosenbrock x 1e30 (huge values)", 4, Suite::hugeRosenbrock, uniform(4, -1.5, 1.5)),
                new Scalar("weighted sum of exp", 5, Suite::sumExp, uniform(5, -2, 2)),
                new Scalar("log-sum-exp", 6, Suite::logSumExp, uniform(6, -3, 3)),
                new Scalar("quadratic, condition 1e12", 5, Suite::illConditioned, uniform(5, -1, 1)),
                new Scalar("nearly flat: 1 + 1e-10 sum sin", 4, Suite::nearlyFlat, uniform(4, -2, 2)),
                new Scalar("nearly flat on an offset: 1e6 + 1e-3 |x|^2", 3, Suite::offsetFlat, uniform(3, -2, 2)),
                new Scalar("tiny inputs: sum sin(1e4 x), |x| < 1e-4", 3, Suite::tinyInputs, uniform(3, -1e-4, 1e-4)),
                new Scalar("huge inputs: sum log x, x in [1e6, 1e8]", 3, Suite::sumLog, uniform(3, 1e6, 1e8)),
                new Scalar("product", 5, Suite::product, uniform(5, 0.5, 2)),
                new Scalar("trig mix", 4, Suite::trigMix, uniform(4, -2, 2)),
                new Scalar("logistic regression loss", 4, Suite::logistic, uniform(4, -2, 2)),
                new Scalar("gaussian tail (values 1e-4 to 1e-10)", 3, Suite::gaussianTail, uniform(3, 2, 3.5)),
                new Scalar("rational 1/(1+|x|^2)", 4, Suite::rational, uniform(4, -2, 2)),
                new Scalar("smoothed norm sqrt(1e-8 + |x|^2)", 3, Suite::softNorm, uniform(3, -1, 1)),
                new Scalar("powers x^3.5", 3, Suite::powers, uniform(3, 0.1, 3)),
                new Scalar("atan2 + hypot", 2, Suite::angle, uniform(2, 0.2, 2)),
                new Scalar("MLP 2-3-1 tanh, squared loss", 13, Suite::mlp, uniform(13, -1, 1)),
                new Scalar("polynomial x^7 - 3x^5", 3, Suite::polynomial, uniform(3, -2, 2)),
                new Scalar("exp(10 x0 + x1), values to 1e9", 2, Suite::bigExp, uniform(2, 1, 2)),
                new Scalar("log barrier near the boundary", 3, Suite::barrier, uniform(3, 0.9, 0.999)),
                new Scalar("rastrigin", 4, Suite::rastrigin, uniform(4, -5, 5)),
                new Scalar("mixed scales 1e8 x0^2 + 1e-8 x1^2 + x0 x1", 2, Suite::mixedScales, uniform(2, -1, 1)),
                new Scalar("cosh sinh / (1 + x^2)", 3, Suite::hyperbolic, uniform(3, -2, 2)));
    }

    static List<Vector> vectors() {
        return List.of(
                new Vector("polar to cartesian", 2, Suite::polar, uniform(2, 0.5, 2)),
                new Vector("lorenz field", 3, Suite::lorenz, uniform(3, -10, 10)),
                new Vector("broyden tridiagonal", 5, Suite::broyden, uniform(5, -1, 1)),
                new Vector("weighted softmax", 4, Suite::weightedSoftmax, uniform(4, -3, 3)),
                new Vector("scaled 1e10", 2, Suite::scaled, uniform(2, -2, 2)),
                new Vector("robertson kinetics (stiff)", 3, Suite::robertson, uniform(3, 0.1, 1)),
                new Vector("tanh layer 3 -> 4", 3, Suite::layer, uniform(3, -2, 2)));
    }

    static <T extends RealFieldElement<T>> T rosenbrock(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T tinyRosenbrock(T[] x) {
        return rosenbrock(x).multiply(1e-30);
    }

    static <T extends RealFieldElement<T>> T hugeRosenbrock(T[] x) {
        return rosenbrock(x).multiply(1e30);
    }

    static <T extends RealFieldElement<T>> T sumExp(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i < x.length; i++) {
            sum = sum.add(x[i].exp().multiply(i + 1));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T logSumExp(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.exp());
        }
        return sum.log();
    }

    static <T extends RealFieldElement<T>> T illConditioned(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i < x.length; i++) {
            sum = sum.add(x[i].multiply(x[i]).multiply(Math.pow(10, 3 * i)));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T nearlyFlat(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.sin());
        }
        return sum.multiply(1e-10).add(1);
    }

    static <T extends RealFieldElement<T>> T offsetFlat(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.multiply(xi));
        }
        return sum.multiply(1e-3).add(1e6);
    }

    static <T extends RealFieldElement<T>> T tinyInputs(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.multiply(1e4).sin());
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T sumLog(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.log());
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T product(T[] x) {
        T p = x[0].getField().getOne();
        for (T xi : x) {
            p = p.multiply(xi);
        }
        return p;
    }

    static <T extends RealFieldElement<T>> T trigMix(T[] x) {
        return x[0].sin().multiply(x[1].cos()).add(x[2].multiply(x[3]).tanh());
    }

    static <T extends RealFieldElement<T>> T logistic(T[] w) {
        double[][] a = {{1, 0.5, -1, 2}, {-0.3, 1, 0.2, -1}, {0.7, -0.7, 1.5, 0.1}};
        double[] y = {1, -1, 1};
        T sum = w[0].getField().getZero();
        for (int k = 0; k < a.length; k++) {
            T margin = w[0].getField().getZero();
            for (int i = 0; i < w.length; i++) {
                margin = margin.add(w[i].multiply(a[k][i]));
            }
            sum = sum.add(margin.multiply(-y[k]).exp().add(1).log());
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T gaussianTail(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.multiply(xi));
        }
        return sum.multiply(-0.5).exp();
    }

    static <T extends RealFieldElement<T>> T rational(T[] x) {
        T sum = x[0].getField().getOne();
        for (T xi : x) {
            sum = sum.add(xi.multiply(xi));
        }
        return sum.reciprocal();
    }

    static <T extends RealFieldElement<T>> T softNorm(T[] x) {
        T sum = x[0].getField().getZero().add(1e-8);
        for (T xi : x) {
            sum = sum.add(xi.multiply(xi));
        }
        return sum.sqrt();
    }

    static <T extends RealFieldElement<T>> T powers(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.pow(3.5));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T angle(T[] x) {
        return x[1].atan2(x[0]).add(x[0].hypot(x[1]));
    }

    /** 2 inputs, 3 tanh hidden units, 1 output; parameters W1 (6), b1 (3), W2 (3), b2 (1). */
    static <T extends RealFieldElement<T>> T mlp(T[] p) {
        double[][] data = {{0.5, -1.0, 0.3}, {-0.8, 0.4, -0.6}};
        T loss = p[0].getField().getZero();
        for (double[] sample : data) {
            T out = p[12];
            for (int h = 0; h < 3; h++) {
                T a = p[2 * h].multiply(sample[0]).add(p[2 * h + 1].multiply(sample[1])).add(p[6 + h]);
                out = out.add(p[9 + h].multiply(a.tanh()));
            }
            T r = out.subtract(sample[2]);
            loss = loss.add(r.multiply(r).multiply(0.5));
        }
        return loss;
    }

    static <T extends RealFieldElement<T>> T polynomial(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.pow(7)).subtract(xi.pow(5).multiply(3));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T bigExp(T[] x) {
        return x[0].multiply(10).add(x[1]).exp();
    }

    static <T extends RealFieldElement<T>> T barrier(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.subtract(xi.multiply(xi).negate().add(1).log());
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T rastrigin(T[] x) {
        T sum = x[0].getField().getZero().add(10 * x.length);
        for (T xi : x) {
            sum = sum.add(xi.multiply(xi)).subtract(xi.multiply(2 * Math.PI).cos().multiply(10));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> T mixedScales(T[] x) {
        return x[0].multiply(x[0]).multiply(1e8).add(x[1].multiply(x[1]).multiply(1e-8)).add(x[0].multiply(x[1]));
    }

    static <T extends RealFieldElement<T>> T hyperbolic(T[] x) {
        return x[0].cosh().multiply(x[1].sinh()).divide(x[2].multiply(x[2]).add(1));
    }

    static <T extends RealFieldElement<T>> T[] polar(T[] x) {
        T[] out = MathArrays.buildArray(x[0].getField(), 2);
        out[0] = x[0].multiply(x[1].cos());
        out[1] = x[0].multiply(x[1].sin());
        return out;
    }

    static <T extends RealFieldElement<T>> T[] lorenz(T[] x) {
        T[] out = MathArrays.buildArray(x[0].getField(), 3);
        out[0] = x[1].subtract(x[0]).multiply(10);
        out[1] = x[0].multiply(x[2].negate().add(28)).subtract(x[1]);
        out[2] = x[0].multiply(x[1]).subtract(x[2].multiply(8.0 / 3));
        return out;
    }

    static <T extends RealFieldElement<T>> T[] broyden(T[] x) {
        int n = x.length;
        T[] out = MathArrays.buildArray(x[0].getField(), n);
        for (int i = 0; i < n; i++) {
            T fi = x[i].multiply(2).negate().add(3).multiply(x[i]).add(1);
            if (i > 0) {
                fi = fi.subtract(x[i - 1]);
            }
            if (i + 1 < n) {
                fi = fi.subtract(x[i + 1].multiply(2));
            }
            out[i] = fi;
        }
        return out;
    }

    static <T extends RealFieldElement<T>> T[] weightedSoftmax(T[] x) {
        T sum = x[0].getField().getZero();
        for (T xi : x) {
            sum = sum.add(xi.exp());
        }
        T[] out = MathArrays.buildArray(x[0].getField(), x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].exp().divide(sum).multiply(i + 1);
        }
        return out;
    }

    static <T extends RealFieldElement<T>> T[] scaled(T[] x) {
        T[] out = MathArrays.buildArray(x[0].getField(), 2);
        out[0] = x[0].multiply(x[0]).multiply(x[1]).multiply(1e10);
        out[1] = x[0].sin().add(x[1].pow(3)).multiply(1e10);
        return out;
    }

    static <T extends RealFieldElement<T>> T[] robertson(T[] x) {
        T[] out = MathArrays.buildArray(x[0].getField(), 3);
        T yz = x[1].multiply(x[2]).multiply(1e4);
        T y2 = x[1].multiply(x[1]).multiply(3e7);
        out[0] = x[0].multiply(-0.04).add(yz);
        out[1] = x[0].multiply(0.04).subtract(yz).subtract(y2);
        out[2] = y2;
        return out;
    }

    static <T extends RealFieldElement<T>> T[] layer(T[] x) {
        double[][] w = {{0.5, -1, 0.2}, {1.5, 0.3, -0.7}, {-0.4, 0.9, 1.1}, {0.1, 0.2, 0.3}};
        T[] out = MathArrays.buildArray(x[0].getField(), 4);
        for (int k = 0; k < 4; k++) {
            T a = x[0].getField().getZero().add(0.1 * k);
            for (int i = 0; i < 3; i++) {
                a = a.add(x[i].multiply(w[k][i]));
            }
            out[k] = a.tanh();
        }
        return out;
    }
}
