package org.jmixed.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsBackend;

/**
 * The helpers behind ./bench, run from benchmarks.jar so that they see the same backends as the
 * benchmarks:
 * <pre>
 *   backends                                   available backend names, comma-separated (skipped ones on stderr)
 *   env [--set KEY=VALUE]...                   the environment as JSON (machine, OS, JVM, BLAS, backends)
 *   assemble --env ENV.json --out FILE PART... one result file: {"format", "environment", "results": [JMH results]}
 *   table FILE                                 the readable table of a result file
 *   compare BASE NEW [--threshold PCT]         see {@link Compare}
 *   lme4 [--quick] --out FILE [--set K=V]...    jmixed beside lme4, see {@link Lme4Runner}
 * </pre>
 */
public final class BenchTool {
    /** The {@code format} member of the files ./bench writes. */
    public static final String FORMAT = "jmixed-bench/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchTool backends | env [--set K=V]... | assemble --env E --out F PART... "
                    + "| table FILE | compare BASE NEW [--threshold PCT]");
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "backends" -> System.out.println(availableBackends(System.err));
            case "env" -> System.out.println(JSON.writeValueAsString(environment(rest)));
            case "assemble" -> System.exit(assemble(rest));
            case "table" -> System.exit(table(rest, System.out, System.err));
            case "compare" -> System.exit(Compare.run(rest, System.out, System.err));
            case "lme4" -> {
                try {
                    System.exit(Lme4Runner.run(rest));
                } catch (IOException | InterruptedException e) {
                    System.err.println("bench lme4: " + e.getMessage());
                    System.exit(1);
                }
            }
            default -> {
                System.err.println("BenchTool: unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Names of the available backends, comma-separated; one line per unavailable one on {@code skipped}. */
    static String availableBackends(PrintStream skipped) {
        List<String> names = new ArrayList<>();
        for (PlsBackend b : Backends.all()) {
            if (b.unavailableReason().isPresent()) {
                skipped.println("bench: skipping backend '" + b.name() + "': " + b.unavailableReason().get());
            } else {
                names.add(b.name());
            }
        }
        return String.join(",", names);
    }

    /** Machine, OS, JVM, dense kernels and backends, plus {@code --set KEY=VALUE} entries (git commit, mode). */
    static ObjectNode environment(String[] args) {
        ObjectNode env = JSON.createObjectNode();
        env.put("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--set") && i + 1 < args.length) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        ObjectNode machine = env.putObject("machine");
        machine.put("cpuModel", procField("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String mem = procField("/proc/meminfo", "MemTotal");
        machine.put("memory", mem);
        // Other processes compete for the cores on shared machines; a high load marks a noisy run.
        machine.put("loadAverage", procLine("/proc/loadavg"));
        ObjectNode os = env.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        os.put("distribution", osRelease());
        ObjectNode jvm = env.putObject("jvm");
        jvm.put("version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("inputArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        // Thread counts of the native BLAS change dense timings a lot on a loaded machine.
        ObjectNode vars = env.putObject("environmentVariables");
        for (String v : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "JAVA_TOOL_OPTIONS"}) {
            String value = System.getenv(v);
            if (value != null) {
                vars.put(v, value);
            }
        }
        String blas;
        try {
            blas = DenseKernelsProvider.best().name();
        } catch (RuntimeException e) {
            blas = "unavailable: " + e.getMessage();
        }
        env.put("denseKernels", blas);
        ArrayNode backends = env.putArray("backends");
        for (PlsBackend b : Backends.all()) {
            ObjectNode o = backends.addObject();
            o.put("name", b.name());
            o.put("available", b.unavailableReason().isEmpty());
            if (b.unavailableReason().isPresent()) {
                o.put("unavailableReason", b.unavailableReason().get());
            } else {
                String d;
                try {
                    d = b.description();
                } catch (RuntimeException e) {
                    d = "(description failed: " + e.getMessage() + ")";
                }
                o.put("description", d);
            }
        }
        return env;
    }

    private static String procField(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String procLine(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.isEmpty() ? "unknown" : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** Writes one file from the environment and the JMH result parts (parts that are missing or empty are skipped). */
    static int assemble(String[] args) throws IOException {
        Path env = null;
        Path out = null;
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--env" -> env = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> parts.add(Path.of(args[i]));
            }
        }
        if (env == null || out == null) {
            System.err.println("BenchTool assemble: need --env and --out");
            return 2;
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("format", FORMAT);
        file.set("environment", JSON.readTree(Files.readString(env)));
        ArrayNode results = file.putArray("results");
        for (Path p : parts) {
            if (!Files.isRegularFile(p) || Files.size(p) == 0) {
                continue;
            }
            JsonNode part = JSON.readTree(Files.readString(p));
            if (part != null && part.isArray()) {
                part.forEach(results::add);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(out.toFile(), file);
        return 0;
    }

    /** The readable table of one result file. */
    static int table(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: bench table FILE.json");
            return 2;
        }
        List<BenchResult> results;
        try {
            JsonNode root = JSON.readTree(Files.readString(Path.of(args[0])));
            if (root != null && root.has("comparisons")) {
                // A ./bench lme4 file: jmixed beside lme4.
                out.print(Lme4Comparison.table(Lme4Comparison.readAll(root)));
                return 0;
            }
            results = BenchResult.read(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            err.println("bench table: " + e.getMessage());
            return 2;
        }
        out.print(table(results));
        return 0;
    }

    static String table(List<BenchResult> results) {
        List<BenchResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> {
            int c = a.shortName().compareTo(b.shortName());
            if (c == 0) {
                c = Integer.compare(problemOrder(a.param("problem")), problemOrder(b.param("problem")));
            }
            if (c == 0) {
                c = a.param("backend").compareTo(b.param("backend"));
            }
            return c;
        });
        TextTable t = new TextTable(new boolean[] {true, true, true, false, true, false, false},
                "benchmark", "problem", "backend", "score ± error", "unit", "time/op", "alloc/op");
        for (BenchResult r : sorted) {
            String err = Double.isFinite(r.error()) ? " ± " + Units.number(r.error()) : " ± n/a";
            t.add(r.shortName() + (r.otherParams().isEmpty() ? "" : " " + r.otherParams()), r.param("problem"),
                    r.param("backend"), Units.number(r.score()) + err, r.unit(),
                    r.lowerIsBetter() ? Units.time(r.score(), r.unit()) : "", Units.bytes(r.allocPerOp()));
        }
        return t.toString() + String.format(Locale.ROOT,
                "error: half-width of JMH's 99.9%% confidence interval (n/a with a single measurement)%n");
    }

    private static int problemOrder(String p) {
        int i = Problems.ALL.indexOf(p);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
