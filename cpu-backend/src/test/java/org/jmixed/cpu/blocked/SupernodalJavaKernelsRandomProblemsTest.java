package org.jmixed.cpu.blocked;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.cpu.dense.JavaDenseKernels;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * As {@link SupernodalRandomProblemsTest}, with the pure-Java dense kernels (what runs where no
 * native BLAS is installed): the supernodes' calls at offsets inside the trailing block.
 */
class SupernodalJavaKernelsRandomProblemsTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new BlockedPlsEvaluator(problem, new JavaDenseKernels(1), TrailingFactorization.SUPERNODAL);
    }
}
