package org.massageadvisor.workbench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.engine.LiveRuleBase;

/** Facade the web layer and the CLI use: read, check, preview, propose, review, publish, history. Thread-safe. */
public final class Workbench implements AutoCloseable {

    private final Path rulesDir;
    private final Path stateDir;
    private final LiveRuleBase live;
    private final DecisionLog audit;
    private final Clock clock;

    private Workbench(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock) {
        this.rulesDir = rulesDir;
        this.stateDir = stateDir;
        this.live = live;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens the workbench on the live rules folder. {@code stateDir} holds drafts and proposals
     * (created); {@code live} is the service's rule base (publish swaps through it); {@code audit} is
     * the decision log, or null (preview then says no decisions are logged; publish records are skipped).
     */
    public static Workbench open(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock) {
        return new Workbench(rulesDir, stateDir, live, audit, clock);
    }

    /** The rules in force, grouped by concern. */
    public List<RuleFileView> files() {
        throw notYet();
    }

    /** One file of the rules in force; {@code path} is relative to the rules folder. */
    public FileContent read(String path) {
        throw notYet();
    }

    /** Compile, lint, invariants and scenarios on the rules in force with these files replaced (path to full new content). */
    public CheckResult check(Map<String, String> changes) {
        throw notYet();
    }

    /** Replays the logged decisions (all, or {@code from}..{@code to} inclusive; null = open) against the draft. */
    public PreviewResult preview(Map<String, String> changes, LocalDate from, LocalDate to) {
        throw notYet();
    }

    /** Saves a draft as a proposal for review, made against {@code baseVersion}. */
    public Proposal propose(String author, String message, String baseVersion, Map<String, String> changes) {
        throw notYet();
    }

    /** Every proposal, newest first. */
    public List<Proposal> proposals() {
        throw notYet();
    }

    public Optional<Proposal> proposal(long id) {
        throw notYet();
    }

    /** Re-checks the proposal against the rules in force now, then publishes it. */
    public Publish approve(long id, String reviewer) {
        throw notYet();
    }

    public Proposal reject(long id, String reviewer, String reason) {
        throw notYet();
    }

    /** The commits of the rules, newest first. */
    public List<HistoryEntry> history() {
        throw notYet();
    }

    /** What one commit changed, in clinical words. */
    public List<ClinicalChange> changesIn(String commitId) {
        throw notYet();
    }

    /** A normal proposal restoring the files as they were before {@code commitId}. */
    public Proposal proposeRevert(String commitId, String author, String message) {
        throw notYet();
    }

    /** The rule set version now in force. */
    public String rulesetVersion() {
        throw notYet();
    }

    @Override
    public void close() {
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not yet");
    }
}
