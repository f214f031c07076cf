package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;

/**
 * Guards for the methods that evaluate a model away from its optimum by driving a backend with θ
 * directly (degrees of freedom, profiles, simulation): they are written for lme4's models, where
 * θ is the template's lower triangle and the residuals are σ² I. Prior weights (which inference
 * handles by whitening, {@code org.jmixed.inference.structured.PlainView}), residual structures
 * and {@code idn()}/{@code cs()} terms change that mapping, so a method that has no way through
 * them must refuse them in one line rather than give a wrong answer.
 */
public final class PlainModel {
    private PlainModel() {
    }

    /** Throws unless the prepared model and options are an lme4 model (offsets are fine). */
    public static void require(PreparedModel prepared, FitOptions options, String what) {
        List<String> found = new ArrayList<>();
        if (options != null && options.weights() != null) {
            found.add("--weights");
        }
        if (options != null && options.residual() != null) {
            found.add("--residual");
        }
        addStructuredTerms(prepared.terms(), found);
        fail(found, what);
    }

    /** Throws unless the fit is of an lme4 model; offsets too when {@code offsetsAllowed} is false. */
    public static void require(FitResult fit, String what, boolean offsetsAllowed) {
        List<String> found = new ArrayList<>();
        if (fit.weights() != null) {
            found.add("--weights");
        }
        if (fit.residualStructure() != null) {
            found.add("--residual");
        }
        ModelFrame frame = fit.frame();
        if (frame != null) {
            addStructuredTerms(frame.randomTerms(), found);
            if (!offsetsAllowed && frame.offset() != null) {
                found.add("offset()");
            }
        }
        fail(found, what);
    }

    private static void addStructuredTerms(List<RandomTermData> terms, List<String> found) {
        for (RandomTermData t : terms) {
            if (t.covariance() != CovarianceKind.UNSTRUCTURED) {
                found.add(t.covariance().function() + "(... | " + t.groupName() + ")");
            }
        }
    }

    private static void fail(List<String> found, String what) {
        if (!found.isEmpty()) {
            throw new JmixedException(what + ": not available with " + String.join(", ", found)
                    + " yet (fit, compare, predict, bootstrap, confint and --ddf satterthwaite handle them)");
        }
    }
}
