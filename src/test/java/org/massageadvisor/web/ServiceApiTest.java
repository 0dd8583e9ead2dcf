package org.massageadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;

/** Every endpoint and every error status over real HTTP, against the service on a free loopback port. */
class ServiceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKED = TestRules.WORKED_EXAMPLE_JSON;
    private static final String RELAXED = "{\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}";

    /** The batch limit of the service under test: 2 MiB. */
    private static final int LIMIT = 2 << 20;
    private static RunningService svc;
    private static String version;

    @BeforeAll
    static void start() throws Exception {
        svc = RunningService.start(TestRules.RULES, List.of(), LIMIT);
        version = TestRules.evaluator().ruleBase().version();
    }

    @AfterAll
    static void stop() throws Exception {
        svc.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** A problem detail with this status, its type and title, and never a stack trace. */
    private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("type").asText()).startsWith("urn:massage-advisor:problem:");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
        return p;
    }

    @Test
    void healthIsUpWithTheRulesetVersion() throws Exception {
        HttpResponse<String> r = svc.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("UP");
        assertThat(json(r).get("rulesetVersion").asText()).isEqualTo(version);
    }

    @Test
    void aRecommendationIsTheContractJsonWithItsWindow() throws Exception {
        HttpResponse<String> r = svc.postJson("/v1/recommendations", WORKED);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode j = json(r);
        assertThat(j.get("id").asText()).isEqualTo("client-17");
        assertThat(j.get("status").asText()).isEqualTo("RECOMMENDED");
        assertThat(j.get("interval").toString()).isEqualTo("{\"minDays\":5,\"maxDays\":7}");
        // 20 Nov + 5 and + 7 days.
        assertThat(j.get("window").toString()).isEqualTo("{\"earliest\":\"2026-11-25\",\"latest\":\"2026-11-27\"}");
        // Most severe first: the herniated disc (warning) before the soreness (info).
        assertThat(j.get("warnings").findValuesAsText("code")).containsExactly("CONSULT_DOCTOR", "ALLOW_RECOVERY");
        assertThat(j.has("explanation")).isFalse();
        assertThat(j.get("rulesetVersion").asText()).isEqualTo(version);
        List<String> fields = new ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "status", "interval", "window", "warnings", "tips", "rulesetVersion");
    }

    @Test
    void explainTrueAddsTheExplanation() throws Exception {
        JsonNode j = json(svc.postJson("/v1/recommendations?explain=true", WORKED));
        assertThat(j.get("explanation").isArray()).isTrue();
        assertThat(j.get("explanation").findValuesAsText("rule")).contains("Chronic pain starts with a session every three to seven days");
    }

    @Test
    void aBatchAnswersEveryLineInOrderWithOneErrorObjectPerBadLine() throws Exception {
        String body = RELAXED.replace("{", "{\"id\":\"a\",") + "\n\n{\"goal\":\"RELAXTION\"}\n" + WORKED.replace("\n", "") + "\n{oops\n";
        HttpResponse<String> r = svc.post("/v1/recommendations/batch", "application/x-ndjson", body);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(JSON.readTree(lines.get(0)).get("id").asText()).isEqualTo("a");
        JsonNode bad = JSON.readTree(lines.get(1));
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("line").asInt()).isEqualTo(3);
        assertThat(bad.get("errors").get(0).get("field").asText()).isEqualTo("goal");
        assertThat(bad.get("errors").get(0).get("message").asText()).contains("did you mean RELAXATION?");
        assertThat(JSON.readTree(lines.get(2)).get("id").asText()).isEqualTo("client-17");
        assertThat(JSON.readTree(lines.get(3)).get("line").asInt()).isEqualTo(5);
        assertThat(JSON.readTree(lines.get(3)).get("detail").asText()).contains("not valid JSON");
    }

    @Test
    void aBatchWithoutIdsGetsRecordNumbers() throws Exception {
        HttpResponse<String> r = svc.post("/v1/recommendations/batch", "application/json", RELAXED + "\n" + RELAXED + "\n");
        assertThat(r.body().lines().map(l -> {
            try {
                return JSON.readTree(l).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).containsExactly("record-1", "record-2");
    }

    /**
     * The answer streams: the first answer lines arrive while the request is still being sent (a raw
     * chunked upload that waits for them before it sends its last lines).
     */
    @Test
    void aBatchAnswerStartsBeforeTheRequestEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", svc.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/recommendations/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = (RELAXED + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 6000; i++) {
                chunk(out, line);
            }
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String l;
            while (!(l = in.readLine()).contains("\"status\":\"RECOMMENDED\"")) {
                assertThat(l).doesNotContain("\"status\":4");
            }
            // The request is not finished: answers are already coming. Now end it.
            for (int i = 0; i < 10; i++) {
                chunk(out, line);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int answers = 1;
            while ((l = in.readLine()) != null) {
                if (l.contains("\"status\":\"RECOMMENDED\"")) {
                    answers++;
                }
            }
            assertThat(answers).isEqualTo(6010);
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws Exception {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aBatchOverItsLimitIs413() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() <= LIMIT) {
            big.append(RELAXED).append('\n');
        }
        problem(svc.post("/v1/recommendations/batch", "application/x-ndjson", big.toString()), 413);
    }

    @Test
    void explanationsComeAsJsonHtmlAndMarkdown() throws Exception {
        HttpResponse<String> j = svc.postJson("/v1/explanations?format=json", WORKED);
        assertThat(j.statusCode()).isEqualTo(200);
        assertThat(json(j).get("why").get(0).get("step").asText()).isEqualTo("start");
        assertThat(json(j).get("headline").asText()).isEqualTo("5-7 days between back massages: next massage between 2026-11-25 and 2026-11-27.");
        HttpResponse<String> h = svc.postJson("/v1/explanations?format=html", WORKED);
        assertThat(h.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(h.body()).contains("<h1>Client client-17: 5-7 days between back massages").contains("<ol class=\"why\">")
                .contains("href=\"/rules#rule-");
        HttpResponse<String> m = svc.postJson("/v1/explanations?format=markdown", WORKED);
        assertThat(m.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        assertThat(m.body()).startsWith("# Client client-17: 5-7 days between back massages").contains("1. start: every 3-7 days");
        assertThat(json(svc.postJson("/v1/explanations", WORKED)).get("status").asText()).isEqualTo("RECOMMENDED");
    }

    @Test
    void anUnknownExplanationFormatIs400WithTheClosestOne() throws Exception {
        JsonNode p = problem(svc.postJson("/v1/explanations?format=htm", WORKED), 400);
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("format");
        assertThat(p.get("detail").asText()).contains("did you mean html?");
    }

    @Test
    void theRulesetListsFilesAndEveryRuleWithItsMetadata() throws Exception {
        JsonNode j = json(svc.get("/v1/ruleset"));
        assertThat(j.get("rulesetVersion").asText()).isEqualTo(version);
        assertThat(j.get("files").toString()).contains("rules-drl/goal-ranges.csv").contains("rules-drl/vocabulary.yaml");
        assertThat(j.get("rules")).hasSize(TestRules.evaluator().ruleBase().rules().size());
        JsonNode first = j.get("rules").get(0);
        assertThat(first.get("file").asText()).endsWith(".drl");
        assertThat(first.get("metadata").get("source").asText()).isNotBlank();
        assertThat(j.get("lastReload").get("live").asBoolean()).isTrue();
    }

    @Test
    void metricsArePrometheusTextWithRoutesStatusesEvaluationsAndReloads() throws Exception {
        svc.postJson("/v1/recommendations", WORKED);
        svc.postJson("/v1/recommendations", "{");
        HttpResponse<String> r = svc.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body())
                .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/recommendations\",status=\"200\"")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/recommendations\",status=\"400\"}")
                .contains("advisor_evaluations_total{status=\"RECOMMENDED\"}")
                .contains("advisor_rule_reloads_total{outcome=\"live\"} 1.0");
    }

    @Test
    void thePageIsAFormBuiltFromTheVocabulary() throws Exception {
        HttpResponse<String> r = svc.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        for (String term : TestRules.evaluator().ruleBase().vocabulary().terms(org.massageadvisor.client.Category.CONDITION).keySet()) {
            assertThat(r.body()).contains("value=\"" + term + "\"");
        }
        assertThat(r.body()).contains("<label class=\"field\" for=\"lastMassageDate\">").contains(version);
    }

    @Test
    void thePageShowsItsAnswerAndTheRulesPageListsEveryRule() throws Exception {
        HttpResponse<String> r = svc.get("/?goal=CHRONIC_PAIN&massageType=DEEP_TISSUE&activityLevel=SEDENTARY&bodyResponse=SORE"
                + "&conditions=HERNIATED_DISC&lastMassageDate=2026-11-20");
        assertThat(r.body()).contains("<p class=\"interval\" id=\"interval\">5\u20137 days</p>")
                .contains("Next massage between 2026-11-25 and 2026-11-27").contains("class=\"card warning\"");
        HttpResponse<String> rules = svc.get("/rules");
        assertThat(rules.body()).contains("id=\"rule-chronic-pain-starts-with-a-session-every-three-to-seven-days\"");
    }

    @Test
    void aBadFormShowsTheFieldOnThePageWith400() throws Exception {
        HttpResponse<String> r = svc.get("/?goal=CHRONIC_PAIN&massageType=DEEP_TISSUE&activityLevel=SEDENTARY&lastMassageDate=2026-12-24");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"error\"").contains("<code>lastMassageDate</code>").contains("in the future (2026-12-24)");
    }

    @Test
    void theExplainPageTakesTheProfileAsBase64Url() throws Exception {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(WORKED.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = svc.get("/explain?profile=" + encoded);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Client client-17: 5-7 days between back massages");
        problem(svc.get("/explain?profile=***"), 400);
        problem(svc.get("/explain"), 400);
    }

    // --- errors ---

    @Test
    void malformedJsonIs400WithThePlace() throws Exception {
        JsonNode p = problem(svc.postJson("/v1/recommendations", "{\"goal\": \"RELAXATION\","), 400);
        assertThat(p.get("detail").asText()).startsWith("body.json:1:").contains("not valid JSON");
    }

    @Test
    void anUnknownTermIs400WithTheFieldAndTheClosestTerm() throws Exception {
        JsonNode p = problem(svc.postJson("/v1/recommendations", RELAXED.replace("SWEDISH", "SWEDSH")), 400);
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("massageType");
        assertThat(p.get("errors").get(0).get("message").asText()).startsWith("unknown term (SWEDSH); did you mean SWEDISH?");
    }

    @Test
    void anUnknownFieldIs400WithTheClosestField() throws Exception {
        JsonNode p = problem(svc.postJson("/v1/recommendations", RELAXED.replace("}", ",\"lastMasageDate\":\"2026-11-01\"}")), 400);
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("lastMasageDate");
        assertThat(p.get("detail").asText()).contains("did you mean lastMassageDate?");
    }

    @Test
    void aFutureOrUnrealDateIs400() throws Exception {
        JsonNode future = problem(svc.postJson("/v1/recommendations", RELAXED.replace("}", ",\"lastMassageDate\":\"2026-12-01\"}")), 400);
        assertThat(future.get("errors").get(0).toString())
                .isEqualTo("{\"field\":\"lastMassageDate\",\"message\":\"in the future (2026-12-01); today is 2026-11-30\"}");
        JsonNode unreal = problem(svc.postJson("/v1/recommendations", RELAXED.replace("}", ",\"lastMassageDate\":\"2026-02-29\"}")), 400);
        assertThat(unreal.get("errors").get(0).get("message").asText()).isEqualTo("not a real date (2026-02-29)");
    }

    @Test
    void controlCharactersAndDeepNestingAre400NotCrashes() throws Exception {
        problem(svc.postJson("/v1/recommendations", "{\"goal\":\"RELAX\u0000ATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}"), 400);
        JsonNode escaped = problem(svc.postJson("/v1/recommendations",
                "{\"goal\":\"RELAX\\u0007ATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}"), 400);
        assertThat(escaped.get("errors").get(0).get("field").asText()).isEqualTo("goal");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        problem(svc.postJson("/v1/recommendations", deep), 400);
        problem(svc.postJson("/v1/recommendations", "{\"goal\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), 400);
        problem(svc.postJson("/v1/recommendations", ""), 400);
        problem(svc.postJson("/v1/recommendations", "[]"), 400);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        problem(svc.get("/v2/nothing"), 404);
        problem(svc.get("/v1/recommendations"), 405);
        HttpResponse<String> del = svc.http.send(HttpRequest.newBuilder(svc.uri("/health")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        problem(del, 405);
    }

    @Test
    void aProfileOverOneMebibyteIs413() throws Exception {
        String huge = "{\"id\":\"" + "x".repeat(1 << 20) + "\"}";
        problem(svc.postJson("/v1/recommendations", huge), 413);
        // Without a declared length (chunked), the limit holds too.
        HttpRequest chunked = HttpRequest.newBuilder(svc.uri("/v1/recommendations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build();
        problem(svc.http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        problem(svc.post("/v1/recommendations", "text/plain", RELAXED), 415);
        problem(svc.post("/v1/recommendations", null, RELAXED), 415);
        problem(svc.post("/v1/explanations", "application/x-www-form-urlencoded", "goal=RELAXATION"), 415);
        problem(svc.post("/v1/recommendations/batch", "text/csv", "goal\nRELAXATION\n"), 415);
    }
}
