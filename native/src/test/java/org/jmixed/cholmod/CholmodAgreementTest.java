package org.jmixed.cholmod;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/** CHOLMOD against the dense reference on the shared random problems of every shape. */
class CholmodAgreementTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new CholmodPlsEvaluator(problem);
    }
}
