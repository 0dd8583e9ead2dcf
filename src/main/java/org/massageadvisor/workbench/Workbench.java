package org.massageadvisor.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.PersonIdent;
import org.massageadvisor.audit.AuditReplay;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.check.Checker;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.LiveRuleBase;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleCompilationException;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.io.EnvironmentException;
import org.massageadvisor.text.Numbers;
import org.massageadvisor.workbench.WorkbenchException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facade the web layer and the CLI use: read the rules in force, check and preview a draft, propose
 * it, review it, publish it, and read the history. Thread-safe; every change of state (a proposal
 * saved, a publish) is serialised. No HTTP and no users here: the caller authenticates and checks
 * roles; the core refuses an approval by the proposal's own author all the same.
 *
 * <p>How a change goes live ({@link #approve}): the reviewer is not the author; the files it changes
 * are as they were when the author opened them (other files may have moved: the change is rebased on
 * them); the check passes on the rules in force with the change applied; then the files are written
 * as a set, committed (author = proposer, committer = reviewer), swapped in through the
 * {@link LiveRuleBase} and recorded in the decision log. If the swap or the record fails, the files
 * and the commit are taken back and the old rules keep serving.
 */
public final class Workbench implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);
    /** Samples a preview keeps of each direction. */
    static final int SAMPLES = 5;
    private static final int MAX_NAME = 100;
    private static final int MAX_MESSAGE = 4000;
    private static final String ABSENT = "absent";

    private final Path rulesDir;
    private final LiveRuleBase live;
    private final DecisionLog audit;
    private final Clock clock;
    private final DraftCheck checker;
    private final RulesRepository repo;
    private final ProposalStore store;
    private final FileOps ops;
    private final Object changing = new Object();
    private final Map<String, List<ClinicalChange>> changesByCommit = new ConcurrentHashMap<>();
    private volatile RuleBase described;

    private Workbench(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock, Checker.Options gate, FileOps ops) {
        try {
            this.rulesDir = rulesDir.toRealPath();
        } catch (IOException e) {
            throw EnvironmentException.of(rulesDir.toString(), "no rules folder here", e);
        }
        this.live = live;
        this.audit = audit;
        this.clock = clock;
        this.checker = new DraftCheck(gate);
        this.ops = ops;
        this.store = new ProposalStore(stateDir.resolve("proposals"));
        this.repo = RulesRepository.open(this.rulesDir, clock.instant());
    }

    /**
     * Opens the workbench on the live rules folder, checking drafts with {@link #defaultGate}.
     * {@code stateDir} is the workbench's own folder (created; {@code advisor serve} passes
     * {@code <state>/workbench}), which holds the proposals; {@code live} is the service's rule base
     * (publish swaps through it; null when no service runs); {@code audit} is the decision log, or null
     * (preview then says no decisions are logged; publish records are skipped).
     */
    public static Workbench open(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock) {
        return open(rulesDir, stateDir, live, audit, clock, defaultGate(rulesDir));
    }

    /** As {@link #open(Path, Path, LiveRuleBase, DecisionLog, Clock)}, checking drafts with these check options. */
    public static Workbench open(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock, Checker.Options gate) {
        return new Workbench(rulesDir, stateDir, live, audit, clock, gate, FileOps.REAL);
    }

    /** The seam for tests: file moves that can fail part-way. */
    static Workbench open(Path rulesDir, Path stateDir, LiveRuleBase live, DecisionLog audit, Clock clock, Checker.Options gate, FileOps ops) {
        return new Workbench(rulesDir, stateDir, live, audit, clock, gate, ops);
    }

    /**
     * The check a draft must pass, the same as {@code advisor serve}'s reload gate: compile (with the
     * allowlist), lint, and the scenarios in the {@code scenarios} folder beside the rules folder (a
     * rule no scenario fires is only warned of). The invariants' full-space verification is not part of
     * it, as it is not of the service's gate: it takes seconds on an idle machine and minutes on a busy
     * one (see docs/workbench.md); pass options with {@code verify} set to include it.
     */
    public static Checker.Options defaultGate(Path rulesDir) {
        Path parent = rulesDir.toAbsolutePath().normalize().getParent();
        Path scenarios = parent == null ? null : parent.resolve("scenarios");
        return new Checker.Options(scenarios != null && Files.isDirectory(scenarios) ? List.of(scenarios) : List.of(), true, false, 1);
    }

    // ------------------------------------------------------------------ reading

    /** The rules in force, grouped by concern (then by file name), each file with its rules and their metadata. */
    public List<RuleFileView> files() {
        RuleFiles files = RuleFiles.read(rulesDir);
        Map<String, List<RuleView>> byFile = new LinkedHashMap<>();
        RuleBase rules = ruleBaseFor(files);
        if (rules != null) {
            for (RuleInfo r : rules.rules().values()) {
                if (r.file() != null) {
                    byFile.computeIfAbsent(relative(r.file()), f -> new ArrayList<>()).add(new RuleView(r.name(), r.metadata()));
                }
            }
        } else {
            for (RuleInfo r : files.declarations()) {
                byFile.computeIfAbsent(relative(r.file()), f -> new ArrayList<>()).add(new RuleView(r.name(), Map.of()));
            }
        }
        List<RuleFileView> out = new ArrayList<>();
        for (String name : files.files().keySet()) {
            out.add(new RuleFileView(name, RulePaths.kind(name), concern(name, files), byFile.getOrDefault(name, List.of())));
        }
        out.sort(Comparator.comparing(RuleFileView::concern).thenComparing(RuleFileView::path));
        return out;
    }

    /** One file of the rules in force, with the version it was read from (the base of an edit). */
    public FileContent read(String path) {
        RulePaths.check(rulesDir, path, false);
        RuleFiles files = RuleFiles.read(rulesDir);
        if (!files.files().containsKey(path)) {
            throw new WorkbenchException(Reason.NOT_FOUND, "no rule file " + RulePaths.quoted(path) + " in the rules folder");
        }
        return new FileContent(path, RulePaths.kind(path), files.text(path), files.version());
    }

    /** The rule set version now in force: the one the service answers with, or the folder's if no service runs. */
    public String rulesetVersion() {
        if (live != null && live.current() != null) {
            return live.current().ruleBase().version();
        }
        return RuleFiles.read(rulesDir).version();
    }

    // ------------------------------------------------------------------ drafts

    /** Compile, lint, invariants and scenarios on the rules in force with these files replaced (path to full new content). */
    public CheckResult check(Map<String, String> changes) {
        Map<String, String> checked = RulePaths.checkAll(rulesDir, changes);
        return checker.check(RuleFiles.read(rulesDir), checked);
    }

    /**
     * Replays the logged decisions (all, or those made from {@code from} to {@code to} inclusive, in the
     * clock's zone; null = open) against the draft, as {@code advisor audit replay --against} does: how
     * many were replayed, how many would come out differently, which way, and a sample of each.
     */
    public PreviewResult preview(Map<String, String> changes, LocalDate from, LocalDate to) {
        Map<String, String> checked = RulePaths.checkAll(rulesDir, changes);
        if (from != null && to != null && from.isAfter(to)) {
            throw new WorkbenchException(Reason.INVALID, "the range starts (" + from + ") after it ends (" + to + ")");
        }
        Map<String, Integer> byDirection = new LinkedHashMap<>();
        PreviewResult.DIRECTIONS.forEach(d -> byDirection.put(d, 0));
        if (audit == null) {
            return new PreviewResult(0, 0, byDirection, List.of(), 0, "no decisions are logged (the service runs without --audit)");
        }
        ZoneId zone = clock.getZone();
        Instant start = from == null ? null : from.atStartOfDay(zone).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
        long began = System.nanoTime();
        AuditReplay.Report report;
        try (Draft draft = Draft.of(RuleFiles.read(rulesDir).files(), checked)) {
            RuleBase rules;
            try {
                rules = RuleBase.load(draft.dir());
            } catch (RuleCompilationException e) {
                throw new WorkbenchException(Reason.CHECK_FAILED, "the draft does not compile; check it first ("
                        + e.problems().size() + (e.problems().size() == 1 ? " problem)" : " problems)"));
            } catch (InputException e) {
                throw new WorkbenchException(Reason.CHECK_FAILED, "the draft cannot be read; check it first: "
                        + draft.relative(e.getMessage()));
            }
            report = AuditReplay.replayAgainst(audit, rules, start, end);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        List<PreviewSample> samples = new ArrayList<>();
        Map<String, Integer> sampled = new TreeMap<>();
        for (AuditReplay.Difference d : report.differences()) {
            byDirection.merge(d.direction(), 1, Integer::sum);
            if (sampled.merge(d.direction(), 1, Integer::sum) <= SAMPLES) {
                samples.add(new PreviewSample(d.direction(), d.seq(), d.client(), d.before(), d.after()));
            }
        }
        int changed = report.differences().size();
        String summary = "replayed " + Numbers.count(report.decisions()) + " decisions" + range(from, to) + ": "
                + (changed == 0 ? "none would change" : Numbers.count(changed) + " would change") + " (" + Numbers.count(millis) + " ms)";
        return new PreviewResult(report.decisions(), changed, byDirection, samples, millis, summary);
    }

    private static String range(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "";
        }
        return " made " + (from == null ? "up to " + to : to == null ? "from " + from : from + " to " + to);
    }

    // ------------------------------------------------------------------ proposals

    /**
     * Saves a draft as a proposal for review, made against {@code baseVersion} (the version the files
     * were read at). Refused with CONFLICT if a file it changes has changed since that version.
     */
    public Proposal propose(String author, String message, String baseVersion, Map<String, String> changes) {
        String who = name(author, "author");
        String why = message(message);
        if (baseVersion == null || !baseVersion.matches("sha256:[0-9a-f]{64}")) {
            throw new WorkbenchException(Reason.INVALID, "no base version (the rulesetVersion the files were read at)");
        }
        Map<String, String> checked = RulePaths.checkAll(rulesDir, changes);
        RuleFiles current = RuleFiles.read(rulesDir);
        Map<String, String> baseHashes = baseHashes(baseVersion, checked.keySet(), current);
        refuseConflicts(baseHashes, current);
        if (checked.entrySet().stream().allMatch(c -> Arrays.equals(bytesOrNull(current, c.getKey()), contentOrNull(c.getValue())))) {
            throw new WorkbenchException(Reason.INVALID, "the change leaves every file as it is");
        }
        CheckResult check = checker.check(current, checked);
        List<ClinicalChange> clinical = clinical(current, checked);
        synchronized (changing) {
            Proposal p = new Proposal(store.nextId(), who, why, baseVersion, checked, clock.instant(), ProposalState.PROPOSED, null, null,
                    check, clinical);
            store.save(new ProposalStore.Stored(p, baseHashes));
            LOG.info("proposal #{} by {}: {}", p.id(), who, firstLine(why));
            return p;
        }
    }

    /** Every proposal, newest first, in every state. */
    public List<Proposal> proposals() {
        return store.all().stream().map(ProposalStore.Stored::proposal).toList();
    }

    public Optional<Proposal> proposal(long id) {
        return store.get(id).map(ProposalStore.Stored::proposal);
    }

    /** Turns a pending proposal down (its author may withdraw it the same way). */
    public Proposal reject(long id, String reviewer, String reason) {
        String who = name(reviewer, "reviewer");
        if (reason == null || reason.isBlank()) {
            throw new WorkbenchException(Reason.INVALID, "say why the proposal is rejected");
        }
        String why = message(reason);
        synchronized (changing) {
            ProposalStore.Stored s = pending(id);
            Proposal p = s.proposal();
            Proposal rejected = new Proposal(p.id(), p.author(), p.message(), p.baseVersion(), p.changes(), p.proposedAt(),
                    ProposalState.REJECTED, who, why, p.check(), p.clinicalChanges());
            store.save(new ProposalStore.Stored(rejected, s.baseHashes()));
            return rejected;
        }
    }

    // ------------------------------------------------------------------ publish

    /**
     * Approves and publishes a proposal: refused if the reviewer wrote it (SELF_APPROVAL), if a file it
     * changes moved since its base (CONFLICT), or if the check fails on the rules in force now
     * (CHECK_FAILED). Once this returns, the service answers with the new rules.
     */
    public Publish approve(long id, String reviewer) {
        String who = name(reviewer, "reviewer");
        synchronized (changing) {
            ProposalStore.Stored s = pending(id);
            Proposal p = s.proposal();
            if (who.equalsIgnoreCase(p.author())) {
                throw new WorkbenchException(Reason.SELF_APPROVAL, "a change needs a second person: " + who + " proposed #" + id
                        + " and cannot approve it");
            }
            RuleFiles current = RuleFiles.read(rulesDir);
            refuseConflicts(s.baseHashes(), current);
            CheckResult check = checker.check(current, p.changes());
            if (!check.passed()) {
                store.save(new ProposalStore.Stored(with(p, check), s.baseHashes()));
                throw new WorkbenchException(Reason.CHECK_FAILED, "proposal #" + id + " fails the check on the rules in force now: "
                        + check.summary() + (check.problems().isEmpty() ? "" : "; first: " + describe(check.problems().get(0))));
            }
            Publish published = publish(p, who, current);
            Proposal done = new Proposal(p.id(), p.author(), p.message(), p.baseVersion(), p.changes(), p.proposedAt(),
                    ProposalState.PUBLISHED, who, "published as commit " + published.commitId().substring(0, 12) + ": "
                            + published.oldVersion() + " -> " + published.newVersion(), check, p.clinicalChanges());
            store.save(new ProposalStore.Stored(done, s.baseHashes()));
            return published;
        }
    }

    /** Files, commit, swap, record; each later step's failure takes the earlier ones back. */
    private Publish publish(Proposal p, String reviewer, RuleFiles before) {
        String oldVersion = live != null && live.current() != null ? live.current().ruleBase().version() : before.version();
        Instant at = clock.instant();
        Map<String, byte[]> originals;
        try {
            originals = RuleFileWriter.write(rulesDir, p.changes(), ops);
        } catch (IOException e) {
            throw new EnvironmentException(rulesDir + ": cannot write the new rules (" + EnvironmentException.reason(e)
                    + "); nothing was changed, the old rules keep serving", e);
        }
        List<String> paths = List.copyOf(p.changes().keySet());
        String commit = null;
        try {
            RuleFiles after = RuleFiles.read(rulesDir);
            String newVersion = after.version();
            ZoneId utc = ZoneId.of("UTC");
            Map<String, String> trailers = new LinkedHashMap<>();
            trailers.put(RulesRepository.REVIEWED_BY, reviewer);
            trailers.put(RulesRepository.RULESET_VERSION, newVersion);
            trailers.put(RulesRepository.PROPOSAL, Long.toString(p.id()));
            commit = repo.commit(paths, new PersonIdent(p.author(), "", at, utc), new PersonIdent(reviewer, "", at, utc), p.message(), trailers);
            if (live != null) {
                LiveRuleBase.Reload r = live.reload();
                if (!r.live() || !newVersion.equals(r.serving())) {
                    throw new WorkbenchException(Reason.CHECK_FAILED, "the service refused the new rules, so they were taken back: "
                            + String.join("; ", r.reasons()));
                }
            }
            if (audit != null) {
                audit.appendPublish(new DecisionLog.PublishRecord(p.author(), reviewer, p.message(), oldVersion, newVersion, commit, at), after);
            }
            LOG.info("published proposal #{} ({} approved by {}): {} -> {}, commit {}", p.id(), p.author(), reviewer, oldVersion, newVersion, commit);
            return new Publish(p.id(), p.author(), reviewer, p.message(), oldVersion, newVersion, commit, at);
        } catch (RuntimeException e) {
            takeBack(originals, commit, paths, e);
            throw e;
        }
    }

    /** Undoes a publish that failed part-way: the commit, the files, and the swap. */
    private void takeBack(Map<String, byte[]> originals, String commit, List<String> paths, RuntimeException cause) {
        try {
            RuleFileWriter.restore(rulesDir, originals);
            if (commit != null) {
                repo.undo(commit, paths);
            }
            if (live != null) {
                live.reload();
            }
        } catch (IOException | RuntimeException again) {
            cause.addSuppressed(again);
            LOG.error("a failed publish could not be taken back completely; check {} against its Git history", rulesDir, again);
        }
    }

    // ------------------------------------------------------------------ history

    /** The commits of the rules, newest first, each with its author, reviewer, message, version and clinical changes. */
    public List<HistoryEntry> history() {
        List<HistoryEntry> out = new ArrayList<>();
        for (RulesRepository.Commit c : repo.log(RulesRepository.HISTORY_LIMIT)) {
            String reviewer = c.trailers().getOrDefault(RulesRepository.REVIEWED_BY,
                    c.committer().equals(c.author()) ? null : c.committer());
            out.add(new HistoryEntry(c.id(), c.at(), c.author(), reviewer, c.message(), repo.versionAt(c), changes(c)));
        }
        return out;
    }

    /** What one commit changed, in clinical words. */
    public List<ClinicalChange> changesIn(String commitId) {
        return changes(commit(commitId));
    }

    private List<ClinicalChange> changes(RulesRepository.Commit c) {
        return changesByCommit.computeIfAbsent(c.id(), id -> {
            Map<String, byte[]> before = repo.filesAt(c.parent());
            Map<String, byte[]> after = repo.filesAt(c.id());
            List<ClinicalChange> out = new ArrayList<>();
            for (String f : repo.changedFiles(c)) {
                out.addAll(ClinicalDiff.of(f, before.get(f), after.get(f)));
            }
            return List.copyOf(out);
        });
    }

    private RulesRepository.Commit commit(String commitId) {
        return repo.find(commitId).orElseThrow(() -> new WorkbenchException(Reason.NOT_FOUND, "no commit " + RulePaths.quoted(commitId)
                + " in the rules' history"));
    }

    /**
     * A normal proposal restoring the files a commit changed as they were before it; it goes through
     * review like any change. Refused (CONFLICT) if a later commit changed the same files again.
     */
    public Proposal proposeRevert(String commitId, String author, String message) {
        RulesRepository.Commit c = commit(commitId);
        if (c.parent() == null) {
            throw new WorkbenchException(Reason.INVALID, "commit " + c.id().substring(0, 12) + " is the first of the history; there is nothing before it");
        }
        Map<String, byte[]> before = repo.filesAt(c.parent());
        Map<String, byte[]> after = repo.filesAt(c.id());
        RuleFiles current = RuleFiles.read(rulesDir);
        Map<String, String> changes = new TreeMap<>();
        for (String f : repo.changedFiles(c)) {
            if (!Arrays.equals(bytesOrNull(current, f), after.get(f))) {
                String by = repo.lastChange(f).map(x -> " (by " + x.author() + ", '" + firstLine(x.message()) + "')").orElse("");
                throw new WorkbenchException(Reason.CONFLICT, f + " changed again after commit " + c.id().substring(0, 12) + by
                        + "; revert that later change first, or edit the file by hand");
            }
            byte[] old = before.get(f);
            changes.put(f, old == null ? "" : new String(old, StandardCharsets.UTF_8));
        }
        if (changes.isEmpty()) {
            throw new WorkbenchException(Reason.INVALID, "commit " + c.id().substring(0, 12) + " changed no rule file");
        }
        String why = message == null || message.isBlank()
                ? "Revert \"" + firstLine(c.message()) + "\" (commit " + c.id().substring(0, 12) + ")" : message;
        return propose(author, why, current.version(), changes);
    }

    // ------------------------------------------------------------------ conflicts

    /** For each changed file, the hash of its content at {@code baseVersion} ("absent" if it had none). */
    private Map<String, String> baseHashes(String baseVersion, Iterable<String> names, RuleFiles current) {
        Map<String, byte[]> base;
        if (baseVersion.equals(current.version())) {
            base = current.files();
        } else {
            base = repo.log(RulesRepository.HISTORY_LIMIT).stream().filter(c -> baseVersion.equals(repo.versionAt(c))).findFirst()
                    .map(c -> repo.filesAt(c.id()))
                    .orElseThrow(() -> new WorkbenchException(Reason.CONFLICT, "the rules you started from (" + baseVersion
                            + ") are neither the rules in force nor a published version; reload and re-apply your change"));
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String n : names) {
            hashes.put(n, hash(base.get(n)));
        }
        return hashes;
    }

    /** CONFLICT if a file differs from its content at the proposal's base, naming who changed it. */
    private void refuseConflicts(Map<String, String> baseHashes, RuleFiles current) {
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, String> b : baseHashes.entrySet()) {
            if (!b.getValue().equals(hash(current.files().get(b.getKey())))) {
                String f = b.getKey();
                String by = repo.lastChange(f).filter(c -> Arrays.equals(repo.filesAt(c.id()).get(f), current.files().get(f)))
                        .map(c -> " (by " + c.author() + ", '" + firstLine(c.message()) + "')").orElse(" (edited outside the workbench)");
                moved.add(f + " changed since you opened it" + by);
            }
        }
        if (!moved.isEmpty()) {
            throw new WorkbenchException(Reason.CONFLICT, String.join("; ", moved) + "; reload and re-apply your change");
        }
    }

    private static String hash(byte[] content) {
        if (content == null) {
            return ABSENT;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private ProposalStore.Stored pending(long id) {
        ProposalStore.Stored s = store.get(id).orElseThrow(() -> new WorkbenchException(Reason.NOT_FOUND, "no proposal #" + id));
        if (s.proposal().state() != ProposalState.PROPOSED) {
            throw new WorkbenchException(Reason.NOT_PENDING, "proposal #" + id + " is already " + s.proposal().state().name().toLowerCase(Locale.ROOT));
        }
        return s;
    }

    private static Proposal with(Proposal p, CheckResult check) {
        return new Proposal(p.id(), p.author(), p.message(), p.baseVersion(), p.changes(), p.proposedAt(), p.state(), p.reviewer(),
                p.outcome(), check, p.clinicalChanges());
    }

    private List<ClinicalChange> clinical(RuleFiles current, Map<String, String> changes) {
        List<ClinicalChange> out = new ArrayList<>();
        changes.forEach((f, text) -> out.addAll(ClinicalDiff.of(f, bytesOrNull(current, f), contentOrNull(text))));
        return out;
    }

    private static byte[] bytesOrNull(RuleFiles files, String name) {
        return files.files().get(name);
    }

    private static byte[] contentOrNull(String text) {
        return text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** A user name from the caller: present, short, one line. */
    private static String name(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new WorkbenchException(Reason.INVALID, "no " + what);
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new WorkbenchException(Reason.INVALID, "the " + what + "'s name must be one line of at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }

    /** A message from the caller: present, bounded, no control characters but line ends and tabs. */
    private static String message(String message) {
        if (message == null || message.isBlank()) {
            throw new WorkbenchException(Reason.INVALID, "say what the change is for (a message)");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new WorkbenchException(Reason.INVALID, "a message is at most " + MAX_MESSAGE + " characters");
        }
        if (message.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)) {
            throw new WorkbenchException(Reason.INVALID, "a message may not hold control characters");
        }
        return message.strip().replace("\r\n", "\n");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(Problem p) {
        return (p.path() == null ? "" : p.path() + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "") + ": ")
                + p.message();
    }

    private String relative(String display) {
        Path p = Path.of(display);
        try {
            Path real = p.isAbsolute() ? p : p.toAbsolutePath();
            if (real.startsWith(rulesDir)) {
                return rulesDir.relativize(real).toString().replace('\\', '/');
            }
            return p.getFileName().toString();
        } catch (RuntimeException e) {
            return display;
        }
    }

    /** The compiled rules for a folder state: the live ones if they match, else compiled once and kept. */
    private RuleBase ruleBaseFor(RuleFiles files) {
        if (live != null && live.current() != null && live.current().ruleBase().version().equals(files.version())) {
            return live.current().ruleBase();
        }
        RuleBase d = described;
        if (d != null && d.version().equals(files.version())) {
            return d;
        }
        try {
            d = RuleBase.load(rulesDir);
            described = d;
            return d;
        } catch (RuleCompilationException | InputException e) {
            return null;
        }
    }

    /** The concern a file serves: the heading of its first comment ("// Goal ranges: ...") or its name in words. */
    private static String concern(String name, RuleFiles files) {
        if (name.endsWith(".drl")) {
            for (String line : files.text(name).split("\r?\n", 20)) {
                String l = line.strip();
                if (l.startsWith("//")) {
                    String heading = l.substring(2).strip();
                    int colon = heading.indexOf(':');
                    if (colon > 0 && colon <= 60) {
                        return heading.substring(0, colon).strip();
                    }
                    break;
                }
                if (!l.isEmpty()) {
                    break;
                }
            }
        }
        String stem = Path.of(name).getFileName().toString();
        stem = stem.contains(".") ? stem.substring(0, stem.lastIndexOf('.')) : stem;
        String words = stem.replace('-', ' ').replace('_', ' ');
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    @Override
    public void close() {
        repo.close();
    }
}
