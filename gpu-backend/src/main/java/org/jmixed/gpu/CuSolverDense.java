package org.jmixed.gpu;

import jcuda.driver.CUdeviceptr;
import org.jmixed.JmixedException;

/**
 * The dense steps by cuSOLVER and cuBLAS (through {@link CuSolverShim}), for one evaluator:
 * <ul>
 *   <li>Cholesky of the dense block of order n: {@code cusolverDnXpotrf} on the leading n − 1
 *       columns (LD and the X rows), {@code cublasDtrsm} for the y row, and our {@code last_pivot}
 *       kernel for r, clipped at zero as our own tiled Cholesky does (cuSOLVER would report a
 *       rounding-negative r² as a failure);
 *   <li>LD⁻¹ in place for the conditional variances: {@code cusolverDnXtrtri}.
 * </ul>
 * The device workspace (the larger of the two) is allocated once, when the evaluator opens.
 */
final class CuSolverDense implements DenseLibrary {
    /** What the evaluator provides: device memory, our last-pivot kernel, reading one int back. */
    interface Device {
        long alloc(long bytes);

        void lastPivot(long a, long ld, int n);

        int readInt(long address);
    }

    private final Device device;
    private final long handles;
    private final long work;
    private final long workBytes;
    private final long potrfHostBytes;
    private final long trtriHostBytes;
    private final long trtriInfo;
    private boolean closed;

    /**
     * Creates the handles and the workspace for a dense block of order {@code n} (leading dimension
     * {@code ld}, at {@code a}) whose trailing-term part has order {@code q2}.
     */
    CuSolverDense(Device device, long a, long ld, int n, int q2) {
        this.device = device;
        long[] h = new long[1];
        int st = CuSolverShim.create(h);
        if (st != 0) {
            String[] step = {"", "cusolverDnCreate", "cusolverDnCreateParams", "cublasCreate_v2", "set stream", "malloc"};
            int which = Math.min(st / 1000, step.length - 1);
            CuSolverShim.check(step[which], st % 1000, which == 3);
        }
        handles = h[0];
        try {
            long[] potrf = {0, 0};
            long[] trtri = {0, 0};
            if (n > 1) {
                CuSolverShim.check("cusolverDnXpotrf_bufferSize", CuSolverShim.potrfBufferSize(handles, n - 1, a, ld, potrf),
                        false);
            }
            if (q2 > 0) {
                CuSolverShim.check("cusolverDnXtrtri_bufferSize", CuSolverShim.trtriBufferSize(handles, q2, a, ld, trtri),
                        false);
            }
            workBytes = Math.max(potrf[0], trtri[0]);
            potrfHostBytes = potrf[1];
            trtriHostBytes = trtri[1];
            work = device.alloc(Math.max(workBytes, 8));
            trtriInfo = device.alloc(8);
        } catch (RuntimeException e) {
            CuSolverShim.destroy(handles);
            throw e;
        }
    }

    /** Device bytes of the workspace (for the description and the check script). */
    long workspaceBytes() {
        return workBytes;
    }

    @Override
    public void cholesky(CUdeviceptr a, long ld, int n, CUdeviceptr info) {
        choleskyAt(DeviceAddress.of(a), ld, n, DeviceAddress.of(info));
    }

    void choleskyAt(long a, long ld, int n, long info) {
        if (n > 1) {
            CuSolverShim.check("cusolverDnXpotrf",
                    CuSolverShim.potrf(handles, n - 1, a, ld, work, workBytes, potrfHostBytes, info), false);
            CuSolverShim.check("cublasDtrsm_v2_64",
                    CuSolverShim.trsmRightLowerTrans(handles, 1, n - 1, a, ld, a + 8L * (n - 1), ld), true);
        }
        device.lastPivot(a, ld, n);
    }

    @Override
    public void invertLower(CUdeviceptr a, long ld, int n) {
        invertAt(DeviceAddress.of(a), ld, n);
    }

    void invertAt(long a, long ld, int n) {
        if (n == 0) {
            return;
        }
        CuSolverShim.check("cusolverDnXtrtri",
                CuSolverShim.trtri(handles, n, a, ld, work, workBytes, trtriHostBytes, trtriInfo), false);
        int info = device.readInt(trtriInfo);
        if (info != 0) {
            throw new JmixedException("backend 'cuda': cusolverDnXtrtri: the trailing factor is singular at pivot " + info);
        }
    }

    @Override
    public String name() {
        return "cuSOLVER cusolverDnXpotrf";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CuSolverShim.destroy(handles);
        }
    }
}
