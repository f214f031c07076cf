package org.jmixed.cli;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.compare.HeaderTests;
import org.jmixed.inference.compare.HeaderTestsReport;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.inference.predict.SavedModel;

/** What {@code fit --lrtest} and {@code fit --save} add to a fit: kept here so that FitCommand stays about fitting. */
final class FitInference {
    private FitInference() {
    }

    /** Saves the model and/or adds the header tests to the report; returns the report. */
    static String apply(FitCommand.Args a, org.jmixed.model.FitResult fit, String report) {
        // The fit keeps the data frame it was made from; read the file again only for a fit that does not.
        DataFrame data = fit.frame() != null && fit.frame().data() != null ? fit.frame().data()
                : DataFiles.read(a.data());
        if (a.save() != null) {
            SavedModel.write(PredictionModel.of(data, fit), a.save());
        }
        if (!a.lrtest()) {
            return report;
        }
        HeaderTests tests = HeaderTests.of(data, fit, a.options());
        if (a.json()) {
            return HeaderTestsReport.appendTo(report, tests);
        }
        return report + "\nHeader tests (as Stata's mixed):\n" + HeaderTestsReport.text(tests);
    }
}
