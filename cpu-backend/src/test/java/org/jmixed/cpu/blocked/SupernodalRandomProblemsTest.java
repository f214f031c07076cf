package org.jmixed.cpu.blocked;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * The blocked path with its trailing block always factored supernodally (permuted by AMD, however
 * small), against the dense reference on the random problems of every shape.
 */
class SupernodalRandomProblemsTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new BlockedPlsEvaluator(problem, DenseKernelsProvider.best(), TrailingFactorization.SUPERNODAL);
    }
}
