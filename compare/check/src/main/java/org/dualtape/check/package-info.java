/**
 * The gradient checker: checks a hand-written gradient, Jacobian, JVP or VJP against finite
 * differences whose own error estimate sets the tolerance (plain code) or against exact AD
 * (generic code), says how small an error it can resolve, tells kinks from mistakes, and reports
 * in a table.
 *
 * <p>Start with {@link org.dualtape.check.GradientCheck} (scalar functions) or
 * {@link org.dualtape.check.JacobianCheck} (vector functions); both return a
 * {@link org.dualtape.check.CheckReport}. In a JUnit test:
 * {@code GradientCheck.assertGradient(f, gradient, x)}.
 */
package org.dualtape.check;
