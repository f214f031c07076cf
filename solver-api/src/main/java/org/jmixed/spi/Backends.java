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
     * the command line calls it before reading the data, which takes about as long. Preloading
     * loads native libraries while the caller goes on loading classes, which on JDK 17 can
     * deadlock inside the JDK unless {@link NativeLoading#prepare()} ran first (see there): it
     * runs here, on the calling thread, before the thread starts.
     */
    public static void preloadInBackground() {
        NativeLoading.prepare();
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
        long raceMillis = Long.getLong(RACE_PROPERTY, 0L);
        if (raceMillis > 0) {
            raceNativeLoading(t, raceMillis);
        } else {
            t.start();
        }
    }

    /**
     * Test-only system property, a number of milliseconds: makes {@link #preloadInBackground()}
     * force the race it must survive (stress tests set it; without it nothing of the kind runs).
     * Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
     */
    public static final String RACE_PROPERTY = "jmixed.test.raceNativeLoading";

    /**
     * The first class that netlib's {@code JNI_OnLoad} looks up: the preload thread asks the class
     * loader for it while it holds the JVM's native-library lock, unless it was loaded before.
     */
    private static final String FIRST_JNI_ONLOAD_CLASS = "org.netlib.util.booleanW";

    /**
     * The interleaving that deadlocked {@code jmixed fit} on JDK 17 (issue 9), made certain: a
     * helper thread holds the class loader's lock for {@value #FIRST_JNI_ONLOAD_CLASS} for
     * {@code millis} (the injected delay), so that the preload thread stops at its first lookup of
     * that class (before the fix: inside {@code JNI_OnLoad}, holding the native-library lock);
     * once it waits there, this thread reads from the jar a class that nothing else loads (so
     * that no class-data-sharing archive holds it), as the main thread does when it goes on
     * reading data. The code lives here rather than in a class of its own, which would itself be
     * read from the jar first.
     */
    private static void raceNativeLoading(Thread preload, long millis) {
        ClassLoader loader = Backends.class.getClassLoader();
        Object lock;
        try {
            java.lang.reflect.Method m = ClassLoader.class.getDeclaredMethod("getClassLoadingLock", String.class);
            m.setAccessible(true);
            lock = m.invoke(loader, FIRST_JNI_ONLOAD_CLASS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(RACE_PROPERTY + " needs --add-opens java.base/java.lang=ALL-UNNAMED: " + e);
        }
        // Before the preload starts: the management classes load libmanagement, which needs the
        // native-library lock that the preload thread is about to hold.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        threads.getThreadInfo(preload.getId());
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        Thread staller = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                awaitBlockedOn(threads, preload, Thread.currentThread());
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "jmixed-race-staller");
        staller.setDaemon(true);
        staller.start();
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        preload.start();
        awaitBlockedOn(threads, preload, staller);
        try {
            Class.forName(Backends.class.getName() + "$ReadFromTheJarByTheRaceOnly", true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most 10 s) until {@code waiter} is blocked on a monitor that {@code owner} holds. */
    private static void awaitBlockedOn(java.lang.management.ThreadMXBean threads, Thread waiter, Thread owner) {
        long start = System.nanoTime();
        while (waiter.getState() != Thread.State.TERMINATED && owner.isAlive()
                && System.nanoTime() - start < 10_000_000_000L) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(waiter.getId());
            if (info != null && info.getLockOwnerId() == owner.getId()) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Loaded only by {@link #raceNativeLoading}. */
    private static final class ReadFromTheJarByTheRaceOnly {
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
