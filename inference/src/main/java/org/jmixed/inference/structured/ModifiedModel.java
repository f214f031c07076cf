package org.jmixed.inference.structured;

import java.util.List;

import org.jmixed.model.ModelFrame;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.TermStructure;

/**
 * A prepared model with its response (less the offset) or fixed-effects columns replaced, the
 * random-effects terms, data frame, weights column and residual structure kept: for the methods
 * that refit a structured model in full (the bootstrap's simulated responses, a profile's held
 * coefficient). The cross-products are recomputed.
 */
public final class ModifiedModel {
    private ModifiedModel() {
    }

    /** The model with response y (on the scale of the problem: less the offset). */
    public static PreparedModel withResponse(PreparedModel model, double[] y) {
        ModelFrame f = model.frame();
        double[] response = y.clone();
        if (f.offset() != null) {
            for (int i = 0; i < response.length; i++) {
                response[i] += f.offset()[i];
            }
        }
        ModelFrame frame = new ModelFrame(f.formula(), f.responseName(), response, f.x(), f.fixedNames(),
                f.randomTerms(), f.rowsDropped(), f.rowsRead(), f.offset(), f.data(), f.rows());
        return of(model, frame, y, model.x(), model.fixedNames());
    }

    /**
     * The model with response y (less the offset) and fixed-effects matrix x (n × names.size(),
     * column-major); the frame is kept as it is, so fitted values and residuals of a fit of it are
     * not those of the original model.
     */
    public static PreparedModel withDesign(PreparedModel model, double[] y, double[] x, List<String> names) {
        return of(model, model.frame(), y, x, names);
    }

    private static PreparedModel of(PreparedModel model, ModelFrame frame, double[] y, double[] x, List<String> names) {
        PlsProblem base = model.problem();
        PlsProblemBuilder b = new PlsProblemBuilder(y, x, names.size());
        for (int k = 0; k < base.terms().size(); k++) {
            TermStructure t = base.terms().get(k);
            b.addTerm(t.groupName(), t.nLevels(), base.levelOfRow().get(k), base.termColumns().get(k), t.width());
        }
        return new PreparedModel(frame, b.build(), model.terms(), names, model.dropped(), x);
    }
}
