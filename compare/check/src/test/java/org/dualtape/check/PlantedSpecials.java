package org.dualtape.check;

import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.dualtape.check.PlantedFunctions.Case;
import org.dualtape.check.PlantedFunctions.Fn;

/** The planted suite's hand-picked hard cases, smooth and with kinks (see {@link PlantedFunctions}). */
final class PlantedSpecials {
    private PlantedSpecials() {
    }

    static List<Case> smooth() {
        return List.of(
                new Case("exp(x) - 1 - x at 1e-4 (tiny curvature, cancellation)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].exp().subtract(1).subtract(x[0]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {Math.expm1(x[0])};
                    }
                }, 1e-4),
                new Case("expm1(x) - x at 1e-4", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].expm1().subtract(x[0]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {Math.expm1(x[0])};
                    }
                }, 1e-4),
                new Case("x0 x1 x2 at (1e5, 1e-5, 3)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(x[1]).multiply(x[2]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {x[1] * x[2], x[0] * x[2], x[0] * x[1]};
                    }
                }, 1e5, 1e-5, 3),
                new Case("sqrt(x0) + x1 at (1e-6, 1)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].sqrt().add(x[1]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {0.5 / Math.sqrt(x[0]), 1};
                    }
                }, 1e-6, 1),
                new Case("1e8 x0^2 + 1e-8 x1^2 at (0.7, 0.3)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(x[0]).multiply(1e8).add(x[1].multiply(x[1]).multiply(1e-8));
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {2e8 * x[0], 2e-8 * x[1]};
                    }
                }, 0.7, 0.3),
                new Case("sin(1000 x) at 0.3", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(1000).sin();
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {1000 * Math.cos(1000 * x[0])};
                    }
                }, 0.3),
                new Case("exp(20 x0) + x1 at (1.1, 0.5), values 4e9", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(20).exp().add(x[1]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {20 * Math.exp(20 * x[0]), 1};
                    }
                }, 1.1, 0.5),
                new Case("1/(x - 1) at 1.001 (a pole nearby)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].subtract(1).reciprocal();
                    }

                    @Override
                    double[] gradient(double[] x) {
                        double d = x[0] - 1;
                        return new double[] {-1 / (d * d)};
                    }
                }, 1.001),
                new Case("x0^2 + (x1 x2 - x2 x1) + x2^3 + 0 x3: exact zeros", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(x[0]).add(x[1].multiply(x[2]).subtract(x[2].multiply(x[1])))
                                .add(x[2].multiply(x[2]).multiply(x[2])).add(x[3].multiply(0.0));
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {2 * x[0], 0, 3 * x[2] * x[2], 0};
                    }
                }, 1.5, 2, -0.5, 0.25),
                new Case("cosh(x) - 1 at 1e-5 (values 5e-11)", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].cosh().subtract(1);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {Math.sinh(x[0])};
                    }
                }, 1e-5),
                new Case("log1p(x) - x at 1e-3", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].log1p().subtract(x[0]);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {-x[0] / (1 + x[0])};
                    }
                }, 1e-3),
                new Case("chain sum (x_i - x_i+1)^2 + 1e-3 x_i^4, n = 50", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        T s = PlantedFunctions.zero(x);
                        for (int i = 0; i < x.length; i++) {
                            T x2 = x[i].multiply(x[i]);
                            s = s.add(x2.multiply(x2).multiply(1e-3));
                            if (i + 1 < x.length) {
                                T d = x[i].subtract(x[i + 1]);
                                s = s.add(d.multiply(d));
                            }
                        }
                        return s;
                    }

                    @Override
                    double[] gradient(double[] x) {
                        double[] g = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            g[i] += 4e-3 * x[i] * x[i] * x[i];
                            if (i + 1 < x.length) {
                                double d = x[i] - x[i + 1];
                                g[i] += 2 * d;
                                g[i + 1] -= 2 * d;
                            }
                        }
                        return g;
                    }
                }, chain()),
                new Case("1 + 1e-10 (sin x0 + x1): nearly flat on an offset", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].sin().add(x[1]).multiply(1e-10).add(1);
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {1e-10 * Math.cos(x[0]), 1e-10};
                    }
                }, 0.4, -0.8),
                new Case("1e8 x0 + sin(x1) at (1e8, 0.5): a large linear term", new Fn() {
                    @Override
                    public <T extends RealFieldElement<T>> T value(T[] x) {
                        return x[0].multiply(1e8).add(x[1].sin());
                    }

                    @Override
                    double[] gradient(double[] x) {
                        return new double[] {1e8, Math.cos(x[1])};
                    }
                }, 1e8, 0.5));
    }

    private static double[] chain() {
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.cos(0.9 * i) * (1 + 0.1 * i);
        }
        return x;
    }

    /** A kink case: {@code smoothAt} is a nearby point where the hand gradient is checked against Dfp. */
    private static Case kink(String name, Fn f, double[] x, double[] smoothAt) {
        return new Case(name, f, x, true, smoothAt);
    }

    static List<Case> kinks() {
        Fn absSquare = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].abs().add(x[1].multiply(x[1]));
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {x[0] > 0 ? 1 : x[0] < 0 ? -1 : 0, 2 * x[1]};
            }
        };
        Fn absShifted = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].subtract(0.3).abs().add(x[1].sin());
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {x[0] - 0.3 >= 0 ? 1 : -1, Math.cos(x[1])};
            }
        };
        Fn reluProduct = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T r = x[0].getReal() > 0 ? x[0] : x[0].multiply(0.0);
                return r.multiply(x[1]).add(x[2]);
            }

            @Override
            double[] gradient(double[] x) {
                return x[0] > 0 ? new double[] {x[1], x[0], 1} : new double[] {0, 0, 1};
            }
        };
        Fn maxPlus = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return (x[0].getReal() >= x[1].getReal() ? x[0] : x[1]).add(x[2].multiply(x[2]));
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {x[0] >= x[1] ? 1 : 0, x[0] >= x[1] ? 0 : 1, 2 * x[2]};
            }
        };
        Fn asymmetric = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                // 1.3 max(x, 0) + 0.7 max(-x, 0): one-sided derivatives -0.7 and 1.3 at 0
                return x[0].multiply(0.3).add(x[0].abs()).add(x[1].multiply(x[1]).multiply(0.5));
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {x[0] >= 0 ? 1.3 : -0.7, x[1]};
            }
        };
        Fn absProduct = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].multiply(x[1]).subtract(1).abs().add(x[0].multiply(0.1));
            }

            @Override
            double[] gradient(double[] x) {
                double s = x[0] * x[1] - 1 >= 0 ? 1 : -1;
                return new double[] {s * x[1] + 0.1, s * x[0]};
            }
        };
        Fn absSin = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                return x[0].sin().abs().add(x[1].multiply(x[0]));
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {Math.signum(Math.sin(x[0])) * Math.cos(x[0]) + x[1], x[0]};
            }
        };
        Fn reluUnits = new Fn() {
            private final double[][] a = {{1, -0.5, 0.25}, {-0.3, 1, 0.7}, {0.6, 0.4, -1}, {0.2, -0.9, 0.5}};
            private final double[] c = {1.5, -0.8, 0.6, 1.1};
            /** Offsets that put each unit's kink 1e-7 to 1e-4 from the point (0.5, -0.2, 0.9). */
            private final double[] b = {-0.825 + 1e-7, -0.28 - 3e-6, 0.68 + 2e-5, -0.73 - 1e-4};

            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T s = x[0].multiply(x[0]).multiply(0.5);
                for (int u = 0; u < 4; u++) {
                    T z = x[0].multiply(a[u][0]).add(x[1].multiply(a[u][1])).add(x[2].multiply(a[u][2])).add(b[u]);
                    s = s.add(z.getReal() > 0 ? z.multiply(c[u]) : z.multiply(0.0));
                }
                return s;
            }

            @Override
            double[] gradient(double[] x) {
                double[] g = {x[0], 0, 0};
                for (int u = 0; u < 4; u++) {
                    double z = a[u][0] * x[0] + a[u][1] * x[1] + a[u][2] * x[2] + b[u];
                    for (int i = 0; z > 0 && i < 3; i++) {
                        g[i] += c[u] * a[u][i];
                    }
                }
                return g;
            }
        };
        Fn twoRelus = new Fn() {
            @Override
            public <T extends RealFieldElement<T>> T value(T[] x) {
                T r0 = x[0].getReal() > 0 ? x[0] : x[0].multiply(0.0);
                T r1 = x[1].getReal() > 0 ? x[1] : x[1].multiply(0.0);
                return r0.add(r1.multiply(2)).add(x[2].exp());
            }

            @Override
            double[] gradient(double[] x) {
                return new double[] {x[0] > 0 ? 1 : 0, x[1] > 0 ? 2 : 0, Math.exp(x[2])};
            }
        };
        return List.of(
                kink("|x0| + x1^2 at the kink (0, 1)", absSquare, new double[] {0, 1}, new double[] {0.2, 1}),
                kink("|x0| + x1^2 away from the kink (0.4, 1)", absSquare, new double[] {0.4, 1}, new double[] {0.4, 1}),
                kink("|x0 - 0.3| + sin x1 near the kink (0.3 + 1e-7)", absShifted, new double[] {0.3 + 1e-7, 0.6},
                        new double[] {0.5, 0.6}),
                kink("relu(x0) x1 + x2 away (0.5, 2, 1)", reluProduct, new double[] {0.5, 2, 1}, new double[] {0.5, 2, 1}),
                kink("max(x0, x1) + x2^2 at a tie (2, 2, 1)", maxPlus, new double[] {2, 2, 1}, new double[] {2.5, 2, 1}),
                kink("0.3 x0 + |x0| + x1^2/2 at the kink (one-sided -0.7, 1.3)", asymmetric, new double[] {0, 0.4},
                        new double[] {0.1, 0.4}),
                kink("|x0 x1 - 1| + 0.1 x0 at the kink (2, 0.5)", absProduct, new double[] {2, 0.5}, new double[] {2.2, 0.5}),
                kink("|sin x0| + x1 x0 at pi (a kink 1e-16 away)", absSin, new double[] {Math.PI, 0.3},
                        new double[] {3.0, 0.3}),
                kink("4 relu units with kinks 1e-7 to 1e-4 away", reluUnits, new double[] {0.5, -0.2, 0.9},
                        new double[] {0.5, -0.2, 0.9}),
                kink("relu(x0) + 2 relu(x1) + exp(x2) at (0, 0, 0.5)", twoRelus, new double[] {0, 0, 0.5},
                        new double[] {0.1, 0.2, 0.5}));
    }
}
