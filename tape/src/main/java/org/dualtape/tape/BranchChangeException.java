package org.dualtape.tape;

/**
 * Thrown by {@link Replay} when the new point falls on another piece of a piecewise entry than
 * the recording did (abs of a number of the other sign, relu of the other side, another floor,
 * min or max choosing the other argument, a {@link Var#compareTo} with another result, ...): the
 * recorded straight-line program is not the function there, so its gradient would be silently
 * wrong. Record the function again at the new point.
 *
 * <p>When it is thrown, the tape holds the values at the new point (the replay runs to the end);
 * no gradient has been computed.
 */
public final class BranchChangeException extends IllegalStateException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The first entry whose branch changed. */
    private final int entry;

    BranchChangeException(int entry, String message) {
        super(message);
        this.entry = entry;
    }

    /**
     * The first entry whose branch changed, as numbered by {@link Tape#table()}.
     *
     * @return the entry's index
     */
    public int entry() {
        return entry;
    }
}
