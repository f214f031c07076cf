package org.jmixed.cpu.sparse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/** The general sparse Cholesky path against the dense reference. */
class SparsePlsEvaluatorTest extends PlsEvaluatorAgreementTest {
    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        SparsePlsEvaluator ev = new SparsePlsEvaluator(problem);
        assertTrue(ev.description().startsWith("general sparse Cholesky, AMD ordering"));
        return ev;
    }
}
