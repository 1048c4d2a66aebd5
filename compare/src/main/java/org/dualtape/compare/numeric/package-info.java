/**
 * Numerical differentiation: finite-difference stencils with documented step rules
 * ({@link org.dualtape.compare.numeric.Stencil}), gradients built from them, and Ridders'
 * extrapolation with an error estimate ({@link org.dualtape.compare.numeric.FiniteDifferences}).
 */
package org.dualtape.compare.numeric;
