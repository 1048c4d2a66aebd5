/**
 * Reverse-mode automatic differentiation on a Wengert-list tape stored in flat primitive arrays.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link org.dualtape.tape.Reverse}: {@code gradient}, {@code vjp}, {@code jacobian},
 *       {@code jvp} and {@code record} (for {@link org.dualtape.tape.Replay}) of functions written
 *       on {@link org.dualtape.tape.Var}, the scalar that implements Commons Math's
 *       {@code RealFieldElement}, so one generic function serves every mode;</li>
 *   <li>{@link org.dualtape.tape.Tape}: the recording itself, for users who keep one (clear and
 *       record again without allocating, replay at new inputs, print it as a table or a Graphviz
 *       graph);</li>
 *   <li>{@link org.dualtape.tape.VarMatrix}: vector nodes (affine layers, elementwise functions,
 *       losses), one tape entry per matrix operation with a hand-written vector-Jacobian product,
 *       mixing freely with scalar {@code Var}s; {@link org.dualtape.tape.Kernels} are the same
 *       computations for plain {@code double} code.</li>
 * </ul>
 *
 * <h2>Branches</h2>
 * Entries whose value depends on a branch (abs, floor, ceil, rint, signum, relu, round,
 * copySign, remainder, min, max, compareTo) record the branch taken, and a replay that would take
 * another throws {@link org.dualtape.tape.BranchChangeException} (or, from
 * {@link org.dualtape.tape.Replay#evaluate}, returns the entry). Branches in user code on
 * {@code getReal()} are invisible to the tape.
 *
 * <h2>Threads</h2>
 * A tape is used by one thread at a time; separate tapes on separate threads never interfere.
 * {@code Reverse} keeps one reusable tape per thread (a cache, not a "current tape").
 */
package org.dualtape.tape;
