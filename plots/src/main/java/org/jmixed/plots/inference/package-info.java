/**
 * Pictures of the inference commands' results: zeta plots of profiles, histograms of bootstrap
 * replicates, the Gibbs sampler's traces, autocorrelations and posterior densities, and per-group
 * least-squares coefficients. Built on the chart builders of {@code org.jmixed.plots}.
 */
package org.jmixed.plots.inference;
