package org.massageadvisor.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;

/**
 * A temp copy of the shipped rules and scenarios to plant defects in. Without the precautions
 * worked example (its four condition terms multiply the input space by 16), so that each full-space
 * verification in a unit test takes seconds: 4 goals x 5 types x 4 body-response subsets x 8
 * condition subsets x 4 activity levels x 2 x 2 flags x 3 week buckets x 3 trends = 92,160 profiles.
 */
final class RulesFixture {

    /** The precaution terms beyond the guidance (and their subjects' indicator lines), left out of the fixture's vocabulary. */
    static final List<String> PRECAUTION_TERMS = List.of("BLOOD_CLOT", "ANTICOAGULANTS", "FEVER", "PREGNANCY",
            "HIGH_RISK_PREGNANCY", "SADDLE_NUMBNESS", "BLADDER_BOWEL_CHANGE", "LEG_WEAKNESS", "UNEXPLAINED_WEIGHT_LOSS",
            "CANCER_TREATMENT", "RECENT_SURGERY", "RECENT_FRACTURE", "BLEEDING_DISORDER", "SKIN_INFECTION",
            "PRENATAL_THERAPIST_ADVISED", "FRAILTY_PRECAUTION");

    static final String INVARIANTS = """
            invariants:
              - name: Intense massage sessions are at least 48 to 72 hours apart
                when: { massageType: intense }
                expect:
                  interval: { minDays: { atLeast: 2 }, maxDays: { atLeast: 3 } }

              - name: Injury recovery without medical approval is referred
                when: { goal: INJURY_RECOVERY, medicalApproval: false }
                expect:
                  status: REFER
                  warnings: [MEDICAL_APPROVAL_REQUIRED]

              - name: Every health condition is named in a CONSULT_DOCTOR warning
                when: { conditions: { contains: $X } }
                expect:
                  warnings: [{ code: CONSULT_DOCTOR, subject: $X }]
            """;

    final Path rules;
    final Path scenarios;

    private RulesFixture(Path root) {
        this.rules = root.resolve("rules");
        this.scenarios = root.resolve("scenarios");
    }

    static RulesFixture copy(Path root) {
        RulesFixture f = new RulesFixture(root);
        try {
            RuleFolders.copyShippedAsDrl(f.rules);
            RuleFolders.copyTree(TestRules.SCENARIOS, f.scenarios);
            for (String concern : List.of("precautions", "red-flags", "age-precautions")) {
                Files.delete(f.rules.resolve(concern + ".drl"));
            }
            for (String folder : List.of("precautions", "red-flags", "age-precautions")) {
                deleteTree(f.scenarios.resolve(folder));
            }
            // The terminology maps codes to the precaution terms removed below; this fixture is about the rules.
            Files.deleteIfExists(f.rules.resolve("terminology.yaml"));
            Path vocabulary = f.rules.resolve("vocabulary.yaml");
            List<String> kept = Files.readAllLines(vocabulary).stream()
                    .filter(line -> PRECAUTION_TERMS.stream().noneMatch(t -> line.trim().startsWith(t + ":")))
                    .toList();
            Files.write(vocabulary, kept);
            Files.writeString(f.rules.resolve("invariants.yaml"), INVARIANTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** Replaces the one occurrence of {@code from} in a rule file. */
    void edit(String file, String from, String to) {
        try {
            Path p = rules.resolve(file);
            String text = Files.readString(p);
            if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
                throw new IllegalArgumentException("expected exactly one (" + from + ") in " + p);
            }
            Files.writeString(p, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line containing {@code text} in a rule file. */
    int lineOf(String file, String text) {
        try {
            List<String> lines = Files.readAllLines(rules.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("no (" + text + ") in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
