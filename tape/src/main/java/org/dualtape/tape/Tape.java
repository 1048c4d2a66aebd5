package org.dualtape.tape;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Wengert list: the record of one evaluation, stored as flat primitive arrays, from which
 * reverse mode gets gradients with one backwards loop.
 *
 * <h2>Layout</h2>
 * Struct of arrays, no object per entry. Entry {@code i} has a {@code value[i]}, an op code
 * {@code op[i]} (one byte, for replay and printing) and the partials {@code k} in
 * {@code [start[i], start[i + 1])}: the local derivative {@code partial[k]} of entry {@code i}
 * with respect to entry {@code arg[k]}, computed when the entry is recorded. Parameters that
 * replay needs and the partials do not hold (the {@code c} of {@code x.add(c)}) go to a separate
 * list, read back in recording order. Entries are appended in evaluation order, so creation order
 * is a topological order: the reverse sweep is a plain backwards loop and the tangent sweep its
 * mirror image, with no recursion and no sorting. Vector nodes are entries too (one each); their
 * values live in an {@link Arena}.
 *
 * <h2>Size</h2>
 * An input or constant takes 13 bytes (value 8, row pointer 4, op code 1), a unary entry 25
 * (plus one partial: argument 4, partial 8), a binary entry 37, and an entry with a parameter 8
 * more (so {@code x.pow(2.5)} takes 33; a piecewise entry keeps its recorded branch the same way,
 * so {@code x.abs()} takes 33). The sweeps add an 8-byte adjoint (or tangent) per entry
 * of workspace, allocated once and reused. {@link #bytes()} reports the recorded figure.
 *
 * <h2>Use</h2>
 * Record with {@link #variable}, {@link #constant}, {@link #matrix(double[], int, int)} and the
 * operations of {@link Var} and {@link VarMatrix}; then {@link #reverse(Var)} (adjoints),
 * {@link #forward} (tangents, {@code J·v} without running user code), {@link #replay} (new
 * inputs without running user code), {@link #table()} and {@link #dot()} (the teaching view).
 * {@link Reverse} does all this for functions of {@code Var[]}.
 *
 * <h2>Speed (rough: best of repeated batches on a loaded 2-core machine; the JMH benchmarks
 * measure it properly)</h2>
 * Recording costs about 5.5 ns per scalar operation: the entry's seven to nine array stores and
 * their checks (the {@code Var} of an intermediate result costs nothing when the JIT inlines the
 * operation into user code and scalar-replaces the object). The reverse sweep costs about 2.4 ns
 * per entry and a replay about 3 ns per entry before its sweep. Plain {@code double} code does an
 * add or a multiply in well under a nanosecond, and overlaps independent ones, so a gradient of
 * cheap arithmetic costs 20 to 25 times the plain function (Horner's rule, one multiply and one
 * add per input, replayed: 12 to 16 times) and of the extended Rosenbrock function (nine
 * operations per term, which plain code completes in under 1 ns) about 90 times (replayed: about
 * 65 times); a chain of {@code sin}, multiply, add about 2 to 4 times. The reverse sweep and
 * {@link Replay} allocate nothing.
 *
 * <h2>Allocation</h2>
 * Arrays grow geometrically (doubling). {@link #clear()} keeps them, so recording the same
 * function again allocates nothing on the tape side (each {@link Var} the user code creates is a
 * small object of its own). After warm-up, the sweeps and {@link Replay} allocate nothing.
 *
 * <h2>Threads</h2>
 * A tape is used by one thread at a time (it is not synchronized); separate tapes on separate
 * threads never interfere: there is no shared mutable state, and no "current tape": every
 * {@link Var} knows its tape.
 */
public final class Tape {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int MIN_CAPACITY = 16;

    /** The tape's number, for messages: {@code Tape#3}. */
    final int id = COUNTER.incrementAndGet();
    /** Incremented by {@link #clear()}: a {@link Var} of an older generation is stale. */
    int generation;

    byte[] op;
    double[] value;
    /** Row pointers: entry {@code i}'s partials are {@code [start[i], start[i + 1])}. */
    int[] start;
    int size;
    int[] arg;
    double[] partial;
    /** Recorded parameters, in recording order ({@link Op#AUX} per entry). */
    double[] aux;
    int auxSize;
    /** Names given to inputs for printing ({@link #variable(double, String)}), by entry; null when none. */
    private java.util.Map<Integer, String> names;
    /** Workspace of the sweeps, reused. */
    double[] adjoint = new double[0];
    double[] tangent = new double[0];
    /** The vector nodes' storage. */
    final Arena arena = new Arena(this);
    /** Re-evaluation at new inputs, for {@link Replay}. */
    final Replayer replayer = new Replayer(this);

    /** Whether a replay has written new values since the last {@link #clear()} (see {@link Var#current()}). */
    boolean replayed;

    /** Entries covered by the last reverse (tangent) sweep's workspace: older ones are valid. */
    int adjointsValid;
    int tangentsValid;

    private int zero = -1;
    private int one = -1;
    private final VarField field = new VarField(this);
    private double[][] scratchA = new double[0][];
    private double[][] scratchB = new double[0][];

    /** A tape with a small initial capacity; it grows as needed. */
    public Tape() {
        this(256, 512);
    }

    /**
     * A tape with room for the given number of scalar entries and partials before it grows.
     *
     * @param entries initial entry capacity
     * @param partials initial partial capacity
     * @throws IllegalArgumentException if a capacity is negative
     */
    public Tape(int entries, int partials) {
        if (entries < 0 || partials < 0) {
            throw new IllegalArgumentException("capacities must be >= 0, got entries=" + entries
                + ", partials=" + partials);
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
     *
     * @param x its value
     * @return the new variable
     */
    public Var variable(double x) {
        return var(leaf(Op.INPUT, x));
    }

    /**
     * Records an independent variable with a name, which {@link #table()} and {@link #dot()} show
     * next to its entry (as in {@code input a}); the name is only for printing and is forgotten
     * by {@link #clear()}.
     *
     * @param x its value
     * @param name the name to print, such as {@code "a"}
     * @return the new variable
     * @throws NullPointerException if {@code name} is null
     */
    public Var variable(double x, String name) {
        java.util.Objects.requireNonNull(name, "name");
        int entry = leaf(Op.INPUT, x);
        if (names == null) {
            names = new java.util.HashMap<>();
        }
        names.put(entry, name);
        return var(entry);
    }

    /** The printed name of an entry given by {@link #variable(double, String)}, or null. */
    String nameOf(int entry) {
        return names == null ? null : names.get(entry);
    }

    /**
     * Records one independent variable per element.
     *
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
     *
     * @param c its value
     * @return the constant
     */
    public Var constant(double c) {
        return var(leaf(Op.CONST, c));
    }

    /**
     * Records a matrix input (a vector node): a copy of {@code rows × cols} values, row-major. It
     * gets adjoints and can be replaced by {@link Replay}.
     *
     * @param data the values; not modified (copied)
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    public VarMatrix matrix(double[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
                + " values, got " + data.length);
        }
        return matrix(Op.V_INPUT, data, 0, rows, cols);
    }

    /**
     * Records a matrix input from {@code rows × cols} values of {@code data} starting at
     * {@code offset} (a copy), for example one layer's weights inside a flat parameter array.
     *
     * @param data the values; not modified (copied)
     * @param offset the first value
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if the values do not fit inside {@code data}
     */
    public VarMatrix matrix(double[] data, int offset, int rows, int cols) {
        return matrix(Op.V_INPUT, data, offset, rows, cols);
    }

    /**
     * Records a constant matrix (data, targets): no adjoint work is done for it, and replay keeps it.
     *
     * @param data the values; not modified (copied)
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    public VarMatrix constantMatrix(double[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
                + " values, got " + data.length);
        }
        return matrix(Op.V_CONST, data, 0, rows, cols);
    }

    /**
     * Records a constant matrix from {@code rows × cols} values of {@code data} at {@code offset}.
     *
     * @param data the values; not modified (copied)
     * @param offset the first value
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if the values do not fit inside {@code data}
     */
    public VarMatrix constantMatrix(double[] data, int offset, int rows, int cols) {
        return matrix(Op.V_CONST, data, offset, rows, cols);
    }

    /**
     * A matrix of scalar variables, row-major: one entry whose adjoints flow back to each
     * {@code Var}.
     *
     * @param elements {@code rows × cols} variables of this tape; not modified
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the new matrix
     * @throws IllegalArgumentException if {@code elements.length != rows * cols}
     * @throws IllegalStateException if an element belongs to another tape or is stale
     */
    public VarMatrix matrix(Var[] elements, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != elements.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
                + " elements, got " + elements.length);
        }
        for (Var x : elements) {
            check(x);
        }
        int j = arena.add(Op.V_STACK, rows, cols, -1, -1, -1, 0, elements.length, elements.length);
        int k = start[arena.entry[j]];
        for (int i = 0; i < elements.length; i++) {
            arg[k + i] = elements[i].index;
        }
        VectorRules.compute(arena, j, false);
        return new VarMatrix(this, j, generation);
    }

    private VarMatrix matrix(int code, double[] data, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0 || offset < 0 || offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix at offset " + offset
                + " does not fit inside an array of " + data.length + " values");
        }
        int j = arena.add(code, rows, cols, -1, -1, -1, 0, rows * cols, 0);
        System.arraycopy(data, offset, arena.val, arena.off[j], rows * cols);
        return new VarMatrix(this, j, generation);
    }

    /**
     * The field of this tape's variables, whose zero and one are constants on this tape.
     *
     * @return the field
     */
    public VarField field() {
        return field;
    }

    /**
     * Forgets every entry and makes every {@link Var} and {@link VarMatrix} recorded so far stale
     * (using one throws {@link IllegalStateException}). The arrays are kept.
     */
    public void clear() {
        size = 0;
        auxSize = 0;
        zero = -1;
        one = -1;
        adjointsValid = 0;
        tangentsValid = 0;
        replayed = false;
        generation++;
        arena.clear();
        names = null;
    }

    /**
     * The number of entries (scalar and vector) recorded since the last {@link #clear()}.
     *
     * @return the entry count
     */
    public int entries() {
        return size;
    }

    /**
     * The number of partials (scalar arguments) recorded.
     *
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
     *
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
     * cannot turn a gradient into NaN (forward mode would give NaN where a zero adjoint meets an
     * infinite partial, as in {@code 0 * sqrt(x)} at 0).
     *
     * @param output the entry to differentiate
     * @throws IllegalStateException if {@code output} belongs to another tape or is stale
     */
    public void reverse(Var output) {
        check(output);
        clearAdjoints();
        adjoint[output.index] = 1;
        sweepReverse(output.index);
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
        int last = -1;
        for (Var y : outputs) {
            check(y);
            last = Math.max(last, y.index);
        }
        clearAdjoints();
        for (int i = 0; i < outputs.length; i++) {
            adjoint[outputs[i].index] += u[i];
        }
        sweepReverse(last);
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
            check(x);
        }
        clearTangents();
        for (int i = 0; i < inputs.length; i++) {
            tangent[inputs[i].index] += v[i];
        }
        sweepForward(size - 1);
    }

    /**
     * Prepares to re-evaluate this recording at new inputs: see {@link Replay}.
     *
     * @param output the output to evaluate and differentiate
     * @param inputs the inputs whose values a replay replaces, in the order of its flat input array
     *     (each must be a {@link #variable}); not modified
     * @return the replay
     * @throws IllegalArgumentException if an input is not a variable of this tape, or is listed twice
     * @throws IllegalStateException if a {@code Var} belongs to another tape or is stale
     */
    public Replay replay(Var output, Var... inputs) {
        return replay(new Var[] {output}, inputs);
    }

    /**
     * Prepares to re-evaluate this recording at new matrix inputs: see {@link Replay}. The flat
     * input array of the replay lists the matrices' values in order, each row by row.
     *
     * @param output the output to evaluate and differentiate
     * @param inputs the matrices whose values a replay replaces (each made by
     *     {@link #matrix(double[], int, int)}); not modified
     * @return the replay
     * @throws IllegalArgumentException if an input is not a matrix input of this tape, or is listed twice
     * @throws IllegalStateException if an argument belongs to another tape or is stale
     */
    public Replay replay(Var output, VarMatrix... inputs) {
        int[] in = new int[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            VarMatrix x = inputs[j];
            if (x == null) {
                throw new IllegalArgumentException("input " + j + " is null");
            }
            if (x.tape != this) {
                throw new IllegalStateException(x.describe() + " is not on " + this);
            }
            x.check();
            in[j] = x.entry;
        }
        return replay(new Var[] {output}, in);
    }

    /**
     * Prepares to re-evaluate this recording at new inputs, with several outputs: see {@link Replay}.
     *
     * @param outputs the outputs; not modified
     * @param inputs the inputs whose values a replay replaces (each must be a {@link #variable});
     *     not modified
     * @return the replay
     * @throws IllegalArgumentException if an input is not a variable of this tape, or is listed twice
     * @throws IllegalStateException if a {@code Var} belongs to another tape or is stale
     */
    public Replay replay(Var[] outputs, Var[] inputs) {
        int[] in = new int[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            Var x = inputs[j];
            if (x == null) {
                throw new IllegalArgumentException("input " + j + " is null");
            }
            check(x);
            in[j] = x.index;
        }
        return replay(outputs, in);
    }

    Replay replay(Var[] outputs, int[] in) {
        return replayer.prepare(outputs, in);
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
    public String dot() {
        return new TapePrinter(this).dot();
    }

    // ---------------------------------------------------------------- the two sweeps

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

    /**
     * The reverse sweep from entry {@code last} down to 0, adjoints already seeded. The scalar
     * entries between two vector nodes are swept by {@link #sweepScalars}, a loop with no switch;
     * each vector node then runs its vector-Jacobian product.
     */
    void sweepReverse(int last) {
        sweepReverse(last, 0);
    }

    /**
     * The reverse sweep from entry {@code last} down to {@code first}, for a caller that knows the
     * entries below {@code first} are scalar inputs or constants, which have nothing to propagate
     * ({@link Reverse} records the function's inputs first; {@link Replay} finds the first entry
     * that is neither once).
     */
    void sweepReverse(int last, int first) {
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
     * Propagates the adjoints of scalar entries {@code from} down to {@code stop + 1}. An entry whose
     * adjoint is zero is skipped (see {@link #reverse(Var)}). The end of entry {@code i}'s partials is
     * the start of entry {@code i + 1}'s, carried from one step to the next rather than loaded.
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
                for (int j = k; j < end; j++) {
                    adjoint[arg[j]] += partial[j] * a;
                }
            }
            end = k;
        }
    }

    /** The tangent sweep from entry 0 up to {@code last}, seeds already in place. */
    void sweepForward(int last) {
        final byte[] op = this.op;
        final int[] start = this.start;
        final int[] arg = this.arg;
        final double[] partial = this.partial;
        final double[] tangent = this.tangent;
        int node = 0;
        for (int i = 0; i <= last; i++) {
            if (op[i] >= Op.VECTOR) {
                arena.forward(node++);
                continue;
            }
            int k = start[i];
            int end = start[i + 1];
            if (k == end) {
                continue; // an input keeps its seed, a constant its zero
            }
            double t = 0;
            for (; k < end; k++) {
                t += partial[k] * tangent[arg[k]];
            }
            tangent[i] = t;
        }
    }

    /** Records the branch that piecewise entry {@code y} took (its last parameter); returns {@code y}. */
    Var branch(Var y) {
        pushAux(Rules.branchKey(this, y.index, op[y.index]));
        return y;
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
     * Appends an entry with one argument and returns the slot of its partial; the caller's rule
     * fills the partial, then {@link #set} the value. Small enough for the JIT to inline into user
     * code, so that a {@code Var} used only as an intermediate need not be allocated.
     */
    int push(int code, Var x) {
        if (x.tape != this || x.generation != generation) {
            check(x);
        }
        int i = size;
        int k = start[i];
        if (i == op.length) {
            growEntries();
        }
        if (k + 1 > arg.length) {
            growPartials(k + 1);
        }
        op[i] = (byte) code;
        arg[k] = x.index;
        start[i + 1] = k + 1;
        size = i + 1;
        return k;
    }

    /** Appends an entry with two arguments and returns the slot of its first partial, as {@link #push(int, Var)}. */
    int push(int code, Var x, Var y) {
        if (x.tape != this || y.tape != this || x.generation != generation || y.generation != generation) {
            check(x); // throws, naming what is wrong
            check(x, y);
        }
        int i = size;
        int k = start[i];
        if (i == op.length) {
            growEntries();
        }
        if (k + 2 > arg.length) {
            growPartials(k + 2);
        }
        op[i] = (byte) code;
        arg[k] = x.index;
        arg[k + 1] = y.index;
        start[i + 1] = k + 2;
        size = i + 1;
        return k;
    }

    /** Sets the value of the entry just pushed and returns its view. */
    Var set(double v) {
        int i = size - 1;
        value[i] = v;
        return new Var(this, i, generation, v);
    }

    /**
     * Appends an entry with {@code n} argument slots for the caller to fill
     * ({@code arg[start[i] + j]}); the caller has checked the arguments.
     */
    int pushN(int code, int n) {
        int i = size;
        int k = start[i];
        if (i == op.length) {
            growEntries();
        }
        if (k + n > arg.length) {
            growPartials(k + n);
        }
        op[i] = (byte) code;
        start[i + 1] = k + n;
        size = i + 1;
        return i;
    }

    /** Appends a recorded parameter; returns its index in {@link #aux}. */
    int pushAux(double c) {
        if (auxSize == aux.length) {
            aux = Arrays.copyOf(aux, 2 * aux.length);
        }
        aux[auxSize] = c;
        return auxSize++;
    }

    /** The cached constant 0 or 1 of this generation (for {@link VarField}). */
    Var zeroOrOne(boolean isOne) {
        if (isOne) {
            if (one < 0) {
                one = leaf(Op.CONST, 1);
            }
            return var(one);
        }
        if (zero < 0) {
            zero = leaf(Op.CONST, 0);
        }
        return var(zero);
    }

    /** A scratch array of exactly {@code n} doubles ({@code which} is 0 or 1), reused. */
    double[] scratch(int n, int which) {
        if (n >= scratchA.length) {
            scratchA = Arrays.copyOf(scratchA, Math.max(n + 1, 2 * scratchA.length));
            scratchB = Arrays.copyOf(scratchB, scratchA.length);
        }
        double[][] s = which == 0 ? scratchA : scratchB;
        if (s[n] == null) {
            s[n] = new double[n];
        }
        return s[n];
    }

    private void growEntries() {
        int n = 2 * op.length;
        op = Arrays.copyOf(op, n);
        value = Arrays.copyOf(value, n);
        start = Arrays.copyOf(start, n + 1);
    }

    private void growPartials(int needed) {
        int n = Math.max(needed, 2 * arg.length);
        arg = Arrays.copyOf(arg, n);
        partial = Arrays.copyOf(partial, n);
    }

    // ---------------------------------------------------------------- checks

    /** Throws unless {@code x} is a live entry of this tape. */
    void check(Var x) {
        if (x.tape != this) {
            throw new IllegalStateException(x.describe() + " is not on " + this
                + ": record the whole function on one tape");
        }
        if (x.generation != generation) {
            throw stale(x.describe(), x.generation);
        }
    }

    /** Throws unless {@code y} is on the same tape as {@code x} (already checked) and live. */
    void check(Var x, Var y) {
        if (y.tape != this) {
            throw new IllegalStateException("cannot combine " + x.describe() + " with " + y.describe()
                + ": both operands must be recorded on the same tape");
        }
        if (y.generation != generation) {
            throw stale(y.describe(), y.generation);
        }
    }

    IllegalStateException stale(String what, int recordedGeneration) {
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
     *
     * @return for example {@code "Tape#3 (generation 1, 12 entries)"}
     */
    @Override
    public String toString() {
        return id() + " (generation " + generation + ", " + size + " entries)";
    }
}
