/**
 * Inference on fitted linear mixed models: likelihood-ratio comparison, F and t tests with
 * Satterthwaite and Kenward–Roger denominator degrees of freedom, confidence intervals,
 * prediction, and simulation-based inference.
 */
package org.jmixed.inference;
