package org.jmixed.inference.simstats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;

/** The R reference fixtures of tools/r/simstats_reference.R and the data files they refer to. */
public final class SimStatsFixtures {
    private SimStatsFixtures() {
    }

    public static JsonNode fixture(String name) throws IOException {
        try (InputStream in = SimStatsFixtures.class.getResourceAsStream("/simstats/" + name)) {
            if (in == null) {
                throw new IOException("missing test fixture /simstats/" + name);
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /** A shared data set, or a small file the R script wrote beside the fixtures. */
    public static DataFrame data(String file) throws Exception {
        Path shared = SharedData.data(file);
        if (Files.exists(shared)) {
            return CsvReader.read(shared);
        }
        return CsvReader.read(Path.of(SimStatsFixtures.class.getResource("/simstats/" + file).toURI()));
    }
}
