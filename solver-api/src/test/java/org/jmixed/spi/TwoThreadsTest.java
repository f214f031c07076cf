package org.jmixed.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.*;

class TwoThreadsTest {

    @Test
    void runsEveryTaskOnceOnEitherThreadOrInline() {
        for (boolean twoThreads : new boolean[]{true, false}) {
            int[] ran = new int[200];
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < ran.length; i++) {
                int ii = i;
                tasks.add(() -> {
                    ran[ii]++;
                    threads.add(Thread.currentThread().getName());
                });
            }
            TwoThreads.run(tasks, twoThreads);
            for (int r : ran) {
                assertEquals(1, r);
            }
            if (!twoThreads) {
                assertEquals(Set.of(Thread.currentThread().getName()), threads);
            }
        }
    }

    @Test
    void theFirstFailingTaskInListOrderIsThrownAfterAllHaveRun() {
        for (int repeat = 0; repeat < 20; repeat++) {
            int[] ran = new int[6];
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < ran.length; i++) {
                int ii = i;
                tasks.add(() -> {
                    ran[ii]++;
                    if (ii == 2 || ii == 4) {
                        throw new IllegalArgumentException("task " + ii);
                    }
                });
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwoThreads.run(tasks, true));
            assertEquals("task 2", e.getMessage());
            assertArrayEquals(new int[]{1, 1, 1, 1, 1, 1}, ran);
        }
    }
}
