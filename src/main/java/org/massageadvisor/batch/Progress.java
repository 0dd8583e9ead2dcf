package org.massageadvisor.batch;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on stderr (a terminal): records done, records/s and, from bytes read, an ETA. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final AtomicLong done;
    private final RecordSource source;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;

    private Progress(PrintWriter err, AtomicLong done, RecordSource source) {
        this.err = err;
        this.done = done;
        this.source = source;
        this.totalBytes = source.totalBytes();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batch-progress");
            t.setDaemon(true);
            return t;
        });
    }

    static Progress start(PrintWriter err, AtomicLong done, RecordSource source) {
        Progress p = new Progress(err, done, source);
        p.timer.scheduleAtFixedRate(p::draw, 250, 250, TimeUnit.MILLISECONDS);
        return p;
    }

    private void draw() {
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = done.get();
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) source.charsRead() / totalBytes) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = fraction > 0.01 ? String.format(" ETA %.0f s", seconds * (1 - fraction) / fraction) : "";
        synchronized (err) {
            err.printf("\r[%s%s] %3.0f%% %,d records, %,.0f/s%s   ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    fraction * 100, n, seconds > 0 ? n / seconds : 0.0, eta);
            err.flush();
        }
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
