package org.massageadvisor.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.check.Checker;

/** The start-up warm-up runs the batch code on generated profiles and leaves no trace of a decision. */
class WarmUpTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private DecisionService start(MeterRegistry metrics, Path log) throws IOException {
        return start(TestRules.RULES, metrics, log);
    }

    private static DecisionService start(Path rules, MeterRegistry metrics, Path log) throws IOException {
        return DecisionService.start(rules, new Checker.Options(List.of(), true, false, 1), TODAY, AuditLog.open(log), metrics,
                Duration.ofMillis(50));
    }

    /** Waits, without sleeping, until the warm-up has evaluated its first chunk. */
    private static void firstChunk(WarmUp w) throws InterruptedException {
        while (w.evaluated() == 0) {
            assertThat(w.await(50, TimeUnit.MILLISECONDS)).as("the warm-up ended before its first round").isFalse();
        }
    }

    private static double evaluations(MeterRegistry metrics) {
        return metrics.find("advisor.evaluations").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void evaluatesGeneratedProfilesAndNothingIsCountedOrLogged() throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        Path log = dir.resolve("decisions.log");
        try (DecisionService service = start(metrics, log)) {
            // Never ended early by a quiet compiler.
            WarmUp w = service.warmUp(6_000, Integer.MAX_VALUE);
            assertThat(w.await(5, TimeUnit.MINUTES)).isTrue();
            assertThat(w.evaluated()).isEqualTo(6_000);
            assertThat(evaluations(metrics)).isZero();
            assertThat(text(log)).isEmpty();

            // A request afterwards is counted and logged as always.
            service.recommend(TestRules.WORKED_EXAMPLE_JSON.getBytes(StandardCharsets.UTF_8), false);
            assertThat(evaluations(metrics)).isEqualTo(1);
            assertThat(text(log).lines()).hasSize(1);
        }
    }

    @Test
    void aRealRequestEndsTheWarmUpAndIsTheOnlyOneCounted() throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        try (DecisionService service = start(metrics, dir.resolve("decisions.log"))) {
            WarmUp w = service.warmUp(50_000_000, Integer.MAX_VALUE);
            firstChunk(w);
            service.recommend(TestRules.WORKED_EXAMPLE_JSON.getBytes(StandardCharsets.UTF_8), false);
            assertThat(w.await(1, TimeUnit.MINUTES)).as("the warm-up gave way to the request").isTrue();
            assertThat(w.evaluated()).isLessThan(50_000_000);
            assertThat(evaluations(metrics)).isEqualTo(1);
        }
    }

    @Test
    void rulesGoingLiveEndTheWarmUpOnTheOldOnes() throws Exception {
        Path rules = RuleFolders.copyShipped(dir.resolve("rules"));
        try (DecisionService service = start(rules, new SimpleMeterRegistry(), dir.resolve("decisions.log"))) {
            String before = service.ruleBase().version();
            WarmUp w = service.warmUp(50_000_000, Integer.MAX_VALUE);
            firstChunk(w);
            Files.writeString(rules.resolve("self-care-tips.drl"), "\n// reviewed again\n", StandardOpenOption.APPEND);
            assertThat(w.await(2, TimeUnit.MINUTES)).as("the warm-up ended once other rules went live").isTrue();
            assertThat(service.ruleBase().version()).isNotEqualTo(before);
            assertThat(w.evaluated()).isLessThan(50_000_000);
        }
    }

    @Test
    void closingTheServiceStopsTheWarmUp() throws Exception {
        DecisionService service = start(new SimpleMeterRegistry(), dir.resolve("decisions.log"));
        WarmUp w = service.warmUp(50_000_000, Integer.MAX_VALUE);
        firstChunk(w);
        service.close();
        assertThat(w.await(1, TimeUnit.MINUTES)).as("the warm-up stopped once the service closed").isTrue();
        assertThat(w.evaluated()).isLessThan(50_000_000);
    }
}
