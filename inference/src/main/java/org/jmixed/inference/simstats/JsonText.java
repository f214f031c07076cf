package org.jmixed.inference.simstats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text of a tree of maps, lists and scalars, laid out as {@code JsonReport} lays out a fit (2-space
 * indentation, flat arrays on one line), for the reports of the per-group, moment and Gibbs commands.
 * Non-finite doubles become {@code null}, as R's jsonlite writes NA.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String format(Map<String, ?> tree) {
        StringBuilder sb = new StringBuilder();
        write(sb, tree, 0);
        return sb.append('\n').toString();
    }

    /** A double[] as a list of boxed numbers (non-finite ones written as null). */
    public static List<Object> list(double[] a) {
        List<Object> out = new ArrayList<>(a.length);
        for (double v : a) {
            out.add(v);
        }
        return out;
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v instanceof Map<?, ?> map) {
            writeObject(sb, map, indent);
        } else if (v instanceof List<?> list) {
            writeArray(sb, list, indent);
        } else if (v instanceof double[] a) {
            writeArray(sb, list(a), indent);
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
                sb.append(i > 0 ? ", " : "");
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

    private static void writeScalar(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            writeString(sb, v.toString());
        }
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
                default -> {
                    if (c < 0x20) {
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
        sb.append("  ".repeat(indent));
    }
}
