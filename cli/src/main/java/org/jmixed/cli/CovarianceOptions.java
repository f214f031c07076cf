package org.jmixed.cli;

import java.util.Map;
import java.util.Set;

import org.jmixed.model.FitOptions;

/**
 * {@code --weights COLUMN} and {@code --residual SPEC} for any command that fits models (fit and
 * the inference commands): add {@link #NAMES} to the command's known options, {@link #HELP} to
 * its help, and pass its parsed values through {@link #apply}.
 */
final class CovarianceOptions {
    static final Set<String> NAMES = Set.of("--weights", "--residual");
    static final String HELP = String.join("\n",
            "  --weights COLUMN       prior weights: row i has residual variance sigma^2 / w_i (lme4's weights=)",
            "  --residual SPEC        residual covariance structure: diag(f), cs(g), ar1(t | g), car1(t | g),",
            "                         un(f | g) (nlme's varIdent, corCompSymm, corAR1, corCAR1, corSymm+varIdent)");

    private CovarianceOptions() {
    }

    /** The options with the weights and residual structure of {@code values} (option name to value), if given. */
    static FitOptions apply(FitOptions options, Map<String, String> values) {
        FitOptions o = options;
        String w = values.get("--weights");
        if (w != null) {
            if (w.isBlank()) {
                throw new CliException("option --weights needs a column name");
            }
            o = o.withWeights(w);
        }
        String r = values.get("--residual");
        if (r != null) {
            if (r.isBlank()) {
                throw new CliException("option --residual needs a structure, e.g. 'ar1(Days | Subject)'");
            }
            o = o.withResidual(r);
        }
        return o;
    }
}
