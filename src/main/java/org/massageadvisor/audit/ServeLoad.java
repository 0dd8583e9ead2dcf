package org.massageadvisor.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A small load generator for {@code advisor serve} (not a test; the fault tests and {@code bin/bench-audit}
 * use it): a few threads per instance post single recommendations, one at a time each, every one for a
 * client id of its own, and count what came back. Waiting is on the answers themselves
 * ({@link #await}), never on a clock.
 *
 * <pre>
 * java -cp target/advisor.jar org.massageadvisor.audit.ServeLoad SECONDS THREADS URL [URL...]
 * </pre>
 *
 * prints the 200 answers per second over all the URLs, and any other answer.
 */
public final class ServeLoad implements AutoCloseable {

    /** The longest any one request may take: a hang fails the request, it never stalls the load. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** The client profiles sent in turn (valid, different outcomes); {@code %s} is the request's client id. */
    private static final List<String> PROFILES = List.of(
            "{\"id\":\"%s\",\"goal\":\"CHRONIC_PAIN\",\"massageType\":\"DEEP_TISSUE\",\"bodyResponse\":[\"SORE\"],"
                    + "\"conditions\":[\"HERNIATED_DISC\"],\"activityLevel\":\"SEDENTARY\"}",
            "{\"id\":\"%s\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}",
            "{\"id\":\"%s\",\"goal\":\"MAINTENANCE\",\"massageType\":\"SPORTS\",\"activityLevel\":\"ATHLETE\"}",
            "{\"id\":\"%s\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"bodyResponse\":[\"SORE\"],\"activityLevel\":\"MODERATE\"}");

    /** An answer that was not a 200: its status (-1: no answer, e.g. the connection was refused), time and body. */
    public record Failure(int status, long millis, String body) {
    }

    /** What one instance answered. */
    public static final class Target {
        private final URI uri;
        private final AtomicLong ok = new AtomicLong();
        private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

        Target(URI uri) {
            this.uri = uri;
        }

        /** The number of 200 answers. */
        public long ok() {
            return ok.get();
        }

        /** The client ids of the 200 answers: each is a decision the instance said it logged. */
        public List<String> acknowledged() {
            return new ArrayList<>(acknowledged);
        }

        public List<Failure> failures() {
            return new ArrayList<>(failures);
        }

        public URI uri() {
            return uri;
        }
    }

    private final List<Target> targets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Object progress = new Object();
    private volatile boolean running = true;

    private ServeLoad(List<URI> uris, int threadsPerTarget, String tag) {
        for (URI uri : uris) {
            Target t = new Target(uri.resolve("/v1/recommendations"));
            targets.add(t);
            for (int i = 0; i < threadsPerTarget; i++) {
                String prefix = tag + "-" + targets.size() + "-" + i + "-";
                Thread thread = new Thread(() -> run(t, prefix), "load-" + prefix);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
    }

    /** Starts {@code threadsPerTarget} threads per URL; client ids start with {@code tag}. */
    public static ServeLoad start(List<URI> uris, int threadsPerTarget, String tag) {
        ServeLoad load = new ServeLoad(uris, threadsPerTarget, tag);
        load.threads.forEach(Thread::start);
        return load;
    }

    public Target target(int i) {
        return targets.get(i);
    }

    /** The 200 answers of every instance. */
    public long ok() {
        return targets.stream().mapToLong(Target::ok).sum();
    }

    private void run(Target t, String prefix) {
        for (long n = 0; running; n++) {
            String id = prefix + n;
            HttpRequest request = HttpRequest.newBuilder(t.uri).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, PROFILES.get((int) (n % PROFILES.size())), id))).build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    t.acknowledged.add(id);
                    t.ok.incrementAndGet();
                } else {
                    t.failures.add(new Failure(r.statusCode(), millisSince(start), r.body()));
                }
            } catch (IOException e) {
                t.failures.add(new Failure(-1, millisSince(start), e.toString()));
                if (!running) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Waits, woken by each answer, until the condition holds; false if it still does not after {@code timeout}. */
    public boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    /** Stops sending and waits for every request in flight to be answered (each is bounded by {@link #REQUEST_TIMEOUT}). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(REQUEST_TIMEOUT.toMillis() + 5000);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ServeLoad SECONDS THREADS URL [URL...]");
            System.exit(2);
        }
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<URI> uris = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            uris.add(URI.create(args[i]));
        }
        ServeLoad load = start(uris, threads, "bench-" + Long.toString(System.nanoTime(), 36));
        // Warm-up: the first 200 answers of every instance (JIT, pool) are not counted.
        load.await(() -> load.targets.stream().allMatch(t -> t.ok() >= 200), Duration.ofSeconds(120));
        long before = load.ok();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        load.await(() -> System.nanoTime() >= end, Duration.ofSeconds(seconds));
        long done = load.ok() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        load.close();
        long failures = load.targets.stream().mapToLong(t -> t.failures.size()).sum();
        System.out.printf(Locale.ROOT, "%d decisions in %.1f s over %d instance(s), %d threads each: %.0f decisions/s; non-200 answers: %d%n",
                done, elapsed, uris.size(), threads, done / elapsed, failures);
        load.targets.forEach(t -> t.failures.stream().limit(3).forEach(f -> System.out.println("  " + t.uri + ": " + f)));
    }
}
