package org.jmixed.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.model.FitResult;
import org.jmixed.model.FixedEffects;
import org.jmixed.model.RandomEffects;
import org.jmixed.model.VarianceComponent;
import org.jmixed.report.json.JsonWriter;

/**
 * Writes a {@link FitResult} as JSON with the field names and layout of the lme4 reference fits
 * ({@code shared/reference/*.json}), plus jmixed's own fields (backend, convergence, messages,
 * optimizer work).
 *
 * <p>Layout: 2-space indentation, one object member per line, arrays of scalars on one line,
 * arrays of arrays or objects one element per line. As in the reference files (written by R's
 * jsonlite with {@code auto_unbox}), a vector of length one is written as a scalar (a model with
 * one fixed effect has {@code "names": "(Intercept)"}, one θ gives {@code "theta": 0.85}), while
 * the per-level rows of {@code values} and {@code condsd} stay arrays, as jsonlite writes matrix
 * rows. jmixed's own list fields ({@code messages}, {@code dropped_columns}) are always arrays. Doubles are written with full precision ({@link Double#toString}); NaN and infinities
 * become {@code null}.
 */
public final class JsonReport {
    /** How many fitted values and residuals the report carries. */
    public static final int HEAD = 10;

    private JsonReport() {
    }

    public static String format(FitResult fit) {
        return JsonWriter.write(toTree(fit));
    }

    /**
     * The report with more per-coefficient vectors in {@code fixef} (each of length p, in the order
     * of the fixed effects), e.g. {@code df} and {@code p} of t tests; a name already there is
     * replaced (a Kenward–Roger {@code stderr}).
     */
    public static String format(FitResult fit, Map<String, double[]> fixefColumns) {
        Map<String, Object> tree = toTree(fit);
        @SuppressWarnings("unchecked")
        Map<String, Object> fixef = (Map<String, Object>) tree.get("fixef");
        for (Map.Entry<String, double[]> e : fixefColumns.entrySet()) {
            fixef.put(e.getKey(), unbox(doubles(e.getValue())));
        }
        return JsonWriter.write(tree);
    }

    /** The report as a tree of maps, lists, strings, numbers, booleans and nulls. */
    static Map<String, Object> toTree(FitResult fit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", fit.formula());
        root.put("reml", fit.reml());
        root.put("nobs", fit.nobs());
        root.put("ngroups", new LinkedHashMap<String, Object>(fit.ngroups()));

        Map<String, Object> fixef = new LinkedHashMap<>();
        FixedEffects fe = fit.fixef();
        fixef.put("names", fe == null ? List.of() : unbox(new ArrayList<Object>(fe.names())));
        fixef.put("estimate", fe == null ? List.of() : unbox(doubles(fe.estimate())));
        fixef.put("stderr", fe == null ? List.of() : unbox(doubles(fe.stdError())));
        root.put("fixef", fixef);

        root.put("theta", unbox(doubles(fit.theta())));
        root.put("sigma", fit.sigma());

        List<Object> grp = new ArrayList<>();
        List<Object> var1 = new ArrayList<>();
        List<Object> var2 = new ArrayList<>();
        List<Object> vcov = new ArrayList<>();
        List<Object> sdcor = new ArrayList<>();
        for (VarianceComponent vc : fit.varcorr()) {
            grp.add(vc.group());
            var1.add(vc.var1());
            var2.add(vc.var2());
            vcov.add(vc.vcov());
            sdcor.add(vc.sdcor());
        }
        Map<String, Object> varcorr = new LinkedHashMap<>();
        varcorr.put("grp", unbox(grp));
        varcorr.put("var1", unbox(var1));
        varcorr.put("var2", unbox(var2));
        varcorr.put("vcov", unbox(vcov));
        varcorr.put("sdcor", unbox(sdcor));
        root.put("varcorr", varcorr);

        root.put("logLik", fit.logLik());
        root.put("objective", fit.objective());
        root.put("AIC", fit.aic());
        root.put("BIC", fit.bic());
        root.put("singular", fit.singular());
        root.put("fitted_head", unbox(head(fit.fitted())));
        root.put("resid_head", unbox(head(fit.residuals())));

        List<Object> ranef = new ArrayList<>();
        for (RandomEffects re : fit.ranef()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("group", re.group());
            r.put("terms", unbox(new ArrayList<Object>(re.terms())));
            r.put("levels", unbox(new ArrayList<Object>(re.levels())));
            r.put("values", matrix(re.values()));
            r.put("condsd", matrix(re.condSd()));
            ranef.add(r);
        }
        root.put("ranef", ranef);

        root.put("backend", fit.backend());
        root.put("backend_detail", fit.backendDetail());
        root.put("converged", fit.converged());
        root.put("messages", new ArrayList<Object>(fit.messages()));
        root.put("rows_dropped", fit.rowsDropped());
        root.put("dropped_columns", new ArrayList<Object>(fit.droppedColumns()));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("evaluations", fit.evaluations());
        optimizer.put("seconds", fit.seconds());
        root.put("optimizer", optimizer);
        if (fit.weights() != null) {
            root.put("weights", fit.weights());
        }
        if (fit.residualStructure() != null) {
            Map<String, Object> residual = new LinkedHashMap<>();
            residual.put("structure", fit.residualStructure().structure());
            residual.put("kind", fit.residualStructure().kind());
            Map<String, Object> parameters = new LinkedHashMap<>();
            List<String> names = fit.residualStructure().names();
            double[] values = fit.residualStructure().values();
            for (int i = 0; i < values.length; i++) {
                parameters.put(names.get(i), values[i]);
            }
            residual.put("parameters", parameters);
            root.put("residual", residual);
        }
        return root;
    }

    /** jsonlite's auto_unbox: a vector of length one becomes its element. */
    private static Object unbox(List<Object> vector) {
        return vector.size() == 1 ? vector.get(0) : vector;
    }

    private static List<Object> doubles(double[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    private static List<Object> head(double[] a) {
        return doubles(Arrays.copyOf(a, Math.min(HEAD, a.length)));
    }

    private static List<Object> matrix(double[][] m) {
        List<Object> rows = new ArrayList<>(m.length);
        for (double[] row : m) {
            rows.add(doubles(row));
        }
        return rows;
    }
}
