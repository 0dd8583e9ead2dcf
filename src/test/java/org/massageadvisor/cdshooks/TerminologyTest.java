package org.massageadvisor.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.check.Finding;
import org.massageadvisor.check.Linter;
import org.massageadvisor.client.Category;
import org.massageadvisor.engine.RuleBase;

/** The terminology file: lookups, its lint findings, and an edit taking effect on the next hook call. */
class TerminologyTest {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

    private static Terminology shipped() {
        return Terminology.parse(RuleFolders.read(TestRules.RULES.resolve(Terminology.FILE_NAME)), Terminology.FILE_NAME);
    }

    @Test
    void theShippedFileMapsSnomedAndIcd10CodesIncludingDescendants() {
        Terminology t = shipped();
        assertThat(t.term(Category.CONDITION, SNOMED, "128053003")).contains("BLOOD_CLOT");
        assertThat(t.term(Category.CONDITION, ICD10CM, "M51.26")).contains("HERNIATED_DISC");
        assertThat(t.term(Category.CONDITION, ICD10CM, "I82.401")).contains("BLOOD_CLOT");
        assertThat(t.term(Category.CONDITION, ICD10CM, "M51")).isEmpty();
        assertThat(t.term(Category.CONDITION, SNOMED, "1280530")).isEmpty();
        assertThat(t.term(Category.MASSAGE_TYPE, "http://www.ama-assn.org/go/cpt", "97140")).contains("DEEP_TISSUE");
        assertThat(t.problems(TestRules.evaluator().ruleBase().vocabulary())).isEmpty();
    }

    @Test
    void theShippedRulesLintClean() {
        List<Finding> findings = Linter.lint(TestRules.evaluator().ruleBase());
        assertThat(findings).noneMatch(f -> f.file() != null && f.file().endsWith(Terminology.FILE_NAME));
    }

    @Test
    void lintNamesUnknownTermsDuplicatesAndCodesInTwoTerms(@TempDir Path tmp) {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        Path file = rules.resolve(Terminology.FILE_NAME);
        RuleFolders.replace(file, "  OSTEOPOROSIS:\n", "  OSTEOPOROSSIS:\n    snomed: [\"1234\"]\n  OSTEOPOROSIS:\n");
        RuleFolders.replace(file, "snomed: [\"64859006\"]", "snomed: [\"64859006\", \"64859006\", \"128053003\"]");
        List<Finding> findings = Linter.lint(RuleBase.load(rules)).stream()
                .filter(f -> f.file() != null && f.file().endsWith(Terminology.FILE_NAME)).toList();
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("unknown conditions term (OSTEOPOROSSIS)"))
                .anySatisfy(m -> assertThat(m).startsWith("duplicate code (snomed 64859006) for OSTEOPOROSIS"))
                .anySatisfy(m -> assertThat(m).startsWith("code (snomed 128053003) is in two terms"));
        int line = List.of(RuleFolders.read(file).split("\n", -1)).indexOf("  OSTEOPOROSSIS:") + 1;
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.line()).isEqualTo(line + 1);
            assertThat(f.column()).isPositive();
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        });
    }

    @Test
    void aPrefixOverlappingACodeOfAnotherTermIsReported() {
        Terminology t = Terminology.parse("""
                systems: {icd10cm: "http://hl7.org/fhir/sid/icd-10-cm"}
                conditions:
                  HERNIATED_DISC: {icd10cm: ["M51*"]}
                  NERVE_ISSUE: {icd10cm: ["M51.1"]}
                """, "t.yaml");
        assertThat(t.problems()).filteredOn(p -> p.message().contains("two terms")).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("in two terms: NERVE_ISSUE here and HERNIATED_DISC (M51*)");
            assertThat(p.at().toString()).isEqualTo("t.yaml:4:27");
        });
    }

    @Test
    void aMissingDefaultIsReportedAndTheBuiltInOneUsed() {
        Terminology t = Terminology.parse("""
                systems: {snomed: "http://snomed.info/sct"}
                defaults: {goal: MAINTENANCE}
                """, "t.yaml");
        assertThat(t.defaults()).isEqualTo(new Terminology.Defaults("MAINTENANCE", "SWEDISH", "MODERATE"));
        assertThat(t.problems()).extracting(Terminology.Problem::message)
                .containsExactly("defaults.activityLevel is missing; MODERATE is assumed", "defaults.massageType is missing; SWEDISH is assumed");
    }

    @Test
    void aNewSnomedCodeAddedToTheFileIsUsedByTheNextRequestWithoutARebuild(@TempDir Path tmp) throws Exception {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        CdsService service = new CdsService(TestRules::evaluator, new TerminologySource(rules), null, "http://127.0.0.1:8080",
                Clock.systemUTC());
        Javalin app = Javalin.create(config -> CdsHooksRoutes.register(config, service)).start("127.0.0.1", 0);
        try {
            // The clinic records its herniated discs under a SNOMED CT code the shipped file does not list (202735001 here).
            String request = CdsHooksTest.fixture("no-massage-history.json")
                    .replace("\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\"", "\"system\": \"http://snomed.info/sct\"")
                    .replace("\"code\": \"M51.26\"", "\"code\": \"202735001\"");
            assertThat(request).contains("202735001");
            String before = detail(app, request);
            assertThat(before).contains("not in terminology\\.yaml").doesNotContain("HERNIATED\\_DISC");

            RuleFolders.replace(rules.resolve(Terminology.FILE_NAME), "snomed: [\"76107001\"]", "snomed: [\"76107001\", \"202735001\"]");
            String after = detail(app, request);
            assertThat(after).contains("CONSULT\\_DOCTOR \\(HERNIATED\\_DISC\\)").doesNotContain("not in terminology\\.yaml");
        } finally {
            app.stop();
        }
    }

    private static String detail(Javalin app, String request) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/cds-services/massage-interval")).POST(HttpRequest.BodyPublishers.ofString(request))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode cards = new ObjectMapper().readTree(r.body()).get("cards");
        return Optional.ofNullable(cards.get(0)).map(c -> c.get("detail").asText()).orElse("");
    }
}
