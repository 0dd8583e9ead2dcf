package org.massageadvisor.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.cli.AdvisorCommand;

/** `advisor check` on a temp copy of the rules with one defect planted in each test. */
class CheckCommandTest {

    /** A rule no shipped scenario can fire: no scenario is 100 weeks into treatment. */
    static final String UNCOVERED_RULE = """
            rule "Worsening symptoms call for a therapist's review"
                @source("planted") @description("planted") @evidence("none") @reviewed("2026-11-24")
            when
                Client( weeksInTreatment >= 100 )
            then
                insert( new Tip( "CONSULT_THERAPIST", "Ask your therapist to review the plan." ) );
            end

            """;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run check(RulesFixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--rules", f.rules.toString(), "--scenarios", f.scenarios.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String PLAIN_CHRONIC_DEEP_TISSUE_ATHLETE = "profile: {goal: CHRONIC_PAIN, massageType: DEEP_TISSUE,"
            + " bodyResponse: [], conditions: [], activityLevel: ATHLETE, medicalApproval: false, guidedByTherapist: false,"
            + " weeksInTreatment: 0, symptomTrend: STABLE}";
    private static final String PLAIN_CHRONIC_DEEP_TISSUE_SEDENTARY = PLAIN_CHRONIC_DEEP_TISSUE_ATHLETE.replace("ATHLETE", "SEDENTARY");

    @Test
    void theUnchangedRulesPassEveryStepOverTheWholeSpace() {
        Run run = check(RulesFixture.copy(tmp));
        assertThat(run.code()).as(run.out()).isZero();
        // 4 goals x 3 type classes (DEEP_TISSUE, SPORTS|TRIGGER_POINT, SWEDISH|RELAXATION) x 4 x 8 subsets
        // x 3 activity classes (SEDENTARY|MODERATE, ATHLETE, PHYSICAL_JOB) x 2 x 2 flags x 2 weeks (0, 4) x 3 trends
        // x 1 age (no rule reads it in the fixture) = 27648.
        // Three invariants; the "$X" one stands for one per condition term (3 in the fixture): 5 checked.
        assertThat(run.out()).contains("5 invariants over 27648 profiles (every subset of the 3 conditions")
                .contains("0 violated, 0 gap profiles, 0 conflicts")
                .contains("weeksInTreatment [0, 4]")
                .contains("massageType (classes [DEEP_TISSUE, SPORTS|TRIGGER_POINT, SWEDISH|RELAXATION])")
                .contains("coverage   ok       28 of 28 rules fire in some scenario")
                .endsWith("check: ok" + System.lineSeparator());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileLineAndColumnAndExitCode3() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("goal-ranges.drl", "Client( goal == \"RELAXATION\" )", "Client( goal == \"RELAXATION\" ))");
        int line = f.lineOf("goal-ranges.drl", "Client( goal == \"RELAXATION\" ))");
        Run run = check(f);
        assertThat(run.code()).isEqualTo(3);
        // Four spaces, then "Client( goal == "RELAXATION" )" takes columns 5-34: the stray ')' is column 35.
        assertThat(run.out()).contains("compile    failed").contains(f.rules.resolve("goal-ranges.drl") + ":" + line + ":35: mismatched input ')'")
                .contains("lint       skipped");
    }

    @Test
    void aMisspeltTermInADrlLiteralIsLintedWithASuggestionAndTheInvariantCatchesIt() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("health-conditions.drl", "conditions contains \"HERNIATED_DISC\"", "conditions contains \"HERNIATED_DSIC\"");
        int line = f.lineOf("health-conditions.drl", "HERNIATED_DSIC");
        Run run = check(f);
        assertThat(run.code()).isEqualTo(1);
        // "    Client( conditions contains " is 32 characters: the literal's quote is column 33.
        assertThat(run.out()).contains("error: " + f.rules.resolve("health-conditions.drl") + ":" + line
                + ":33: term (HERNIATED_DSIC) is not in vocabulary.yaml; did you mean HERNIATED_DISC?");
        // Without the rule, no herniated disc gets its warning: half of all profiles have one.
        assertThat(run.out()).contains("invariant \"Every health condition is named in a CONSULT_DOCTOR warning [$X=HERNIATED_DISC]\""
                + " (when conditions contains HERNIATED_DISC) is violated for 13824 profiles");
    }

    @Test
    void aRuleThatLetsDeepTissueComeBackAfterOneDayViolatesTheIntenseInvariant() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("safety-floors.drl", "new Floor( 3, 4 )", "new Floor( 1, 4 )");
        f.edit("massage-intensity.drl", "new Floor( 3, 7 )", "new Floor( 1, 7 )");
        f.edit("massage-intensity.drl", "rule \"Deep tissue may need up to a week of recovery\"", """
                rule "Deep tissue regulars may come back sooner"
                    @source("planted defect") @description("planted") @evidence("none") @reviewed("2026-11-24")
                    salience 20
                when
                    Client( massageType == "DEEP_TISSUE" )
                then
                    insert( new Adjustment( -2, 0 ) );
                end

                rule "Deep tissue may need up to a week of recovery\"""");
        Run run = check(f);
        assertThat(run.code()).isEqualTo(1);
        // minDays < 2 with deep tissue and the planted -2, without soreness (recovery +2 would lift it back):
        // chronic pain at the start (3 - 2 = 1): 3 activity classes x 4 flag pairs x (6 - 1 easing) week/trend
        // pairs x 8 condition subsets = 480; approved, guided injury recovery (2 - 2 = 0, floored to 1):
        // 3 activity classes x 6 week/trend pairs x 8 subsets = 144; 624 in all. The plainest is sedentary.
        assertThat(run.out()).contains("invariant \"Intense massage sessions are at least 48 to 72 hours apart\""
                + " (when massageType is intense) is violated for 624 profiles; the smallest:")
                .contains(PLAIN_CHRONIC_DEEP_TISSUE_SEDENTARY)
                .contains("\"Deep tissue regulars may come back sooner\"")
                .contains("minDays: expected at least 2, got 1");
    }

    @Test
    void aDeletedBaseRangeRuleLeavesAGap() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("goal-ranges.drl", """
                rule "Maintenance calls for a session once or twice a month"
                    @source("General Guidelines: maintenance and overall wellness")
                    @description("Keeping tension from building up takes a session every 14 to 30 days.")
                    @evidence("guidance")
                    @reviewed("2026-11-24")
                    salience 30
                when
                    Client( goal == "MAINTENANCE" )
                then
                    insert( new BaseRange( 14, 30 ) );
                end
                """, "");
        Run run = check(f);
        assertThat(run.code()).isEqualTo(1);
        // Every maintenance profile (a quarter of 27648) gets neither a base range nor a referral.
        assertThat(run.out()).contains("gap: 6912 profiles get no base range and no referral (so no interval); the smallest:")
                .contains("profile: {goal: MAINTENANCE, massageType: DEEP_TISSUE, bodyResponse: [], conditions: [],"
                        + " activityLevel: SEDENTARY, medicalApproval: false, guidedByTherapist: false, weeksInTreatment: 0,"
                        + " symptomTrend: STABLE}");
    }

    @Test
    void twoRulesGivingOneClientDifferentBaseRangesAreAConflict() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("goal-ranges.drl", "rule \"Maintenance calls for", """
                rule "Athletes relax every five to ten days"
                    @source("planted defect") @description("planted") @evidence("none") @reviewed("2026-11-24")
                    salience 30
                when
                    Client( goal == "RELAXATION", activityLevel == "ATHLETE" )
                then
                    insert( new BaseRange( 5, 10 ) );
                end

                rule "Maintenance calls for""");
        Run run = check(f, "--allow-uncovered");
        assertThat(run.code()).isEqualTo(1);
        // Every relaxing athlete: 27648 / 4 goals / 3 activity classes = 2304 profiles.
        assertThat(run.out()).contains("conflict: rules \"Athletes relax every five to ten days\" (base range 5-10 days) and"
                        + " \"Relaxation calls for a session every one to two weeks\" (base range 7-14 days, ")
                .contains("both fire for 2304 profiles")
                .contains("profile: {goal: RELAXATION, massageType: DEEP_TISSUE, bodyResponse: [], conditions: [],"
                        + " activityLevel: ATHLETE,");
    }

    @Test
    void aRuleNoScenarioFiresFailsCoverageUnlessAllowed() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("self-care-tips.drl", "rule \"Clients without a therapist", UNCOVERED_RULE + "rule \"Clients without a therapist");
        int line = f.lineOf("self-care-tips.drl", "rule \"Worsening symptoms");
        Run run = check(f, "--skip-verification");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("coverage   failed   28 of 29 rules fire in some scenario")
                .contains("error: " + f.rules.resolve("self-care-tips.drl") + ":" + line
                        + ": rule \"Worsening symptoms call for a therapist's review\" fires in no scenario");
        Run allowed = check(f, "--skip-verification", "--allow-uncovered");
        assertThat(allowed.code()).as(allowed.out()).isZero();
        assertThat(allowed.out()).contains("warning: " + f.rules.resolve("self-care-tips.drl") + ":" + line);
    }

    @Test
    void testWithCoverageCountsTheScenariosEachRuleFiredInAndFlagsTheNeverFired() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("self-care-tips.drl", "rule \"Clients without a therapist", UNCOVERED_RULE + "rule \"Clients without a therapist");
        StringWriter out = new StringWriter();
        int code = AdvisorCommand.run(new String[] {"test", "--rules", f.rules.toString(), "--coverage", f.scenarios.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        String text = out.toString();
        // Expected counts read off the scenario files themselves, not the engine: every client gets the
        // listen-to-your-body tip, those not guided by a therapist the therapist tip, maintenance clients
        // the maintenance range.
        List<String> yaml = scenarioTexts(f.scenarios);
        long all = yaml.size();
        // A referred client gets no tips.
        long listening = yaml.stream().filter(y -> !y.matches("(?s).*status: REFER.*")).count();
        long unguided = yaml.stream().filter(y -> !y.matches("(?s).*guidedByTherapist: true.*") && !y.matches("(?s).*status: REFER.*")).count();
        long maintenance = yaml.stream().filter(y -> y.matches("(?is).*goal: maintenance.*")).count();
        assertThat(text).contains(String.format("%5d  Every client is told to listen to their body  ", listening) + f.rules.resolve("self-care-tips.drl") + ":"
                        + f.lineOf("self-care-tips.drl", "rule \"Every client is told"))
                .contains(String.format("%5d  Clients without a therapist are advised to get a personal plan from one", unguided))
                .contains(String.format("%5d  Maintenance calls for a session once or twice a month", maintenance))
                .contains("    0  Worsening symptoms call for a therapist's review  " + f.rules.resolve("self-care-tips.drl")
                        + ":" + f.lineOf("self-care-tips.drl", "rule \"Worsening") + "  UNCOVERED")
                .contains("28 of 29 rules fired in some scenario; 1 never fired")
                .endsWith(all + " passed, 0 failed" + System.lineSeparator());
    }

    @Test
    void profilesOnWhichARuleThrowsAreReportedNotCrashedOn() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("goal-ranges.drl", "rule \"Maintenance calls for", """
                rule "Approved athletes break the rules"
                    @source("planted defect") @description("planted") @evidence("none") @reviewed("2026-11-24")
                when
                    Client( goal == "MAINTENANCE", activityLevel == "ATHLETE", medicalApproval )
                then
                    throw new IllegalStateException("planted");
                end

                rule "Maintenance calls for""");
        Run run = check(f, "--allow-uncovered");
        assertThat(run.code()).isEqualTo(1);
        // Maintenance x athlete x approved: 27648 / 4 / 3 / 2 = 1152 profiles.
        assertThat(run.out()).contains("1152 profiles cannot be evaluated; the smallest:")
                .contains("profile: {goal: MAINTENANCE, massageType: DEEP_TISSUE, bodyResponse: [], conditions: [],"
                        + " activityLevel: ATHLETE, medicalApproval: true, guidedByTherapist: false, weeksInTreatment: 0,"
                        + " symptomTrend: STABLE}")
                .contains("a rule failed: ");
    }

    @Test
    void aRuleMissingMetadataIsLinted() {
        RulesFixture f = RulesFixture.copy(tmp);
        f.edit("goal-ranges.drl", "    @reviewed(\"2026-11-24\")\n    salience 30\nwhen\n    Client( goal == \"RELAXATION\" )",
                "    salience 30\nwhen\n    Client( goal == \"RELAXATION\" )");
        int line = f.lineOf("goal-ranges.drl", "rule \"Relaxation calls");
        Run run = check(f, "--skip-verification");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(f.rules.resolve("goal-ranges.drl") + ":" + line
                + ": rule \"Relaxation calls for a session every one to two weeks\" has no @reviewed");
    }

    @Test
    void aRuleNameUsedAgainInAnotherPackageIsLinted() throws Exception {
        // In one package Drools itself refuses a duplicate name (a compile error); across packages only lint sees it.
        RulesFixture f = RulesFixture.copy(tmp);
        java.nio.file.Files.writeString(f.rules.resolve("zz-extra.drl"), """
                package org.massageadvisor.extra;

                import org.massageadvisor.client.Client;
                import org.massageadvisor.facts.*;

                rule "A herniated disc needs a doctor's advice"
                    @source("x") @description("x") @evidence("x") @reviewed("2026-11-24")
                when
                    Client( conditions contains "HERNIATED_DISC" )
                then
                    insert( new Warning( "CONSULT_DOCTOR", "HERNIATED_DISC", "again" ) );
                end
                """);
        Run run = check(f, "--skip-verification", "--allow-uncovered");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("error: " + f.rules.resolve("zz-extra.drl") + ":6: rule name (A herniated disc needs a"
                + " doctor's advice) is already used at " + f.rules.resolve("health-conditions.drl") + ":"
                + f.lineOf("health-conditions.drl", "rule \"A herniated disc"));
    }

    @Test
    void jsonReportsEveryStepInOrderWithTheExitCode() throws Exception {
        Run run = check(RulesFixture.copy(tmp), "--skip-verification", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("ok").asBoolean()).isTrue();
        List<String> stages = new ArrayList<>();
        json.get("stages").forEach(s -> stages.add(s.get("name").asText() + "=" + s.get("status").asText()));
        assertThat(stages).containsExactly("compile=ok", "lint=ok", "verify=skipped", "scenarios=ok", "coverage=ok");
    }

    private static List<String> scenarioTexts(Path dir) {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).map(p -> {
                try {
                    return java.nio.file.Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
