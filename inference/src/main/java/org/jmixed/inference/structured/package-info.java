/**
 * Inference for models beyond lme4's σ² I residuals and unstructured random-effects covariances:
 * prior weights, offsets, residual covariance structures ({@code --residual}) and {@code idn()} /
 * {@code cs()} terms. {@link org.jmixed.inference.structured.PlainView} turns a weighted model into
 * the ordinary model it is equivalent to, so that every θ-driven method applies unchanged;
 * {@link org.jmixed.inference.structured.GeneralVarianceModel} evaluates any of these models over
 * its full parameter vector (the optimizer's φ and σ), for Satterthwaite's degrees of freedom.
 */
package org.jmixed.inference.structured;
