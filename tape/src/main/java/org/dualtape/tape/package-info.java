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
 *       record again without allocating, print it as a table or a Graphviz graph);
 *       {@link org.dualtape.tape.Replay#of} evaluates it at new inputs;</li>
 *   <li>{@link org.dualtape.tape.VarMatrix}: vector nodes (affine layers, elementwise functions,
 *       losses), one tape entry per matrix operation, mixing freely with scalar {@code Var}s;
 *       {@link org.dualtape.tape.Plain} and {@link org.dualtape.tape.LossRules} are the same
 *       arithmetic for plain {@code double} code.</li>
 * </ul>
 *
 * <h2>Words</h2>
 * <ul>
 *   <li><b>entry</b>: one recorded operation, numbered in evaluation order (a topological order);
 *       <b>vector node</b>: an entry whose value is a matrix, kept in the tape's arena.</li>
 *   <li><b>value</b>: an entry's result; <b>partial</b>: the local derivative {@code partial[k]} of
 *       entry {@code i} with respect to its argument {@code arg[k]}, for {@code k} in
 *       {@code [start[i], start[i + 1])}, stored when the entry is recorded;
 *       <b>parameter</b>: a recorded constant the partials do not hold ({@code aux}), such as the
 *       {@code c} of {@code x.add(c)} or a piecewise entry's <b>branch</b> key.</li>
 *   <li><b>adjoint</b>: the reverse sweep's accumulator, ∂output/∂entry; <b>tangent</b>: the
 *       tangent sweep's, the entry's directional derivative; <b>seed</b>: what a sweep starts
 *       from ({@code u} for a vjp, {@code v} for a jvp).</li>
 *   <li><b>reverse sweep</b> ({@code Tape.reverse}): adjoints from the last entry down;
 *       <b>tangent sweep</b> ({@code Tape.forward}): its mirror, tangents from the first entry up;
 *       <b>replay</b> ({@code Replay.evaluate}): values and partials again at new inputs, without
 *       running user code.</li>
 *   <li><b>stale</b>: a {@code Var}, {@code VarMatrix} or {@code Replay} of a tape cleared since
 *       (each tape counts its clears as its <b>generation</b>).</li>
 * </ul>
 *
 * <h2>Size</h2>
 * An input or constant takes 13 bytes (value 8, row pointer 4, op code 1), a unary entry 25 (plus
 * one partial: argument 4, partial 8), a binary entry 37, and an entry with a parameter 8 more.
 * The sweeps add 8 bytes of workspace per entry, allocated once and reused.
 *
 * <h2>Conventions at kinks and edges</h2>
 * As Commons Math's {@code DerivativeStructure} (order 1), with the rule table
 * ({@link org.dualtape.dual.Elementary}) and {@link org.dualtape.dual.Partials} shared with forward
 * mode, so {@code Dual} agrees, except where a method says otherwise: {@code pow}, {@code hypot},
 * {@code atan2} and {@code rootN} of a negative number with odd {@code n} use
 * {@code java.lang.Math} for the value; {@code pow} has derivative 0 for exponent 0 and, with
 * respect to the exponent, where the value is 0. Both sweeps take 0·∞ as 0 where one factor is an
 * exact zero (a zero adjoint propagates nothing; a zero partial passes nothing on even from an
 * infinite adjoint), as {@code Partials.chain} does in forward mode, so {@code sqrt(x * x)} at 0
 * has derivative 0 in every mode. Where an input is infinite or NaN, forward mode can still give
 * NaN where reverse mode gives a number: {@code x·y} at {@code (0, ∞)} has {@code ∂/∂y = 0} here
 * and NaN in {@code Dual} and {@code DerivativeStructure}.
 *
 * <h2>Branches</h2>
 * Entries whose value depends on a branch (abs, floor, ceil, rint, signum, relu, round,
 * copySign, remainder, min, max, compareTo) record the branch taken, and a replay that would take
 * another throws {@link org.dualtape.tape.BranchChangeException} (or, from
 * {@link org.dualtape.tape.Replay#evaluate}, returns the entry). A branch in user code on
 * {@code getReal()} is invisible to the tape, so a replay of a tape whose values were read while
 * recording is refused away from the recorded point unless the caller allows it
 * ({@link org.dualtape.tape.Replay#allowValueReads()}).
 *
 * <h2>Threads and memory</h2>
 * A tape is used by one thread at a time; separate tapes on separate threads never interfere. A
 * {@code Replay} holds its tape's lock while it runs. {@code Reverse} keeps one reusable tape per
 * thread (a cache, not a "current tape"), dropped after a call that grew it past
 * {@link org.dualtape.tape.Reverse#RETAINED_BYTES} or by {@link org.dualtape.tape.Reverse#releaseTape()}.
 */
package org.dualtape.tape;
