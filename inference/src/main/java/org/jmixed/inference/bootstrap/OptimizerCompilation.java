package org.jmixed.inference.bootstrap;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.ObjectName;

/**
 * Keeps Hipparchus's BOBYQA out of HotSpot's C2 compiler for runs of thousands of short
 * optimizations. Its main routine is one 5.7 KB method that a refit enters once: C2 compiles it
 * only on-stack at a dozen loop entries and throws those compilations away again and again, so
 * that a bootstrap of sleepstudy spent more CPU compiling the optimizer than running it. C1's
 * code for it is good enough (the objective, where the arithmetic is, stays with C2). Measured on
 * 4000 sleepstudy refits on one thread: 8.2 s of CPU by default, 3.8 s with this directive.
 *
 * <p>Best effort, once per JVM, through the DiagnosticCommand MBean (what {@code jcmd
 * Compiler.directives_add} does); a JVM without it is left alone.
 */
public final class OptimizerCompilation {
    static final String DIRECTIVE =
            "[{ match: \"org/hipparchus/optim/nonlinear/scalar/noderiv/BOBYQAOptimizer.*\", c2: { Exclude: true } }]";
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private OptimizerCompilation() {
    }

    public static void keepOptimizerOutOfC2() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("jmixed-jit-", ".json");
            Files.writeString(file, DIRECTIVE);
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}},
                    new String[] {String[].class.getName()});
        } catch (Exception | LinkageError ignored) {
            // Only slower without it.
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
