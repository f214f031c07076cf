package org.jmixed.inference.bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.Interval;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;

/**
 * Bootstrap confidence intervals laid out as lme4's {@code confint(m, method = "boot")}: the same
 * parameter names and order as the profile and Wald intervals ({@code .sig01, ..., .sigma}, then
 * the fixed effects), each interval read off the bootstrap replicates of that quantity.
 */
public final class BootstrapConfint {
    private BootstrapConfint() {
    }

    /**
     * @param model   the prepared model that was bootstrapped
     * @param fit     its fit (the original estimates)
     * @param result  the replicates of {@link ParametricBootstrap#run}
     * @param method  percentile (lme4's default {@code boot.type = "perc"}), basic or normal
     * @param options level and the parameters wanted ({@code --parm})
     */
    public static IntervalTable intervals(PreparedModel model, FitResult fit, BootstrapResult result,
                                          BootstrapIntervals.Method method, ProfileOptions options) {
        // The Wald table has every wanted parameter under lme4's name, in lme4's order.
        IntervalTable names = ConfidenceIntervals.wald(fit, model, options);
        Map<String, String> quantity = quantityNames(model);
        Map<String, BootstrapIntervals.Interval> byQuantity = new HashMap<>();
        for (BootstrapIntervals.Interval i : BootstrapIntervals.compute(result, method, options.level())) {
            byQuantity.put(i.name(), i);
        }
        List<Interval> rows = new ArrayList<>();
        for (Interval w : names.intervals()) {
            BootstrapIntervals.Interval b = byQuantity.get(quantity.getOrDefault(w.name(), w.name()));
            rows.add(new Interval(w.name(), w.estimate(), b.lower(), b.upper(), List.of()));
        }
        String label = "parametric bootstrap (" + method.name().toLowerCase(Locale.ROOT) + ")";
        List<String> messages = List.of(result.replicates() + " parametric bootstrap replicates"
                + (result.failed() > 0 ? ", " + result.failed() + " of which failed to refit" : ""));
        return new IntervalTable(label, options.level(), fit.formula(), fit.reml(), rows, List.of(), messages, 0,
                result.seconds());
    }

    /**
     * lme4's {@code .sigNN} names for each term's standard deviations and correlations, in θ's order
     * (column by column of the lower triangle), mapped to the bootstrap's quantity names.
     */
    static Map<String, String> quantityNames(PreparedModel model) {
        Map<String, String> out = new HashMap<>();
        int k = 0;
        for (RandomTermData t : model.terms()) {
            List<String> cols = t.columnNames();
            for (int c = 0; c < cols.size(); c++) {
                for (int r = c; r < cols.size(); r++) {
                    k++;
                    String sig = String.format(Locale.ROOT, ".sig%02d", k);
                    out.put(sig, r == c ? "sd_" + cols.get(r) + "|" + t.groupName()
                            : "cor_" + cols.get(r) + "." + cols.get(c) + "|" + t.groupName());
                }
            }
        }
        out.put(".sigma", "sigma");
        return out;
    }
}
