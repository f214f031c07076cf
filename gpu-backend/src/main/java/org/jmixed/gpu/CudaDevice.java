package org.jmixed.gpu;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.Optional;

import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import org.jmixed.spi.NativeLoading;

/**
 * Finds device 0 through the CUDA driver API (JCuda), once per JVM. Every way this can fail on a
 * machine without a GPU (JCuda's native library not loadable, {@code libcuda.so.1} absent, no
 * device, an old driver) becomes a reason string; nothing here may take the JVM down.
 */
final class CudaDevice {
    /** Set to pretend there is no device, e.g. {@code -Djmixed.cuda.disable=true}. */
    static final String DISABLE_PROPERTY = "jmixed.cuda.disable";

    /** Device 0: its handle, name, total memory, and its primary context, retained on first use. */
    record Info(CUdevice device, String name, long totalBytes, PrimaryContext context) {
    }

    private static volatile Probe probe;

    private record Probe(Info info, String reason) {
    }

    private CudaDevice() {
    }

    /** Device 0, or empty with {@link #unavailableReason()} saying why. */
    static Optional<Info> get() {
        return Optional.ofNullable(probe().info());
    }

    /**
     * Device 0 if it has been probed already, without probing: for callers that must not load
     * JCuda or run {@code cuInit} (the cost estimate of the automatic backend choice).
     */
    static Optional<Info> ifProbed() {
        Probe p = probe;
        return p == null ? Optional.empty() : Optional.ofNullable(p.info());
    }

    /** Tests only: forget the probe, so that a test can see whether something probes. */
    static synchronized void forgetProbeForTests() {
        probe = null;
    }

    /** Whether {@link #get} has run in this JVM. */
    static boolean probed() {
        return probe != null;
    }

    /**
     * A cheap sign of an NVIDIA driver (files only, no library loaded): false means no device
     * can be found. Linux: {@code /proc/driver/nvidia/version} or {@code /dev/nvidiactl}.
     */
    static boolean driverInstalled() {
        return driverInstalled(java.nio.file.Path.of("/proc/driver/nvidia/version"), java.nio.file.Path.of("/dev/nvidiactl"));
    }

    static boolean driverInstalled(java.nio.file.Path... markers) {
        for (java.nio.file.Path m : markers) {
            if (java.nio.file.Files.exists(m)) {
                return true;
            }
        }
        return false;
    }

    /** "no CUDA device found: ..." when there is none. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(probe().reason());
    }

    private static Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (CudaDevice.class) {
                p = probe;
                if (p == null) {
                    p = doProbe();
                    probe = p;
                }
            }
        }
        return p;
    }

    private static Probe doProbe() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return none("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        try {
            // Other threads may be loading classes meanwhile (JDK 17 lock order, see NativeLoading).
            NativeLoading.prepare();
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return none("the CUDA driver reports no device");
            }
            CUdevice dev = new CUdevice();
            cuDeviceGet(dev, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, dev);
            long[] total = new long[1];
            cuDeviceTotalMem(total, dev);
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            return new Probe(new Info(dev, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII),
                    total[0], new PrimaryContext(PrimaryContext.JCUDA, dev)), null);
        } catch (LinkageError | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // JCuda's loader lists every path it tried; the first line says what failed, and the
            // usual cause on a machine without a GPU is the missing driver library.
            String first = msg.strip().split("\\R", 2)[0];
            if (msg.contains("libcuda.so")) {
                first += " (libcuda.so.1, the NVIDIA driver, is not installed)";
            }
            return none(first);
        }
    }

    private static Probe none(String why) {
        return new Probe(null, "no CUDA device found: " + why);
    }
}
