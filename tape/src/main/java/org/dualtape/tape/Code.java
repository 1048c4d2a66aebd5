package org.dualtape.tape;

import java.util.Arrays;

/**
 * The straight-line program generated from a tape, before it becomes bytecode ({@link Bytecode})
 * or Java text ({@link JavaSource}): a stack-machine instruction list over named quantities.
 *
 * <p>A quantity (a "key") is one double the program computes: the value of entry {@code i}
 * ({@code v7}), one of its partials ({@code p7_1}), its adjoint in a reverse sweep ({@code a7},
 * {@code a7_2} in the sweep of output 2), its tangent ({@code t7}, {@code t7_3} with respect to
 * input 3) or a branch key ({@code k7}). Keys become JVM locals inside a method; the
 * {@link #CHUNK} markers split the program into methods, and a key that crosses methods also gets a
 * slot of the flat workspace {@code w} ({@link Layout}). Arrays of the generated methods:
 * {@code x} the inputs, {@code s} the seeds ({@code u} or {@code v}), {@code o} the results,
 * {@code w} the workspace, whose first {@link #SCRATCH} slots receive the partials of rules that
 * write them to an array.
 */
final class Code {
    /** Workspace slots reserved for rules that return partials in an array. */
    static final int SCRATCH = 4;

    // instructions                       operands
    static final int LOAD = 0;         // a: key                     push key
    static final int STORE = 1;        // a: key                     pop into key
    static final int CONST = 2;        // d                          push d
    static final int INPUT = 3;        // a: index                   push x[a]
    static final int SEED = 4;         // a: index                   push s[a]
    static final int OUT = 5;          // a: index, b: key (-1: d)   o[a] = key (or d)
    static final int ADD = 6;
    static final int SUB = 7;
    static final int MUL = 8;
    static final int DIV = 9;
    static final int NEG = 10;
    static final int RECEIVER = 11;    // a: Elementary ordinal      push the function (before its arguments)
    static final int CALL_F = 12;      // a: ordinal                 f(x)
    static final int CALL_DF = 13;     // a: ordinal                 df(x, y)
    static final int SCRATCH_REF = 14; //                            push w, 0 (before a rule's arguments)
    static final int INT = 15;         // a: n                       push the int n
    static final int CALL = 16;        // a: Call ordinal            a static method
    static final int SCRATCH_READ = 17; // a: slot, b: key           key = w[a]
    static final int IF_NONZERO = 18;  // a: key                     if (key != 0) {
    static final int END_IF = 19;      //                            }
    static final int CHECK = 20;       // a: entry, b: key, d: recorded   throw unless key is the recorded branch
    static final int ENTRY = 21;       // a: entry                   a comment: the code of entry a follows
    static final int CHUNK = 22;       //                            a method boundary
    static final int RETURN = 23;      // a: key (-1: d)             the method's result
    static final int ARRAY = 24;       // a: n                       push new double[n]
    static final int ELEMENT = 25;     // a: j                       the next value goes to element j of the array below
    static final int ELEMENT_END = 26; //                            store it there

    // kinds of keys
    static final int VALUE = 0;
    static final int PARTIAL = 1;
    static final int ADJOINT = 2;
    static final int TANGENT = 3;
    static final int BRANCH_KEY = 4;

    /** The static methods generated code calls: owner, name, descriptor, arguments taken. */
    enum Call {
        LINEAR_COMBINATION_2("org/apache/commons/math3/util/MathArrays", "linearCombination", "(DDDD)D"),
        LINEAR_COMBINATION_3("org/apache/commons/math3/util/MathArrays", "linearCombination", "(DDDDDD)D"),
        LINEAR_COMBINATION_4("org/apache/commons/math3/util/MathArrays", "linearCombination", "(DDDDDDDD)D"),
        LINEAR_COMBINATION_ARRAYS("org/apache/commons/math3/util/MathArrays", "linearCombination", "([D[D)D"),
        POW_CONSTANT(Rules.class, "powConstant", "([DIDD)D"),
        POW_INT(Rules.class, "powInt", "([DIDI)D"),
        ROOT_N(Rules.class, "rootN", "([DIDI)D"),
        SCALB(Rules.class, "scalb", "([DIDI)D"),
        POW(Rules.class, "pow", "([DIDD)D"),
        ATAN2(Rules.class, "atan2", "([DIDD)D"),
        HYPOT(Rules.class, "hypot", "([DIDD)D"),
        REMAINDER(Rules.class, "remainder", "([DIDD)D"),
        COPY_SIGN(Rules.class, "copySign", "([DIDD)D"),
        MIN(Rules.class, "min", "([DIDD)D"),
        MAX(Rules.class, "max", "([DIDD)D"),
        ROUND(Rules.class, "round", "([DID)D"),
        COMPARE(Rules.class, "compare", "([DIDD)D"),
        BRANCH_KEY(CompiledCode.class, "elementaryKey", "(DD)D");

        final String owner;
        final String name;
        final String descriptor;
        /** The arguments as the source shows them: doubles and ints after the scratch array. */
        final int arguments;

        Call(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            String args = descriptor.substring(1, descriptor.indexOf(')')).replace("[D", "A");
            this.arguments = args.startsWith("AI") ? args.length() - 2 : args.length();
        }

        Call(Class<?> owner, String name, String descriptor) {
            this(owner.getName().replace('.', '/'), name, descriptor);
        }

        /** {@code Rules.pow} or {@code MathArrays.linearCombination}. */
        String javaName() {
            return owner.substring(owner.lastIndexOf('/') + 1) + "." + name;
        }

        /** Whether the method takes the scratch array and offset first. */
        boolean scratch() {
            return descriptor.startsWith("([DI");
        }
    }

    int[] op = new int[64];
    int[] a = new int[64];
    int[] b = new int[64];
    double[] d = new double[64];
    int size;

    /** Per key: its kind, entry and sub-index (partial slot, sweep, direction; -1 for none). */
    int[] keyKind = new int[64];
    int[] keyEntry = new int[64];
    int[] keySub = new int[64];
    int keys;

    /** A new quantity. */
    int key(int kind, int entry, int sub) {
        if (keys == keyKind.length) {
            int n = 2 * keys;
            keyKind = Arrays.copyOf(keyKind, n);
            keyEntry = Arrays.copyOf(keyEntry, n);
            keySub = Arrays.copyOf(keySub, n);
        }
        keyKind[keys] = kind;
        keyEntry[keys] = entry;
        keySub[keys] = sub;
        return keys++;
    }

    void add(int code) {
        add(code, 0, 0, 0);
    }

    void add(int code, int x) {
        add(code, x, 0, 0);
    }

    void add(int code, int x, int y, double z) {
        if (size == op.length) {
            int n = 2 * size;
            op = Arrays.copyOf(op, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            d = Arrays.copyOf(d, n);
        }
        op[size] = code;
        a[size] = x;
        b[size] = y;
        d[size] = z;
        size++;
    }

    void constant(double c) {
        add(CONST, 0, 0, c);
    }

    /** The key's name in the generated source: {@code v7}, {@code p7_1}, {@code a7_2}, {@code t7_3}, {@code k7}. */
    String name(int key) {
        int e = keyEntry[key];
        int s = keySub[key];
        return switch (keyKind[key]) {
            case VALUE -> "v" + e;
            case PARTIAL -> "p" + e + "_" + s;
            case ADJOINT -> s < 0 ? "a" + e : "a" + e + "_" + s;
            case TANGENT -> s < 0 ? "t" + e : "t" + e + "_" + s;
            default -> "k" + e;
        };
    }

    /** The key instruction {@code i} reads, or -1. */
    int read(int i) {
        return switch (op[i]) {
            case LOAD, IF_NONZERO -> a[i];
            case RETURN -> a[i];
            case OUT, CHECK -> b[i];
            default -> -1;
        };
    }

    /** The key instruction {@code i} writes, or -1. */
    int written(int i) {
        return switch (op[i]) {
            case STORE -> a[i];
            case SCRATCH_READ -> b[i];
            default -> -1;
        };
    }
}
