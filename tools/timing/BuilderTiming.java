import java.nio.file.Path;
import java.util.Arrays;

import org.jmixed.data.CsvReader;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.TermStructure;

/**
 * The time of PlsProblemBuilder.build() alone (the cross-products), median of REPS after WARMUP
 * builds, for comparing two builds of solver-api in alternating JVMs:
 * {@code java -cp solver-api/target/solver-api-0.1.0-SNAPSHOT.jar tools/timing/BuilderTiming.java DATA FORMULA [REPS]}
 */
public class BuilderTiming {
    public static void main(String[] args) throws Exception {
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(Path.of(args[0])), args[1]);
        PlsProblem pr = model.problem();
        double[] seconds = new double[reps];
        for (int r = -3; r < reps; r++) {
            PlsProblemBuilder b = new PlsProblemBuilder(pr.y(), pr.x(), pr.p());
            for (int k = 0; k < pr.terms().size(); k++) {
                TermStructure t = pr.terms().get(k);
                b.addTerm(t.groupName(), t.nLevels(), pr.levelOfRow().get(k), pr.termColumns().get(k), t.width());
            }
            long t0 = System.nanoTime();
            PlsProblem built = b.build();
            long t1 = System.nanoTime();
            if (built.cross().xyTxy()[0] != pr.cross().xyTxy()[0]) {
                throw new AssertionError("the builds differ");
            }
            if (r >= 0) {
                seconds[r] = (t1 - t0) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf("median %.4f s  (min %.4f, max %.4f, %d builds)%n", seconds[reps / 2], seconds[0],
                seconds[reps - 1], reps);
    }
}
