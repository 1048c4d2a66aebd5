package org.dualtape.tape;

import java.util.Locale;

/**
 * The teaching view of a tape: a text table and a Graphviz DOT graph of its entries, like the
 * computational-graph figures of lecture notes on reverse mode. Adjoints are shown when a reverse
 * sweep has run since the entry was recorded.
 */
final class TapePrinter {
    private final Tape t;

    TapePrinter(Tape t) {
        this.t = t;
    }

    /** One row per entry: index, operation, arguments (with partials), value, adjoint. */
    String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%5s  %-22s %-34s %14s %14s%n", "#", "operation", "arguments (partial)",
            "value", "adjoint"));
        int a = 0;
        for (int i = 0; i < t.size; i++) {
            int code = t.op[i];
            s.append(String.format(Locale.ROOT, "%5d  %-22s %-34s %14s %14s%n", i, operation(i, a), arguments(i),
                value(i), adjoint(i)));
            a += Op.AUX[code];
        }
        return s.toString();
    }

    /** A DOT digraph: one node per entry, one edge per argument, labelled with its partial. */
    String graphviz() {
        StringBuilder s = new StringBuilder("digraph tape {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        int a = 0;
        for (int i = 0; i < t.size; i++) {
            String adjoint = adjoint(i);
            s.append("  n").append(i).append(" [label=\"#").append(i).append(' ').append(escape(operation(i, a)))
                .append("\\nvalue ").append(escape(value(i)))
                .append(adjoint.isEmpty() ? "" : "\\nadjoint " + escape(adjoint)).append("\"];\n");
            if (t.op[i] >= Op.VECTOR) {
                int j = t.arena.nodeOf(i);
                for (int p : new int[] {t.arena.a[j], t.arena.b[j], t.arena.c[j]}) {
                    if (p >= 0) {
                        s.append("  n").append(t.arena.entry[p]).append(" -> n").append(i).append(";\n");
                    }
                }
            }
            for (int k = t.start[i]; k < t.start[i + 1]; k++) {
                s.append("  n").append(t.arg[k]).append(" -> n").append(i);
                if (t.op[i] < Op.VECTOR) {
                    s.append(" [label=\"").append(number(t.partial[k])).append("\"]");
                }
                s.append(";\n");
            }
            a += Op.AUX[t.op[i]];
        }
        return s.append("}\n").toString();
    }

    /** The operation's label, with its recorded parameter: {@code "add 3"}, {@code "pow 2.5"}. */
    private String operation(int i, int a) {
        int code = t.op[i];
        String label = Op.label(code);
        boolean parameter = Op.AUX[code] > (Op.PIECEWISE[code] ? 1 : 0);
        if (parameter) {
            label += " " + number(t.aux[a]);
        } else if (code == Op.MUL_C) {
            label += " " + number(t.partial[t.start[i]]);
        } else if (code == Op.V_UNARY) {
            label = Op.ELEMENTARY[t.arena.aux[t.arena.nodeOf(i)]].label() + " (elementwise)";
        } else if (code == Op.V_SCALE || code == Op.V_SHIFT) {
            label += " " + number(t.arena.constant(t.arena.nodeOf(i)));
        }
        String name = t.names == null ? null : t.names.get(i);
        return name == null ? label : label + " " + name;
    }

    private String arguments(int i) {
        if (t.op[i] >= Op.VECTOR) {
            return t.replayer.arguments(i);
        }
        StringBuilder s = new StringBuilder();
        for (int k = t.start[i]; k < t.start[i + 1]; k++) {
            s.append(k > t.start[i] ? ", #" : "#").append(t.arg[k]).append(" (").append(number(t.partial[k]))
                .append(')');
        }
        return s.toString();
    }

    private String value(int i) {
        if (t.op[i] >= Op.VECTOR && Double.isNaN(t.value[i])) {
            int j = t.arena.nodeOf(i);
            return t.arena.rows[j] + "×" + t.arena.cols[j];
        }
        return number(t.value[i]);
    }

    private String adjoint(int i) {
        if (i >= t.adjointsValid || (t.op[i] >= Op.VECTOR && Double.isNaN(t.value[i]))) {
            return "";
        }
        return number(t.adjoint[i]);
    }

    /** Short, exact where it is short: {@code 16}, {@code 0.5}, else six significant digits. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v) + (v == 0 && 1 / v < 0 ? ".0" : "");
        }
        String plain = String.valueOf(v);
        return plain.length() <= 10 ? plain : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
