package org.massageadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.DecisionLogs;
import org.massageadvisor.audit.TestPostgres;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;

/**
 * The decision query endpoints over real HTTP, against a file log and against PostgreSQL: the same
 * answers from both, every bad parameter a 400 naming it, and a 404 when the service logs nothing.
 */
class DecisionQueryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_17 = TestRules.WORKED_EXAMPLE_JSON;
    /** Relaxation, Swedish, sedentary: no soreness and no condition, so no warning. */
    private static final String RELAXED = "{\"id\":\"relaxed\",\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}";
    private static final String ATHLETE_RULE = "Athletes lead a physically demanding life";

    @TempDir
    Path temp;

    @Test
    void aFileLogAnswersTheQueries() throws Exception {
        try (DecisionLog log = DecisionLogs.open(temp.resolve("log").resolve("decisions.jsonl").toString())) {
            exercise(log);
        }
    }

    @Test
    void aPostgresLogAnswersTheSameQueries() throws Exception {
        try (DecisionLog log = DecisionLogs.open(TestPostgres.freshLog())) {
            exercise(log);
        }
    }

    /**
     * Logs, through the service, client-17 twice and a relaxed client once; and, straight into the log, a
     * maintenance athlete decided by an edited rule set in which the athlete rule matched MODERATE clients
     * instead (so it did not fire: maintenance 14-30 days, where the rules in force say 14-28).
     */
    private void exercise(DecisionLog log) throws Exception {
        Path edited = temp.resolve("edited");
        RuleFolders.copyTree(TestRules.RULES, edited);
        RuleFolders.replace(edited.resolve("activity-level.drl"), "Client( activityLevel == \"ATHLETE\" )", "Client( activityLevel == \"MODERATE\" )");
        Evaluator old = new Evaluator(RuleBase.load(edited));
        Client athlete = TestRules.client().goal("MAINTENANCE").activityLevel("ATHLETE").build().withId("athlete");
        log.append(old.evaluate(athlete, false), athlete, old.ruleBase());

        try (RunningService svc = RunningService.logging(TestRules.RULES, log)) {
            for (String body : List.of(CLIENT_17, RELAXED, CLIENT_17)) {
                assertThat(svc.postJson("/v1/recommendations", body).statusCode()).isEqualTo(200);
            }

            JsonNode mine = ok(svc.get("/v1/decisions?client=client-17"));
            assertThat(mine.get("order").asText()).isEqualTo("newest first");
            assertThat(mine.get("more").asBoolean()).isFalse();
            assertThat(seqs(mine)).containsExactly(4L, 2L);
            JsonNode first = mine.get("decisions").get(0);
            assertThat(first.get("client").asText()).isEqualTo("client-17");
            assertThat(first.get("summary").asText()).startsWith("RECOMMENDED 5-7 days; ").contains("CONSULT_DOCTOR(HERNIATED_DISC)")
                    .contains("ALLOW_RECOVERY(SORE)");
            assertThat(first.get("rulesetVersion").asText()).isEqualTo(TestRules.evaluator().ruleBase().version());

            JsonNode newest = ok(svc.get("/v1/decisions?limit=1"));
            assertThat(seqs(newest)).containsExactly(4L);
            assertThat(newest.get("more").asBoolean()).isTrue();
            assertThat(seqs(ok(svc.get("/v1/decisions?warning=CONSULT_DOCTOR")))).containsExactly(4L, 2L);
            assertThat(seqs(ok(svc.get("/v1/decisions?rule=" + enc(ATHLETE_RULE))))).isEmpty();
            assertThat(seqs(ok(svc.get("/v1/decisions?from=2000-01-01&to=2999-12-31")))).containsExactly(4L, 3L, 2L, 1L);
            assertThat(seqs(ok(svc.get("/v1/decisions?from=2999-01-01")))).isEmpty();

            JsonNode counts = ok(svc.get("/v1/decisions/counts?from=2000-01-01"));
            assertThat(counts.get("decisions").asLong()).isEqualTo(4);
            assertThat(JSON.convertValue(counts.get("byWarning"), Map.class)).isEqualTo(Map.of("ALLOW_RECOVERY", 2, "CONSULT_DOCTOR", 2));
            assertThat(counts.get("byRule").get("A herniated disc needs a doctor's advice").asLong()).isEqualTo(2);
            assertThat(ok(svc.get("/v1/decisions/counts?to=2000-01-01")).get("decisions").asLong()).isZero();

            // The rules in force would answer only the athlete's decision differently: the athlete rule now fires.
            JsonNode replay = ok(svc.get("/v1/decisions/replay"));
            assertThat(replay.get("against").asText()).isEqualTo(TestRules.evaluator().ruleBase().version());
            assertThat(replay.get("replayed").asInt()).isEqualTo(4);
            assertThat(replay.get("more").asBoolean()).isFalse();
            assertThat(replay.get("differ").asInt()).isEqualTo(1);
            JsonNode d = replay.get("sample").get(0);
            assertThat(d.get("seq").asLong()).isEqualTo(1);
            assertThat(d.get("client").asText()).isEqualTo("athlete");
            assertThat(d.get("before").asText()).isEqualTo("RECOMMENDED 14-30 days");
            assertThat(d.get("after").asText()).isEqualTo("RECOMMENDED 14-28 days");
            assertThat(d.get("ruleChanges").toString()).contains("now fires: " + ATHLETE_RULE);
            JsonNode bounded = ok(svc.get("/v1/decisions/replay?limit=2&sample=1"));
            assertThat(bounded.get("replayed").asInt()).isEqualTo(2);
            assertThat(bounded.get("more").asBoolean()).isTrue();

            badParameters(svc);
        }
    }

    /** Each bad parameter is a 400 problem whose errors name it; nothing is echoed unbounded or raw. */
    private static void badParameters(RunningService svc) throws Exception {
        assertThat(bad(svc, "/v1/decisions?limit=0")).containsExactly("limit");
        assertThat(bad(svc, "/v1/decisions?limit=1001")).containsExactly("limit");
        assertThat(bad(svc, "/v1/decisions?limit=ten")).containsExactly("limit");
        assertThat(bad(svc, "/v1/decisions?from=yesterday")).containsExactly("from");
        assertThat(bad(svc, "/v1/decisions?from=2026-11-30&to=2026-11-01")).containsExactly("to");
        assertThat(bad(svc, "/v1/decisions?warning=consult_doctor")).containsExactly("warning");
        assertThat(bad(svc, "/v1/decisions?warning=X%27%20OR%201=1--")).containsExactly("warning");
        assertThat(bad(svc, "/v1/decisions?clinet=client-17")).containsExactly("clinet");
        assertThat(bad(svc, "/v1/decisions?client=a&client=b")).containsExactly("client");
        assertThat(bad(svc, "/v1/decisions?client=a%00b")).containsExactly("client");
        assertThat(bad(svc, "/v1/decisions?rule=" + "r".repeat(301))).containsExactly("rule");
        assertThat(bad(svc, "/v1/decisions?limit=0&from=x&warning=y")).containsExactlyInAnyOrder("limit", "from", "warning");
        assertThat(bad(svc, "/v1/decisions/counts?client=client-17")).containsExactly("client");
        assertThat(bad(svc, "/v1/decisions/replay?limit=10001")).containsExactly("limit");
        assertThat(bad(svc, "/v1/decisions/replay?sample=0")).containsExactly("sample");
        HttpResponse<String> typo = svc.get("/v1/decisions?clinet=x");
        assertThat(JSON.readTree(typo.body()).get("errors").get(0).get("message").asText()).contains("did you mean client?");
        // A hostile client id is data, never SQL: it matches nothing.
        assertThat(seqs(ok(svc.get("/v1/decisions?client=" + enc("x' OR '1'='1"))))).isEmpty();
        assertThat(svc.post("/v1/decisions", "application/json", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void aServiceWithoutALogSaysSoWithA404Problem() throws Exception {
        try (RunningService svc = RunningService.start(TestRules.RULES, List.of(), 1 << 20)) {
            for (String path : List.of("/v1/decisions", "/v1/decisions/counts", "/v1/decisions/replay")) {
                HttpResponse<String> r = svc.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode p = JSON.readTree(r.body());
                assertThat(p.get("type").asText()).isEqualTo("urn:massage-advisor:problem:no-decision-log");
                assertThat(p.get("detail").asText()).contains("logs no decisions").contains("--audit");
            }
            // Bad parameters are still named first.
            assertThat(bad(svc, "/v1/decisions?limit=0")).containsExactly("limit");
        }
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    private static List<Long> seqs(JsonNode listing) {
        List<Long> seqs = new ArrayList<>();
        listing.get("decisions").forEach(d -> seqs.add(d.get("seq").asLong()));
        return seqs;
    }

    /** The fields a 400 problem names. */
    private static List<String> bad(RunningService svc, String path) throws Exception {
        HttpResponse<String> r = svc.get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\u0000");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("type").asText()).isEqualTo("urn:massage-advisor:problem:bad-input");
        List<String> fields = new ArrayList<>();
        p.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
