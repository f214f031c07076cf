package org.jmixed.cpu.blocked;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/** The blocked path, with the dense kernels in use on this machine, against the dense reference. */
class BlockedRandomProblemsTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new BlockedPlsEvaluator(problem, DenseKernelsProvider.best());
    }
}
