package org.jmixed;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the shared data sets and lme4 reference fits: {@code ../shared} beside the
 * repository root (surefire passes the root as system property {@code jmixed.root}), else beside
 * the working directory or its parent. Shared by every module's tests through solver-api's
 * test jar.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder (holding data/ and reference/). */
    public static Path dir() {
        String root = System.getProperty("jmixed.root");
        if (root != null) {
            Path p = Path.of(root).toAbsolutePath().resolve("../shared").normalize();
            if (Files.isDirectory(p.resolve("data"))) {
                return p;
            }
        }
        for (String candidate : new String[] {"../shared", "../../shared"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("data"))) {
                return p;
            }
        }
        throw new IllegalStateException("shared data not found: expected ../shared beside the repository"
                + " (system property jmixed.root=" + root + ")");
    }

    public static Path data(String file) {
        return dir().resolve("data").resolve(file);
    }

    public static Path reference(String file) {
        return dir().resolve("reference").resolve(file);
    }
}
