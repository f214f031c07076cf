package org.jmixed.model;

import org.jmixed.data.DataFrame;

/** Evaluates a formula on a data frame. Placeholder API. */
public final class ModelFrameBuilder {
    private ModelFrameBuilder() {
    }

    public static ModelFrame build(DataFrame data, String formula) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
