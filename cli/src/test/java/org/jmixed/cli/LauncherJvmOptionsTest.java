package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jmixed} launcher's choices of JVM options by the fit's data file: C1 alone
 * ({@code -XX:TieredStopAtLevel=1}) for a {@code fit} of a data file under 32 MB on at most 4
 * cores, tiered compilation otherwise; an initial heap of 25% of RAM for a {@code fit} of a larger
 * file, 6% otherwise. The
 * launcher is copied into a directory with an empty jar beside it (so it builds nothing) and run
 * with {@code JAVA_HOME} pointing at a stand-in {@code java} that records its arguments.
 */
class LauncherJvmOptionsTest {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String SMALL_HEAP = "-XX:InitialRAMPercentage=6";
    private static final String BIG_HEAP = "-XX:InitialRAMPercentage=25";

    @TempDir
    Path dir;
    private Path launcher;
    private Path argsFile;

    @BeforeEach
    void setUp() throws IOException {
        Path source = Path.of("..", "jmixed").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(source), "the launcher is at the repository root: " + source);
        launcher = dir.resolve("jmixed");
        Files.copy(source, launcher);
        Files.createDirectories(dir.resolve("cli/target"));
        Files.writeString(dir.resolve("cli/target/jmixed.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        argsFile = dir.resolve("java-args.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$JAVA_ARGS_FILE\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> javaArguments(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().put("JAVA_ARGS_FILE", argsFile.toString());
        pb.environment().put("JMIXED_CDS", "0");
        pb.environment().remove("JMIXED_JAVA_OPTS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher finished");
        assertEquals(0, p.exitValue(), "launcher exit status; output: " + output);
        return Files.readAllLines(argsFile);
    }

    private Path fileOfSize(String name, long bytes) throws IOException {
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    /** What the launcher decides from the cores it sees: C1 alone only on small machines. */
    private static boolean smallMachine() throws Exception {
        Process p = new ProcessBuilder("nproc").start();
        String n = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Integer.parseInt(n) <= 4;
    }

    @Test
    void smallFitRunsWithC1AloneOnSmallMachines() throws Exception {
        Path data = fileOfSize("small.csv", 2_000_000);
        List<String> args = javaArguments("fit", "--data", data.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertEquals(smallMachine(), args.contains(C1_ONLY), "JVM arguments: " + args);
        assertTrue(args.contains(SMALL_HEAP) && !args.contains(BIG_HEAP), "JVM arguments: " + args);
        assertTrue(args.containsAll(List.of("fit", "--data", data.toString())), "the command's arguments pass: " + args);
    }

    @Test
    void equalsSignSpellingIsRecognized() throws Exception {
        Path data = fileOfSize("small.csv", 1000);
        List<String> args = javaArguments("fit", "--formula", "y ~ 1 + (1 | g)", "--data=" + data);
        assertEquals(smallMachine(), args.contains(C1_ONLY), "JVM arguments: " + args);
    }

    @Test
    void largeFileKeepsTieredCompilationAndStartsWithABigHeap() throws Exception {
        Path data = fileOfSize("large.jmx", 40L << 20);
        List<String> args = javaArguments("fit", "--data", data.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertTrue(!args.contains(C1_ONLY), "JVM arguments: " + args);
        assertTrue(args.contains(BIG_HEAP) && !args.contains(SMALL_HEAP), "JVM arguments: " + args);
    }

    @Test
    void otherCommandsKeepTieredCompilation() throws Exception {
        Path data = fileOfSize("small.csv", 1000);
        List<String> args = javaArguments("bootstrap", "--data", data.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertTrue(!args.contains(C1_ONLY), "JVM arguments: " + args);
        Path large = fileOfSize("large.jmx", 40L << 20);
        args = javaArguments("profile", "--data", large.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertTrue(args.contains(SMALL_HEAP) && !args.contains(BIG_HEAP), "JVM arguments: " + args);
    }

    @Test
    void missingDataFileKeepsTieredCompilation() throws Exception {
        List<String> args = javaArguments("fit", "--data", dir.resolve("absent.csv").toString(), "--formula", "y ~ 1");
        assertTrue(!args.contains(C1_ONLY), "JVM arguments: " + args);
    }
}
