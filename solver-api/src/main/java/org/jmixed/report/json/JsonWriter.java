package org.jmixed.report.json;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@link Map} (in its iteration order), {@link List}, {@code double[]},
 * {@link String}, {@link Number}, {@link Boolean} and null as JSON in jmixed's one layout, that of
 * the fit's report ({@code org.jmixed.report.JsonReport}) and of every command's {@code --format json}.
 *
 * <p>Layout: 2-space indentation, one object member per line; an array of scalars (a
 * {@code double[]} too) on one line, an array holding objects or arrays one element per line;
 * empty objects and arrays as {@code {}} and {@code []}. Doubles and floats at full precision
 * ({@link Double#toString}, which reads back to the same double), NaN and infinities as
 * {@code null} (as R's jsonlite writes NA). Any other object is written as the string of its
 * {@code toString()}. The tree is written as it is: jsonlite's auto-unboxing of length-one vectors
 * is the caller's choice, made when it builds the tree.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** The tree as JSON text, ending in a newline. */
    public static String write(Object tree) {
        StringBuilder sb = new StringBuilder(4096);
        write(sb, tree, 0);
        return sb.append('\n').toString();
    }

    /**
     * Appends a value whose first line is already indented {@code indent} levels (for embedding it in
     * a larger document); no newline after it.
     */
    public static void write(StringBuilder sb, Object v, int indent) {
        if (v instanceof Map<?, ?> map) {
            writeObject(sb, map, indent);
        } else if (v instanceof List<?> list) {
            writeArray(sb, list, indent);
        } else if (v instanceof double[] a) {
            writeDoubles(sb, a);
        } else {
            writeScalar(sb, v);
        }
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pad(sb, indent + 1);
            writeString(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), indent + 1);
            sb.append(++i < map.size() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append('}');
    }

    private static void writeArray(StringBuilder sb, List<?> list, int indent) {
        boolean flat = list.stream().noneMatch(x -> x instanceof Map || x instanceof List || x instanceof double[]);
        if (flat) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                writeScalar(sb, list.get(i));
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            pad(sb, indent + 1);
            write(sb, list.get(i), indent + 1);
            sb.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append(']');
    }

    private static void writeDoubles(StringBuilder sb, double[] a) {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            writeScalar(sb, a[i]);
        }
        sb.append(']');
    }

    private static void writeScalar(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Float f) {
            sb.append(Float.isFinite(f) ? Float.toString(f) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            writeString(sb, v.toString());
        }
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        writeString(sb, s);
        return sb.toString();
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // U+2028/U+2029 are legal in JSON but end a line in JavaScript source.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void pad(StringBuilder sb, int indent) {
        for (int i = 0; i < indent; i++) {
            sb.append("  ");
        }
    }
}
