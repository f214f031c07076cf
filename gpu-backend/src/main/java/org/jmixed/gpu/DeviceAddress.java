package org.jmixed.gpu;

import jcuda.driver.CUdeviceptr;

/**
 * The raw device address of a JCuda pointer, for the shim ({@link CuSolverShim}): JCuda keeps it
 * protected, so this subclass copies the pointer and reads its own copy (address plus byte offset).
 */
final class DeviceAddress extends CUdeviceptr {
    private DeviceAddress(CUdeviceptr p) {
        super(p);
    }

    static long of(CUdeviceptr p) {
        DeviceAddress d = new DeviceAddress(p);
        return d.getNativePointer() + d.getByteOffset();
    }
}
