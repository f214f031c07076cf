package org.jmixed.cpu.blocked;

import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * As {@link BlockedRandomProblemsTest}, with the conditional variances taken from the full Σ_RR and
 * per-level gathers ({@link BlockedSelectedInverse#compute}), the way large trailing blocks use,
 * instead of LD⁻¹'s products, which the small problems here would otherwise be given.
 */
class BlockedFullInverseRandomProblemsTest extends PlsEvaluatorAgreementTest {
    @BeforeAll
    static void forceFullInverse() {
        System.setProperty(BlockedSelectedInverse.INVERSE_PROPERTY, "full");
    }

    @AfterAll
    static void restore() {
        System.clearProperty(BlockedSelectedInverse.INVERSE_PROPERTY);
    }

    @Override
    protected PlsEvaluator open(PlsProblem problem) {
        return new BlockedPlsEvaluator(problem, DenseKernelsProvider.best());
    }
}
