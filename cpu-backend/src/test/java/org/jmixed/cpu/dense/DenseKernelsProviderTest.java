package org.jmixed.cpu.dense;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DenseKernelsProviderTest {

    @Test
    void javaCanBeForced() {
        DenseKernels k = DenseKernelsProvider.choose("java");
        assertInstanceOf(JavaDenseKernels.class, k);
        assertTrue(k.name().startsWith("pure Java ("), k.name());
    }

    @Test
    void autoPicksNativeExactlyWhenItLoads() {
        DenseKernels k = DenseKernelsProvider.choose("auto");
        if (DenseKernelsProvider.nativeAvailable()) {
            assertInstanceOf(NetlibDenseKernels.class, k);
            assertTrue(k.name().startsWith("native BLAS/LAPACK"), k.name());
            assertInstanceOf(NetlibDenseKernels.class, DenseKernelsProvider.choose("native"));
        } else {
            assertInstanceOf(JavaDenseKernels.class, k);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DenseKernelsProvider.choose("native"));
            assertTrue(e.getMessage().contains("jmixed.dense=native"), e.getMessage());
        }
        assertTrue(DenseKernelsProvider.best().name().length() > 0);
    }

    @Test
    void unknownModeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DenseKernelsProvider.choose("gpu"));
    }

    @Test
    void badArgumentsFailAtTheDoor() {
        DenseKernels k = new JavaDenseKernels(1);
        assertThrows(IllegalArgumentException.class, () -> k.potrfLower(4, new double[16], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> k.potrfLower(4, new double[15], 0, 4));
    }
}
