package org.dualtape.dual;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.FastMath;

/**
 * The one table of unary derivative rules: for each elementary function, its value {@code f(x)}
 * and its local derivative {@code df(x, y)} given {@code y = f(x)}, so that rules such as
 * {@code exp' = y} and {@code tanh' = (1 - y)(1 + y)} reuse the value already computed.
 *
 * <p>{@link Dual}, {@link MultiDual} and the reverse-mode tape all apply this table, so each
 * derivative is written once; plain {@code double} code that wants bitwise the same values (the
 * comparison's losses) calls {@link #f(double)} too.
 *
 * <h2>Values</h2>
 * Every {@code f} is the {@code java.lang.Math} function of the same name. Java has no inverse
 * hyperbolic functions, so {@link #ASINH}, {@link #ACOSH} and {@link #ATANH} use Commons Math's
 * {@code FastMath}, as {@code DerivativeStructure} does. The activations ({@link #SIGMOID},
 * {@link #SOFTPLUS}, {@link #LOG_SIGMOID}) are written so that no intermediate overflows.
 *
 * <h2>Accuracy of the rules</h2>
 * Rules are written so that they neither overflow nor cancel where the derivative is
 * representable: {@code (1 - x)(1 + x)} rather than {@code 1 - x²} near ±1 (asin, acos, atanh),
 * {@code hypot(x, 1)} for asinh and {@code √(x - 1)·√(x + 1)} for acosh (so |x| above 1e154 does
 * not give 0), and {@code e^x} for expm1 ({@code y + 1} cancels for x ≪ 0). {@link #SIGMOID} and
 * {@link #TANH} keep the value-reusing forms {@code y(1 - y)} and {@code (1 - y)(1 + y)}, which
 * lose relative accuracy only where the derivative is below about 1e-8 (|x| above about 18), as
 * in most machine-learning libraries.
 *
 * <h2>Conventions at kinks and domain edges</h2>
 * They follow Commons Math's {@code DerivativeStructure} (order 1):
 * <ul>
 *   <li>{@code abs'(x)} is {@code -1} when the sign bit of {@code x} is set (including
 *       {@code -0.0}) and {@code +1} otherwise (including {@code +0.0});</li>
 *   <li>{@code floor}, {@code ceil}, {@code rint} and {@code signum} have derivative 0
 *       everywhere, including at their jumps;</li>
 *   <li>{@code sqrt'(0) = cbrt'(0) = +∞}; {@code log'(0) = +∞}; {@code asin'}, {@code acos'},
 *       {@code atanh'} are infinite at ±1 and {@code acosh'} at 1;</li>
 *   <li>{@code relu'(0) = 0} (the subgradient most libraries use; it is not in Commons Math).</li>
 * </ul>
 * Outside a function's domain the value is NaN as in {@code Math}, and so is the derivative (the
 * logarithms and atanh test their domain explicitly, as {@code 1 / x} alone would not be NaN).
 *
 * <h2>Second derivatives</h2>
 * {@link #d2f(double, double)} reuses the value and the first derivative where that helps:
 * {@code tanh'' = -2y·tanh'}, {@code sigmoid'' = sigmoid'·(1 - 2y)}, {@code exp'' = y},
 * {@code sin'' = -y}, {@code asin'' = x·asin'³}, {@code atanh'' = 2x·atanh'²}; the softplus family
 * uses {@code σ(x)·σ(-x)}, which does not cancel for large |x|. At the domain edges the second
 * derivative is the IEEE limit of its formula: {@code sqrt''(0) = cbrt''(+0) = -∞},
 * {@code cbrt''(-0) = +∞}, {@code log''(0) = -∞}, {@code asin''(±1) = ±∞}, {@code acos''(±1) = ∓∞},
 * {@code atanh''(±1) = ±∞}, {@code acosh''(1) = -∞}; outside the domain it is NaN. The piecewise
 * functions have second derivative 0 everywhere, including exactly at their kinks and jumps: there
 * it is the second derivative of the piece that the first-order convention picks (abs at ±0 is
 * ±x, relu at 0 is the zero piece), each piece being linear or constant; the Dirac mass of the
 * distributional derivative is not a number. {@code relu''(NaN)} is NaN, as {@code relu'(NaN)}.
 *
 * <h2>Domains</h2>
 * {@link #low()} and {@link #high()} give the open interval on which the rule is the derivative
 * of a smooth function; tests sweep it. {@link #piecewise()} marks the functions whose value
 * depends on a branch (the reverse-mode tape records the branch taken for replay).
 */
public enum Elementary {
    //               domain                                       f(x)                                           df(x, y = f(x))                                                                            d2f(x, y)
    NEGATE    (-inf(), inf(), false) { public double f(double x) { return -x; }                   public double df(double x, double y) { return -1; }                                                       public double d2f(double x, double y) { return 0; } },
    RECIPROCAL(-inf(), inf(), false) { public double f(double x) { return 1 / x; }                public double df(double x, double y) { return -(y * y); }                                                 public double d2f(double x, double y) { return 2 * y * y * y; } },
    SQUARE    (-inf(), inf(), false) { public double f(double x) { return x * x; }                public double df(double x, double y) { return 2 * x; }                                                    public double d2f(double x, double y) { return 2; } },
    EXP       (-inf(), inf(), false) { public double f(double x) { return Math.exp(x); }          public double df(double x, double y) { return y; }                                                        public double d2f(double x, double y) { return y; } },
    EXPM1     (-inf(), inf(), false) { public double f(double x) { return Math.expm1(x); }        public double df(double x, double y) { return Math.exp(x); }                                              public double d2f(double x, double y) { return Math.exp(x); } },
    LOG       (0, inf(), false)      { public double f(double x) { return Math.log(x); }          public double df(double x, double y) { return x >= 0 ? 1 / x : Double.NaN; }                              public double d2f(double x, double y) { return x >= 0 ? -1 / (x * x) : Double.NaN; } },
    LOG1P     (-1, inf(), false)     { public double f(double x) { return Math.log1p(x); }        public double df(double x, double y) { return x >= -1 ? 1 / (1 + x) : Double.NaN; }                       public double d2f(double x, double y) { return x >= -1 ? -1 / ((1 + x) * (1 + x)) : Double.NaN; } },
    LOG10     (0, inf(), false)      { public double f(double x) { return Math.log10(x); }        public double df(double x, double y) { return x >= 0 ? 1 / (x * LN_10) : Double.NaN; }                    public double d2f(double x, double y) { return x >= 0 ? -1 / (x * x * LN_10) : Double.NaN; } },
    SQRT      (0, inf(), false)      { public double f(double x) { return Math.sqrt(x); }         public double df(double x, double y) { return 1 / (2 * y); }                                              public double d2f(double x, double y) { return -1 / (4 * x * y); } },
    CBRT      (-inf(), inf(), false) { public double f(double x) { return Math.cbrt(x); }         public double df(double x, double y) { return 1 / (3 * y * y); }                                          public double d2f(double x, double y) { return -2 / (9 * x * y * y); } },
    SIN       (-inf(), inf(), false) { public double f(double x) { return Math.sin(x); }          public double df(double x, double y) { return Math.cos(x); }                                              public double d2f(double x, double y) { return -y; } },
    COS       (-inf(), inf(), false) { public double f(double x) { return Math.cos(x); }          public double df(double x, double y) { return -Math.sin(x); }                                             public double d2f(double x, double y) { return -y; } },
    TAN       (-inf(), inf(), false) { public double f(double x) { return Math.tan(x); }          public double df(double x, double y) { return 1 + y * y; }                                                public double d2f(double x, double y) { return 2 * y * (1 + y * y); } },
    ASIN      (-1, 1, false)         { public double f(double x) { return Math.asin(x); }         public double df(double x, double y) { return 1 / Math.sqrt((1 - x) * (1 + x)); }                         public double d2f(double x, double y) { double d = df(x, y); return x * d * d * d; } },
    ACOS      (-1, 1, false)         { public double f(double x) { return Math.acos(x); }         public double df(double x, double y) { return -1 / Math.sqrt((1 - x) * (1 + x)); }                        public double d2f(double x, double y) { double d = df(x, y); return x * d * d * d; } },
    ATAN      (-inf(), inf(), false) { public double f(double x) { return Math.atan(x); }         public double df(double x, double y) { return 1 / (1 + x * x); }                                          public double d2f(double x, double y) { double d = df(x, y); return -2 * x * d * d; } },
    SINH      (-inf(), inf(), false) { public double f(double x) { return Math.sinh(x); }         public double df(double x, double y) { return Math.cosh(x); }                                             public double d2f(double x, double y) { return y; } },
    COSH      (-inf(), inf(), false) { public double f(double x) { return Math.cosh(x); }         public double df(double x, double y) { return Math.sinh(x); }                                             public double d2f(double x, double y) { return y; } },
    TANH      (-inf(), inf(), false) { public double f(double x) { return Math.tanh(x); }         public double df(double x, double y) { return (1 - y) * (1 + y); }                                        public double d2f(double x, double y) { return -2 * y * df(x, y); } },
    ASINH     (-inf(), inf(), false) { public double f(double x) { return FastMath.asinh(x); }    public double df(double x, double y) { return 1 / Math.hypot(x, 1); }                                     public double d2f(double x, double y) { double d = df(x, y); return -(x * d) * d * d; } },
    ACOSH     (1, inf(), false)      { public double f(double x) { return FastMath.acosh(x); }    public double df(double x, double y) { return 1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1)); }                public double d2f(double x, double y) { double d = df(x, y); return -(x * d) * d * d; } },
    ATANH     (-1, 1, false)         { public double f(double x) { return FastMath.atanh(x); }    public double df(double x, double y) { return Math.abs(x) <= 1 ? 1 / ((1 - x) * (1 + x)) : Double.NaN; }  public double d2f(double x, double y) { double d = df(x, y); return 2 * x * d * d; } },
    ABS       (-inf(), inf(), true)  { public double f(double x) { return Math.abs(x); }          public double df(double x, double y) { return signBit(x) ? -1 : 1; }                                      public double d2f(double x, double y) { return 0; } },
    SIGNUM    (-inf(), inf(), true)  { public double f(double x) { return Math.signum(x); }       public double df(double x, double y) { return 0; }                                                        public double d2f(double x, double y) { return 0; } },
    FLOOR     (-inf(), inf(), true)  { public double f(double x) { return Math.floor(x); }        public double df(double x, double y) { return 0; }                                                        public double d2f(double x, double y) { return 0; } },
    CEIL      (-inf(), inf(), true)  { public double f(double x) { return Math.ceil(x); }         public double df(double x, double y) { return 0; }                                                        public double d2f(double x, double y) { return 0; } },
    RINT      (-inf(), inf(), true)  { public double f(double x) { return Math.rint(x); }         public double df(double x, double y) { return 0; }                                                        public double d2f(double x, double y) { return 0; } },
    SIGMOID   (-inf(), inf(), false) { public double f(double x) { return sigmoid(x); }           public double df(double x, double y) { return y * (1 - y); }                                              public double d2f(double x, double y) { return df(x, y) * (1 - 2 * y); } },
    RELU      (-inf(), inf(), true)  { public double f(double x) { return Math.max(0.0, x); }     public double df(double x, double y) { return x > 0 ? 1 : x <= 0 ? 0 : Double.NaN; }                      public double d2f(double x, double y) { return x != x ? Double.NaN : 0; } },
    SOFTPLUS  (-inf(), inf(), false) { public double f(double x) { return softplus(x); }          public double df(double x, double y) { return sigmoid(x); }                                               public double d2f(double x, double y) { return sigmoid(x) * sigmoid(-x); } },
    LOG_SIGMOID(-inf(), inf(), false) { public double f(double x) { return -softplus(-x); }       public double df(double x, double y) { return sigmoid(-x); }                                              public double d2f(double x, double y) { return -(sigmoid(x) * sigmoid(-x)); } };

    /** {@code ln 10}, for the derivative of {@code log10}. */
    private static final double LN_10 = Math.log(10);

    private final double low;
    private final double high;
    private final boolean piecewise;

    Elementary(double low, double high, boolean piecewise) {
        this.low = low;
        this.high = high;
        this.piecewise = piecewise;
    }

    /**
     * The function's value.
     *
     * @param x the argument
     * @return {@code f(x)}, computed as plain {@code double} code computes it
     */
    public abstract double f(double x);

    /**
     * The function's local derivative.
     *
     * @param x the argument
     * @param y the value {@code f(x)}, which the rule may reuse
     * @return {@code f'(x)}
     */
    public abstract double df(double x, double y);

    /**
     * The function's second derivative, for second-order reverse mode (Hessian-vector products).
     *
     * @param x the argument
     * @param y the value {@code f(x)}, which the rule may reuse
     * @return {@code f''(x)}
     */
    public abstract double d2f(double x, double y);

    /**
     * The local derivative {@code df(x, y)} in the arithmetic of a field, for code written once
     * for every number type (backpropagation by hand in {@code Dfp} or {@code Decimal64}): the
     * same rule as {@link #df(double, double)}, evaluated in {@code T}. For {@link #TANH}
     * ({@code (1 - y)(1 + y)}), {@link #SIGMOID} ({@code y(1 - y)}), {@link #EXP} ({@code y}),
     * {@link #SQUARE} ({@code 2x}) and {@link #NEGATE} the field carries the rule to its own
     * precision; every other function's rule is the {@code double} one at the values' real parts
     * (exact for the piecewise functions, whose derivatives are -1, 0, 1 or NaN; relu' is NaN at
     * NaN, as in the table).
     *
     * @param x the argument
     * @param y the value {@code f(x)}
     * @param <T> the number type
     * @return {@code f'(x)} in {@code T}; on {@code Decimal64}, bitwise {@link #df(double, double)}
     */
    public <T extends RealFieldElement<T>> T df(T x, T y) {
        switch (this) {
            case TANH:
                return y.negate().add(1.0).multiply(y.add(1.0));
            case SIGMOID:
                return y.multiply(y.negate().add(1.0));
            case EXP:
                return y;
            case SQUARE:
                return x.multiply(2);
            case NEGATE:
                return x.getField().getOne().negate();
            default:
                return x.getField().getZero().add(df(x.getReal(), y.getReal()));
        }
    }

    /**
     * The lower end of the open interval on which the function is smooth (kinks aside).
     *
     * @return the lower bound, possibly {@code -∞}
     */
    public double low() {
        return low;
    }

    /**
     * The upper end of the open interval on which the function is smooth (kinks aside).
     *
     * @return the upper bound, possibly {@code +∞}
     */
    public double high() {
        return high;
    }

    /**
     * Whether the value depends on a branch (abs, signum, floor, ceil, rint, relu): a recorded
     * tape replayed at another point may fall on another piece.
     *
     * @return {@code true} for piecewise functions
     */
    public boolean piecewise() {
        return piecewise;
    }

    /**
     * The name as a user writes it in code: {@code "exp"}, {@code "logSigmoid"}.
     *
     * @return the lower-camel-case name
     */
    public String label() {
        String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder s = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            s.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return s.toString();
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)}, computed without overflow for any {@code x}.
     *
     * @param x the argument
     * @return {@code σ(x)} in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x); // x < 0: e in (0, 1), no overflow
        return e / (1 + e);
    }

    /**
     * {@code log(1 + e^x)}, computed without overflow for any {@code x}.
     *
     * @param x the argument
     * @return {@code softplus(x)} in [0, ∞]
     */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static boolean signBit(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }

    private static double inf() {
        return Double.POSITIVE_INFINITY;
    }
}
