package org.massageadvisor.web.workbench;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massageadvisor.users.Role.Permission;
import org.massageadvisor.web.workbench.Guard.BadForm;
import org.massageadvisor.workbench.CheckResult;
import org.massageadvisor.workbench.ClinicalChange;
import org.massageadvisor.workbench.FileContent;
import org.massageadvisor.workbench.HistoryEntry;
import org.massageadvisor.workbench.PreviewResult;
import org.massageadvisor.workbench.PreviewSample;
import org.massageadvisor.workbench.Problem;
import org.massageadvisor.workbench.Proposal;
import org.massageadvisor.workbench.ProposalState;
import org.massageadvisor.workbench.RuleFileView;
import org.massageadvisor.workbench.RuleView;
import org.massageadvisor.workbench.Workbench;
import org.massageadvisor.workbench.WorkbenchException;

/**
 * The workbench pages: each handler reads its form, calls one {@link Workbench} method and renders a
 * template. The signed-in user and their permission were settled by {@link Guard} before a handler runs.
 */
final class WorkbenchPages {

    static final int MAX_TEXT = 1 << 20;
    static final int MAX_MESSAGE = 2_000;
    static final int MAX_PATH = 200;

    private final Workbench workbench;

    WorkbenchPages(WorkbenchWeb web) {
        this.workbench = web.workbench;
    }

    /** The rules in force, grouped by concern, each file with its rules and their metadata. */
    void rules(Context ctx, Session session) {
        Map<String, List<Map<String, Object>>> byConcern = new LinkedHashMap<>();
        for (RuleFileView f : workbench.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("kind", f.kind());
            file.put("editable", f.path().endsWith(".drl") || f.path().endsWith(".csv") || f.path().endsWith(".yaml"));
            file.put("rules", f.rules().stream().map(WorkbenchPages::rule).toList());
            file.put("ruleCount", f.rules().size());
            byConcern.computeIfAbsent(f.concern() == null || f.concern().isBlank() ? "other" : f.concern(), k -> new ArrayList<>()).add(file);
        }
        Map<String, Object> page = View.page("Rules in force", session);
        page.put("rulesetVersion", workbench.rulesetVersion());
        page.put("concerns", byConcern.entrySet().stream().map(e -> Map.of("concern", e.getKey(), "files", e.getValue())).toList());
        View.render(ctx, 200, "rules", page);
    }

    /** A file in its editor: DRL and other text in a text area (CodeMirror on top), a CSV table as a grid. */
    void file(Context ctx, Session session) {
        FileContent file = workbench.read(path(ctx.queryParam("path")));
        render(ctx, session, 200, new Draft(file.path(), file.text(), file.rulesetVersion()), null, null, null);
    }

    void check(Context ctx, Session session) {
        Draft draft = draft(ctx);
        CheckResult result = workbench.check(Map.of(draft.path(), draft.text()));
        render(ctx, session, 200, draft, result, null, null);
    }

    void preview(Context ctx, Session session) {
        Draft draft = draft(ctx);
        PreviewResult result = workbench.preview(Map.of(draft.path(), draft.text()), date(ctx, "from"), date(ctx, "to"));
        render(ctx, session, 200, draft, null, result, null);
    }

    void propose(Context ctx, Session session) {
        Draft draft = draft(ctx);
        String message = message(ctx, "message");
        Proposal p = workbench.propose(session.user(), message, draft.base(), Map.of(draft.path(), draft.text()));
        ctx.redirect("/workbench/proposals/" + p.id(), HttpStatus.SEE_OTHER);
    }

    void proposals(Context ctx, Session session) {
        Map<String, Object> page = View.page("Proposals", session);
        page.put("proposals", workbench.proposals().stream().map(WorkbenchPages::summary).toList());
        View.render(ctx, 200, "proposals", page);
    }

    void proposal(Context ctx, Session session) {
        Proposal p = workbench.proposal(id(ctx)).orElseThrow(() -> new WorkbenchException(WorkbenchException.Reason.NOT_FOUND,
                "no proposal " + ctx.pathParam("id")));
        Map<String, Object> page = View.page("Proposal " + p.id(), session);
        Map<String, Object> m = summary(p);
        m.put("baseVersion", p.baseVersion());
        m.put("changes", changes(p.clinicalChanges()));
        m.put("check", check(p.check()));
        m.put("outcome", p.outcome());
        m.put("files", p.changes().entrySet().stream().map(e -> Map.of("path", e.getKey(), "text", e.getValue())).toList());
        boolean pending = p.state() == ProposalState.PROPOSED;
        m.put("reviewable", pending && session.role().may(Permission.REVIEW) && !p.author().equals(session.user()));
        m.put("ownPending", pending && p.author().equals(session.user()));
        page.put("proposal", m);
        View.render(ctx, 200, "proposal", page);
    }

    void approve(Context ctx, Session session) {
        long id = id(ctx);
        workbench.proposal(id).filter(p -> p.author().equals(session.user())).ifPresent(p -> {
            throw new WorkbenchException(WorkbenchException.Reason.SELF_APPROVAL, "you proposed #" + id + "; another reviewer must approve it");
        });
        workbench.approve(id, session.user());
        ctx.redirect("/workbench/proposals/" + id, HttpStatus.SEE_OTHER);
    }

    void reject(Context ctx, Session session) {
        long id = id(ctx);
        workbench.reject(id, session.user(), message(ctx, "reason"));
        ctx.redirect("/workbench/proposals/" + id, HttpStatus.SEE_OTHER);
    }

    void history(Context ctx, Session session) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (HistoryEntry h : workbench.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("commit", h.commitId());
            e.put("short", h.commitId().length() > 10 ? h.commitId().substring(0, 10) : h.commitId());
            e.put("at", h.at() == null ? "" : h.at().toString());
            e.put("author", h.author());
            e.put("reviewer", h.reviewer());
            e.put("message", h.message());
            e.put("rulesetVersion", h.rulesetVersion());
            e.put("changes", changes(h.changes()));
            e.put("changeCount", h.changes().size());
            e.put("many", h.changes().size() > 5);
            entries.add(e);
        }
        Map<String, Object> page = View.page("History", session);
        page.put("entries", entries);
        page.put("mayPropose", session.role().may(Permission.PROPOSE));
        View.render(ctx, 200, "history", page);
    }

    void revert(Context ctx, Session session) {
        String commit = ctx.pathParam("commit");
        if (!commit.matches("[0-9a-f]{7,64}")) {
            throw new BadForm("not a commit id");
        }
        Proposal p = workbench.proposeRevert(commit, session.user(), message(ctx, "message"));
        ctx.redirect("/workbench/proposals/" + p.id(), HttpStatus.SEE_OTHER);
    }

    /** A file's text as edited, with the rule-set version it was opened at. */
    record Draft(String path, String text, String base) {
    }

    /** The draft in a posted form: the text area's text, or the grid's cells written back as CSV. */
    private Draft draft(Context ctx) {
        String path = path(ctx.formParam("path"));
        String base = bounded(ctx.formParam("base"), 200, "base");
        String rows = ctx.formParam("rows");
        if (rows == null) {
            String text = ctx.formParam("content");
            if (text == null) {
                throw new BadForm("the form has no content");
            }
            return new Draft(path, bounded(text, MAX_TEXT, "content").replace("\r\n", "\n"), base);
        }
        int rowCount = number(rows, Grid.MAX_ROWS, "rows");
        int columns = number(ctx.formParam("cols"), Grid.MAX_COLUMNS, "cols");
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[rowCount];
        for (int r = 0; r < rowCount; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String v = ctx.formParam(Grid.name(r, c));
                row.add(v == null ? "" : bounded(v, 10_000, Grid.name(r, c)).replace("\r", "").replace("\n", " "));
            }
            cells.add(row);
            widths[r] = number(ctx.formParam("w" + r) == null ? "0" : ctx.formParam("w" + r), Grid.MAX_COLUMNS, "w" + r);
        }
        Grid edited = new Grid(cells);
        String original = workbench.read(path).text();
        String text = sameCells(Grid.parse(original), edited) ? original : edited.write(widths);
        return new Draft(path, text, base);
    }

    /** Whether a grid holds the same cells (ignoring empty cells past a row's end). */
    private static boolean sameCells(Grid a, Grid b) {
        if (a.rows().size() != b.rows().size()) {
            return false;
        }
        int columns = Math.max(a.columns(), b.columns());
        for (int r = 0; r < a.rows().size(); r++) {
            for (int c = 0; c < columns; c++) {
                String x = c < a.rows().get(r).size() ? a.cell(r, c) : "";
                String y = c < b.rows().get(r).size() ? b.cell(r, c) : "";
                if (!x.equals(y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void render(Context ctx, Session session, int status, Draft draft, CheckResult check, PreviewResult preview, String note) {
        Map<String, Object> page = View.page(draft.path(), session);
        page.put("path", draft.path());
        page.put("base", draft.base());
        page.put("rulesetVersion", workbench.rulesetVersion());
        page.put("stale", draft.base() != null && !draft.base().equals(workbench.rulesetVersion()));
        List<Problem> problems = check == null ? List.of() : check.problems();
        boolean table = draft.path().endsWith(".csv");
        page.put("table", table);
        if (table) {
            page.put("grid", grid(draft, problems));
        } else {
            page.put("text", draft.text());
            page.put("mode", draft.path().endsWith(".drl") ? "drl" : "plain");
        }
        page.put("check", check == null ? null : check(check));
        page.put("preview", preview == null ? null : preview(preview));
        page.put("mayDraft", session.role().may(Permission.DRAFT));
        page.put("mayPropose", session.role().may(Permission.PROPOSE));
        page.put("note", note);
        View.render(ctx, status, "file", page);
    }

    private static Map<String, Object> grid(Draft draft, List<Problem> problems) {
        Grid grid;
        try {
            grid = Grid.parse(draft.text());
        } catch (IllegalArgumentException e) {
            throw new BadForm(draft.path() + ": " + e.getMessage());
        }
        int columns = Math.max(1, grid.columns());
        Map<String, String> marks = new TreeMap<>();
        for (Problem p : problems) {
            if (draft.path().equals(p.path()) && p.line() > 0) {
                if (p.column() > 0) {
                    marks.merge(Grid.name(p.line() - 1, p.column() - 1), p.message(), (a, b) -> a + "; " + b);
                } else {
                    for (int c = 0; c < columns; c++) {
                        marks.merge(Grid.name(p.line() - 1, c), p.message(), (a, b) -> a + "; " + b);
                    }
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < grid.rows().size(); r++) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String name = Grid.name(r, c);
                String value = grid.cell(r, c);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("name", name);
                cell.put("value", value);
                cell.put("size", Math.max(4, Math.min(24, value.length() + 1)));
                cell.put("problem", marks.get(name));
                cells.add(cell);
            }
            rows.add(Map.of("number", r + 1, "width", grid.rows().get(r).size(), "index", r, "cells", cells));
        }
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            headers.add(Grid.name(0, c).replaceAll("\\d", ""));
        }
        return Map.of("rows", rows, "rowCount", grid.rows().size(), "columns", columns, "headers", headers);
    }

    private static Map<String, Object> check(CheckResult r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        m.put("summary", r.summary());
        m.put("problems", r.problems().stream().map(p -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("path", p.path());
            x.put("line", p.line() > 0 ? p.line() : null);
            x.put("column", p.column() > 0 ? p.column() : null);
            x.put("stage", p.stage());
            x.put("message", p.message());
            return x;
        }).toList());
        return m;
    }

    private static Map<String, Object> preview(PreviewResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replayed", r.replayed());
        m.put("changed", r.changed());
        m.put("millis", r.millis());
        m.put("summary", r.summary());
        List<Map<String, Object>> directions = new ArrayList<>();
        PreviewResult.DIRECTIONS.forEach(d -> directions.add(Map.of("direction", d, "count", r.byDirection().getOrDefault(d, 0))));
        r.byDirection().forEach((d, n) -> {
            if (!PreviewResult.DIRECTIONS.contains(d)) {
                directions.add(Map.of("direction", d, "count", n));
            }
        });
        m.put("byDirection", directions);
        m.put("samples", r.samples().stream().map(WorkbenchPages::sample).toList());
        m.put("hasSamples", !r.samples().isEmpty());
        return m;
    }

    private static Map<String, Object> sample(PreviewSample s) {
        return Map.of("direction", s.direction(), "seq", s.seq(), "client", String.valueOf(s.client()),
                "before", String.valueOf(s.before()), "after", String.valueOf(s.after()));
    }

    private static Map<String, Object> summary(Proposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("author", p.author());
        m.put("message", p.message());
        m.put("state", p.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("proposedAt", p.proposedAt() == null ? "" : p.proposedAt().toString());
        m.put("reviewer", p.reviewer());
        m.put("paths", String.join(", ", p.changes().keySet()));
        return m;
    }

    private static List<Map<String, Object>> changes(List<ClinicalChange> changes) {
        return changes == null ? List.of() : changes.stream()
                .map(c -> Map.<String, Object>of("path", String.valueOf(c.path()), "rule", c.rule() == null ? "" : c.rule(), "what", c.what()))
                .toList();
    }

    private static Map<String, Object> rule(RuleView r) {
        return Map.of("name", r.name(), "metadata", new TreeMap<>(r.metadata()).entrySet().stream()
                .map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList());
    }

    private static String path(String path) {
        if (path == null || path.isBlank()) {
            throw new BadForm("which file? (path is missing)");
        }
        return bounded(path, MAX_PATH, "path");
    }

    private static String message(Context ctx, String field) {
        String m = ctx.formParam(field);
        if (m == null || m.isBlank()) {
            throw new BadForm("a " + field + " is needed");
        }
        return bounded(m.strip(), MAX_MESSAGE, field);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadForm("not a proposal number (" + ctx.pathParam("id") + ")");
        }
    }

    private static LocalDate date(Context ctx, String field) {
        String v = ctx.formParam(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new BadForm(field + ": not a date YYYY-MM-DD (" + bounded(v, 40, field) + ")");
        }
    }

    private static int number(String v, int max, String field) {
        try {
            int n = Integer.parseInt(v == null ? "" : v.strip());
            if (n < 0 || n > max) {
                throw new BadForm(field + ": at most " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadForm(field + ": not a number");
        }
    }

    private static String bounded(String v, int max, String field) {
        if (v != null && v.length() > max) {
            throw new BadForm(field + ": longer than " + max + " characters");
        }
        return v;
    }
}
