package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.jmixed.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: {@code jmixed fit} must never hang at start-up. Launches the real command line many
 * times, each run in its own JVM with a time limit, on models of the shapes that hung (crossed with
 * an interaction, uncorrelated slopes with a nested term, correlated slopes, and CHOLMOD, whose
 * JavaCPP library loads on the main thread while netlib's loads on the preload thread), in two
 * modes: as users run it, and with the race forced ({@link Backends#RACE_PROPERTY}: the main thread
 * reads a class from the jar while the preload thread is inside the JDK's native-library loading).
 *
 * <p>The runs look like {@code ./jmixed}'s: class path of jars and a class-data-sharing archive
 * recorded by a Penicillin fit, because the deadlock needs classes served from the archive (the
 * first class read from a jar then initializes {@code CRC32} late, on whichever thread needs it).
 *
 * <p>System properties: {@code jmixed.stress.runs} (runs per model and mode; default 3 plain and
 * {@code jmixed.stress.forcedRuns}, default 8, forced), {@code jmixed.stress.jar} (a shaded jar
 * to run instead of this build's classes, e.g. {@code cli/target/jmixed.jar}),
 * {@code jmixed.stress.timeout} (seconds per run, default 60), {@code jmixed.stress.parallel}
 * (JVMs at once, default 2). On the code before the fix every forced run hung (16 of 16, and 0 of
 * 12 plain runs); a hang fails the test with the hung JVM's thread dump.
 */
class CliStartupStressTest {
    private record Model(String name, String data, String formula, String... extra) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("crossed", "jsp.csv", "math ~ raven * gender + (1 | school) + (1 | class)", "--backend", "java"),
            new Model("uncorrelated+nested", "jsp.csv",
                    "math ~ raven + english + (raven || school) + (1 | school:class)"),
            new Model("slopes", "psid.csv", "log(income) ~ age + educ + sex + (year | person)", "--backend", "java"),
            new Model("cholmod-nested", "Pastes.csv", "strength ~ 1 + (1 | batch/cask)", "--backend", "cholmod"));

    private record Outcome(Model model, boolean forced, int exit, boolean hung, String out, String err, String dump) {
    }

    /** How long the forced race keeps the preload thread at its first class lookup. */
    private static final int RACE_MILLIS = 300;

    @TempDir
    static Path work;

    @Test
    void fitNeverHangsAtStartUp() throws Exception {
        int plainRuns = Integer.getInteger("jmixed.stress.runs", 3);
        int forcedRuns = Integer.getInteger("jmixed.stress.forcedRuns", Integer.getInteger("jmixed.stress.runs", 8));
        long timeout = Long.getLong("jmixed.stress.timeout", 60);
        int parallel = Integer.getInteger("jmixed.stress.parallel", 2);

        List<String> launch = launcher();
        List<Future<Outcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (int r = 0; r < Math.max(plainRuns, forcedRuns); r++) {
                for (Model m : MODELS) {
                    if (r < plainRuns) {
                        futures.add(pool.submit(() -> run(launch, m, false, timeout)));
                    }
                    if (r < forcedRuns) {
                        futures.add(pool.submit(() -> run(launch, m, true, timeout)));
                    }
                }
            }
            int hangs = 0;
            StringBuilder failures = new StringBuilder();
            Map<String, String> objectiveByModel = new ConcurrentHashMap<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                String what = o.model().name() + (o.forced() ? " (race forced)" : "");
                if (o.hung()) {
                    hangs++;
                    if (hangs == 1) {
                        failures.append("HUNG: ").append(what).append("; thread dump:\n").append(o.dump()).append('\n');
                    }
                    continue;
                }
                if (o.exit() != 0) {
                    failures.append("exit ").append(o.exit()).append(": ").append(what).append(": ")
                            .append(o.err().strip()).append('\n');
                    continue;
                }
                String objective = field(o.out(), "objective");
                String previous = objectiveByModel.putIfAbsent(o.model().name(), objective);
                if (previous != null && !previous.equals(objective)) {
                    failures.append("different objective for ").append(what).append(": ").append(objective)
                            .append(" vs ").append(previous).append('\n');
                }
            }
            System.out.printf("CliStartupStressTest: %d runs (%d plain, %d forced per model, %d models), %d hung%n",
                    futures.size(), plainRuns, forcedRuns, MODELS.size(), hangs);
            if (failures.length() > 0) {
                fail(hangs + " of " + futures.size() + " runs hung; " + failures);
            }
            assertEquals(MODELS.size(), objectiveByModel.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The java command up to the main class: a shaded jar, or this build's class path as jars. */
    private static List<String> launcher() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseParallelGC", "-Xss16m", "-XX:-UsePerfData"));
        List<String> target;
        String jar = System.getProperty("jmixed.stress.jar");
        if (jar != null && !jar.isBlank()) {
            target = List.of("-jar", Path.of(jar).toAbsolutePath().toString());
        } else {
            target = List.of("-cp", jarredClassPath(), Main.class.getName());
        }
        Path archive = work.resolve("stress.jsa");
        List<String> train = new ArrayList<>(cmd);
        train.add("-XX:ArchiveClassesAtExit=" + archive);
        train.addAll(target);
        train.addAll(List.of("fit", "--data", SharedData.data("Penicillin.csv").toString(), "--formula",
                "diameter ~ 1 + (1 | plate) + (1 | sample)", "--format", "json"));
        Process p = new ProcessBuilder(train).redirectErrorStream(true)
                .redirectOutput(work.resolve("train.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the training run for the archive did not finish");
        assertTrue(Files.size(archive) > 0, "no class-data-sharing archive: " + Files.readString(work.resolve("train.log")));
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.add("-Xshare:auto");
        cmd.addAll(target);
        return cmd;
    }

    /**
     * This test's class path with every directory packed into a jar: class-data sharing refuses
     * directories, and the deadlock needs classes read from jars.
     */
    private static String jarredClassPath() throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = work.resolve("cp" + (i++) + ".jar");
                pack(p, jar);
                out.add(jar.toString());
            } else if (Files.isRegularFile(p)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static Outcome run(List<String> launch, Model m, boolean forced, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launch);
        if (forced) {
            int at = cmd.indexOf("-Xshare:auto") + 1;
            cmd.add(at, "-D" + Backends.RACE_PROPERTY + "=" + RACE_MILLIS);
            cmd.add(at, "--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        cmd.addAll(List.of("fit", "--data", SharedData.data(m.data()).toString(), "--formula", m.formula(),
                "--format", "json"));
        cmd.addAll(List.of(m.extra()));
        Path out = Files.createTempFile(work, "out", ".json");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                String dump = threadDump(p.pid());
                return new Outcome(m, forced, -1, true, "", "", dump);
            }
            return new Outcome(m, forced, p.exitValue(), false, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), "");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The threads of a hung JVM, from jstack, shortened to the lines that tell who waits on what. */
    private static String threadDump(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        if (!Files.isExecutable(jstack)) {
            return "(no jstack in " + jstack.getParent() + ")";
        }
        try {
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            StringBuilder sb = new StringBuilder();
            boolean keep = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("\"")) {
                    keep = line.startsWith("\"main\"") || line.startsWith("\"jmixed-preload\"");
                }
                if (keep && sb.length() < 6000) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString();
        } catch (IOException | InterruptedException e) {
            return "(jstack failed: " + e + ")";
        }
    }

    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\": (-?[0-9.eE+-]+)");

    private static String field(String json, String name) {
        Matcher m = NUMBER_FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return "(no " + name + " in output)";
    }
}
