package org.jmixed.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of fitting a linear mixed model: what lme4's {@code summary()}, {@code VarCorr()},
 * {@code ranef()}, {@code fitted()} and {@code residuals()} report. Immutable.
 */
public final class FitResult {
    private final String formula;
    private final String responseName;
    private final boolean reml;
    private final int nobs;
    private final Map<String, Integer> ngroups;
    private final FixedEffects fixef;
    private final double[] theta;
    private final double sigma;
    private final List<VarianceComponent> varcorr;
    private final double objective;
    private final int df;
    private final List<RandomEffects> ranef;
    private final double[] fitted;
    private final double[] residuals;
    private final boolean singular;
    private final boolean converged;
    private final List<String> messages;
    private final int rowsDropped;
    private final List<String> droppedColumns;
    private final int evaluations;
    private final double seconds;
    private final String backend;
    private final String backendDetail;
    private final ModelFrame frame;
    private final org.jmixed.covariance.ResidualFit residualStructure;
    private final String weights;
    private final double[] normalizedResiduals;
    private final double[] scaledResidualQuantiles;

    /** Use {@link Builder}. */
    private FitResult(Builder b) {
        formula = b.formula;
        responseName = b.responseName;
        reml = b.reml;
        nobs = b.nobs;
        ngroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.ngroups));
        fixef = b.fixef;
        theta = b.theta.clone();
        sigma = b.sigma;
        varcorr = List.copyOf(b.varcorr);
        objective = b.objective;
        df = b.df;
        ranef = List.copyOf(b.ranef);
        fitted = b.fitted.clone();
        residuals = b.residuals.clone();
        singular = b.singular;
        converged = b.converged;
        messages = List.copyOf(b.messages);
        rowsDropped = b.rowsDropped;
        droppedColumns = List.copyOf(b.droppedColumns);
        evaluations = b.evaluations;
        seconds = b.seconds;
        backend = b.backend;
        backendDetail = b.backendDetail;
        frame = b.frame;
        residualStructure = b.residualStructure;
        weights = b.weights;
        normalizedResiduals = b.normalizedResiduals == null ? null : b.normalizedResiduals.clone();
        scaledResidualQuantiles = b.scaledResidualQuantiles == null ? null : b.scaledResidualQuantiles.clone();
    }

    public String formula() { return formula; }

    public String responseName() { return responseName; }

    /** True for REML, false for maximum likelihood. */
    public boolean reml() { return reml; }

    public int nobs() { return nobs; }

    /** Levels per grouping factor, in the order of the random-effects terms. */
    public Map<String, Integer> ngroups() { return ngroups; }

    public FixedEffects fixef() { return fixef; }

    /** The relative covariance parameters θ, in lme4's order. */
    public double[] theta() { return theta.clone(); }

    /** Residual standard deviation. */
    public double sigma() { return sigma; }

    public List<VarianceComponent> varcorr() { return varcorr; }

    /** The REML criterion (REML fits) or the deviance, −2 log-likelihood (ML fits). */
    public double objective() { return objective; }

    /** Log-likelihood (restricted log-likelihood for REML fits), −objective / 2. */
    public double logLik() { return -objective / 2.0; }

    /** Number of parameters: fixed effects, θ and σ. */
    public int df() { return df; }

    public double aic() { return objective + 2.0 * df; }

    public double bic() { return objective + Math.log(nobs) * df; }

    /** Residual degrees of freedom as lme4 prints them: nobs − df. */
    public int dfResidual() { return nobs - df; }

    public List<RandomEffects> ranef() { return ranef; }

    public double[] fitted() { return fitted.clone(); }

    public double[] residuals() { return residuals.clone(); }

    /** A diagonal element of θ (a variance or a Cholesky pivot) is on its lower bound, zero. */
    public boolean singular() { return singular; }

    /** The optimizer stopped by its tolerance and the convergence checks passed. */
    public boolean converged() { return converged; }

    /** Notes and warnings for the user: dropped rows or columns, singular fit, convergence. */
    public List<String> messages() { return messages; }

    public int rowsDropped() { return rowsDropped; }

    /** Fixed-effects columns removed because they were linear combinations of others. */
    public List<String> droppedColumns() { return droppedColumns; }

    /** Objective evaluations the optimizer used. */
    public int evaluations() { return evaluations; }

    /** Wall time of the optimization, in seconds. */
    public double seconds() { return seconds; }

    /** Name of the backend that factored the problem, e.g. {@code java}. */
    public String backend() { return backend; }

    /** One line on the backend and the factorization it chose. */
    public String backendDetail() { return backendDetail; }

    /**
     * The model frame the fit was computed from (response, model matrices, grouping of each
     * observation, in the order of {@link #fitted()}), for pictures of the data beside the fit;
     * shared, not copied: do not modify its arrays. Null for results built without one.
     */
    public ModelFrame frame() { return frame; }
    /** The estimated residual covariance structure ({@code --residual}), or null for σ² I. */
    public org.jmixed.covariance.ResidualFit residualStructure() { return residualStructure; }

    /** The column of prior weights ({@code --weights}), or null. */
    public String weights() { return weights; }

    /**
     * For fits with weights or a residual structure, the whitened residuals L⁻¹(y − fitted), with
     * Λ = L L' (with weights only: √w_i times the residual, lme4's Pearson residuals), which have
     * covariance σ² I given the random effects; null for other fits, whose residuals already do.
     */
    public double[] normalizedResiduals() { return normalizedResiduals == null ? null : normalizedResiduals.clone(); }

    /**
     * Min, 1st quartile, median, 3rd quartile and max of the scaled residuals when they were
     * computed where the rows are (a fit whose {@link #residuals()} hold only the first rows, such
     * as one over Spark), else null: the summary then computes them from {@link #residuals()}.
     */
    public double[] scaledResidualQuantiles() {
        return scaledResidualQuantiles == null ? null : scaledResidualQuantiles.clone();
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding every field of this result, to derive a changed copy. */
    public Builder toBuilder() {
        return builder().formula(formula).responseName(responseName).reml(reml).nobs(nobs)
                .ngroups(ngroups).fixef(fixef).theta(theta).sigma(sigma).varcorr(varcorr).objective(objective)
                .df(df).ranef(ranef).fitted(fitted).residuals(residuals).singular(singular).converged(converged)
                .messages(messages).rowsDropped(rowsDropped).droppedColumns(droppedColumns)
                .evaluations(evaluations).seconds(seconds).backend(backend).backendDetail(backendDetail)
                .frame(frame).residualStructure(residualStructure).weights(weights)
                .normalizedResiduals(normalizedResiduals).scaledResidualQuantiles(scaledResidualQuantiles);
    }

    /** Mutable assembly of a {@link FitResult}; used by the fitting code. */
    public static final class Builder {
        private String formula;
        private String responseName;
        private boolean reml;
        private int nobs;
        private Map<String, Integer> ngroups = new LinkedHashMap<>();
        private FixedEffects fixef;
        private double[] theta = new double[0];
        private double sigma;
        private List<VarianceComponent> varcorr = List.of();
        private double objective;
        private int df;
        private List<RandomEffects> ranef = List.of();
        private double[] fitted = new double[0];
        private double[] residuals = new double[0];
        private boolean singular;
        private boolean converged = true;
        private List<String> messages = List.of();
        private int rowsDropped;
        private List<String> droppedColumns = List.of();
        private int evaluations;
        private double seconds;
        private String backend = "";
        private String backendDetail = "";
        private ModelFrame frame;
        private org.jmixed.covariance.ResidualFit residualStructure;
        private String weights;
        private double[] normalizedResiduals;
        private double[] scaledResidualQuantiles;

        public Builder formula(String v) { formula = v; return this; }
        public Builder responseName(String v) { responseName = v; return this; }
        public Builder reml(boolean v) { reml = v; return this; }
        public Builder nobs(int v) { nobs = v; return this; }
        public Builder ngroups(Map<String, Integer> v) { ngroups = v; return this; }
        public Builder fixef(FixedEffects v) { fixef = v; return this; }
        public Builder theta(double[] v) { theta = v; return this; }
        public Builder sigma(double v) { sigma = v; return this; }
        public Builder varcorr(List<VarianceComponent> v) { varcorr = v; return this; }
        public Builder objective(double v) { objective = v; return this; }
        public Builder df(int v) { df = v; return this; }
        public Builder ranef(List<RandomEffects> v) { ranef = v; return this; }
        public Builder fitted(double[] v) { fitted = v; return this; }
        public Builder residuals(double[] v) { residuals = v; return this; }
        public Builder singular(boolean v) { singular = v; return this; }
        public Builder converged(boolean v) { converged = v; return this; }
        public Builder messages(List<String> v) { messages = v; return this; }
        public Builder rowsDropped(int v) { rowsDropped = v; return this; }
        public Builder droppedColumns(List<String> v) { droppedColumns = v; return this; }
        public Builder evaluations(int v) { evaluations = v; return this; }
        public Builder seconds(double v) { seconds = v; return this; }
        public Builder backend(String v) { backend = v; return this; }
        public Builder backendDetail(String v) { backendDetail = v; return this; }
        public Builder frame(ModelFrame v) { frame = v; return this; }
        public Builder residualStructure(org.jmixed.covariance.ResidualFit v) { residualStructure = v; return this; }
        public Builder weights(String v) { weights = v; return this; }
        public Builder normalizedResiduals(double[] v) { normalizedResiduals = v; return this; }
        public Builder scaledResidualQuantiles(double[] v) { scaledResidualQuantiles = v; return this; }

        public FitResult build() { return new FitResult(this); }
    }
}
