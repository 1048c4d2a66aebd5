package org.dualtape.compare.sweep;

/**
 * A family of losses indexed by a width, one {@link SweepProblem} per width.
 *
 * <p>The sweep runs each method in its own JVM, so a family must be constructible there from its
 * class name alone: implementations are public classes with a public no-argument constructor.
 */
public interface ProblemFamily {

    /**
     * Builds the loss of one width.
     *
     * @param width the width, at least 1
     * @return the problem
     * @throws IllegalArgumentException if {@code width < 1}
     */
    SweepProblem create(int width);

    /**
     * Returns the number of parameters of the loss of one width, without building it.
     *
     * @param width the width, at least 1
     * @return the parameter count
     * @throws IllegalArgumentException if {@code width < 1}
     */
    int parameterCount(int width);

    /**
     * Describes the family in one line for the report, such as "32 → h → h → 10, tanh".
     *
     * @return the description
     */
    String description();

    /**
     * Instantiates a family from its class name, as the worker JVM does.
     *
     * @param className a public class implementing this interface with a no-argument constructor
     * @return a new instance
     * @throws IllegalArgumentException if the class cannot be found or instantiated
     */
    static ProblemFamily forName(String className) {
        try {
            Class<?> type = Class.forName(className);
            if (!ProblemFamily.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " does not implement ProblemFamily");
            }
            return (ProblemFamily) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate problem family " + className
                    + ": " + e, e);
        }
    }
}
