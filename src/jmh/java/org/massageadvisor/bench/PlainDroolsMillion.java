package org.massageadvisor.bench;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

/**
 * What plain Drools alone needs for a million evaluations in a fresh JVM, as the batch gets one: the
 * reference compiled from the rules folder, a million generated profiles made beforehand (so no
 * reading, no writing and no generating is timed), then split across the threads, each with its own
 * session. The time it prints is the evaluations' alone, from the first to the last, JIT warm-up
 * included: the floor under any batch that evaluates every record with Drools in a new JVM.
 *
 * <pre>java -Xmx1g -cp target/benchmarks.jar org.massageadvisor.bench.PlainDroolsMillion [threads]</pre>
 */
public final class PlainDroolsMillion {

    static final int EVALUATIONS = 1_000_000;

    private PlainDroolsMillion() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long start = System.nanoTime();
        Path rules = Path.of(System.getProperty("rules", "rules-drl"));
        Vocabulary vocabulary = Vocabulary.load(rules.resolve(Vocabulary.FILE_NAME));
        PlainDroolsReference reference = PlainDroolsReference.compile(rules, vocabulary);
        int each = EVALUATIONS / threads;
        Client[][] clients = new Client[threads][each];
        for (int t = 0; t < threads; t++) {
            ProfileGenerator generator = new ProfileGenerator(vocabulary, 7 + t);
            for (int i = 0; i < each; i++) {
                clients[t][i] = generator.next();
            }
        }
        long ready = System.nanoTime();
        AtomicLong answered = new AtomicLong();
        Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Client[] mine = clients[t];
            running[t] = new Thread(() -> {
                PlainDroolsReference.Session session = reference.newSession();
                long n = 0;
                for (Client c : mine) {
                    if (session.evaluate(c) != null) {
                        n++;
                    }
                }
                answered.addAndGet(n);
            }, "plain-" + t);
            running[t].start();
        }
        for (Thread t : running) {
            t.join();
        }
        long end = System.nanoTime();
        System.out.printf("plain Drools, %d thread%s: %,d evaluations in %.1f s (compile and profiles before them: %.1f s; load average %s)%n",
                threads, threads == 1 ? "" : "s", answered.get(), (end - ready) / 1e9, (ready - start) / 1e9, Compare.load());
    }
}
