package io.tollgate.usage.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded first-in-first-out buffer between the request path and the usage writer. Adding never
 * blocks and never fails: when full, the oldest entry is dropped and counted, so that an overloaded
 * or unreachable database costs the log its oldest entries, never request latency or memory.
 * One short lock per add; the writer takes whole batches.
 */
public final class UsageBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> entries;
    private final AtomicLong dropped = new AtomicLong();

    public UsageBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Adds {@code entry}, dropping the oldest one if the buffer is full; answers whether one was dropped. */
    public boolean add(T entry) {
        synchronized (entries) {
            boolean full = entries.size() >= capacity;
            if (full) {
                entries.pollFirst();
                dropped.incrementAndGet();
            }
            entries.addLast(entry);
            return full;
        }
    }

    /**
     * Puts a batch that could not be written back in front, in its order: it is older than anything
     * added since. What no longer fits is dropped from the oldest end and counted; answers how many.
     */
    public int putBack(List<T> batch) {
        synchronized (entries) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                if (entries.size() >= capacity) {
                    dropped.addAndGet(i + 1L);
                    return i + 1;
                }
                entries.addFirst(batch.get(i));
            }
            return 0;
        }
    }

    /** Removes and answers up to {@code max} of the oldest entries, oldest first. */
    public List<T> take(int max) {
        synchronized (entries) {
            int n = Math.min(max, entries.size());
            List<T> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(entries.pollFirst());
            }
            return batch;
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** How many entries were dropped since the start because the buffer was full. */
    public long dropped() {
        return dropped.get();
    }
}
