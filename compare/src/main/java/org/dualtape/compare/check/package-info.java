/**
 * The gradient checker: checks a hand-written gradient, Jacobian, JVP or VJP against finite
 * differences whose own error estimate sets the tolerance (plain code) or against exact AD
 * (generic code), says how small an error it can resolve, tells kinks from mistakes, and reports
 * in a table.
 *
 * <p>Start with {@link org.dualtape.compare.check.GradientCheck} (scalar functions) or
 * {@link org.dualtape.compare.check.JacobianCheck} (vector functions); both return a
 * {@link org.dualtape.compare.check.CheckReport}. In a JUnit test:
 * {@code GradientCheck.assertGradient(f, gradient, x)}.
 */
package org.dualtape.compare.check;
