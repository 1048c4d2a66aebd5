package org.dualtape.check;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * The planted-mistake suite's functions: smooth ones chosen to be hard but fair for a
 * finite-difference checker (values from 1e-10 to 1e10, inputs from 1e-8 to 1e8, tiny curvature,
 * cancellation, fast oscillation, steep growth, a pole nearby, exact zeros in the gradient, up to
 * 50 inputs) and piecewise-smooth ones away from, near and exactly at their kinks. Each is written
 * once generically, with its gradient derived by hand ({@link PlantedSuiteTest} checks every hand
 * gradient against a 100-digit {@code Dfp} reference before using it).
 */
final class PlantedFunctions {
    private PlantedFunctions() {
    }

    /** A generic function with its hand-derived gradient. */
    abstract static class Fn implements ScalarFieldFunction {
        abstract double[] gradient(double[] x);
    }

    /**
     * A case of the suite: the function at a point. {@code kink} marks a point on or near a kink,
     * where the Dfp check of the hand gradient is made at {@code smoothAt} instead.
     */
    record Case(String name, Fn f, double[] x, boolean kink, double[] smoothAt) {
        Case(String name, Fn f, double... x) {
            this(name, f, x, false, x);
        }
    }

    static <T extends RealFieldElement<T>> T zero(T[] x) {
        return x[0].getField().getZero();
    }

    /** {@code s · base(x / sigma)}: the same shape at another scale of values and inputs. */
    static Fn scaled(Fn base, double s, double sigma) {
        return new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T[] y = MathArrays.buildArray(x[0].getField(), x.length);
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i].divide(sigma);
                }
                return base.value(y).multiply(s);
            }

            @Override
            double[] gradient(double[] x) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] / sigma;
                }
                double[] g = base.gradient(y);
                for (int i = 0; i < g.length; i++) {
                    g[i] = s * g[i] / sigma;
                }
                return g;
            }
        };
    }

    /** Base shapes at unit scale, each with its base point. */
    record Base(String name, Fn f, double[] x) {
    }

    static List<Base> bases() {
        List<Base> list = new ArrayList<>();
        list.add(new Base("rosenbrock", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (int i = 0; i + 1 < x.length; i++) {
                    T a = x[i + 1].subtract(x[i].multiply(x[i]));
                    T b = x[i].negate().add(1);
                    s = s.add(a.multiply(a).multiply(100)).add(b.multiply(b));
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i + 1 < x.length; i++) {
                    double a = x[i + 1] - x[i] * x[i];
                    g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
                    g[i + 1] += 200 * a;
                }
                return g;
            }
        }, new double[] {0.3, -0.7, 1.1, 0.5}));
        list.add(new Base("log-sum-exp", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (T xi : x) {
                    s = s.add(xi.exp());
                }
                return s.log();
            }

            @Override
            double[] gradient(double[] x) {
                double s = 0;
                for (double xi : x) {
                    s += Math.exp(xi);
                }
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = Math.exp(x[i]) / s;
                }
                return g;
            }
        }, new double[] {0.2, -1.3, 2.1, 0.4, -0.6}));
        list.add(new Base("product", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T p = x[0].getField().getOne();
                for (T xi : x) {
                    p = p.multiply(xi);
                }
                return p;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double p = 1;
                    for (int j = 0; j < x.length; j++) {
                        p *= j == i ? 1 : x[j];
                    }
                    g[i] = p;
                }
                return g;
            }
        }, new double[] {1.2, -0.8, 0.6, 1.7}));
        list.add(new Base("sin-cos chain", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (int i = 0; i + 1 < x.length; i++) {
                    s = s.add(x[i].sin().multiply(x[i + 1].cos()));
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i + 1 < x.length; i++) {
                    g[i] += Math.cos(x[i]) * Math.cos(x[i + 1]);
                    g[i + 1] -= Math.sin(x[i]) * Math.sin(x[i + 1]);
                }
                return g;
            }
        }, new double[] {0.5, -1.1, 2.3, 0.9, -0.2}));
        list.add(new Base("softplus sum", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (T xi : x) {
                    s = s.add(xi.exp().log1p());
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 1 / (1 + Math.exp(-x[i]));
                }
                return g;
            }
        }, new double[] {0.3, -2.0, 1.5, -0.4, 3.0, 0.05}));
        list.add(new Base("rational 1/(1+|x|^2)", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = x[0].getField().getOne();
                for (T xi : x) {
                    s = s.add(xi.multiply(xi));
                }
                return s.reciprocal();
            }

            @Override
            double[] gradient(double[] x) {
                double s = 1;
                for (double xi : x) {
                    s += xi * xi;
                }
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = -2 * x[i] / (s * s);
                }
                return g;
            }
        }, new double[] {0.7, -0.3, 1.4}));
        list.add(new Base("quadratic form", new Fn() {
            private final double[][] a = {{2, 1, 0, -1, 0.5, 0}, {0, 3, 1, 0, 0, 2}, {1, 0, -1, 0.25, 0, 0},
                {0, 0, 0, 4, 1, -1}, {0.5, 0, 2, 0, 1, 0}, {0, -2, 0, 0, 0, 1}};

            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        if (a[i][j] != 0) {
                            s = s.add(x[i].multiply(x[j]).multiply(a[i][j]));
                        }
                    }
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[6];
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        g[i] += (a[i][j] + a[j][i]) * x[j];
                    }
                }
                return g;
            }
        }, new double[] {0.4, -1.2, 0.8, 0.1, -0.5, 1.6}));
        list.add(new Base("bumps x exp(-x^2)", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (T xi : x) {
                    s = s.add(xi.multiply(xi.multiply(xi).negate().exp()));
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = (1 - 2 * x[i] * x[i]) * Math.exp(-x[i] * x[i]);
                }
                return g;
            }
        }, new double[] {0.3, 1.9, -0.9}));
        list.add(new Base("atan(x0 / x1)", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].divide(x[1]).atan();
            }

            @Override
            double[] gradient(double[] x) {
                double r = x[0] * x[0] + x[1] * x[1];
                return new double[] {x[1] / r, -x[0] / r};
            }
        }, new double[] {0.8, 1.3}));
        list.add(new Base("sqrt(1 + |x|^2)", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].multiply(x[0]).add(x[1].multiply(x[1])).add(1).sqrt();
            }

            @Override
            double[] gradient(double[] x) {
                double r = Math.sqrt(1 + x[0] * x[0] + x[1] * x[1]);
                return new double[] {x[0] / r, x[1] / r};
            }
        }, new double[] {-0.6, 2.2}));
        list.add(new Base("cubic, n = 50, with zero coefficients", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (int i = 0; i < x.length; i++) {
                    if (c(i) != 0) {
                        s = s.add(x[i].multiply(x[i]).multiply(x[i]).multiply(c(i)));
                    }
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 3 * c(i) * x[i] * x[i];
                }
                return g;
            }

            private double c(int i) {
                return i % 7 - 3;
            }
        }, fifty(0.3)));
        list.add(new Base("exp(a.x)", new Fn() {
            private final double[] a = {0.5, -0.25, 1, 0.125};

            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (int i = 0; i < 4; i++) {
                    s = s.add(x[i].multiply(a[i]));
                }
                return s.exp();
            }

            @Override
            double[] gradient(double[] x) {
                double s = 0;
                for (int i = 0; i < 4; i++) {
                    s += a[i] * x[i];
                }
                double e = Math.exp(s);
                double[] g = new double[4];
                for (int i = 0; i < 4; i++) {
                    g[i] = a[i] * e;
                }
                return g;
            }
        }, new double[] {0.9, -1.4, 0.3, 2.0}));
        list.add(new Base("sum of logs", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = zero(x);
                for (T xi : x) {
                    s = s.add(xi.log());
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    g[i] = 1 / x[i];
                }
                return g;
            }
        }, new double[] {0.4, 1.7, 3.2}));
        list.add(new Base("x0^x1", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].pow(x[1]);
            }

            @Override
            double[] gradient(double[] x) {
                double p = Math.pow(x[0], x[1]);
                return new double[] {x[1] * Math.pow(x[0], x[1] - 1), Math.log(x[0]) * p};
            }
        }, new double[] {1.6, 2.3}));
        list.add(new Base("tanh(x0 tanh(x1 + x2))", new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].multiply(x[1].add(x[2]).tanh()).tanh();
            }

            @Override
            double[] gradient(double[] x) {
                double u = Math.tanh(x[1] + x[2]);
                double f = Math.tanh(x[0] * u);
                double outer = 1 - f * f;
                double inner = x[0] * (1 - u * u);
                return new double[] {outer * u, outer * inner, outer * inner};
            }
        }, new double[] {1.3, 0.2, -0.7}));
        return list;
    }

    private static double[] fifty(double a) {
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = a + Math.sin(1.7 * i);
        }
        return x;
    }

    /** The scales (value factor, input scale) every base shape is taken at. */
    static final double[][] SCALES = {{1, 1}, {1e-10, 1}, {1e10, 1e8}, {1, 1e-8}};

    /** Every case: the scaled bases, the special cases, and the kinks. */
    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (Base b : bases()) {
            for (double[] s : SCALES) {
                double[] x = b.x().clone();
                for (int i = 0; i < x.length; i++) {
                    x[i] *= s[1];
                }
                list.add(new Case(b.name() + " (values x " + s[0] + ", inputs x " + s[1] + ")", scaled(b.f(), s[0], s[1]), x));
            }
        }
        list.addAll(PlantedSpecials.smooth());
        list.addAll(PlantedSpecials.kinks());
        return list;
    }
}
