package org.jmixed.spark;

import org.jmixed.model.FitResult;
import org.jmixed.report.JsonReport;
import org.jmixed.report.SummaryText;

/**
 * A fit over distributed data: the same {@link FitResult} as a single-machine fit (its
 * {@code fitted()} and {@code residuals()} hold the first {@link JsonReport#HEAD} rows; the
 * scaled-residual quantiles come from all rows), with the data source and the Spark master.
 *
 * @param fit    the result
 * @param source the data's path
 * @param master the Spark master the rows were read by
 */
public record SparkFit(FitResult fit, String source, String master) {
    /** The summary; its {@code Data:} line names the source and the master. */
    public String text() {
        return SummaryText.format(fit, dataLabel());
    }

    /** The JSON report, with {@code data} and {@code spark_master} after {@code formula}. */
    public String json() {
        String json = JsonReport.format(fit);
        int firstLineEnd = json.indexOf('\n', json.indexOf("\"formula\""));
        return json.substring(0, firstLineEnd + 1)
                + "  \"data\": " + quote(source) + ",\n"
                + "  \"spark_master\": " + quote(master) + ",\n"
                + json.substring(firstLineEnd + 1);
    }

    String dataLabel() {
        return source + " (Spark " + master + ")";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
