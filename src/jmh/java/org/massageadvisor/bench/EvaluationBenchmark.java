package org.massageadvisor.bench;

import java.util.concurrent.TimeUnit;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluations per second: the project's evaluator (explanation off and on) against plain Drools
 * running the same DRL files ({@link PlainDroolsReference}), on 1 and 2 threads, cycling through the
 * same generated profiles. {@link Compare} runs these interleaved in one JVM and prints the ratios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvaluationBenchmark {

    /** Shared by every thread: the rule bases and the profiles. */
    @State(Scope.Benchmark)
    public static class Shared {
        Workload workload;

        @Setup
        public void setUp() {
            workload = Workload.get();
        }
    }

    /** One thread's place in the profiles and its plain-Drools session. */
    @State(Scope.Thread)
    public static class PerThread {
        int next;
        PlainDroolsReference.Session session;

        @Setup
        public void setUp(Shared shared) {
            next = (int) (Thread.currentThread().getId() * 7919 % Workload.PROFILES);
            session = shared.workload.reference.newSession();
        }

        Client client(Workload w) {
            next = next + 1 == w.clients.length ? 0 : next + 1;
            return w.clients[next];
        }
    }

    private static Object project(Shared s, PerThread t, boolean explain) {
        Evaluator e = s.workload.evaluator;
        return e.evaluate(t.client(s.workload), explain);
    }

    @Benchmark
    @Threads(1)
    public Object reference1(Shared s, PerThread t) {
        return t.session.evaluate(t.client(s.workload));
    }

    @Benchmark
    @Threads(1)
    public Object project1(Shared s, PerThread t) {
        return project(s, t, false);
    }

    @Benchmark
    @Threads(1)
    public Object projectExplained1(Shared s, PerThread t) {
        return project(s, t, true);
    }

    @Benchmark
    @Threads(2)
    public Object reference2(Shared s, PerThread t) {
        return t.session.evaluate(t.client(s.workload));
    }

    @Benchmark
    @Threads(2)
    public Object project2(Shared s, PerThread t) {
        return project(s, t, false);
    }

    @Benchmark
    @Threads(2)
    public Object projectExplained2(Shared s, PerThread t) {
        return project(s, t, true);
    }
}
