package org.massageadvisor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Term;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.explain.Explanation;
import org.massageadvisor.explain.ExplanationRenderer;
import org.massageadvisor.explain.Templates;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.service.Problem;
import org.massageadvisor.service.ProblemException;

/**
 * The pages for the front desk and clinicians, server-rendered from Mustache templates: the form
 * (built from the vocabulary in force at each request) with its answer, the print handout, the rules
 * in force, and the explanation page the CDS Hooks cards link to.
 */
final class Pages {

    private static final Templates TEMPLATES = new Templates(new DefaultMustacheFactory("org/massageadvisor/web"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Form fields that hold one term, with their vocabulary category. */
    private static final Map<String, Category> SINGLE = Map.of("goal", Category.GOAL, "massageType", Category.MASSAGE_TYPE,
            "activityLevel", Category.ACTIVITY_LEVEL, "symptomTrend", Category.SYMPTOM_TREND);
    private static final Map<String, Category> MULTI = Map.of("bodyResponse", Category.BODY_RESPONSE, "conditions", Category.CONDITION);

    private final DecisionService service;
    private final Clock clock;

    Pages(DecisionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** The form; with a submitted profile, the answer above it. */
    void index(Context ctx) {
        Map<String, Object> page = base("Back massage interval");
        if (ctx.queryParam("goal") != null) {
            try {
                page.put("answer", answer(service.explain(profile(ctx)), ctx.queryString()));
            } catch (InputException e) {
                ctx.status(400);
                page.put("error", Problem.badInput(e).errors().get(0));
            }
        }
        page.put("form", form(ctx, service.ruleBase().vocabulary()));
        ctx.html(TEMPLATES.render("index", page));
    }

    /** A one-page handout for the client: dates, interval, warnings and tips in plain words. */
    void print(Context ctx) {
        Map<String, Object> page = base("Your next back massage");
        page.put("answer", answer(service.explain(profile(ctx)), ctx.queryString()));
        page.put("today", LocalDate.now(clock).toString());
        ctx.html(TEMPLATES.render("print", page));
    }

    /** The rules in force with their metadata, and what the last reload's check found. */
    void rules(Context ctx) {
        Map<String, Object> page = base("Rules in force");
        RuleBase rb = service.ruleBase();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleInfo r : rb.rules().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("anchor", ExplanationRenderer.anchor(r.name()));
            m.put("name", r.name());
            m.put("where", (r.file() == null ? "" : r.file()) + (r.line() > 0 ? ":" + r.line() : ""));
            m.put("metadata", new java.util.TreeMap<>(r.metadata()).entrySet().stream()
                    .map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList());
            rules.add(m);
        }
        page.put("rules", rules);
        page.put("ruleCount", rules.size());
        page.put("lastReload", service.lastReload());
        ctx.html(TEMPLATES.render("rules", page));
    }

    /** {@code /explain?profile=<base64url of the profile JSON>}: the explanation page (linked from CDS Hooks cards). */
    void explain(Context ctx) {
        String encoded = ctx.queryParam("profile");
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(encoded == null ? "" : encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(new Problem("urn:massage-advisor:problem:bad-input", "Bad input", 400,
                    "profile: not base64url (" + e.getMessage() + ")", List.of(new Problem.FieldError("profile", "not base64url")), null));
        }
        if (json.length == 0 || json.length > DecisionService.PROFILE_LIMIT) {
            throw new ProblemException(new Problem("urn:massage-advisor:problem:bad-input", "Bad input", 400,
                    "profile: give the profile JSON as base64url, at most 1 MiB", List.of(new Problem.FieldError("profile", "missing or too large")),
                    null));
        }
        ctx.html(ExplanationRenderer.html(service.explain(json), ExplanationRenderer.Links.SERVICE));
    }

    private Map<String, Object> base(String title) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", title);
        page.put("rulesetVersion", service.ruleBase().version());
        DecisionService.ReloadStatus last = service.lastReload();
        if (last != null && !last.live()) {
            page.put("refused", last);
        }
        return page;
    }

    /** The query string as a profile (JSON), for the same reader as the API's. */
    private static byte[] profile(Context ctx) {
        ObjectNode p = JSON.createObjectNode();
        for (String field : ProfileReader.FIELDS) {
            if (MULTI.containsKey(field)) {
                ArrayNode list = p.putArray(field);
                ctx.queryParams(field).stream().filter(v -> !v.isBlank()).forEach(list::add);
            } else {
                String v = ctx.queryParam(field);
                if (v != null && !v.isBlank()) {
                    p.put(field, v.trim());
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer as the page shows it: interval and window first, then cards, tips and the why steps. */
    private static Map<String, Object> answer(Explanation e, String query) {
        Map<String, Object> a = new LinkedHashMap<>();
        boolean referred = e.status() == Status.REFER;
        a.put("referred", referred);
        a.put("referrals", e.why().stream().filter(r -> r.step().equals("refer")).map(Explanation.Reason::because).toList());
        a.put("id", e.id());
        if (!referred) {
            a.put("interval", e.interval().minDays() == e.interval().maxDays() ? e.interval().minDays() + " days"
                    : e.interval().minDays() + "\u2013" + e.interval().maxDays() + " days");
        }
        if (e.window() != null) {
            a.put("earliest", e.window().earliest().toString());
            a.put("latest", e.window().latest().toString());
            a.put("sameDay", e.window().earliest().equals(e.window().latest()));
        }
        a.put("warnings", e.warnings());
        a.put("hasWarnings", !e.warnings().isEmpty());
        a.put("tips", e.tips());
        a.put("hasTips", !e.tips().isEmpty());
        a.put("why", e.whyLines());
        a.put("printHref", "/print?" + (query == null ? "" : query));
        a.put("rulesetVersion", e.rulesetVersion());
        return a;
    }

    /** The form's fields from the vocabulary in force, with what was submitted filled back in. */
    private Map<String, Object> form(Context ctx, Vocabulary vocabulary) {
        Map<String, Object> f = new LinkedHashMap<>();
        SINGLE.forEach((field, category) -> f.put(field, options(vocabulary, category, List.of(valueOr(ctx.queryParam(field),
                field.equals("symptomTrend") ? "STABLE" : "")))));
        MULTI.forEach((field, category) -> f.put(field, options(vocabulary, category, ctx.queryParams(field))));
        f.put("medicalApproval", "true".equals(ctx.queryParam("medicalApproval")));
        f.put("guidedByTherapist", "true".equals(ctx.queryParam("guidedByTherapist")));
        f.put("weeksInTreatment", valueOr(ctx.queryParam("weeksInTreatment"), "0"));
        f.put("age", valueOr(ctx.queryParam("age"), ""));
        f.put("lastMassageDate", valueOr(ctx.queryParam("lastMassageDate"), ""));
        f.put("today", LocalDate.now(clock).toString());
        return f;
    }

    private static String valueOr(String v, String fallback) {
        return v == null ? fallback : v;
    }

    private static List<Map<String, Object>> options(Vocabulary vocabulary, Category category, List<String> chosen) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Term t : vocabulary.terms(category).values()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("value", t.name());
            o.put("label", Explanation.humanize(t.name()));
            o.put("description", t.description());
            o.put("intense", t.intense());
            o.put("selected", chosen.stream().anyMatch(c -> c.equalsIgnoreCase(t.name())));
            o.put("id", category.key() + "-" + t.name());
            out.add(o);
        }
        return out;
    }
}
