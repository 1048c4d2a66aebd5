package org.dualtape.tape;

import org.dualtape.dual.Elementary;

/**
 * The op codes stored on the tape, one byte per entry: replay and the teaching view need them;
 * the reverse and tangent sweeps of scalar entries do not (they use the stored partials).
 *
 * <p>Codes below {@link #ELEMENTARY_END} are {@link Elementary} ordinals. Codes from
 * {@link #VECTOR} on are vector nodes, whose values live in the tape's arena (see
 * {@link Arena}). {@link #AUX} says how many recorded parameters (the {@code 3.0} of
 * {@code x.add(3.0)}) an entry keeps in the tape's parameter list.
 */
final class Op {
    /** The {@link Elementary} functions, indexed by op code. */
    static final Elementary[] ELEMENTARY = Elementary.values();
    /** First code after the {@link Elementary} ordinals. */
    static final int ELEMENTARY_END = 64;

    // scalar entries                               partials (arguments)         parameters
    static final int INPUT = 64;       // none                                  -
    static final int CONST = 65;       // none                                  -
    static final int ADD = 66;         // 1, 1                                  -
    static final int SUB = 67;         // 1, -1                                 -
    static final int MUL = 68;         // y, x                                  -
    static final int DIV = 69;         // 1/y, -q/y                             -
    static final int ADD_C = 70;       // 1                                     c
    static final int SUB_C = 71;       // 1                                     c
    static final int MUL_C = 72;       // c (the partial is the parameter)      -
    static final int DIV_C = 73;       // 1/c                                   c
    static final int POW_C = 74;       // p x^(p-1)                             p
    static final int POW_INT = 75;     // n x^(n-1)                             n
    static final int ROOT_N = 76;      // 1/(n y^(n-1))                         n
    static final int SCALB = 77;       // 2^n                                   n
    static final int POW = 78;         // y x^(y-1), x^y log x                  -
    static final int ATAN2 = 79;       // x/r², -y/r² (this = y, argument x)    -
    static final int HYPOT = 80;       // x/h, y/h                              -
    static final int REM = 81;         // 1, -k                                 -
    static final int COPY_SIGN = 82;   // ±1, 0                                 -
    static final int MIN = 83;         // 1, 0 or 0, 1                          -
    static final int MAX = 84;         // 1, 0 or 0, 1                          -
    static final int ROUND = 85;       // 0 (a guard: the value is the long)    -
    static final int COMPARE = 86;     // 0, 0 (a guard: the value is -1, 0, 1) -
    static final int LC_VAR = 87;      // b..., a... (Σ a_i b_i, fixed arity)   -
    static final int LC_VAR_N = 88;    // same, array form                      -
    static final int LC_CONST = 89;    // a... (Σ a_i b_i, a constant)          -
    static final int LC_CONST_N = 90;  // same, array form                      -

    /** First vector-node code: entries from here on have no partials, an arena node instead. */
    static final int VECTOR = 100;
    static final int V_INPUT = 100;
    static final int V_CONST = 101;
    static final int V_VIEW = 102;
    static final int V_AFFINE = 103;
    static final int V_ADD = 104;
    static final int V_SUB = 105;
    static final int V_MUL = 106;
    static final int V_UNARY = 107;
    static final int V_SUM = 108;
    static final int V_MEAN = 109;
    static final int V_DOT = 110;
    static final int V_SOFTMAX_CE = 111;
    static final int V_MSE = 112;
    static final int V_BCE_LOGITS = 113;
    static final int V_ELEMENT = 114;
    static final int V_STACK = 115;
    static final int V_SCALE = 116;
    static final int V_SHIFT = 117;
    static final int END = 118;

    /** Recorded parameters per op code, including the recorded branch of piecewise entries. */
    static final byte[] AUX = new byte[END];
    /**
     * Op codes whose value depends on a branch: replay compares the branch taken (see
     * {@link Rules#sameBranch}). {@link Elementary} codes are marked by
     * {@link Elementary#piecewise()}.
     */
    static final boolean[] PIECEWISE = new boolean[END];
    private static final String[] LABEL = new String[END];

    static {
        if (ELEMENTARY.length > ELEMENTARY_END) {
            throw new ExceptionInInitializerError("too many Elementary functions for the op codes");
        }
        for (Elementary e : ELEMENTARY) {
            LABEL[e.ordinal()] = e.label();
            PIECEWISE[e.ordinal()] = e.piecewise();
            AUX[e.ordinal()] = (byte) (e.piecewise() ? 1 : 0);
        }
        String[] scalar = {"input", "const", "add", "subtract", "multiply", "divide", "add", "subtract",
            "multiply", "divide", "pow", "pow", "rootN", "scalb", "pow", "atan2", "hypot", "remainder",
            "copySign", "min", "max", "round", "compare", "linearCombination", "linearCombination",
            "linearCombination", "linearCombination"};
        System.arraycopy(scalar, 0, LABEL, INPUT, scalar.length);
        String[] vector = {"matrix input", "matrix const", "view", "affine", "add", "subtract", "multiply",
            "elementwise", "sum", "mean", "dot", "softmaxCrossEntropy", "meanSquaredError",
            "binaryCrossEntropyWithLogits", "element", "stack", "multiply", "add"};
        System.arraycopy(vector, 0, LABEL, VECTOR, vector.length);
        for (int code : new int[] {ADD_C, SUB_C, DIV_C, POW_C, POW_INT, ROOT_N, SCALB}) {
            AUX[code] = 1;
        }
        for (int code : new int[] {REM, COPY_SIGN, MIN, MAX, ROUND, COMPARE}) {
            PIECEWISE[code] = true;
            AUX[code] = 1;
        }
    }

    private Op() {
    }

    /**
     * The operation's name as a user writes it.
     *
     * @param code an op code
     * @return its label, such as {@code "exp"} or {@code "affine"}
     */
    static String label(int code) {
        String s = code >= 0 && code < END ? LABEL[code] : null;
        return s == null ? "op" + code : s;
    }
}
