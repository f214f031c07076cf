package org.jmixed.gpu;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The guard of every test that needs a device ({@code @ExtendWith(GpuTests.class)}): each test is
 * skipped, with the one-line reason ("no CUDA device found: ..."), where there is none. Decided per
 * test rather than per class so that the report counts and names the skipped tests.
 */
public final class GpuTests implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        Optional<String> why = new CudaBackend().unavailableReason();
        return why.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("CUDA device present"));
    }
}
