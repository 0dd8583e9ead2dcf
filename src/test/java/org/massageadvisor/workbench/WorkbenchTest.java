package org.massageadvisor.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.LiveRuleBase;
import org.massageadvisor.io.EnvironmentException;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.workbench.WorkbenchException.Reason;

/**
 * The workbench on a temp copy of the shipped rules (its own Git repository), a real live rule base
 * and a real file decision log: a change is proposed, approved by someone else and then serves.
 */
class WorkbenchTest {

    /** The reload gate of these tests: compile and lint (scenarios are the next test class's business). */
    static final Checker.Options QUICK = new Checker.Options(List.of(), true, false, 1);
    static final String RELAXATION_7_14 = "new BaseRange( 7, 14 )";
    static final String RELAXATION_8_14 = "new BaseRange( 8, 14 )";
    static final String GOALS = "goal-ranges.drl";
    static final String ACTIVITY = "activity-level.drl";

    @TempDir
    Path tmp;

    Path rules;
    LiveRuleBase live;
    AuditLog log;
    Workbench wb;
    final Client relaxing = TestRules.client().goal("RELAXATION").massageType("SWEDISH").build();

    @BeforeEach
    void start() {
        rules = DrlGoalRanges.install(RuleFolders.copyShipped(tmp.resolve("rules")));
        Checker gate = new Checker(QUICK);
        live = new LiveRuleBase(rules, c -> gate.check(c).errors(), r -> { });
        assertThat(live.reload().live()).isTrue();
        log = AuditLog.open(tmp.resolve("log").resolve("decisions.jsonl"));
        wb = Workbench.open(rules, tmp.resolve("state"), live, log, Clock.systemUTC(), QUICK);
    }

    @AfterEach
    void stop() throws IOException {
        wb.close();
        log.close();
        live.close();
    }

    Map<String, String> edit(String file, String from, String to) {
        FileContent content = wb.read(file);
        assertThat(content.text()).contains(from);
        return Map.of(file, content.text().replace(from, to));
    }

    Interval relaxingInterval() {
        return live.current().evaluate(relaxing).interval();
    }

    @Test
    void aProposalApprovedBySomeoneElseServesWithANewVersionAndIsCommittedAndLogged() throws IOException {
        String before = wb.rulesetVersion();
        // Shipped: relaxation 7-14, Swedish and sedentary change nothing.
        assertThat(relaxingInterval()).isEqualTo(new Interval(7, 14));
        Proposal p = wb.propose("alice", "Relaxation: start a day later", before, edit(GOALS, RELAXATION_7_14, RELAXATION_8_14));
        assertThat(p.state()).isEqualTo(ProposalState.PROPOSED);
        assertThat(p.check().passed()).as("%s", p.check()).isTrue();
        assertThat(p.clinicalChanges()).extracting(ClinicalChange::what).contains("range for RELAXATION: 7-14 days -> 8-14 days");
        // Nothing serves before review.
        assertThat(relaxingInterval()).isEqualTo(new Interval(7, 14));

        Publish published = wb.approve(p.id(), "bob");

        assertThat(relaxingInterval()).isEqualTo(new Interval(8, 14));
        assertThat(published.oldVersion()).isEqualTo(before);
        assertThat(published.newVersion()).isNotEqualTo(before).isEqualTo(wb.rulesetVersion())
                .isEqualTo(live.current().ruleBase().version());
        assertThat(wb.proposal(p.id()).orElseThrow().state()).isEqualTo(ProposalState.PUBLISHED);
        assertThat(wb.proposal(p.id()).orElseThrow().reviewer()).isEqualTo("bob");

        HistoryEntry last = wb.history().get(0);
        assertThat(last.commitId()).isEqualTo(published.commitId());
        assertThat(last.author()).isEqualTo("alice");
        assertThat(last.reviewer()).isEqualTo("bob");
        assertThat(last.message()).isEqualTo("Relaxation: start a day later");
        assertThat(last.rulesetVersion()).isEqualTo(published.newVersion());
        assertThat(last.changes()).extracting(ClinicalChange::what).containsExactly("range for RELAXATION: 7-14 days -> 8-14 days");
        assertThat(wb.history()).hasSize(2);
        assertThat(wb.history().get(1).author()).isEqualTo("workbench");

        // The publish is a chained line of the decision log, which still verifies; the rule set links to the commit.
        List<String> lines = Files.readAllLines(log.file());
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("kind").asText()).isEqualTo("publish");
        assertThat(line.path("proposedBy").asText()).isEqualTo("alice");
        assertThat(line.path("approvedBy").asText()).isEqualTo("bob");
        assertThat(line.path("message").asText()).isEqualTo("Relaxation: start a day later");
        assertThat(line.path("oldRulesetVersion").asText()).isEqualTo(before);
        assertThat(line.path("rulesetVersion").asText()).isEqualTo(published.newVersion());
        assertThat(line.path("commit").asText()).isEqualTo(published.commitId());
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
        assertThat(log.ruleSets().commitOf(published.newVersion())).isEqualTo(published.commitId());
        // A decision made now carries the version that leads to the commit.
        Evaluator now = live.current();
        log.append(now.evaluate(relaxing), relaxing, now.ruleBase());
        assertThat(log.find(DecisionLog.Filter.ALL)).singleElement()
                .satisfies(f -> assertThat(log.ruleSets().commitOf(f.rulesetVersion())).isEqualTo(published.commitId()));
        // Replay re-runs the decision and steps over the publish line.
        AuditReplay.Report replay = AuditReplay.replay(log);
        assertThat(replay.decisions()).isEqualTo(1);
        assertThat(replay.differences()).isEmpty();
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void theAuthorCannotApproveTheirOwnChange() {
        Proposal p = wb.propose("alice", "Relaxation: start a day later", wb.rulesetVersion(), edit(GOALS, RELAXATION_7_14, RELAXATION_8_14));
        assertThatThrownBy(() -> wb.approve(p.id(), "alice")).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SELF_APPROVAL));
        assertThatThrownBy(() -> wb.approve(p.id(), " Alice ")).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SELF_APPROVAL));
        assertThat(relaxingInterval()).isEqualTo(new Interval(7, 14));
        assertThat(wb.proposal(p.id()).orElseThrow().state()).isEqualTo(ProposalState.PROPOSED);
    }

    @Test
    void aChangeThatFailsTheCheckIsRefusedAtApprovalWithItsPosition() throws IOException {
        String version = wb.rulesetVersion();
        Map<String, String> broken = edit(GOALS, "Client( goal == \"RELAXATION\" )", "Client( goal == \"RELAXATION\" ))");
        CheckResult check = wb.check(broken);
        assertThat(check.passed()).isFalse();
        assertThat(check.problems()).isNotEmpty().allSatisfy(pr -> {
            assertThat(pr.path()).isEqualTo(GOALS);
            assertThat(pr.stage()).isEqualTo("compile");
            assertThat(pr.line()).isEqualTo(RuleFolders.lineOf(rules.resolve(GOALS), "Relaxation calls for a session every one to two weeks") + 7);
        });
        Proposal p = wb.propose("alice", "A slip of the keyboard", version, broken);
        String text = Files.readString(rules.resolve(GOALS));

        assertThatThrownBy(() -> wb.approve(p.id(), "bob")).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
            assertThat(e.getMessage()).contains(GOALS + ":");
        });
        assertThat(Files.readString(rules.resolve(GOALS))).isEqualTo(text);
        assertThat(wb.rulesetVersion()).isEqualTo(version);
        assertThat(wb.history()).hasSize(1);
        assertThat(wb.proposal(p.id()).orElseThrow().state()).isEqualTo(ProposalState.PROPOSED);
    }

    @Test
    void aSecondChangeToTheSameFileIsRefusedAndOneToAnotherFileIsRebased() {
        String v0 = wb.rulesetVersion();
        Map<String, String> goals = edit(GOALS, RELAXATION_7_14, RELAXATION_8_14);
        Map<String, String> otherGoals = edit(GOALS, "new BaseRange( 14, 30 )", "new BaseRange( 14, 28 )");
        Map<String, String> activity = edit(ACTIVITY, "new Adjustment( 0, -2 )", "new Adjustment( 0, -3 )");
        Proposal first = wb.propose("alice", "Relaxation: start a day later", v0, goals);
        Proposal second = wb.propose("carol", "Maintenance: at most four weeks", v0, otherGoals);
        Proposal disjoint = wb.propose("dave", "Athletes: one day shorter", v0, activity);
        wb.approve(first.id(), "bob");

        // Approving the second (same file, opened before the publish) is refused, naming who changed it.
        assertThatThrownBy(() -> wb.approve(second.id(), "bob")).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
            assertThat(e.getMessage()).isEqualTo(GOALS + " changed since you opened it (by alice, 'Relaxation: start a day later');"
                    + " reload and re-apply your change");
        });
        // So is proposing it anew on the old base.
        assertThatThrownBy(() -> wb.propose("carol", "Maintenance: at most four weeks", v0, otherGoals))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        // The change to another file goes in on top of the first: both serve.
        Publish rebased = wb.approve(disjoint.id(), "bob");
        assertThat(relaxingInterval()).isEqualTo(new Interval(8, 14));
        assertThat(wb.read(ACTIVITY).text()).contains("new Adjustment( 0, -3 )");
        assertThat(wb.read(GOALS).text()).contains(RELAXATION_8_14);
        assertThat(rebased.oldVersion()).isNotEqualTo(v0);
        assertThat(wb.history()).hasSize(3);
    }

    @Test
    void aRevertGoesThroughReviewAndRestoresTheOldAnswers() {
        String v0 = wb.rulesetVersion();
        Publish change = wb.approve(wb.propose("alice", "Relaxation: start a day later", v0, edit(GOALS, RELAXATION_7_14, RELAXATION_8_14)).id(),
                "bob");
        assertThat(relaxingInterval()).isEqualTo(new Interval(8, 14));

        Proposal revert = wb.proposeRevert(change.commitId(), "bob", null);
        assertThat(revert.message()).startsWith("Revert \"Relaxation: start a day later\"");
        assertThat(revert.clinicalChanges()).extracting(ClinicalChange::what).containsExactly("range for RELAXATION: 8-14 days -> 7-14 days");
        assertThat(relaxingInterval()).as("a revert is a proposal: nothing changes before review").isEqualTo(new Interval(8, 14));
        assertThatThrownBy(() -> wb.approve(revert.id(), "bob")).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SELF_APPROVAL));
        Publish back = wb.approve(revert.id(), "alice");

        assertThat(relaxingInterval()).isEqualTo(new Interval(7, 14));
        assertThat(back.newVersion()).isEqualTo(v0);
        assertThat(wb.history()).extracting(HistoryEntry::author).containsExactly("bob", "alice", "workbench");
        assertThat(wb.history().get(0).reviewer()).isEqualTo("alice");
        assertThatThrownBy(() -> wb.proposeRevert("0123456789abcdef0123456789abcdef01234567", "bob", null))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> wb.changesIn("../../etc/passwd"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void previewCountsWhatAReplayByHandCountsAndSaysWhichWay() throws IOException {
        Evaluator now = live.current();
        // Three relaxation clients (7-14, later 8-14: longer), two maintenance clients (14-30, untouched).
        for (int i = 0; i < 3; i++) {
            Client c = relaxing.withId("relax-" + i);
            log.append(now.evaluate(c), c, now.ruleBase());
        }
        for (int i = 0; i < 2; i++) {
            Client c = TestRules.client().goal("MAINTENANCE").build().withId("maint-" + i);
            log.append(now.evaluate(c), c, now.ruleBase());
        }
        Map<String, String> draft = edit(GOALS, RELAXATION_7_14, RELAXATION_8_14);

        PreviewResult preview = wb.preview(draft, null, null);

        Path byHand = DrlGoalRanges.install(RuleFolders.copyShipped(tmp.resolve("by-hand")));
        Files.writeString(byHand.resolve(GOALS), draft.get(GOALS));
        AuditReplay.Report replay = AuditReplay.replayAgainst(log, byHand);
        assertThat(preview.replayed()).isEqualTo(replay.decisions()).isEqualTo(5);
        assertThat(preview.changed()).isEqualTo(replay.differences().size()).isEqualTo(3);
        assertThat(preview.byDirection()).containsEntry("longer", 3).containsEntry("shorter", 0).containsEntry("now referred", 0);
        assertThat(preview.samples()).hasSize(3).allSatisfy(s -> {
            assertThat(s.direction()).isEqualTo("longer");
            assertThat(s.client()).startsWith("relax-");
            assertThat(s.before()).isEqualTo("RECOMMENDED 7-14 days");
            assertThat(s.after()).isEqualTo("RECOMMENDED 8-14 days");
        });
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(wb.preview(draft, today, today).replayed()).isEqualTo(5);
        assertThat(wb.preview(draft, today.minusDays(3), today.minusDays(1)).replayed()).isZero();
        assertThatThrownBy(() -> wb.preview(draft, today, today.minusDays(1)))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }

    @Test
    void withoutADecisionLogPreviewSaysSo() {
        try (Workbench bare = Workbench.open(rules, tmp.resolve("state2"), live, null, Clock.systemUTC(), QUICK)) {
            PreviewResult p = bare.preview(edit(GOALS, RELAXATION_7_14, RELAXATION_8_14), null, null);
            assertThat(p.replayed()).isZero();
            assertThat(p.summary()).contains("no decisions are logged");
        }
    }

    @Test
    void aFailedMoveMidPublishLeavesTheOldRulesServingAndNothingCommitted() throws IOException {
        String v0 = wb.rulesetVersion();
        Map<String, String> both = new java.util.HashMap<>(edit(GOALS, RELAXATION_7_14, RELAXATION_8_14));
        both.putAll(edit(ACTIVITY, "new Adjustment( 0, -2 )", "new Adjustment( 0, -3 )"));
        String goalsText = Files.readString(rules.resolve(GOALS));
        String activityText = Files.readString(rules.resolve(ACTIVITY));
        AtomicInteger moves = new AtomicInteger();
        FileOps failsOnTheSecond = (from, to) -> {
            if (moves.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
            }
            FileOps.REAL.move(from, to);
        };
        wb.propose("alice", "Two files at once", v0, both);
        try (Workbench crashing = Workbench.open(rules, tmp.resolve("state"), live, log, Clock.systemUTC(), QUICK, failsOnTheSecond)) {
            long id = crashing.proposals().get(0).id();
            assertThatThrownBy(() -> crashing.approve(id, "bob")).isInstanceOf(EnvironmentException.class)
                    .hasMessageContainingAll("no space left on device", "nothing was changed");
            assertThat(crashing.proposal(id).orElseThrow().state()).isEqualTo(ProposalState.PROPOSED);
        }
        assertThat(moves.get()).isEqualTo(2);
        assertThat(Files.readString(rules.resolve(GOALS))).isEqualTo(goalsText);
        assertThat(Files.readString(rules.resolve(ACTIVITY))).isEqualTo(activityText);
        assertThat(live.reload().serving()).isEqualTo(v0);
        assertThat(relaxingInterval()).isEqualTo(new Interval(7, 14));
        assertThat(wb.history()).hasSize(1);
        assertThat(Files.readAllLines(log.file())).isEmpty();
        try (var leftovers = Files.list(rules)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".wb-"));
        }
    }

    @Test
    void rulesTheServiceRefusesAreTakenBackFilesAndCommit() throws IOException {
        String v0 = wb.rulesetVersion();
        // A service whose gate refuses anything new (as a stricter reload gate than the workbench's would).
        try (LiveRuleBase strict = new LiveRuleBase(rules, c -> c.version().equals(v0) ? List.of() : List.of("refused by the test gate"), r -> { })) {
            assertThat(strict.reload().live()).isTrue();
            try (Workbench guarded = Workbench.open(rules, tmp.resolve("state3"), strict, log, Clock.systemUTC(), QUICK)) {
                Proposal p = guarded.propose("alice", "Relaxation: start a day later", v0, edit(GOALS, RELAXATION_7_14, RELAXATION_8_14));
                assertThatThrownBy(() -> guarded.approve(p.id(), "bob")).isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
                    assertThat(e.getMessage()).contains("refused by the test gate");
                });
                assertThat(strict.current().ruleBase().version()).isEqualTo(v0);
                assertThat(guarded.rulesetVersion()).isEqualTo(v0);
                assertThat(guarded.history()).hasSize(1);
                assertThat(Files.readString(rules.resolve(GOALS))).contains(RELAXATION_7_14);
                assertThat(Files.readAllLines(log.file())).isEmpty();
            }
        }
    }

    @Test
    void proposalsSurviveARestartAndRejectionEndsThem() {
        Proposal p = wb.propose("alice", "Relaxation: start a day later", wb.rulesetVersion(), edit(GOALS, RELAXATION_7_14, RELAXATION_8_14));
        wb.close();
        wb = Workbench.open(rules, tmp.resolve("state"), live, log, Clock.systemUTC(), QUICK);
        assertThat(wb.proposals()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(p.id());
            assertThat(q.changes()).isEqualTo(p.changes());
            assertThat(q.proposedAt()).isEqualTo(p.proposedAt());
            assertThat(q.check()).isEqualTo(p.check());
        });
        Proposal rejected = wb.reject(p.id(), "bob", "Keep the guidance's range");
        assertThat(rejected.state()).isEqualTo(ProposalState.REJECTED);
        assertThat(rejected.outcome()).isEqualTo("Keep the guidance's range");
        assertThatThrownBy(() -> wb.approve(p.id(), "carol")).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_PENDING));
        assertThatThrownBy(() -> wb.approve(999, "carol")).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void filesAreListedByConcernWithTheirRulesAndMetadata() {
        List<RuleFileView> files = wb.files();
        assertThat(files).extracting(RuleFileView::path).contains(GOALS, "vocabulary.yaml", "invariants.yaml");
        RuleFileView goals = files.stream().filter(f -> f.path().equals(GOALS)).findFirst().orElseThrow();
        assertThat(goals.kind()).isEqualTo("drl");
        assertThat(goals.concern()).isEqualTo("Goal ranges");
        assertThat(goals.rules()).extracting(RuleView::name).contains("Relaxation calls for a session every one to two weeks");
        assertThat(goals.rules()).allSatisfy(r -> assertThat(r.metadata()).containsKey("source"));
        assertThat(files.stream().filter(f -> f.path().equals("vocabulary.yaml")).findFirst().orElseThrow().kind()).isEqualTo("vocabulary");
        FileContent read = wb.read(GOALS);
        assertThat(read.rulesetVersion()).isEqualTo(wb.rulesetVersion());
        assertThat(read.kind()).isEqualTo("drl");
    }

    @Test
    void unchangedOrEmptyProposalsAndBadNamesAreInvalid() {
        String v = wb.rulesetVersion();
        Map<String, String> same = Map.of(GOALS, wb.read(GOALS).text());
        assertThatThrownBy(() -> wb.propose("alice", "nothing", v, same)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> wb.propose("alice", " ", v, edit(GOALS, RELAXATION_7_14, RELAXATION_8_14)))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> wb.propose("al\nice", "x", v, edit(GOALS, RELAXATION_7_14, RELAXATION_8_14)))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> wb.propose("alice", "x", "sha256:nope", edit(GOALS, RELAXATION_7_14, RELAXATION_8_14)))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> wb.propose("alice", "x", "sha256:" + "0".repeat(64), edit(GOALS, RELAXATION_7_14, RELAXATION_8_14)))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        assertThatThrownBy(() -> wb.check(Map.of())).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }
}
