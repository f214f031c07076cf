package org.jmixed.gpu;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GPU: the CUDA evaluator against the dense reference on the shared random problems (needs a
 * device). The inherited bit-identical refactoring check holds because no kernel uses atomics
 * (see {@link SchurRows}; {@link SchurDeterminismTest} checks the order-independence in emulation).
 */
@ExtendWith(GpuTests.class)
class CudaAgreementTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new CudaBackend().open(problem);
    }
}
