package org.jmixed.inference.bayes;

/**
 * Posterior summary of one parameter over all chains' kept draws.
 *
 * @param name  the parameter: a fixed-effect name, {@code sigma2_b} or {@code sigma2_e} (variances),
 *              or {@code sd_b} / {@code sd_e} (their square roots, derived draw by draw)
 * @param mean  posterior mean
 * @param sd    posterior standard deviation
 * @param lower 2.5% quantile
 * @param upper 97.5% quantile
 * @param ess   effective sample size (split chains)
 * @param rhat  split R̂
 * @param mcse  Monte-Carlo standard error of the mean, sd / √ess
 */
public record ParameterSummary(String name, double mean, double sd, double lower, double upper, double ess,
                               double rhat, double mcse) {
}
