package org.jmixed.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.jmixed.JmixedException;

/** The PLS backends on the class path, found through {@link ServiceLoader}, and the choice among them. */
public final class Backends {
    /** The name that lets jmixed choose. */
    public static final String AUTO = "auto";

    private Backends() {
    }

    /** Every backend on the class path, available here or not, in discovery order. */
    public static List<PlsBackend> all() {
        List<PlsBackend> out = new ArrayList<>();
        for (PlsBackend b : ServiceLoader.load(PlsBackend.class, Backends.class.getClassLoader())) {
            out.add(b);
        }
        return out;
    }

    /**
     * Starts {@link PlsBackend#preload()} of every backend on a daemon thread and returns at once:
     * the command line calls it before reading the data, which takes about as long.
     */
    public static void preloadInBackground() {
        Thread t = new Thread(() -> {
            for (PlsBackend b : all()) {
                try {
                    b.preload();
                } catch (RuntimeException | LinkageError ignored) {
                    // Reported in one line by selection or open(), where it matters.
                }
            }
        }, "jmixed-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Chooses a backend by name, or automatically for {@code auto}: the available backend with the
     * lowest estimated cost per evaluation, the pure-Java one when no backend gives an estimate.
     */
    public static BackendChoice choose(String name, PlsProblem problem) {
        List<PlsBackend> all = all();
        if (all.isEmpty()) {
            throw new JmixedException("no PLS backend on the class path (expected at least 'java' from cpu-backend)");
        }
        if (name == null || name.isBlank() || name.equals(AUTO)) {
            return chooseAutomatically(all, problem);
        }
        for (PlsBackend b : all) {
            if (b.name().equals(name)) {
                Optional<String> why = b.unavailableReason();
                if (why.isPresent()) {
                    throw new JmixedException("backend '" + name + "' is not available here: " + why.get());
                }
                return new BackendChoice(b, "requested with --backend " + name);
            }
        }
        throw new JmixedException("unknown backend '" + name + "' (known: " + names(all) + ", or auto)");
    }

    /**
     * Backends are asked for their estimates first and checked for availability in order of cost,
     * so that a backend whose native library would lose anyway is never loaded (loading CHOLMOD
     * through JavaCPP alone costs more than some whole fits).
     */
    private static BackendChoice chooseAutomatically(List<PlsBackend> all, PlsProblem problem) {
        List<Estimate> estimates = new ArrayList<>();
        for (PlsBackend b : all) {
            b.estimatedSecondsPerEvaluation(problem).ifPresent(s -> estimates.add(new Estimate(b, s)));
        }
        estimates.sort(Comparator.comparingDouble(Estimate::seconds));
        for (Estimate e : estimates) {
            if (e.backend().unavailableReason().isEmpty()) {
                return new BackendChoice(e.backend(), "auto: lowest estimated cost per evaluation ("
                        + seconds(e.seconds()) + ")" + others(estimates, e));
            }
        }
        for (PlsBackend b : all) {
            if (b.name().equals("java") && b.unavailableReason().isEmpty()) {
                return new BackendChoice(b, "auto: no available backend estimated its cost; using the pure-Java one");
            }
        }
        for (PlsBackend b : all) {
            if (b.unavailableReason().isEmpty()) {
                return new BackendChoice(b, "auto: no available backend estimated its cost; using the first found");
            }
        }
        throw new JmixedException("no backend is available here (known: " + names(all) + ")");
    }

    /** A backend's estimated seconds per evaluation of the problem at hand. */
    private record Estimate(PlsBackend backend, double seconds) {
    }

    private static String seconds(double s) {
        return String.format("%.3g s", s);
    }

    /** The estimates of the backends not chosen, cheapest first, e.g. " over cholmod 0.0993 s". */
    private static String others(List<Estimate> estimates, Estimate chosen) {
        StringBuilder sb = new StringBuilder();
        for (Estimate e : estimates) {
            if (e != chosen) {
                sb.append(sb.length() == 0 ? " over " : ", ").append(e.backend().name()).append(' ')
                        .append(seconds(e.seconds()));
            }
        }
        return sb.toString();
    }

    private static String names(List<PlsBackend> backends) {
        List<String> n = new ArrayList<>();
        for (PlsBackend b : backends) {
            n.add(b.name());
        }
        return String.join(", ", n);
    }
}
