package io.tollgate.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The same call from many threads at once, with a deadline so that a stuck server fails a test, not CI. */
public final class Parallel {

    /** Long enough for a loaded 2-core machine; a call still running then is a failure. */
    public static final long DEADLINE_SECONDS = 120;

    private Parallel() {
    }

    /** {@code count} runs of {@code call}, each on its own thread; their results in submission order. */
    public static <T> List<T> inParallel(int count, Callable<T> call) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = pool.invokeAll(Collections.nCopies(count, call), DEADLINE_SECONDS, TimeUnit.SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                if (future.isCancelled()) {
                    throw new AssertionError("a parallel call was still running after " + DEADLINE_SECONDS + " s");
                }
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
