package org.dualtape.tape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.dualtape.dual.Partials;

/**
 * A Wengert list: the record of one evaluation in flat primitive arrays (the layout and the words
 * for its parts are in the package documentation), from which reverse mode gets gradients with
 * one backwards loop and tangents with its mirror image.
 *
 * <h2>Use</h2>
 * Record with {@link #variable}, {@link #constant}, {@link VarMatrix#variable} and the operations
 * of {@link Var} and {@link VarMatrix}; then {@link #reverse(Var)} (adjoints), {@link #forward}
 * (tangents, {@code J·v} without running user code), {@link Replay#of} (new inputs without
 * running user code), {@link #table()} and {@link #graphviz()} (the teaching view).
 * {@link Reverse} does all this for functions of {@code Var[]}.
 *
 * <h2>Allocation and limits</h2>
 * Arrays grow by doubling, each group allocated in full before any is replaced, so a tape that
 * saw an {@link OutOfMemoryError} (or any other {@code Throwable}) while recording stays
 * consistent. At most {@link #MAX_ENTRIES} entries and as many partials: beyond, recording
 * throws {@link IllegalStateException} ("tape full") before allocating. {@link #clear()} keeps
 * the arrays, so recording the same function again allocates nothing on the tape side; drop the
 * tape to free them. After warm-up the sweeps allocate nothing.
 *
 * <h2>Threads</h2>
 * A tape is used by one thread at a time; separate tapes never interfere (no shared mutable
 * state, no "current tape": every {@link Var} knows its tape).
 */
public final class Tape {
    /** The most entries, and the most partials, a tape holds (about the largest Java array). */
    public static final int MAX_ENTRIES = Integer.MAX_VALUE - 16;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int MIN_CAPACITY = 16;

    final int id = COUNTER.incrementAndGet(); // for messages: Tape#3
    long generation; // incremented by clear(): an older Var is stale (a long, so it never wraps)

    byte[] op;
    double[] value;
    int[] start; // entry i's partials are [start[i], start[i + 1])
    int size;
    int[] arg;
    double[] partial;
    double[] aux; // recorded parameters, in recording order (Op.AUX per entry)
    int auxSize;
    Map<Integer, String> names; // inputs' names for printing (variable(x, name)), or null
    double[] adjoint = new double[0]; // the sweeps' workspace, reused
    double[] tangent = new double[0];
    final Arena arena = new Arena(this); // the vector nodes
    final Replayer replayer = new Replayer(this);
    final VarField field = new VarField(this);
    private final int[] single = new int[1]; // the output of reverse(Var), without allocating
    boolean replayed; // a replay wrote new values since clear() (see Var.current())
    int firstValueRead = -1; // the first entry whose value user code read while recording, or -1
    int adjointsValid; // entries below are covered by the last reverse sweep
    int tangentsValid; // ... by the last tangent sweep

    /** A tape with a small initial capacity; it grows as needed. */
    public Tape() {
        this(256, 512);
    }

    /**
     * A tape with room for the given number of scalar entries and partials before it grows.
     * @param entries initial entry capacity, at most {@link #MAX_ENTRIES}
     * @param partials initial partial capacity, at most {@link #MAX_ENTRIES}
     * @throws IllegalArgumentException if a capacity is negative or above {@link #MAX_ENTRIES}
     */
    public Tape(int entries, int partials) {
        if (entries < 0 || partials < 0 || entries > MAX_ENTRIES || partials > MAX_ENTRIES) {
            throw new IllegalArgumentException("capacities must be in [0, " + MAX_ENTRIES + "], got entries="
                + entries + ", partials=" + partials);
        }
        int n = Math.max(entries, MIN_CAPACITY);
        int p = Math.max(partials, MIN_CAPACITY);
        op = new byte[n];
        value = new double[n];
        start = new int[n + 1];
        arg = new int[p];
        partial = new double[p];
        aux = new double[MIN_CAPACITY];
    }

    /**
     * Records an independent variable (an input of the function).
     * @param x its value
     * @return the new variable
     */
    public Var variable(double x) {
        return var(leaf(Op.INPUT, x));
    }

    /**
     * Records an independent variable with a name that the teaching view shows (as in
     * {@code input a}), forgotten by {@link #clear()}.
     *
     * @param x its value
     * @param name the name to print, such as {@code "a"}
     * @return the new variable
     * @throws NullPointerException if {@code name} is null
     */
    public Var variable(double x, String name) {
        Objects.requireNonNull(name, "name");
        int entry = leaf(Op.INPUT, x);
        if (names == null) {
            names = new HashMap<>();
        }
        names.put(entry, name);
        return var(entry);
    }

    /**
     * Records one independent variable per element.
     * @param x the values; not modified
     * @return the variables, in order (consecutive entries)
     */
    public Var[] variables(double[] x) {
        Var[] v = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = variable(x[i]);
        }
        return v;
    }

    /**
     * Records a constant: an entry with no partials, never changed by replay.
     * @param c its value
     * @return the constant
     */
    public Var constant(double c) {
        return var(leaf(Op.CONST, c));
    }

    /**
     * Forgets every entry and makes every {@link Var}, {@link VarMatrix} and {@link Replay} of
     * this tape stale (using one throws {@link IllegalStateException}). The arrays are kept.
     */
    public void clear() {
        size = 0;
        auxSize = 0;
        adjointsValid = 0;
        tangentsValid = 0;
        replayed = false;
        firstValueRead = -1;
        generation++;
        arena.clear();
        names = null;
    }

    /**
     * The number of entries (scalar and vector) recorded since the last {@link #clear()}.
     * @return the entry count
     */
    public int entries() {
        return size;
    }

    /**
     * The number of partials (scalar arguments) recorded.
     * @return the partial count
     */
    public int partials() {
        return start[size];
    }

    /**
     * The bytes the recording occupies: 13 per entry, 12 per partial, 8 per recorded parameter,
     * and the vector nodes' arena (8 per double, 4 per int, 44 per node); the sweeps' workspace
     * is not counted.
     *
     * @return the recorded size in bytes
     */
    public long bytes() {
        return 13L * size + 12L * start[size] + 8L * auxSize + arena.bytes();
    }

    /**
     * The bytes allocated for the arrays, including unused capacity and the sweeps' workspace.
     * @return the allocated size in bytes
     */
    public long capacityBytes() {
        return 13L * op.length + 4 + 12L * arg.length + 8L * (aux.length + adjoint.length + tangent.length)
            + arena.capacityBytes();
    }

    /**
     * Runs the reverse sweep seeded with adjoint 1 at {@code output}: afterwards
     * {@link Var#adjoint()} of every entry is the derivative of {@code output} with respect to it.
     *
     * <p>An entry whose adjoint is exactly zero propagates nothing, so an unused {@code sqrt(0)}
     * cannot turn a gradient into NaN; and a zero partial propagates nothing even when the adjoint
     * is infinite, so {@code sqrt(x * x)} at 0 has derivative 0 as in forward mode
     * ({@link Partials#chain}).
     *
     * @param output the entry to differentiate
     * @throws IllegalStateException if {@code output} belongs to another tape or is stale
     */
    public void reverse(Var output) {
        output.checkOn(this);
        single[0] = output.index;
        reverse(single, 0, 1, null, 0);
    }

    /**
     * Runs the reverse sweep seeded with {@code u[i]} at {@code outputs[i]}, giving {@code uᵀ·J}
     * in the adjoints (seeds of an output listed twice add).
     *
     * @param outputs the outputs; not modified
     * @param u the seeds, one per output; not modified
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if an output belongs to another tape or is stale
     */
    public void reverse(Var[] outputs, double[] u) {
        if (outputs.length != u.length) {
            throw new IllegalArgumentException("u has length " + u.length + " but there are "
                + outputs.length + " outputs");
        }
        reverse(Var.indices(this, outputs), 0, outputs.length, u, 0);
    }

    /**
     * Runs the forward tangent sweep over the recorded entries, seeded with tangent {@code v[i]}
     * at {@code inputs[i]} (every other input and constant has tangent 0): afterwards
     * {@link Var#tangent()} of every entry is its directional derivative, so the outputs' tangents
     * are {@code J·v}. User code is not run again.
     *
     * @param inputs the seeded entries, normally inputs; not modified
     * @param v the seeds; not modified
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if an input belongs to another tape or is stale
     */
    public void forward(Var[] inputs, double[] v) {
        if (inputs.length != v.length) {
            throw new IllegalArgumentException("v has length " + v.length + " but there are "
                + inputs.length + " inputs");
        }
        for (Var x : inputs) {
            x.checkOn(this);
        }
        clearTangents();
        for (int i = 0; i < inputs.length; i++) {
            tangent[inputs[i].index] += v[i];
        }
        sweepForward(size - 1);
    }

    /**
     * The teaching view: a text table with one row per entry (index, operation, arguments with
     * their partials, value, and the adjoint from the last reverse sweep, if any), like the
     * computational-graph tables of lecture notes. Meant for small tapes.
     *
     * @return the table, one line per entry after a header line
     */
    public String table() {
        return new TapePrinter(this).table();
    }

    /**
     * The teaching view as a Graphviz DOT digraph: one box per entry (operation, value, adjoint),
     * one edge per argument labelled with its partial. Render with {@code dot -Tsvg}.
     *
     * @return the DOT source
     */
    public String graphviz() {
        return new TapePrinter(this).graphviz();
    }

    // ---------------------------------------------------------------- the two sweeps

    /**
     * Seeds the adjoints, then sweeps: every adjoint cleared, {@code u[r - from]} (1 if {@code u}
     * is null) added at entry {@code outputs[r]} for {@code r} in {@code [from, to)}, then the sweep
     * down to entry {@code first}, below which there are only scalar inputs and constants.
     */
    void reverse(int[] outputs, int from, int to, double[] u, int first) {
        clearAdjoints();
        int last = -1;
        for (int r = from; r < to; r++) {
            adjoint[outputs[r]] += u == null ? 1 : u[r - from];
            last = Math.max(last, outputs[r]);
        }
        int node = arena.nodesUpTo(last);
        int i = last;
        while (node > 0 && arena.entry[node - 1] >= first) {
            int vector = arena.entry[--node];
            sweepScalars(i, vector);
            arena.reverse(node);
            i = vector - 1;
        }
        sweepScalars(i, first - 1);
    }

    /**
     * Adjoints of scalar entries {@code from} down to {@code stop + 1}: a zero adjoint is skipped,
     * an infinite one skips zero partials (0·∞ = 0, as {@link Partials#chain}); each entry's end
     * is the next one's start, carried rather than loaded.
     */
    private void sweepScalars(int from, int stop) {
        final int[] start = this.start;
        final int[] arg = this.arg;
        final double[] partial = this.partial;
        final double[] adjoint = this.adjoint;
        int end = start[from + 1];
        for (int i = from; i > stop; i--) {
            int k = start[i];
            double a = adjoint[i];
            if (a != 0.0) {
                if (Double.isInfinite(a)) {
                    for (int j = k; j < end; j++) {
                        adjoint[arg[j]] += partial[j] == 0 ? 0.0 : partial[j] * a;
                    }
                } else {
                    for (int j = k; j < end; j++) {
                        adjoint[arg[j]] += partial[j] * a;
                    }
                }
            }
            end = k;
        }
    }

    /** The tangent sweep from entry 0 up to {@code last}, seeds in place: the reverse sweep's mirror. */
    void sweepForward(int last) {
        int nodes = arena.nodesUpTo(last);
        int i = 0;
        for (int node = 0; node < nodes; node++) {
            int vector = arena.entry[node];
            tangentScalars(i, vector);
            arena.forward(node);
            i = vector + 1;
        }
        tangentScalars(i, last + 1);
    }

    /**
     * Tangents of scalar entries {@code [from, to)}: inputs and constants keep their seeds; a zero
     * tangent times an infinite partial is 0 ({@link Partials#chain}), redone only if the sum is NaN.
     */
    private void tangentScalars(int from, int to) {
        final int[] start = this.start;
        final int[] arg = this.arg;
        final double[] partial = this.partial;
        final double[] tangent = this.tangent;
        int k = start[from];
        for (int i = from; i < to; i++) {
            int end = start[i + 1];
            if (k != end) {
                double t = 0;
                for (int j = k; j < end; j++) {
                    t += partial[j] * tangent[arg[j]];
                }
                if (t != t) {
                    t = 0;
                    for (int j = k; j < end; j++) {
                        t += Partials.chain(partial[j], tangent[arg[j]]);
                    }
                }
                tangent[i] = t;
            }
            k = end;
        }
    }

    /** Sets every adjoint (scalar and arena) to zero, growing the workspace if needed. */
    void clearAdjoints() {
        if (adjoint.length < size) {
            adjoint = new double[value.length];
        } else {
            Arrays.fill(adjoint, 0, size, 0.0);
        }
        adjointsValid = size;
        arena.clearAdjoints();
    }

    /** Sets every tangent (scalar and arena) to zero, growing the workspace if needed. */
    void clearTangents() {
        if (tangent.length < size) {
            tangent = new double[value.length];
        } else {
            Arrays.fill(tangent, 0, size, 0.0);
        }
        tangentsValid = size;
        arena.clearTangents();
    }

    // ---------------------------------------------------------------- recording (package-private)

    /** A new view of entry {@code i}. */
    Var var(int i) {
        return new Var(this, i, generation);
    }

    /** Appends an entry without partials. */
    int leaf(int code, double v) {
        int i = size;
        if (i == op.length) {
            growEntries();
        }
        op[i] = (byte) code;
        value[i] = v;
        start[i + 1] = start[i];
        size = i + 1;
        return i;
    }

    /**
     * Appends an entry with one argument and returns its partial's slot, for the rule to fill
     * before {@link #set}; small enough to inline, so an intermediate {@code Var} need not exist.
     */
    int push(int code, Var x) {
        if (x.tape != this || x.generation != generation) {
            x.checkOn(this);
        }
        int k = pushN(code, 1);
        arg[k] = x.index;
        return k;
    }

    /** Appends an entry with two arguments and returns the slot of its first partial, as {@link #push(int, Var)}. */
    int push(int code, Var x, Var y) {
        if (x.tape != this || y.tape != this || x.generation != generation || y.generation != generation) {
            x.checkOn(this); // throws, naming what is wrong
            x.checkWith(y);
        }
        int k = pushN(code, 2);
        arg[k] = x.index;
        arg[k + 1] = y.index;
        return k;
    }

    /** Sets the value of the entry just pushed and returns its view. */
    Var set(double v) {
        int i = size - 1;
        value[i] = v;
        return new Var(this, i, generation, v);
    }

    /**
     * Appends an entry with {@code n} argument slots {@code arg[k...]} for the caller to fill;
     * returns {@code k}. Growth comes before any write, so a failed one leaves the tape as it was.
     */
    int pushN(int code, int n) {
        int i = size;
        int k = start[i];
        if (i == op.length) {
            growEntries();
        }
        if (n > arg.length - k) {
            growPartials((long) k + n);
        }
        op[i] = (byte) code;
        start[i + 1] = k + n;
        size = i + 1;
        return k;
    }

    /** Appends a recorded parameter; returns its index in {@link #aux}. */
    int pushAux(double c) {
        if (auxSize == aux.length) {
            aux = Arrays.copyOf(aux, Sizes.grown(aux.length, auxSize + 1L, "recorded parameters"));
        }
        aux[auxSize] = c;
        return auxSize++;
    }

    /** Records the branch that piecewise entry {@code y} took (its last parameter); returns {@code y}. */
    Var branch(Var y) {
        pushAux(Rules.branchKey(this, y.index, op[y.index]));
        return y;
    }

    private void growEntries() { // every array allocated before any is assigned
        int n = Sizes.grown(op.length, op.length + 1L, "entries");
        byte[] o = Arrays.copyOf(op, n);
        double[] v = Arrays.copyOf(value, n);
        start = Arrays.copyOf(start, n + 1);
        op = o;
        value = v;
    }

    private void growPartials(long needed) {
        int n = Sizes.grown(arg.length, needed, "partials");
        int[] g = Arrays.copyOf(arg, n);
        partial = Arrays.copyOf(partial, n);
        arg = g;
    }

    IllegalStateException stale(String what, long recordedGeneration) {
        return new IllegalStateException(what + " was recorded in generation " + recordedGeneration
            + " of " + id() + ", which has been cleared since (now generation " + generation
            + "): record again after clear()");
    }

    /** {@code Tape#3}. */
    String id() {
        return "Tape#" + id;
    }

    /**
     * A short description: number, generation and size.
     * @return for example {@code "Tape#3 (generation 1, 12 entries)"}
     */
    @Override
    public String toString() {
        return id() + " (generation " + generation + ", " + size + " entries)";
    }
}
