package org.jmixed.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;

import org.jmixed.JmixedException;

/**
 * The loop shared by the fuzz tests: a seeded stream of inputs, each of which must end in a
 * result or in a {@link JmixedException} whose message is one non-empty line. Anything else (an
 * unchecked exception of another kind, an error, a message of several lines) fails with the seed
 * and the input's index and text, so that the failure can be replayed.
 *
 * <p>System properties: {@code jmixed.fuzz.inputs} (inputs per fuzz test; the normal run uses a
 * few thousand, the long run by hand 100,000 or more) and {@code jmixed.fuzz.seed}.
 */
final class FuzzRun {
    private FuzzRun() {
    }

    static int inputs(int normal) {
        return Integer.getInteger("jmixed.fuzz.inputs", normal);
    }

    static long seed() {
        return Long.getLong("jmixed.fuzz.seed", 20261129L);
    }

    /** Outcome counts, printed so that a run shows it tried both kinds of input. */
    record Counts(int accepted, int refused) {
    }

    /**
     * Runs {@code check} on {@code count} inputs made by {@code make} from one random stream per
     * input (seeded from the run's seed and the index, so that input i can be replayed alone).
     */
    static <T> Counts run(String what, int count, Function<SplittableRandom, T> make, Function<T, String> show,
            Function<T, Object> check) {
        long seed = seed();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < count; i++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            T input = make.apply(rnd);
            try {
                check.apply(input);
                accepted++;
            } catch (JmixedException e) {
                String m = e.getMessage();
                if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                    fail(what + " input " + i + " (seed " + seed + "): message is not one line: [" + m + "] for "
                            + show.apply(input));
                }
                refused++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                AssertionError a = new AssertionError(what + " input " + i + " (seed " + seed + ") threw "
                        + e + " instead of a JmixedException, for " + show.apply(input), e);
                throw a;
            }
        }
        System.out.printf("%s: %d inputs, %d accepted, %d refused with a one-line message (seed %d)%n", what,
                count, accepted, refused, seed);
        return new Counts(accepted, refused);
    }

    /** Java-escaped text, for failure messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder(b.length + " bytes:");
        for (int i = 0; i < Math.min(b.length, max); i++) {
            sb.append(String.format(" %02x", b[i]));
        }
        return sb.append(b.length > max ? " ..." : "").toString();
    }
}
