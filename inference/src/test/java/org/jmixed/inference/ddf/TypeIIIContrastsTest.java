package org.jmixed.inference.ddf;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FixedTermDesign;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeIIIContrastsTest {
    private static Map<String, double[][]> contrasts(String file, String formula) throws IOException {
        DataFrame d = CsvReader.read(SharedData.data(file));
        PreparedModel p = LinearMixedModel.prepare(d, formula);
        return TypeIIIContrasts.of(FixedTermDesign.of(d, formula), p.fixedNames(), p.x());
    }

    @Test
    void termColumnsAndLabels() throws IOException {
        DataFrame d = CsvReader.read(SharedData.data("Orthodont.csv"));
        FixedTermDesign t = FixedTermDesign.of(d, "distance ~ age * Sex + (1 | Subject)");
        assertEquals(List.of("age", "Sex", "age:Sex"), t.termLabels());
        assertEquals(List.of("(Intercept)", "age", "SexMale", "age:SexMale"), t.columnNames());
        assertArrayEquals(new int[] {-1, 0, 1, 2}, t.columnTerm());
        assertEquals(List.of("(Intercept)", "age", "SexFemale", "SexMale", "age:SexFemale", "age:SexMale"),
                t.overNames());
        assertTrue(TypeIIIContrasts.contains(t, 2, 0), "age:Sex contains age (same numeric variables)");
        assertFalse(TypeIIIContrasts.contains(t, 2, 1), "age:Sex does not contain Sex (numeric variables differ)");
        assertFalse(TypeIIIContrasts.contains(t, 0, 2), "a term does not contain a larger one");
    }

    /**
     * With treatment contrasts the type III hypothesis of a main effect that is in an interaction
     * is not "its column is zero": irrigation is tested averaged over the varieties.
     */
    @Test
    void mainEffectIsAveragedOverTheInteraction() throws IOException {
        Map<String, double[][]> c = contrasts("irrigation.csv", "yield ~ irrigation * variety + (1 | field)");
        double[][] irr = c.get("irrigation");
        assertEquals(3, irr.length);
        // columns: (Intercept) i2 i3 i4 v2 i2:v2 i3:v2 i4:v2; row for i2 = i2 + ½ i2:v2
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0.5, 0, 0}, irr[0], 1e-12);
        double[][] inter = c.get("irrigation:variety");
        assertEquals(3, inter.length);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 0}, inter[0], 1e-12);
    }

    @Test
    void numericByFactorTestsTheFactorAtZero() throws IOException {
        Map<String, double[][]> c = contrasts("Orthodont.csv", "distance ~ age * Sex + (1 | Subject)");
        // age is tested averaged over the sexes; Sex at age 0 (its own column)
        assertArrayEquals(new double[] {0, 1, 0, 0.5}, c.get("age")[0], 1e-12);
        assertArrayEquals(new double[] {0, 0, 1, 0}, c.get("Sex")[0], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 1}, c.get("age:Sex")[0], 1e-12);
    }

    @Test
    void singleTermIsItsColumns() throws IOException {
        Map<String, double[][]> c = contrasts("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)");
        assertEquals(1, c.size());
        assertArrayEquals(new double[] {0, 1}, c.get("Days")[0], 0.0);
    }
}
