package org.jmixed.model;

import org.jmixed.data.DataFrame;

/** Entry point: fit a linear mixed model from a data frame and an lme4-style formula. */
public final class LinearMixedModel {
    private LinearMixedModel() {
    }

    public static FitResult fit(DataFrame data, String formula, FitOptions options) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
