/**
 * Forward-mode automatic differentiation: the rule table {@link org.dualtape.dual.Elementary},
 * the number types {@link org.dualtape.dual.Dual} (one tangent) and
 * {@link org.dualtape.dual.MultiDual} (a chunk of tangents), both implementing Commons Math's
 * {@code RealFieldElement}, the chunk policy {@link org.dualtape.dual.ChunkPolicy} and the API
 * {@link org.dualtape.dual.Forward}.
 *
 * <p>Mechanism (number types, rules) is kept apart from the API: {@code Forward} only seeds
 * inputs and reads tangents.
 *
 * <h2>Vocabulary</h2>
 * One word per idea, in code and Javadoc:
 * <ul>
 *   <li><em>value</em>: the ordinary result, bitwise what plain {@code double} code computes;</li>
 *   <li><em>tangent</em> ({@code tangents} of a {@code MultiDual}): the derivative carried along
 *       with the value;</li>
 *   <li><em>partial</em>: the local derivative ∂y/∂x of one operation with respect to one operand
 *       ({@link org.dualtape.dual.Partials});</li>
 *   <li><em>seed</em>: the tangent given to an input ({@code v} of a jvp); a unit seed e_i
 *       differentiates by input i;</li>
 *   <li><em>chunk</em> (width {@code k}): the tangents of one forward <em>pass</em>, one
 *       evaluation of the function;</li>
 *   <li><em>coordinates</em>: the inputs a call differentiates by, when not all of them;</li>
 *   <li>verbs: {@code derivative}, {@code jvp}, {@code gradient}, {@code jacobian}.</li>
 * </ul>
 */
package org.dualtape.dual;
