package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database log under load and faults, with the packaged jar as separate writer processes (each
 * its own JVM and connection pool, as two service instances would be) on the throw-away cluster:
 * concurrent writers, a writer killed with SIGKILL, and the database restarted under load.
 */
class PostgresFaultIT {

    private static final Path JAR = Path.of("target", "advisor.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final long WAIT_SECONDS = 300;

    @TempDir
    Path temp;

    private final List<Writer> writers = new ArrayList<>();

    /** A writer process: appends one decision at a time and says {@code ack SEQ ID} or {@code fail MILLIS MESSAGE} for each. */
    private static final class Writer {
        final Process process;
        final List<String> acked = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        private final Thread reader;

        Writer(String log, int records, Path err) throws IOException {
            process = new ProcessBuilder(JAVA, "-cp", JAR.toString(), "org.massageadvisor.audit.AuditBenchmark", "writer",
                    Integer.toString(records), log, "rules-drl").redirectError(err.toFile()).start();
            reader = new Thread(this::read, "writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (this) {
                        if (line.startsWith("ack ")) {
                            acked.add(line.split(" ")[2]);
                        } else if (line.startsWith("fail ")) {
                            failures.add(line.substring(5));
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed: what it printed before is all it acknowledged.
            }
            synchronized (this) {
                notifyAll();
            }
        }

        /** Waits (on the writer's own output, not on a clock) until the condition holds; false if the writer ended first. */
        synchronized boolean await(Predicate<Writer> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    return condition.test(this);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }

        synchronized int acks() {
            return acked.size();
        }

        synchronized List<String> ackedCopy() {
            return new ArrayList<>(acked);
        }

        synchronized List<String> failuresCopy() {
            return new ArrayList<>(failures);
        }

        /** Ends the writer and waits until everything it printed has been read. */
        void stop(boolean kill) throws InterruptedException {
            // Signalled through its handle: Process.destroy() also closes the pipe, and acknowledgements
            // printed after the signal (or not yet read) were lost while their decisions were stored.
            if (kill) {
                process.toHandle().destroyForcibly();
            } else {
                process.toHandle().destroy();
            }
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
    }

    private Writer writer(String log, int records, String name) throws IOException {
        Writer w = new Writer(log, records, temp.resolve(name + ".err"));
        writers.add(w);
        return w;
    }

    @AfterEach
    void stopWriters() throws InterruptedException {
        for (Writer w : writers) {
            if (w.process.isAlive()) {
                w.stop(true);
            }
        }
    }

    private static Set<String> decisionsIn(String log) throws Exception {
        return new HashSet<>(TestPostgres.strings(log, "SELECT decision FROM decisions"));
    }

    @Test
    void twoWriterProcessesAppendingAtOnceLeaveOneChainWithEveryAcknowledgedDecision() throws Exception {
        String log = TestPostgres.freshLog();
        Writer a = writer(log, 150, "a");
        Writer b = writer(log, 150, "b");
        assertThat(a.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(b.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        a.stop(false);
        b.stop(false);
        assertThat(a.process.exitValue()).as(Files.readString(temp.resolve("a.err"))).isZero();
        assertThat(b.process.exitValue()).as(Files.readString(temp.resolve("b.err"))).isZero();
        assertThat(a.failuresCopy()).isEmpty();
        assertThat(b.failuresCopy()).isEmpty();
        assertThat(a.acks() + b.acks()).isEqualTo(300);
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        assertThat(result.lines()).isEqualTo(300);
        Set<String> stored = decisionsIn(log);
        assertThat(stored).hasSize(300).containsAll(a.ackedCopy()).containsAll(b.ackedCopy());
    }

    @Test
    void aWriterKilledMidLoadLosesNothingItAcknowledgedAndTheOtherKeepsGoing() throws Exception {
        String log = TestPostgres.freshLog();
        Writer a = writer(log, 1_000_000, "a");
        Writer b = writer(log, 1_000_000, "b");
        assertThat(a.await(w -> w.acks() >= 30)).as("writer a got going").isTrue();
        assertThat(b.await(w -> w.acks() >= 30)).as("writer b got going").isTrue();
        a.stop(true);
        int bAtKill = b.acks();
        assertThat(b.await(w -> w.acks() >= bAtKill + 30)).as("writer b went on after a was killed").isTrue();
        b.stop(false);
        assertThat(b.failuresCopy()).as("writer b never failed").isEmpty();
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        Set<String> stored = decisionsIn(log);
        assertThat(stored).containsAll(a.ackedCopy()).containsAll(b.ackedCopy());
        // At most one decision per writer committed but not yet acknowledged when it died.
        assertThat(stored.size()).isBetween(a.acks() + b.acks(), a.acks() + b.acks() + 2);
        assertThat(result.lines()).isEqualTo(stored.size());
    }

    @Test
    void aDatabaseRestartFailsAppendsInTheGapQuicklyAndClearlyThenTheWriterCarriesOnLosingNothing() throws Exception {
        String log = TestPostgres.freshLog();
        Writer a = writer(log, 1_000_000, "a");
        assertThat(a.await(w -> w.acks() >= 20)).as("the writer got going").isTrue();
        TestPostgres.ctl("stop");
        boolean failed;
        try {
            failed = a.await(w -> !w.failures.isEmpty());
            // The command line, while the database is down: exit 5 (the machine, not the input) and one line, no stack trace.
            Path profile = temp.resolve("client.yaml");
            Files.writeString(profile, "id: c1\ngoal: RELAXATION\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\n");
            Process cli = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "evaluate", profile.toString(), "--audit", log)
                    .redirectOutput(temp.resolve("cli.out").toFile()).redirectError(temp.resolve("cli.err").toFile()).start();
            assertThat(cli.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("evaluate --audit did not hang").isTrue();
            String err = Files.readString(temp.resolve("cli.err"));
            assertThat(cli.exitValue()).as(err).isEqualTo(5);
            assertThat(err).startsWith("error: " + PostgresUrl.parse(log) + ": cannot open the decision log: ").doesNotContain("\tat ")
                    .hasLineCount(1);
        } finally {
            TestPostgres.ctl("start");
        }
        assertThat(failed).as("an append failed while the database was down").isTrue();
        int atRestart = a.acks();
        assertThat(a.await(w -> w.acks() >= atRestart + 20)).as("the writer carried on once the database was back").isTrue();
        a.stop(false);
        List<String> failures = a.failuresCopy();
        failures.forEach(f -> System.out.println("append while the database restarted: fail " + f));
        assertThat(failures).allSatisfy(f -> {
            long millis = Long.parseLong(f.substring(0, f.indexOf(' ')));
            // Bounded by the connect timeout (5 s) and the socket timeout, never a hang.
            assertThat(millis).as(f).isLessThan(65_000);
            assertThat(f).contains(PostgresUrl.parse(log) + ": cannot append to the decision log: ").doesNotContain("\tat ");
        });
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        assertThat(decisionsIn(log)).containsAll(a.ackedCopy());
    }
}
