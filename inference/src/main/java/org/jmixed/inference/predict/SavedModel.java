package org.jmixed.inference.predict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import org.jmixed.JmixedException;
import org.jmixed.report.json.JsonParser;
import org.jmixed.report.json.JsonWriter;

/**
 * The saved-model file: a {@link PredictionModel} as JSON, so that a model is fitted once and
 * used for prediction many times ({@code jmixed fit --save}, {@code jmixed predict --model}).
 *
 * <p>Format {@value #FORMAT}, version {@value #VERSION}: one JSON object with the members
 * <pre>
 *   "format": "jmixed-model", "version": 1,
 *   "formula", "reml", "training_data", "nobs", "sigma", "logLik",
 *   "fixef": {"names": [...], "estimate": [...]},
 *   "variables": [{"label": "Sex", "levels": ["Female", "Male"]}, {"label": "age", "levels": null}, ...],
 *   "random": [{"group", "factors": [...], "columns": [...], "levels": [...], "values": [[...], ...]}, ...],
 *   "crc32": "8 hex digits"
 * </pre>
 * {@code variables} holds every variable of the fixed terms and of the random terms' left-hand
 * sides, numeric ({@code levels} null) or categorical with the training levels in order;
 * {@code random} has one entry per random-effects term in formula order, with the conditional
 * modes per training level. Vectors are always arrays. Numbers are written so that they read back
 * to the same doubles. {@code crc32} is the CRC-32 of the canonical form of the other members
 * (compact JSON, every number as Java's {@code Double.toString}): a file whose content changed
 * after it was written is refused as corrupted. A file of another format version is refused
 * with a message saying which version this jmixed reads.
 */
public final class SavedModel {
    public static final String FORMAT = "jmixed-model";
    public static final int VERSION = 1;

    private SavedModel() {
    }

    public static void write(PredictionModel m, Path file) {
        Map<String, Object> tree = tree(m);
        tree.put("crc32", checksum(tree));
        try {
            Files.writeString(file, JsonWriter.write(tree), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JmixedException("cannot write model file '" + file + "': " + e.getMessage());
        }
    }

    /** Reads a model file, refusing other versions and corrupted files with a one-line message. */
    public static PredictionModel read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new JmixedException("model file '" + file + "' not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new JmixedException("cannot read model file '" + file + "': " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses the text of a model file; {@code source} names it in messages. */
    public static PredictionModel parse(String text, String source) {
        Object parsed;
        try {
            parsed = JsonParser.parse(text);
        } catch (JsonParser.ParseException e) {
            throw new JmixedException("model file '" + source + "' is corrupted or not a jmixed model: not valid JSON ("
                    + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> raw) || !FORMAT.equals(raw.get("format"))) {
            throw new JmixedException("model file '" + source + "' is not a jmixed model (no \"format\": \"" + FORMAT
                    + "\")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = new LinkedHashMap<>((Map<String, Object>) raw);
        Object version = tree.get("version");
        if (!(version instanceof Double v) || v != VERSION) {
            throw new JmixedException("model file '" + source + "' has format version " + describe(version)
                    + "; this jmixed reads version " + VERSION + " (fit the model again with this version's 'fit --save')");
        }
        Object crc = tree.remove("crc32");
        if (!(crc instanceof String)) {
            throw new JmixedException("model file '" + source + "' is corrupted: no checksum (\"crc32\")");
        }
        if (!crc.equals(checksum(tree))) {
            throw new JmixedException("model file '" + source + "' is corrupted: its content does not match its"
                    + " checksum (changed or damaged after it was written)");
        }
        try {
            return fromTree(tree);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new JmixedException("model file '" + source + "' is corrupted: " + e.getMessage());
        }
    }

    private static String describe(Object version) {
        if (version instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return version == null ? "(none)" : String.valueOf(version);
    }

    static Map<String, Object> tree(PredictionModel m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("formula", m.formula());
        root.put("reml", m.reml());
        root.put("training_data", m.trainingData());
        root.put("nobs", m.nobs());
        root.put("sigma", m.sigma());
        root.put("logLik", m.logLik());
        Map<String, Object> fixef = new LinkedHashMap<>();
        fixef.put("names", new ArrayList<Object>(m.fixedNames()));
        fixef.put("estimate", doubles(m.beta()));
        root.put("fixef", fixef);
        List<Object> vars = new ArrayList<>();
        for (VariableEncoding v : m.variables().values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("label", v.label());
            e.put("levels", v.categorical() ? new ArrayList<Object>(v.levels()) : null);
            vars.add(e);
        }
        root.put("variables", vars);
        List<Object> random = new ArrayList<>();
        for (RandomPart p : m.random()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("group", p.group());
            e.put("factors", new ArrayList<Object>(p.factors()));
            e.put("columns", new ArrayList<Object>(p.columns()));
            e.put("levels", new ArrayList<Object>(p.levels()));
            List<Object> rows = new ArrayList<>();
            for (double[] row : p.values()) {
                rows.add(doubles(row));
            }
            e.put("values", rows);
            random.add(e);
        }
        root.put("random", random);
        return root;
    }

    private static PredictionModel fromTree(Map<String, Object> t) {
        Map<String, Object> fixef = object(t, "fixef");
        List<VariableEncoding> vars = new ArrayList<>();
        for (Object o : list(t, "variables")) {
            Map<String, Object> v = asObject(o, "variables[]");
            Object levels = v.get("levels");
            vars.add(new VariableEncoding(string(v, "label"), levels == null ? null : strings(v, "levels")));
        }
        List<RandomPart> random = new ArrayList<>();
        for (Object o : list(t, "random")) {
            Map<String, Object> r = asObject(o, "random[]");
            List<Object> rows = list(r, "values");
            double[][] values = new double[rows.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = numbers(rows.get(i), "random[].values");
            }
            random.add(new RandomPart(string(r, "group"), strings(r, "factors"), strings(r, "columns"),
                    strings(r, "levels"), values));
        }
        try {
            return new PredictionModel(string(t, "formula"), bool(t, "reml"), string(t, "training_data"),
                    (int) number(t, "nobs"), strings(fixef, "names"), numbers(fixef.get("estimate"), "fixef.estimate"),
                    vars, random, number(t, "sigma"), number(t, "logLik"));
        } catch (org.jmixed.formula.FormulaException e) {
            throw new IllegalArgumentException("bad formula: " + e.getMessage());
        }
    }

    private static Map<String, Object> object(Map<String, Object> t, String key) {
        return asObject(t.get(key), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("'" + what + "' is missing or not an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> t, String key) {
        Object o = t.get(key);
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not an array");
        }
        return (List<Object>) o;
    }

    private static String string(Map<String, Object> t, String key) {
        if (!(t.get(key) instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not a string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> t, String key) {
        if (!(t.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not true/false");
        }
        return b;
    }

    private static double number(Map<String, Object> t, String key) {
        if (!(t.get(key) instanceof Double d)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not a number");
        }
        return d;
    }

    private static List<String> strings(Map<String, Object> t, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(t, key)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("'" + key + "' holds a non-string");
            }
            out.add(s);
        }
        return out;
    }

    private static double[] numbers(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + what + "' is missing or not an array");
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Double d)) {
                throw new IllegalArgumentException("'" + what + "' holds a non-number");
            }
            out[i] = d;
        }
        return out;
    }

    private static List<Object> doubles(double[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }

    /** CRC-32 of the canonical form of a tree, as 8 hex digits. */
    static String checksum(Object tree) {
        StringBuilder sb = new StringBuilder();
        canonical(sb, tree);
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** Compact JSON, numbers as doubles: the same for a tree and for the tree read back from its file. */
    private static void canonical(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                canonical(sb, String.valueOf(e.getKey()));
                sb.append(':');
                canonical(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                canonical(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Number num) {
            double d = num.doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else {
            sb.append(v);
        }
    }
}
