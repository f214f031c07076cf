package org.jmixed.inference.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.ModelSpec;
import org.jmixed.inference.frame.CommonRows;
import org.jmixed.inference.frame.FormulaColumns;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomEffects;
import org.jmixed.model.VarianceComponent;

/**
 * Likelihood-ratio comparison of nested models fitted to the same data, with lme4's
 * {@code anova(m0, m1, ...)} semantics:
 * <ul>
 *   <li>every model is fitted to the same rows: those with no missing value in any variable of any
 *       of the models;</li>
 *   <li>models are fitted by maximum likelihood, unless REML is asked for and all the fixed parts
 *       are equal (REML likelihoods of models with different fixed effects are not comparable);</li>
 *   <li>rows are sorted by number of parameters and each is tested against the one before:
 *       χ² = 2 Δ log-likelihood (clamped at 0), df = Δ parameters, p from χ²(df);</li>
 *   <li>a formula without random-effects terms is an ordinary linear model, whose (restricted)
 *       log-likelihood is that of R's {@code logLik(lm)};</li>
 *   <li>when two neighbouring models have the same fixed effects, their random parts are nested
 *       and the larger one adds variances, the boundary-corrected p-value of
 *       {@link BoundaryMixture} is given too.</li>
 * </ul>
 */
public final class ModelComparison {
    private ModelComparison() {
    }

    /**
     * @param data     the data
     * @param formulas two or more formulas with the same response
     * @param reml     compare REML likelihoods when the fixed parts are equal (else ML is used,
     *                 with a note)
     * @param options  fit options (backend, evaluation cap); the criterion is set here
     */
    /** The rows with no missing value in any of the formulas' variables: the rows every model is fitted to. */
    public static DataFrame commonRows(DataFrame data, List<String> formulas) {
        Set<String> columns = new LinkedHashSet<>();
        for (String f : formulas) {
            columns.addAll(FormulaColumns.of(ModelSpec.of(f)).all());
        }
        return CommonRows.of(data, columns).data();
    }

    public static ComparisonTable compare(DataFrame data, List<String> formulas, boolean reml, FitOptions options) {
        return compare(data, formulas, reml, java.util.Collections.nCopies(formulas.size(), options));
    }

    /**
     * Compares models that may differ in more than their formulas: model i is fitted with
     * {@code options.get(i)} (its weights and residual structure; backend and evaluation cap),
     * by ML unless {@code reml} holds and the fixed parts are equal.
     */
    public static ComparisonTable compare(DataFrame data, List<String> formulas, boolean reml,
                                          List<FitOptions> perModel) {
        if (perModel.size() != formulas.size()) {
            throw new JmixedException(formulas.size() + " formulas but " + perModel.size() + " sets of fit options");
        }
        if (formulas.size() < 2) {
            throw new JmixedException("compare needs at least two formulas, got " + formulas.size());
        }
        List<ModelSpec> specs = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        String response = null;
        for (String f : formulas) {
            ModelSpec spec = ModelSpec.of(f);
            String r = Deparser.deparse(spec.response());
            if (response == null) {
                response = r;
            } else if (!response.equals(r)) {
                throw new JmixedException("formula '" + f + "': response '" + r + "' differs from '" + response
                        + "' of '" + formulas.get(0) + "'; models of different responses cannot be compared");
            }
            specs.add(spec);
            columns.addAll(FormulaColumns.of(spec).all());
        }
        CommonRows rows = CommonRows.of(data, columns);
        List<String> notes = new ArrayList<>();
        if (rows.rowsDropped() > 0) {
            notes.add(rows.rowsDropped() + " of " + data.nrows() + " rows dropped because of missing values in "
                    + String.join(", ", rows.columns()) + ", so that every model uses the same "
                    + (data.nrows() - rows.rowsDropped()) + " rows");
        }

        List<PreparedModel> prepared = new ArrayList<>();
        for (String f : formulas) {
            try {
                prepared.add(LinearMixedModel.prepare(rows.data(), f));
            } catch (JmixedException e) {
                throw e.getMessage() != null && e.getMessage().contains(f) ? e
                        : new JmixedException("formula '" + f + "': " + e.getMessage());
            }
        }
        boolean sameFixed = true;
        Set<String> fixed0 = new HashSet<>(prepared.get(0).fixedNames());
        for (PreparedModel pm : prepared) {
            sameFixed &= fixed0.equals(new HashSet<>(pm.fixedNames()));
        }
        boolean useReml = reml && sameFixed;
        if (reml && !sameFixed) {
            notes.add("the fixed effects differ, so REML likelihoods are not comparable: models fitted by ML");
        }

        List<ComparisonTable.Model> models = new ArrayList<>();
        for (int i = 0; i < formulas.size(); i++) {
            FitResult fit = LinearMixedModel.fit(prepared.get(i), perModel.get(i).withReml(useReml));
            String name = "m" + (i + 1);
            if (fit.singular()) {
                notes.add(name + ": boundary (singular) fit");
            }
            if (!fit.converged()) {
                notes.add(name + ": " + String.join("; ", fit.messages()));
            }
            models.add(new ComparisonTable.Model(name, formulas.get(i), fit.df(), fit));
        }
        // lme4 orders by number of parameters; a stable sort keeps ties in the order given
        models.sort(Comparator.comparingInt(ComparisonTable.Model::npar));

        List<ComparisonTable.Test> tests = new ArrayList<>();
        for (int i = 1; i < models.size(); i++) {
            tests.add(test(models.get(i - 1), models.get(i), i - 1, i));
        }
        return new ComparisonTable(models, tests, useReml, models.get(0).fit().nobs(), rows.rowsDropped(), notes);
    }

    static ComparisonTable.Test test(ComparisonTable.Model small, ComparisonTable.Model large, int i, int j) {
        double chisq = 2.0 * Math.max(0.0, large.logLik() - small.logLik());
        int df = large.npar() - small.npar();
        double p = df == 0 ? Double.NaN : ChiSquared.upperTail(chisq, df);
        BoundaryMixture boundary = null;
        int variances = sameResidualModel(small.fit(), large.fit())
                ? variances(large.fit()) - variances(small.fit()) : 0;
        if (df >= 1 && variances >= 1 && variances <= df
                && new HashSet<>(small.fit().fixef().names()).equals(new HashSet<>(large.fit().fixef().names()))
                && randomNested(small.fit(), large.fit())) {
            boundary = BoundaryMixture.of(chisq, df, variances);
        }
        return new ComparisonTable.Test(i, j, chisq, df, p, boundary);
    }

    /**
     * Whether the two fits have the same residual structure and weights: only then is the difference
     * in their random parts all that separates them, and the boundary mixture applies.
     */
    static boolean sameResidualModel(FitResult a, FitResult b) {
        String ra = a.residualStructure() == null ? null : a.residualStructure().structure();
        String rb = b.residualStructure() == null ? null : b.residualStructure().structure();
        return java.util.Objects.equals(ra, rb) && java.util.Objects.equals(a.weights(), b.weights());
    }

    /** Random-effect variances of a fit: its random-effect columns, residual excluded. */
    static int variances(FitResult fit) {
        int v = 0;
        for (VarianceComponent c : fit.varcorr()) {
            if (c.var2() == null && !"Residual".equals(c.group())) {
                v++;
            }
        }
        return v;
    }

    /** Whether every grouping factor of the small fit is in the large one, with (at least) its columns. */
    static boolean randomNested(FitResult small, FitResult large) {
        Map<String, Set<String>> big = columnsByGroup(large);
        for (Map.Entry<String, Set<String>> e : columnsByGroup(small).entrySet()) {
            Set<String> cols = big.get(e.getKey());
            if (cols == null || !cols.containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Set<String>> columnsByGroup(FitResult fit) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (RandomEffects re : fit.ranef()) {
            m.computeIfAbsent(re.group(), g -> new HashSet<>()).addAll(re.terms());
        }
        return m;
    }
}
