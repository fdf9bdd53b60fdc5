package org.relais.app.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.relais.app.support.HttpCall;

/** Runs several calls on their own threads, released at the same instant by a latch: no sleeps. */
final class Together {

    private Together() {
    }

    static List<HttpCall.Reply> run(List<Supplier<HttpCall.Reply>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpCall.Reply>> replies = new ArrayList<>();
            for (Supplier<HttpCall.Reply> call : calls) {
                replies.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.get();
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<HttpCall.Reply> results = new ArrayList<>();
            for (Future<HttpCall.Reply> reply : replies) {
                results.add(reply.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
