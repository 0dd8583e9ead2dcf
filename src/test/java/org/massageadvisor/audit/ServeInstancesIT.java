package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code advisor serve} instances (the packaged jar, each its own JVM and connection pool) on one
 * PostgreSQL log, under a concurrent load of single recommendations from {@link ServeLoad}: the plain
 * run, one instance killed with SIGKILL mid-load, and the database restarted mid-load. Every wait is
 * on a condition (an instance's "listening" line, a count of answers) with a timeout.
 */
class ServeInstancesIT {

    private static final Path JAR = Path.of("target", "advisor.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request threads per instance. */
    private static final int THREADS = 4;

    @TempDir
    Path temp;

    private final List<Process> instances = new ArrayList<>();
    private ServeLoad load;

    /** Starts {@code advisor serve --port 0 --audit LOG} and returns its address once it prints it. */
    private URI serve(String log, String name) throws Exception {
        Path noScenarios = Files.createDirectories(temp.resolve("no-scenarios"));
        Process p = new ProcessBuilder(JAVA, "-Xmx256m", "-jar", JAR.toString(), "serve", "--port", "0", "--audit", log, "--scenarios",
                noScenarios.toString(), "--drain", "2", "--warm-up", "20000").redirectError(temp.resolve(name + ".err").toFile()).start();
        instances.add(p);
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("listening on ")) {
                        listening.complete(line.substring("listening on ".length()));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.complete(null);
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String url = listening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(url).as(name + " started; its stderr: " + Files.readString(temp.resolve(name + ".err"))).isNotNull();
        return URI.create(url);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (load != null) {
            load.close();
        }
        for (Process p : instances) {
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> clientsIn(String log) throws Exception {
        return TestPostgres.strings(log, "SELECT entry->'input'->>'id' FROM decisions ORDER BY seq");
    }

    /** A fresh log, instances a and b serving it, and load on both whose client ids start with {@code tag}; the log's URL. */
    private String twoInstancesUnderLoad(String tag) throws Exception {
        String log = TestPostgres.freshLog();
        URI a = serve(log, "a");
        URI b = serve(log, "b");
        load = ServeLoad.start(List.of(a, b), THREADS, tag);
        return log;
    }

    @Test
    void twoInstancesUnderLoadLogOneChainWithExactlyTheDecisionsTheyAnswered() throws Exception {
        String log = twoInstancesUnderLoad("plain");
        assertThat(load.await(() -> load.target(0).ok() >= 150 && load.target(1).ok() >= 150, WAIT)).as("both instances answered").isTrue();
        load.close();
        assertThat(load.target(0).failures()).isEmpty();
        assertThat(load.target(1).failures()).isEmpty();
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        List<String> logged = clientsIn(log);
        assertThat(logged).hasSize((int) load.ok()).doesNotHaveDuplicates();
        assertThat(result.lines()).isEqualTo(load.ok());
        assertThat(logged).containsAll(load.target(0).acknowledged()).containsAll(load.target(1).acknowledged());
        System.out.printf("two instances: %d + %d decisions answered 200, %d logged, chain intact%n", load.target(0).ok(), load.target(1).ok(),
                logged.size());
    }

    @Test
    void killingOneInstanceMidLoadLosesNothingItAcknowledgedAndTheOtherNeverStops() throws Exception {
        String log = twoInstancesUnderLoad("kill");
        assertThat(load.await(() -> load.target(0).ok() >= 60 && load.target(1).ok() >= 60, WAIT)).as("both instances answered").isTrue();
        instances.get(0).destroyForcibly();
        assertThat(instances.get(0).waitFor(60, TimeUnit.SECONDS)).isTrue();
        long bAtKill = load.target(1).ok();
        assertThat(load.await(() -> load.target(1).ok() >= bAtKill + 100, WAIT)).as("b went on after a was killed").isTrue();
        load.close();

        assertThat(load.target(1).failures()).as("b never answered anything but 200").isEmpty();
        // a's requests after the kill found no one listening (or lost their connection): never a false 200.
        assertThat(load.target(0).failures()).allSatisfy(f -> assertThat(f.status()).isEqualTo(-1));
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        List<String> logged = clientsIn(log);
        assertThat(logged).containsAll(load.target(0).acknowledged()).containsAll(load.target(1).acknowledged()).doesNotHaveDuplicates();
        // At most the requests a had in flight when it died were committed without an answer.
        assertThat(logged.size()).isBetween((int) load.ok(), (int) load.ok() + THREADS);
        System.out.printf("kill -9: a answered %d (then was killed), b %d (%d after the kill); %d logged, chain intact%n", load.target(0).ok(),
                load.target(1).ok(), load.target(1).ok() - bAtKill, logged.size());
    }

    @Test
    void aDatabaseRestartMidLoadIsA503InTheGapThenThePoolReconnectsAndNothingAnsweredIsLost() throws Exception {
        String log = twoInstancesUnderLoad("restart");
        assertThat(load.await(() -> load.ok() >= 100, WAIT)).as("the instances answered").isTrue();
        TestPostgres.ctl("stop");
        boolean refused;
        try {
            refused = load.await(() -> !load.target(0).failures().isEmpty() && !load.target(1).failures().isEmpty(), WAIT);
        } finally {
            TestPostgres.ctl("start");
        }
        assertThat(refused).as("both instances refused requests while the database was down").isTrue();
        long atRestart = load.ok();
        assertThat(load.await(() -> load.target(0).ok() >= 50 + atRestart / 2 && load.target(1).ok() >= 50 + atRestart / 2
                && load.ok() >= atRestart + 100, WAIT)).as("both instances answered again once the database was back").isTrue();
        load.close();

        List<ServeLoad.Failure> failures = new ArrayList<>(load.target(0).failures());
        failures.addAll(load.target(1).failures());
        long slowest = 0;
        for (ServeLoad.Failure f : failures) {
            assertThat(f.status()).as(f.toString()).isEqualTo(503);
            assertThat(f.body()).doesNotContain("\tat ").doesNotContain("Exception");
            JsonNode problem = JSON.readTree(f.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:massage-advisor:problem:unavailable");
            assertThat(problem.get("detail").asText()).contains("the decision log cannot be written now; nothing was recorded");
            // Bounded by the pool's 5 s connection timeout (plus the statement that was cut): never a hang.
            assertThat(f.millis()).as(f.toString()).isLessThan(30_000);
            slowest = Math.max(slowest, f.millis());
        }
        AuditVerifier.Result result = TestPostgres.verify(log);
        assertThat(result.problem()).isNull();
        List<String> logged = clientsIn(log);
        Set<String> answered = new HashSet<>(load.target(0).acknowledged());
        answered.addAll(load.target(1).acknowledged());
        assertThat(logged).doesNotHaveDuplicates().containsAll(answered);
        assertThat(new HashSet<>(logged)).as("logged == answered 200").isEqualTo(answered);
        System.out.printf("restart: %d answered 200 (%d before the stop), %d answered 503 (slowest %d ms), %d logged, chain intact%n", load.ok(),
                atRestart, failures.size(), slowest, logged.size());
    }
}
