package org.jmixed.bench;

import java.util.Optional;

import org.jmixed.cpu.CpuBackend;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;

/** Test-only backends (registered in src/test/resources/META-INF/services): one that disagrees, one absent. */
final class FakeBackends {
    private FakeBackends() {
    }

    /** The java backend with log|L|² off by 1e-6: far outside the 1e-9 agreement tolerance. */
    public static final class Disagreeing implements PlsBackend {
        private final CpuBackend inner = new CpuBackend();

        @Override
        public String name() {
            return "test-disagreeing";
        }

        @Override
        public String description() {
            return "java, perturbed (tests only)";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public PlsEvaluator open(PlsProblem problem) {
            PlsEvaluator e = inner.open(problem);
            return new PlsEvaluator() {
                @Override
                public void factor(double[] theta, PlsFactorSummary out) {
                    e.factor(theta, out);
                    out.logDetL += 1e-6 * Math.abs(out.logDetL) + 1e-6;
                }

                @Override
                public PlsSolution solve(boolean conditionalVariances) {
                    return e.solve(conditionalVariances);
                }

                @Override
                public String description() {
                    return "perturbed " + e.description();
                }

                @Override
                public void close() {
                    e.close();
                }
            };
        }
    }

    /** On the class path but never available, like cuda without a GPU. */
    public static final class Unavailable implements PlsBackend {
        @Override
        public String name() {
            return "test-unavailable";
        }

        @Override
        public String description() {
            return "never available (tests only)";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.of("no such device (test)");
        }

        @Override
        public PlsEvaluator open(PlsProblem problem) {
            throw new IllegalStateException("unavailable");
        }
    }
}
