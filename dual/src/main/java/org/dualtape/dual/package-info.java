/**
 * Forward-mode automatic differentiation: the rule table {@link org.dualtape.dual.Elementary},
 * the number types {@link org.dualtape.dual.Dual} (one tangent) and
 * {@link org.dualtape.dual.MultiDual} (a chunk of tangents), both implementing Commons Math's
 * {@code RealFieldElement}, the chunk policy {@link org.dualtape.dual.ChunkPolicy} and the API
 * {@link org.dualtape.dual.Forward}.
 *
 * <p>Mechanism (number types, rules) is kept apart from the API: {@code Forward} only seeds
 * inputs and reads tangents.
 */
package org.dualtape.dual;
