package org.jmixed.spi;

import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * What must happen before a native library is loaded while other threads may be loading classes.
 *
 * <p>On JDK 17 the JVM loads every native library, the JDK's own included, under one JVM-wide lock
 * (a {@code static HashSet} in {@code jdk.internal.loader.NativeLibraries}) and keeps holding it
 * while the library's {@code JNI_OnLoad} runs. {@code JNI_OnLoad} commonly looks classes up
 * ({@code FindClass}), and on 17.0.x reading a class from a jar initializes
 * {@code java.util.zip.CRC32} (the class loader checks each entry's CRC), whose static initializer
 * loads {@code libzip}, that is, takes the same lock. So a thread loading netlib's or JavaCPP's
 * library while another thread reads the first class from a jar deadlocks: each waits for what
 * the other holds (JDK-8266310; fixed in JDK 18 by a lock per library name, never backported to
 * OpenJDK 17u, which still synchronizes on the set). The JDK's own workaround for the same lock
 * order (JDK-8210373) and Netty's (netty#11215) are the one used here: initialize, before any
 * native library is loaded concurrently, every class whose initializer would take the lock on
 * the class-loading path, and load the classes {@code JNI_OnLoad} looks up, so that the thread
 * holding the lock never waits for another thread's class initialization.
 */
public final class NativeLoading {
    private static volatile boolean prepared;

    private NativeLoading() {
    }

    /**
     * Initializes, on the calling thread and once per JVM, the JDK classes whose static
     * initializers load a JDK native library and that reading a class or a resource from a jar
     * needs: {@code CRC32} (every class read from a jar on 17.0.x), {@code Inflater} (compressed
     * entries), and the NIO file channel (libnet, libnio: extracting a library to a temporary
     * file, memory-mapped data). Cheap (well under a millisecond when they are already
     * initialized, as they usually are). Call it before starting a thread that loads native
     * libraries, and before loading one on a thread that others may be running beside.
     */
    public static void prepare() {
        if (prepared) {
            return;
        }
        synchronized (NativeLoading.class) {
            if (prepared) {
                return;
            }
            new CRC32().update(0);
            new Inflater().end();
            initialize("sun.nio.ch.IOUtil", null);
            initialize("sun.nio.ch.FileChannelImpl", null);
            prepared = true;
        }
    }

    /**
     * {@link #prepare()}, then loads (without initializing them) the classes that a library's
     * {@code JNI_OnLoad} looks up with {@code FindClass}, through {@code loader}, so that the
     * lookup under the native-library lock finds them loaded instead of reading a jar.
     */
    public static void prepareFor(ClassLoader loader, String... jniOnLoadClasses) {
        prepare();
        for (String name : jniOnLoadClasses) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                // The library's own loading reports what is missing.
            }
        }
    }

    private static void initialize(String className, ClassLoader loader) {
        try {
            Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            // Another JDK's internals: nothing of this kind to initialize there.
        }
    }
}
