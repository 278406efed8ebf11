package io.tollgate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UsageBufferTest {

    @Test
    void takesInArrivalOrderAndAtMostTheBatchSize() {
        UsageBuffer<Integer> buffer = new UsageBuffer<>(10);
        IntStream.range(0, 5).forEach(buffer::add);
        assertEquals(List.of(0, 1, 2), buffer.take(3));
        assertEquals(List.of(3, 4), buffer.take(3));
        assertEquals(List.of(), buffer.take(3));
        assertEquals(0, buffer.dropped());
    }

    @Test
    void fullBufferDropsTheOldestAndCountsIt() {
        UsageBuffer<Integer> buffer = new UsageBuffer<>(3);
        assertFalse(buffer.add(1));
        buffer.add(2);
        buffer.add(3);
        assertTrue(buffer.add(4), "the add that dropped one says so");
        buffer.add(5);
        assertEquals(3, buffer.size(), "never more than its capacity");
        assertEquals(2, buffer.dropped());
        assertEquals(List.of(3, 4, 5), buffer.take(10), "the newest are kept");
    }

    @Test
    void aBatchPutBackGoesFirstAndWhatNoLongerFitsIsDroppedOldestFirst() {
        UsageBuffer<Integer> buffer = new UsageBuffer<>(4);
        buffer.add(1);
        buffer.add(2);
        buffer.add(3);
        List<Integer> batch = buffer.take(3);
        buffer.add(4);
        buffer.add(5);
        assertEquals(1, buffer.putBack(batch), "room for two of the three");
        assertEquals(1, buffer.dropped());
        assertEquals(List.of(2, 3, 4, 5), buffer.take(10));
    }

    @Test
    void staysBoundedUnderConcurrentAddsAndCountsEveryDrop() throws Exception {
        UsageBuffer<Integer> buffer = new UsageBuffer<>(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = IntStream.range(0, 4)
                    .mapToObj(t -> pool.submit(() -> IntStream.range(0, 10_000).forEach(buffer::add)))
                    .<Future<?>>map(f -> f).toList();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, buffer.size());
        assertEquals(40_000 - 100, buffer.dropped());
    }

    @Test
    void refusesAZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new UsageBuffer<Integer>(0));
    }
}
