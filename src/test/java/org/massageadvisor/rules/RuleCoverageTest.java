package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massageadvisor.TestRules;
import org.massageadvisor.engine.NotFiredAnalysis;
import org.massageadvisor.engine.RuleInfo;

/**
 * Each concern (DRL file or decision table) with a test class here has a test for every rule in it, and no test names a rule that
 * is gone: the rule names the test class holds as constants match the file's rules exactly.
 */
class RuleCoverageTest {

    @ParameterizedTest
    @ValueSource(classes = {GoalRangesTest.class, TreatmentProgressTest.class, InjuryRecoveryTest.class,
            MassageIntensityTest.class, BodyResponseTest.class, HealthConditionsTest.class, ActivityLevelTest.class,
            SafetyFloorsTest.class, SelfCareTipsTest.class, PrecautionsTest.class, RedFlagsTest.class, AgePrecautionsTest.class})
    void everyRuleOfTheFileHasATestAndEveryTestedRuleExists(Class<?> testClass) throws IllegalAccessException {
        // A concern is a DRL file, a decision table, or both (massage-intensity.drl and massage-intensity.csv).
        String file = kebab(testClass.getSimpleName().replaceFirst("Test$", ""));
        Set<String> inFile = new TreeSet<>();
        for (RuleInfo rule : TestRules.evaluator().ruleBase().rules().values()) {
            if (file.equals(NotFiredAnalysis.concern(rule.file()))) {
                inFile.add(rule.name());
            }
        }
        Set<String> tested = new TreeSet<>();
        for (Field f : testClass.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                tested.add((String) f.get(null));
            }
        }
        assertThat(inFile).as("rules in %s", file).isNotEmpty();
        assertThat(tested).as("rule names %s tests", testClass.getSimpleName()).containsExactlyInAnyOrderElementsOf(inFile);
    }

    /** GoalRanges -> goal-ranges. */
    static String kebab(String pascal) {
        return pascal.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
