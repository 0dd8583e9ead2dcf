package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.Client;
import org.massageadvisor.recommendation.Interval;

/** A watcher on a temp copy of the rules: good edits go live, bad ones are refused and the old rules keep serving. */
class LiveRuleBaseTest {

    /** Bounded wait for the watcher's next decision; a watcher that never decides fails the test, it does not hang it. */
    private static final long DECISION_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    private final Client relaxingSwedishSedentary = TestRules.client().goal("RELAXATION").massageType("SWEDISH").build();

    private final BlockingQueue<LiveRuleBase.Reload> decisions = new LinkedBlockingQueue<>();

    /**
     * A copy of the shipped rules at {@code rules}, live, its decisions so far cleared. The gate is check
     * without the full-space verification and without scenarios: lint must pass.
     */
    private LiveRuleBase liveCopy(Path rules) throws Exception {
        RuleFolders.copyTree(TestRules.RULES, rules);
        Checker checker = new Checker(new Checker.Options(List.of(), true, false, 1));
        LiveRuleBase live = new LiveRuleBase(rules, c -> checker.check(c).errors(), decisions::add);
        assertThat(live.reload().live()).isTrue();
        decisions.clear();
        return live;
    }

    /** The watcher's next decision. */
    private LiveRuleBase.Reload nextDecision() throws InterruptedException {
        LiveRuleBase.Reload next = decisions.poll(DECISION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(next).as("a decision within %d s", DECISION_TIMEOUT_SECONDS).isNotNull();
        return next;
    }

    @Test
    void aGoodEditGoesLiveAndABrokenOneIsRefusedWhileTheOldRulesKeepServing() throws Exception {
        Path rules = tmp.resolve("rules");
        try (LiveRuleBase live = liveCopy(rules)) {
            // Shipped: relaxation 7-14, Swedish keeps the goal's range: 7-14.
            assertThat(live.current().evaluate(relaxingSwedishSedentary).interval()).isEqualTo(new Interval(7, 14));
            String before = live.current().ruleBase().version();
            live.watch(Duration.ofMillis(50));

            // A decision table is watched like a DRL file: relaxation's Min days 7 -> 8 in goal-ranges.csv.
            Path goals = rules.resolve("goal-ranges.csv");
            Files.writeString(goals, Files.readString(goals).replace(",RELAXATION,,,,7,14,", ",RELAXATION,,,,8,14,"));
            LiveRuleBase.Reload good = nextDecision();
            assertThat(good.live()).as("%s", good.reasons()).isTrue();
            assertThat(good.version()).isNotEqualTo(before);
            assertThat(good.latencyMillis()).isGreaterThanOrEqualTo(0);
            // Edited: 8-14, nothing else changes it.
            assertThat(live.current().evaluate(relaxingSwedishSedentary).interval()).isEqualTo(new Interval(8, 14));
            String edited = live.current().ruleBase().version();

            Files.writeString(goals, Files.readString(goals).replace(",RELAXATION,,,,8,14,", ",RELAXATION,,,,8,fourteen,"));
            LiveRuleBase.Reload bad = nextDecision();
            assertThat(bad.live()).isFalse();
            assertThat(bad.serving()).isEqualTo(edited);
            assertThat(bad.reasons()).anySatisfy(r -> assertThat(r).contains(goals + ":10:G: ").contains("fourteen is not a variable"));
            assertThat(live.current().ruleBase().version()).isEqualTo(edited);
            assertThat(live.current().evaluate(relaxingSwedishSedentary).interval()).isEqualTo(new Interval(8, 14));
        }
    }

    /**
     * The workbench keeps its Git repository inside the rules folder, and a commit creates and renames
     * temporary files there. The watcher neither watches nor walks hidden folders, so that churn neither
     * reloads the rules nor stops the watcher: rule edits made during it and after it both go live.
     */
    @Test
    void filesComingAndGoingInAHiddenFolderNeitherReloadNorStopTheWatcher() throws Exception {
        Path rules = tmp.resolve("rules");
        Path objects = rules.resolve(".git/objects");
        AtomicBoolean churning = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            for (int i = 0; churning.get(); i++) {
                try {
                    Path sub = Files.createDirectories(objects.resolve(String.format("%02x", i % 256)));
                    Path temp = Files.writeString(sub.resolve("noz" + i + ".tmp"), "object " + i);
                    Files.move(temp, sub.resolve("object" + i));
                    Files.delete(sub.resolve("object" + i));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, "git-churn");
        try (LiveRuleBase live = liveCopy(rules)) {
            Files.createDirectories(objects);
            String before = live.current().ruleBase().version();
            live.watch(Duration.ofMillis(50));
            churn.start();

            Path tips = rules.resolve("self-care-tips.drl");
            Files.writeString(tips, Files.readString(tips) + "\n// reviewed during a commit\n");
            LiveRuleBase.Reload during = nextDecision();
            assertThat(during.live()).as("%s", during.reasons()).isTrue();
            assertThat(during.version()).isNotEqualTo(before);

            churning.set(false);
            churn.join();
            assertThat(churn.isAlive()).isFalse();
            Files.writeString(tips, Files.readString(tips) + "// reviewed after it\n");
            LiveRuleBase.Reload after = nextDecision();
            assertThat(after.live()).as("%s", after.reasons()).isTrue();
            assertThat(after.version()).isNotEqualTo(during.version()).isEqualTo(live.current().ruleBase().version());
            // Only the two edits reloaded: none of the churn's thousands of writes did.
            assertThat(decisions).isEmpty();
        } finally {
            churning.set(false);
            churn.join();
        }
    }

    /** A rule file that cannot be read while the rules are watched is a refused edit, not the end of the watcher. */
    @Test
    void aLinkThatLeadsNowhereIsRefusedAndTheWatcherGoesOn() throws Exception {
        Path rules = tmp.resolve("rules");
        try (LiveRuleBase live = liveCopy(rules)) {
            String before = live.current().ruleBase().version();
            live.watch(Duration.ofMillis(50));

            Path broken = Files.createSymbolicLink(rules.resolve("broken.drl"), rules.resolve("missing.drl"));
            LiveRuleBase.Reload refused = nextDecision();
            assertThat(refused.live()).isFalse();
            assertThat(refused.serving()).isEqualTo(before);
            assertThat(refused.reasons()).singleElement().asString().contains("broken.drl").contains("cannot read the rules folder");
            assertThat(live.current().ruleBase().version()).isEqualTo(before);

            Files.delete(broken);
            Path tips = rules.resolve("self-care-tips.drl");
            Files.writeString(tips, Files.readString(tips) + "\n// reviewed\n");
            LiveRuleBase.Reload good = nextDecision();
            assertThat(good.live()).as("%s", good.reasons()).isTrue();
            assertThat(good.version()).isNotEqualTo(before).isEqualTo(live.current().ruleBase().version());
        }
    }

    @Test
    void aCheckThatFailsKeepsTheOldRules() throws Exception {
        Path rules = tmp.resolve("rules");
        try (LiveRuleBase live = liveCopy(rules)) {
            String good = live.current().ruleBase().version();
            Path conditions = rules.resolve("health-conditions.drl");
            Files.writeString(conditions, Files.readString(conditions).replace("\"HERNIATED_DISC\" )", "\"HERNIATED_DSIC\" )"));
            LiveRuleBase.Reload refused = live.reload();
            assertThat(refused.live()).isFalse();
            assertThat(refused.reasons()).anySatisfy(r -> assertThat(r).startsWith("lint: " + conditions + ":")
                    .endsWith("term (HERNIATED_DSIC) is not in vocabulary.yaml; did you mean HERNIATED_DISC?"));
            assertThat(live.current().ruleBase().version()).isEqualTo(good);
        }
    }

}
