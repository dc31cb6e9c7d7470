package io.licenseledger.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Drives a service with many client threads: closed loop (each thread sends its next request when the previous one
 * is answered: the most the service does) or fixed rate (requests are due at fixed times whatever the answers; each
 * latency is measured from the time the request was due, so a stall counts against every request it delays: the
 * coordinated-omission correction).
 */
final class Load {

    /** One request and its answer. */
    @FunctionalInterface
    interface Call {
        Http.Response send(int thread, long sequence);
    }

    /** A measurement window around a scenario's measured part; {@link #end()} answers the CPU cores used. */
    interface Window {
        Map<String, Double> end();
    }

    record Result(String name, String mode, double seconds, long ok, long failed, Map<Integer, Long> failuresByStatus,
                  String firstFailure, long dropped, double throughput, Latencies.Summary latency,
                  Map<String, Double> cpuCores) {
    }

    private Load() {
    }

    static Result closedLoop(String name, int threads, Duration warmUp, Duration measure, Call call,
                             Supplier<Window> cpu) {
        Latencies latencies = new Latencies();
        LongAdder ok = new LongAdder();
        Failures failures = new Failures();
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(start(name + "-" + t, () -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    int status = safely(call, thread, sequence.getAndIncrement(), failures);
                    latencies.recordNanos(System.nanoTime() - started);
                    if (status >= 200 && status < 300) {
                        ok.increment();
                    } else {
                        failures.add(status);
                    }
                }
            }));
        }
        Sleep.millis(warmUp.toMillis());
        latencies.startWindow();
        long okBefore = ok.sum();
        long failedBefore = failures.total();
        Window window = cpu.get();
        long windowStart = System.nanoTime();
        Sleep.millis(measure.toMillis());
        var histogram = latencies.endWindow();
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        long okInWindow = ok.sum() - okBefore;
        long failedInWindow = failures.total() - failedBefore;
        Map<String, Double> cores = window.end();
        running.set(false);
        join(workers);
        return new Result(name, "closed loop, " + threads + " threads", seconds, okInWindow, failedInWindow,
                failures.byStatus(), failures.first(), 0, okInWindow / seconds, Latencies.Summary.of(histogram), cores);
    }

    /**
     * Sends {@code rate} requests a second from a pool of {@code workers}. A request more than {@code maxLateness}
     * behind its due time is not sent at all (counted as dropped, with that lateness as its latency), which keeps a
     * saturated run bounded in time without hiding the saturation.
     */
    static Result fixedRate(String name, double rate, int workers, Duration warmUp, Duration measure,
                            Duration maxLateness, Call call, Supplier<Window> cpu) {
        Latencies latencies = new Latencies();
        LongAdder ok = new LongAdder();
        LongAdder dropped = new LongAdder();
        Failures failures = new Failures();
        AtomicLong next = new AtomicLong();
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime() + 50_000_000L;
        long windowStart = start + warmUp.toNanos();
        long end = windowStart + measure.toNanos();
        AtomicReference<Window> window = new AtomicReference<>();
        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.add(start(name + "-" + w, () -> {
                while (true) {
                    long index = next.getAndIncrement();
                    long due = start + index * period;
                    if (due >= end) {
                        return;
                    }
                    Sleep.until(due);
                    boolean inWindow = due >= windowStart;
                    long late = System.nanoTime() - due;
                    if (late > maxLateness.toNanos()) {
                        if (inWindow) {
                            dropped.increment();
                            latencies.recordNanos(late);
                        }
                        continue;
                    }
                    int status = safely(call, worker, index, failures);
                    long completed = System.nanoTime();
                    if (inWindow) {
                        latencies.recordNanos(completed - due);
                        if (status >= 200 && status < 300) {
                            ok.increment();
                        } else {
                            failures.add(status);
                        }
                    }
                }
            }));
        }
        Sleep.until(windowStart);
        window.set(cpu.get());
        Sleep.until(end);
        Map<String, Double> cores = window.get().end();
        join(pool);
        double seconds = measure.toNanos() / 1e9;
        return new Result(name, String.format("fixed rate %,.0f/s, %d workers", rate, workers), seconds, ok.sum(),
                failures.total(), failures.byStatus(), failures.first(), dropped.sum(), ok.sum() / seconds,
                Latencies.Summary.of(latencies.endWindow()), cores);
    }

    private static int safely(Call call, int thread, long sequence, Failures failures) {
        try {
            Http.Response response = call.send(thread, sequence);
            if (!response.ok()) {
                failures.note(response.status() + " " + response.text());
            }
            return response.status();
        } catch (RuntimeException e) {
            failures.note(e.toString());
            return -1;
        }
    }

    static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Failed requests by HTTP status (-1: no answer), and the first failure's text for the report. */
    static final class Failures {
        private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(int status) {
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        void note(String failure) {
            first.compareAndSet(null, failure);
        }

        long total() {
            return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
        }

        Map<Integer, Long> byStatus() {
            Map<Integer, Long> copy = new TreeMap<>();
            byStatus.forEach((status, count) -> copy.put(status, count.sum()));
            return copy;
        }

        String first() {
            return first.get();
        }
    }
}
