/**
 * Numerical differentiation: finite-difference stencils with documented step rules
 * ({@link org.dualtape.check.numeric.Stencil}), gradients built from them, and Ridders'
 * extrapolation with an error estimate ({@link org.dualtape.check.numeric.FiniteDifferences}).
 */
package org.dualtape.check.numeric;
