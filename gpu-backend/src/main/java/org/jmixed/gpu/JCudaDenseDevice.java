package org.jmixed.gpu;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.jmixed.gpu.CudaPlsEvaluator.Kernel;

/**
 * {@link CuSolverDense}'s device side through JCuda: allocations by the caller's allocator (which
 * frees them), our {@code last_pivot} kernel, and reading one int back. The shim speaks raw
 * addresses; this class maps them back to the JCuda pointers it handed out or was given.
 */
final class JCudaDenseDevice implements CuSolverDense.Device {
    private final LongFunction<CUdeviceptr> allocator;
    private final Kernel lastPivot;
    private final Map<Long, CUdeviceptr> pointers = new HashMap<>();

    JCudaDenseDevice(LongFunction<CUdeviceptr> allocator, Kernel lastPivot, CUdeviceptr... known) {
        this.allocator = allocator;
        this.lastPivot = lastPivot;
        for (CUdeviceptr p : known) {
            pointers.put(DeviceAddress.of(p), p);
        }
    }

    @Override
    public long alloc(long bytes) {
        CUdeviceptr p = allocator.apply(bytes);
        long a = DeviceAddress.of(p);
        pointers.put(a, p);
        return a;
    }

    @Override
    public void lastPivot(long a, long ld, int n) {
        CudaPlsEvaluator.launch(lastPivot, 1, 1, 256, 1, CudaPlsEvaluator.ptr(pointer(a)), CudaPlsEvaluator.i64(ld),
                CudaPlsEvaluator.i32(n));
    }

    @Override
    public int readInt(long a) {
        int[] v = new int[1];
        cuMemcpyDtoH(Pointer.to(v), pointer(a), 4);
        return v[0];
    }

    private CUdeviceptr pointer(long a) {
        CUdeviceptr p = pointers.get(a);
        if (p == null) {
            throw new IllegalStateException("not a device array of this evaluator: 0x" + Long.toHexString(a));
        }
        return p;
    }
}
