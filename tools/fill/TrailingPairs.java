import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;

/**
 * Writes the (first-term level, trailing-term level) pairs of a crossed design as little-endian
 * int32 for trailing_fill.c: header (rows, levels of the first factor, levels of the second), then
 * one (first, second) pair of 0-based codes per row. The factors' cells must be the integer codes
 * 1..L that simulate-crossed writes.
 *
 *   java -Xmx12g -cp cli/target/jmixed.jar tools/fill/TrailingPairs.java DATA FIRST SECOND OUT.bin
 */
public class TrailingPairs {
    public static void main(String[] args) throws IOException {
        DataFrame frame = DataFiles.read(Path.of(args[0]));
        Column first = frame.column(args[1]);
        Column second = frame.column(args[2]);
        int n = frame.nrows();
        int[] a = new int[n];
        int[] b = new int[n];
        int la = 0;
        int lb = 0;
        for (int r = 0; r < n; r++) {
            a[r] = (int) first.numericValue(r) - 1;
            b[r] = (int) second.numericValue(r) - 1;
            la = Math.max(la, a[r] + 1);
            lb = Math.max(lb, b[r] + 1);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])), 1 << 20))) {
            out.writeInt(Integer.reverseBytes(n));
            out.writeInt(Integer.reverseBytes(la));
            out.writeInt(Integer.reverseBytes(lb));
            for (int r = 0; r < n; r++) {
                out.writeInt(Integer.reverseBytes(a[r]));
                out.writeInt(Integer.reverseBytes(b[r]));
            }
        }
        System.out.printf("%s: %d rows, %d %s levels, %d %s levels%n", args[3], n, la, args[1], lb, args[2]);
    }
}
