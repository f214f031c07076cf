package org.jmixed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Assertions about data frames shared by the tests of the file formats (binary frames, Parquet). */
public final class FrameAssertions {
    private FrameAssertions() {
    }

    /**
     * The two frames are the same to every model: the same columns, typed alike, the same missing
     * cells, bit-identical numbers, and the same factor levels and codes.
     */
    public static void assertSameForModels(DataFrame expected, DataFrame actual) {
        assertEquals(expected.nrows(), actual.nrows());
        assertEquals(expected.names(), actual.names());
        for (String name : expected.names()) {
            Column a = expected.column(name);
            Column b = actual.column(name);
            assertEquals(ColumnTyping.kindOf(a, false), ColumnTyping.kindOf(b, false), name + " kind");
            assertEquals(ColumnTyping.usableAsResponse(a), ColumnTyping.usableAsResponse(b), name + " response");
            List<String> sa = new ArrayList<>();
            List<String> sb = new ArrayList<>();
            for (int i = 0; i < expected.nrows(); i++) {
                assertEquals(a.isMissing(i), b.isMissing(i), name + " missing at row " + i);
                if (!a.isMissing(i)) {
                    assertEquals(Double.doubleToLongBits(a.numericValue(i)), Double.doubleToLongBits(b.numericValue(i)),
                            name + " value at row " + i);
                    sa.add(a.stringValue(i));
                    sb.add(b.stringValue(i));
                }
            }
            // Used as a grouping factor: the same levels in the same order, the same codes.
            Factor fa = Factor.of(sa.toArray(String[]::new));
            Factor fb = Factor.of(sb.toArray(String[]::new));
            assertArrayEquals(fa.codes(), fb.codes(), name + " factor codes");
            if (ColumnTyping.kindOf(a, false) == ColumnTyping.Kind.CATEGORICAL) {
                assertEquals(fa.levels(), fb.levels(), name + " levels");
            }
        }
    }
}
