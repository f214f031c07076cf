import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;

/**
 * Times reading data files into a DataFrame, the files interleaved and repeated so that the
 * load of a shared machine falls on all of them alike; prints each time and the medians.
 *
 *   java -Xmx8g -cp cli/target/jmixed.jar tools/ReadBench.java REPEATS FILE...
 *
 * e.g. one design as CSV, .jmx and Parquet, written by simulate-crossed and convert.
 */
public class ReadBench {
    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (int i = 1; i < args.length; i++) {
                System.gc();
                long start = System.nanoTime();
                DataFrame f = DataFiles.read(Path.of(args[i]));
                double s = (System.nanoTime() - start) / 1e9;
                seconds.computeIfAbsent(args[i], k -> new ArrayList<>()).add(s);
                System.out.printf("repeat %d %s: %d rows in %.3f s%n", r + 1, args[i], f.nrows(), s);
            }
        }
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            Collections.sort(v);
            System.out.printf("median %s: %.3f s%n", e.getKey(), v.get(v.size() / 2));
        }
    }
}
