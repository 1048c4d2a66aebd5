package org.dualtape.tape;

import java.util.ArrayDeque;

/**
 * A {@link Code} written out in Java syntax, for {@link Replay#source()}: the program the bytecode
 * runs, instruction for instruction, with a comment naming each tape entry as
 * {@link Tape#table()} numbers it. {@code SIN.f(v0)} and {@code SIN.df(v0, v1)} are the
 * {@link org.dualtape.dual.Elementary} rule table's value and derivative.
 */
final class JavaSource {
    private static final int ATOM = 3;
    private static final int PRODUCT = 2;
    private static final int SUM = 1;
    /** An array literal still receiving elements: closed when a call takes it. */
    private static final int OPEN_ARRAY = -1;

    private final Tape tape;
    private final Code code;
    private final Layout layout;
    private final Compiled.Kind kind;
    private final StringBuilder s = new StringBuilder();
    private final ArrayDeque<Term> stack = new ArrayDeque<>();
    private int indent;
    private boolean[] declared;

    /** One operand on the evaluation stack: its text, precedence and, for a sum or difference, its parts. */
    private record Term(String text, int precedence, int op, String left, String right) {
        Term(String text, int precedence) {
            this(text, precedence, -1, null, null);
        }
    }

    JavaSource(Tape tape, Code code, Layout layout, Compiled.Kind kind) {
        this.tape = tape;
        this.code = code;
        this.layout = layout;
        this.kind = kind;
    }

    String render() {
        declared = new boolean[code.keys];
        String seeds = kind == Compiled.Kind.VJP ? "u" : kind == Compiled.Kind.JVP ? "v" : null;
        String out = switch (kind) {
            case VALUES -> "y";
            case GRADIENT -> "g";
            case VJP -> "uJ";
            case JACOBIAN -> "yJ";
            case JVP -> "Jv";
        };
        String params = "double[] x" + (seeds == null ? "" : ", double[] " + seeds) + ", double[] " + out
            + (layout.workspace > Code.SCRATCH || usesScratch() ? ", double[] w" : "");
        s.append("// ").append(describe()).append('\n');
        for (int m = 0; m < layout.methods; m++) {
            s.append(layout.methods == 1 ? "double " + kind.name().toLowerCase(java.util.Locale.ROOT) : "static double c" + m)
                .append('(').append(params).append(") {\n");
            indent = 1;
            for (int k : layout.loads[m]) {
                line("double " + code.name(k) + " = w[" + layout.slot[k] + "];");
                declared[k] = true;
            }
            int end = layout.begin[m + 1] - (m + 1 < layout.methods ? 1 : 0);
            boolean returned = false;
            for (int i = layout.begin[m]; i < end; i++) {
                returned |= instruction(i, seeds, out);
            }
            for (int k : layout.stores[m]) {
                line("w[" + layout.slot[k] + "] = " + code.name(k) + ";");
            }
            if (!returned) {
                line("return 0;");
            }
            s.append("}\n");
            java.util.Arrays.fill(declared, false);
        }
        return s.toString();
    }

    private String describe() {
        return switch (kind) {
            case VALUES -> "values: the recorded entries in order; y gets the outputs";
            case GRADIENT -> "gradient: values and partials forward, then adjoints from the output down; g gets the inputs' adjoints";
            case VJP -> "u·J: values and partials forward, adjoints seeded with u, swept down";
            case JACOBIAN -> "Jacobian: yJ gets the outputs' values, then the rows of J";
            case JVP -> "J·v: values, partials and tangents forward, tangents seeded with v";
        };
    }

    private boolean usesScratch() {
        for (int i = 0; i < code.size; i++) {
            if (code.op[i] == Code.SCRATCH_REF) {
                return true;
            }
        }
        return false;
    }

    /** Renders instruction {@code i}; returns whether it returned. */
    private boolean instruction(int i, String seeds, String out) {
        int a = code.a[i];
        switch (code.op[i]) {
            case Code.LOAD -> push(code.name(a), ATOM);
            case Code.STORE -> store(a);
            case Code.CONST -> push(literal(code.d[i]), code.d[i] < 0 ? SUM : ATOM);
            case Code.INPUT -> push("x[" + a + "]", ATOM);
            case Code.SEED -> push(seeds + "[" + a + "]", ATOM);
            case Code.OUT -> line(out + "[" + a + "] = " + (code.b[i] >= 0 ? code.name(code.b[i]) : literal(code.d[i])) + ";");
            case Code.ADD -> binary(" + ", SUM, Code.ADD);
            case Code.SUB -> binary(" - ", SUM, Code.SUB);
            case Code.MUL -> binary(" * ", PRODUCT, Code.MUL);
            case Code.DIV -> binary(" / ", PRODUCT, Code.DIV);
            case Code.NEG -> {
                Term x = stack.pop();
                push("-" + (x.precedence() < ATOM ? "(" + x.text() + ")" : x.text()), PRODUCT);
            }
            case Code.RECEIVER, Code.SCRATCH_REF -> push(null, ATOM);
            case Code.CALL_F, Code.CALL_DF -> {
                String args = arguments(code.op[i] == Code.CALL_F ? 1 : 2);
                stack.pop();
                push(Op.ELEMENTARY[a].name() + (code.op[i] == Code.CALL_F ? ".f(" : ".df(") + args + ")", ATOM);
            }
            case Code.INT -> push(Integer.toString(a), ATOM);
            case Code.ARRAY -> push("new double[] {", OPEN_ARRAY);
            case Code.ELEMENT -> {
                // the element's value follows
            }
            case Code.ELEMENT_END -> {
                String value = stack.pop().text();
                String array = stack.pop().text();
                push(array + (array.endsWith("{") ? "" : ", ") + value, OPEN_ARRAY);
            }
            case Code.CALL -> {
                Code.Call c = Code.Call.values()[a];
                String args = arguments(c.arguments);
                if (c.scratch()) {
                    stack.pop();
                    args = "w, 0, " + args;
                }
                push(c.javaName() + "(" + args + ")", ATOM);
            }
            case Code.SCRATCH_READ -> assign(code.b[i], "w[" + a + "]");
            case Code.IF_NONZERO -> {
                line("if (" + code.name(a) + " != 0) {");
                indent++;
            }
            case Code.END_IF -> {
                indent--;
                line("}");
            }
            case Code.CHECK -> line("if (!Rules.same(" + code.name(code.b[i]) + ", " + literal(code.d[i])
                + ")) throw branchChanged(" + a + ");");
            case Code.ENTRY -> line("// #" + a + " " + Op.label(tape.op[a])
                + (tape.start[a] < tape.start[a + 1] ? " of " + tape.replayer.arguments(a) : ""));
            case Code.RETURN -> {
                line("return " + (a >= 0 ? code.name(a) : literal(code.d[i])) + ";");
                return true;
            }
            default -> {
                // CHUNK markers end the loop before they are reached
            }
        }
        return false;
    }

    private void push(String text, int precedence) {
        stack.push(new Term(text, precedence));
    }

    private void binary(String symbol, int precedence, int op) {
        Term right = stack.pop();
        Term left = stack.pop();
        String l = left.precedence() < precedence ? "(" + left.text() + ")" : left.text();
        String r = right.precedence() <= precedence ? "(" + right.text() + ")" : right.text();
        stack.push(new Term(l + symbol + r, precedence, op, left.text(), r));
    }

    /** {@code count} operands, in order. */
    private String arguments(int count) {
        String[] args = new String[count];
        for (int j = count - 1; j >= 0; j--) {
            Term x = stack.pop();
            args[j] = x.precedence() == OPEN_ARRAY ? x.text() + "}" : x.text();
        }
        return String.join(", ", args);
    }

    /** {@code k = top}, written {@code k += r} when the top is {@code k + r}. */
    private void store(int k) {
        Term x = stack.pop();
        String name = code.name(k);
        if (declared[k] && (x.op() == Code.ADD || x.op() == Code.SUB) && name.equals(x.left())) {
            line(name + (x.op() == Code.ADD ? " += " : " -= ") + x.right() + ";");
        } else {
            assign(k, x.text());
        }
    }

    private void assign(int k, String text) {
        line((declared[k] ? "" : "double ") + code.name(k) + " = " + text + ";");
        declared[k] = true;
    }

    private void line(String text) {
        s.append("    ".repeat(indent)).append(text).append('\n');
    }

    private static String literal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + (Double.doubleToRawLongBits(d) == Long.MIN_VALUE ? ".0 /* -0 */" : ".0");
        }
        return Double.isNaN(d) ? "Double.NaN" : Double.isInfinite(d) ? (d > 0 ? "" : "-") + "Double.POSITIVE_INFINITY"
            : Double.toString(d);
    }
}
