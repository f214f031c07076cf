package org.jmixed.spi;

import java.util.ArrayList;
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

    private static BackendChoice chooseAutomatically(List<PlsBackend> all, PlsProblem problem) {
        List<PlsBackend> available = new ArrayList<>();
        for (PlsBackend b : all) {
            if (b.unavailableReason().isEmpty()) {
                available.add(b);
            }
        }
        if (available.isEmpty()) {
            throw new JmixedException("no backend is available here (known: " + names(all) + ")");
        }
        PlsBackend best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (PlsBackend b : available) {
            Optional<Double> cost = b.estimatedSecondsPerEvaluation(problem);
            if (cost.isPresent() && cost.get() < bestCost) {
                bestCost = cost.get();
                best = b;
            }
        }
        if (available.size() == 1) {
            return new BackendChoice(available.get(0), "auto: the only backend available here");
        }
        if (best == null) {
            for (PlsBackend b : available) {
                if (b.name().equals("java")) {
                    return new BackendChoice(b, "auto: no backend estimated its cost; using the pure-Java one");
                }
            }
            return new BackendChoice(available.get(0), "auto: no backend estimated its cost; using the first found");
        }
        return new BackendChoice(best, String.format("auto: lowest estimated cost per evaluation (%.3g s) of %s",
                bestCost, names(available)));
    }

    private static String names(List<PlsBackend> backends) {
        List<String> n = new ArrayList<>();
        for (PlsBackend b : backends) {
            n.add(b.name());
        }
        return String.join(", ", n);
    }
}
