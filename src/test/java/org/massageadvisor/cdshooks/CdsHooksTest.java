package org.massageadvisor.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.AuditVerifier;

/**
 * The CDS Hooks service over real HTTP, one test per fixture request in {@code src/test/resources/cdshooks/}.
 * Expected cards are worked out by hand from the guidance; every response is also checked against the
 * specification's rules for cards ({@link CardRules}).
 */
class CdsHooksTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Chart views are evaluated as of this day. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneOffset.UTC);
    private static final String STUB_TOKEN = "stub-token-7f3a";

    @TempDir
    static Path tmp;
    private static Javalin app;
    private static String base;
    private static AuditLog audit;
    private static HttpServer fhirStub;
    private static final List<String> stubRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        audit = AuditLog.open(tmp.resolve("audit/decisions.jsonl"));
        CdsService service = new CdsService(TestRules::evaluator, new TerminologySource(TestRules.RULES), audit,
                "http://127.0.0.1:8080", TODAY);
        app = Javalin.create(config -> CdsHooksRoutes.register(config, service)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        fhirStub = fhirStub();
    }

    @AfterAll
    static void stop() {
        app.stop();
        fhirStub.stop(0);
        audit.close();
    }

    /** A FHIR server on loopback that answers each search with the fixture's data, only to the right bearer token. */
    private static HttpServer fhirStub() throws IOException {
        JsonNode data = MAPPER.readTree(fixture("fhir-stub-data.json"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", exchange -> {
            stubRequests.add(exchange.getRequestURI().toString());
            String type = exchange.getRequestURI().getPath().substring("/fhir/".length()).split("/")[0];
            byte[] body;
            int status;
            if (!("Bearer " + STUB_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
            } else if (data.has(type)) {
                status = 200;
                body = data.get(type).toString().getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CdsHooksTest.class.getResourceAsStream("/cdshooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    record Answer(int status, String contentType, JsonNode body) {
    }

    static Answer post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), MAPPER.readTree(r.body()));
    }

    static List<JsonNode> cards(Answer a) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        CardRules.checkResponse(a.body());
        List<JsonNode> out = new ArrayList<>();
        a.body().get("cards").forEach(out::add);
        return out;
    }

    private static List<JsonNode> book(String fixture) throws Exception {
        return cards(post("/cds-services/massage-interval", fixture(fixture)));
    }

    @Test
    void discoveryListsBothServicesWithPrefetchTemplates() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = MAPPER.readTree(r.body()).get("services");
        assertThat(services).hasSize(2);
        JsonNode interval = services.get(0);
        assertThat(interval.get("id").asText()).isEqualTo("massage-interval");
        assertThat(interval.get("hook").asText()).isEqualTo("appointment-book");
        assertThat(interval.get("title").asText()).isNotBlank();
        assertThat(interval.get("description").asText()).isNotBlank();
        assertThat(interval.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(interval.get("prefetch").get("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}&clinical-status=active");
        assertThat(interval.get("prefetch").get("observations").asText()).contains("http://snomed.info/sct|68962001");
        assertThat(services.get(1).get("id").asText()).isEqualTo("massage-advice");
        assertThat(services.get(1).get("hook").asText()).isEqualTo("patient-view");
    }

    @Test
    void tooSoonAfterDeepTissueWarnsAndSuggestsTheEarliestDate() throws Exception {
        // Chronic pain (M54.50) 3-7 days; sore after the last session: +2 on the minimum, 5-7 days.
        // Deep tissue on 2026-12-02, booked 2026-12-04: 2 days, too soon; earliest 2026-12-02 + 5 = 2026-12-07.
        List<JsonNode> cards = book("too-soon-after-deep-tissue.json");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).isEqualTo("Booked 2 days after deep tissue massage; earliest suitable date 2026-12-07");
        assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode action = card.get("suggestions").get(0).get("actions").get(0);
        assertThat(action.get("type").asText()).isEqualTo("update");
        assertThat(action.get("resource").get("resourceType").asText()).isEqualTo("Appointment");
        assertThat(action.get("resource").get("id").asText()).isEqualTo("apt-new");
        assertThat(action.get("resource").get("start").asText()).isEqualTo("2026-12-07T10:00:00+01:00");
        assertThat(action.get("resource").get("end").asText()).isEqualTo("2026-12-07T11:00:00+01:00");
        assertThat(card.get("overrideReasons")).anySatisfy(r -> assertThat(r.get("display").asText()).isEqualTo("Client's therapist advised it"));
        String detail = card.get("detail").asText();
        assertThat(detail).contains("**5-7 days**", "ALLOW\\_RECOVERY \\(SORE\\)", "**Assumed**", "activity level MODERATE");
        String link = card.get("links").get(0).get("url").asText();
        assertThat(link).startsWith("http://127.0.0.1:8080/explain?profile=");
        JsonNode profile = MAPPER.readTree(Base64.getUrlDecoder().decode(link.substring(link.indexOf('=') + 1)));
        assertThat(profile.get("goal").asText()).isEqualTo("CHRONIC_PAIN");
        assertThat(profile.get("massageType").asText()).isEqualTo("DEEP_TISSUE");
        assertThat(profile.get("bodyResponse").get(0).asText()).isEqualTo("SORE");
        assertThat(profile.has("id")).isFalse();
    }

    @Test
    void aBookingThatFitsGivesNoCard() throws Exception {
        // Relaxation 7-14 days (gentle Swedish keeps the goal's range). Last Swedish 2026-11-20, booked 2026-12-04: 14 days.
        assertThat(book("fine.json")).isEmpty();
    }

    @Test
    void aBloodClotCodedInSnomedIsACriticalReferral() throws Exception {
        List<JsonNode> cards = book("referral-blood-clot.json");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("summary").asText()).isEqualTo("Refer before booking: CONSULT_DOCTOR (BLOOD_CLOT)");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(card.get("overrideReasons").size()).isEqualTo(3);
    }

    @Test
    void noMassageHistoryStatesTheIntervalToLeaveAfterThisOne() throws Exception {
        // No reason code: relaxation assumed, 7-14 days; deep tissue booked: floors 1-7 and 2-3 are already met.
        List<JsonNode> cards = book("no-massage-history.json");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).isEqualTo("No earlier massage on record; after this one leave 7-14 days");
        assertThat(card.get("detail").asText()).contains("goal RELAXATION \\(no appointment reason", "CONSULT\\_DOCTOR \\(HERNIATED\\_DISC\\)");
    }

    @Test
    void anUnknownConditionCodeIsANoteNotAnError() throws Exception {
        List<JsonNode> cards = book("unknown-condition-code.json");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).isEqualTo("Booking fits the advised 7-14 days; 1 item to review");
        String detail = card.get("detail").asText();
        // The client-supplied display is escaped: no emphasis, no HTML.
        assertThat(detail).contains("Mystery \\*condition\\* \\<b\\>bold\\</b\\>", "999999999", "not in terminology\\.yaml");
        assertThat(detail).doesNotContain("<b>");
    }

    @Test
    void twoProposedAppointmentsAreCheckedInDateOrderAgainstEachOther() throws Exception {
        // Chronic pain deep tissue: 3-7 days. Last 2026-11-28; first booking 2026-12-02 (4 days, fine);
        // second 2026-12-04 is 2 days after the first booking: earliest 2026-12-05.
        List<JsonNode> cards = book("two-proposed-appointments.json");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText())
                .isEqualTo("Booked 2 days after deep tissue massage booked for 2026-12-02; earliest suitable date 2026-12-05");
        JsonNode resource = card.get("suggestions").get(0).get("actions").get(0).get("resource");
        assertThat(resource.get("id").asText()).isEqualTo("apt-second");
        assertThat(resource.get("start").asText()).isEqualTo("2026-12-05T10:00:00+01:00");
    }

    @Test
    void patientViewGivesTheIntervalAndWindowThenOneCardPerWarning() throws Exception {
        // No appointment reason: relaxation assumed, 7-14 days; sore after the last session: +2 on the minimum, 9-14.
        // Deep tissue on 2026-11-26: next window 2026-12-05 to 2026-12-10. ALLOW_RECOVERY is an info warning.
        List<JsonNode> cards = cards(post("/cds-services/massage-advice", fixture("patient-view-sore-after-deep-tissue.json")));
        assertThat(cards).extracting(c -> c.get("summary").asText()).containsExactly(
                "Leave 9-14 days between back massages; next window 2026-12-05 to 2026-12-10",
                "You were sore after the last session: let your muscles recover before booking the next one.");
        assertThat(cards).extracting(c -> c.get("indicator").asText()).containsExactly("info", "info");
        assertThat(cards.get(0).get("detail").asText()).contains("**Tips**", "goal RELAXATION");
    }

    @Test
    void missingPrefetchIsFetchedFromTheFhirServerWithTheBearerToken() throws Exception {
        // The stub has deep tissue on 2026-12-01 and apixaban (RxNorm 1364430): intense massage on blood thinners is a
        // referral; warnings most severe first: light pressure (critical for blood thinners), then see a doctor (warning).
        String request = fixture("missing-prefetch-with-fhir-server.json").replace("{{fhirServer}}",
                "http://127.0.0.1:" + fhirStub.getAddress().getPort() + "/fhir");
        List<JsonNode> cards = cards(post("/cds-services/massage-advice", request));
        assertThat(cards).extracting(c -> c.get("summary").asText()).first().isEqualTo("See a professional before the next back massage");
        assertThat(cards).extracting(c -> c.get("indicator").asText()).containsExactly("critical", "critical", "warning");
        assertThat(cards.get(0).get("detail").asText()).contains("**Warnings**", "GENTLE\\_PRESSURE\\_ADVISED \\(ANTICOAGULANTS\\)");
        assertThat(stubRequests).anyMatch(u -> u.startsWith("/fhir/Patient/p17"));
        assertThat(stubRequests).anyMatch(u -> u.startsWith("/fhir/MedicationRequest?patient=p17&status=active"));
    }

    @Test
    void aWrongTokenAtTheFhirServerIs412() throws Exception {
        String request = fixture("missing-prefetch-with-fhir-server.json")
                .replace("{{fhirServer}}", "http://127.0.0.1:" + fhirStub.getAddress().getPort() + "/fhir")
                .replace(STUB_TOKEN, "wrong-token");
        Answer a = post("/cds-services/massage-advice", request);
        assertThat(a.status()).isEqualTo(412);
        assertThat(a.body().get("detail").asText()).contains("HTTP 401");
    }

    @Test
    void missingPrefetchWithoutAFhirServerIs412() throws Exception {
        Answer a = post("/cds-services/massage-interval", fixture("missing-prefetch-without-fhir-server.json"));
        assertThat(a.status()).isEqualTo(412);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().get("detail").asText()).contains("patient, conditions, procedures, appointments are missing");
        assertThat(a.body().toString()).doesNotContain("at org.");
    }

    @Test
    void malformedRequestsAre400WithoutAStackTrace() throws Exception {
        List<String> bodies = List.of("not json", "[]", "{\"hook\":\"appointment-book\"}",
                "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p17\"}}",
                fixture("fine.json").replace("\"resourceType\": \"Appointment\"", "\"resourceType\": \"Nonsense\""),
                fixture("fine.json").replace("\"patientId\": \"p17\"", "\"patientId\": \"../../etc/passwd\""));
        for (String body : bodies) {
            Answer a = post("/cds-services/massage-interval", body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.body().get("status").asInt()).isEqualTo(400);
            assertThat(a.body().toString()).doesNotContain("Exception", "\tat ");
        }
        assertThat(post("/cds-services/no-such-service", fixture("fine.json")).status()).isEqualTo(404);
    }

    @Test
    void aFhirServerMustBeAnHttpBaseUrlAndABodyIsBounded() throws Exception {
        String fetch = fixture("missing-prefetch-with-fhir-server.json");
        for (String server : List.of("file:///etc/passwd", "http://user:secret@127.0.0.1/fhir", "http://127.0.0.1/fhir?x=1", "gopher://127.0.0.1")) {
            Answer a = post("/cds-services/massage-advice", fetch.replace("{{fhirServer}}", server));
            assertThat(a.status()).as(server).isEqualTo(400);
            assertThat(a.body().get("detail").asText()).contains("fhirServer");
        }
        Answer noServer = post("/cds-services/massage-advice", fetch.replace("\"fhirServer\": \"{{fhirServer}}\",", ""));
        assertThat(noServer.status()).isEqualTo(400);
        assertThat(noServer.body().get("detail").asText()).contains("'fhirServer' is required when 'fhirAuthorization' is given");
        String huge = "{\"hook\":\"" + "x".repeat((int) CdsHooksRoutes.MAX_BODY_BYTES) + "\"}";
        // Again and again: the client must read the 413 every time, never a connection closed while it still sends.
        for (int i = 0; i < 20; i++) {
            assertThat(post("/cds-services/massage-interval", huge).status()).isEqualTo(413);
        }
    }

    @Test
    void anUnreadableStartIsNotCheckedAndTheCardSaysSo() throws Exception {
        // Bad FHIR content is not an error: HAPI drops the malformed element and the card says what could not be checked.
        List<JsonNode> cards = cards(post("/cds-services/massage-interval",
                fixture("fine.json").replace("\"start\": \"2026-12-04T10:00:00+01:00\"", "\"start\": {\"x\": 1}")));
        assertThat(cards).extracting(c -> c.get("summary").asText()).containsExactly("Not checked: Appointment/apt-new has no start date");
    }

    @Test
    void feedbackIsLoggedInTheSameChainAsTheDecision() throws Exception {
        JsonNode card = book("too-soon-after-deep-tissue.json").get(0);
        String suggestion = card.get("suggestions").get(0).get("uuid").asText();
        String accepted = """
                {"feedback":[{"card":"%s","outcome":"accepted","acceptedSuggestions":[{"id":"%s"}],"outcomeTimestamp":"2026-12-04T10:05:31Z"}]}
                """.formatted(card.get("uuid").asText(), suggestion);
        Answer a = post("/cds-services/massage-interval/feedback", accepted);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("logged").asInt()).isEqualTo(1);
        String overridden = """
                {"feedback":[{"card":"%s","outcome":"overridden","overrideReason":{"reason":{"system":"%s","code":"therapist-advised"},
                "userComment":"Discussed with the client"},"outcomeTimestamp":"2026-12-04T10:06:00Z"}]}
                """.formatted(card.get("uuid").asText(), CdsService.OVERRIDE_SYSTEM);
        assertThat(post("/cds-services/massage-interval/feedback", overridden).status()).isEqualTo(200);
        assertThat(post("/cds-services/massage-interval/feedback", "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"maybe\"}]}").status())
                .isEqualTo(400);

        List<String> lines = Files.readAllLines(audit.file());
        JsonNode feedback = MAPPER.readTree(lines.get(lines.size() - 1));
        JsonNode first = MAPPER.readTree(lines.get(lines.size() - 2));
        JsonNode decision = MAPPER.readTree(lines.get(lines.size() - 3));
        assertThat(first.get("kind").asText()).isEqualTo("feedback");
        assertThat(first.get("outcome").asText()).isEqualTo("accepted");
        assertThat(first.get("decision").asText()).isNotEqualTo(decision.get("decision").asText());
        assertThat(first.get("card").asText()).isEqualTo(card.get("uuid").asText());
        assertThat(first.get("acceptedSuggestions").get(0).asText()).isEqualTo(suggestion);
        assertThat(feedback.get("forSeq").asLong()).isEqualTo(decision.get("seq").asLong());
        assertThat(first.get("forDecision").asText()).isEqualTo(decision.get("decision").asText());
        assertThat(feedback.get("overrideReason").get("code").asText()).isEqualTo("therapist-advised");
        assertThat(feedback.get("userComment").asText()).isEqualTo("Discussed with the client");
        assertThat(AuditVerifier.verify(audit.file()).intact()).isTrue();
    }
}
