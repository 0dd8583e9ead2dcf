package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Vocabulary;

/** What a rule may contain: each refusal with its file, line, column, rule and the expression. */
class RuleAllowlistTest {

    @TempDir
    Path tmp;

    /** A rule file with one planted line in the consequence (line 13, from column 5) and, optionally, a constraint (line 10, column 23). */
    static String planted(String header, String condition, String consequence) {
        return """
                package org.massageadvisor.rules;

                import org.massageadvisor.client.Client;
                import org.massageadvisor.facts.*;
                global org.massageadvisor.facts.Conclusions conclusions;
                %s
                rule "Planted"
                    @source("planted") @description("planted") @evidence("none") @reviewed("2026-11-24")
                when
                    $client : Client( %s )
                then
                    conclusions.add( new Tip( "LISTEN_TO_BODY", "Listen to your body." ) );
                    %s
                end
                """.formatted(header, condition, consequence);
    }

    private List<RuleProblem> check(String drl) {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("planted.drl"), drl);
        return RuleAllowlist.check(RuleFiles.read(rules));
    }

    private String only(String drl) {
        List<RuleProblem> problems = check(drl);
        assertThat(problems).hasSize(1);
        String file = tmp.resolve("rules").resolve("planted.drl").toString();
        assertThat(problems.get(0).file()).isEqualTo(file);
        return problems.get(0).toString().substring(file.length());
    }

    @Test
    void theShippedRulesAreAllowed() {
        assertThat(RuleAllowlist.check(RuleFiles.read(TestRules.RULES))).isEmpty();
    }

    @Test
    void conclusionsWithLiteralsBoundVariablesAndConcatenationAreAllowed() {
        assertThat(check(planted("declare Seen\n    client : Client\nend\n", "$goal : goal",
                "conclusions.add( new Warning( \"CONSULT_DOCTOR\", $goal, \"Goal \" + $goal + \", \" + (-1) ) ); "
                        + "insertLogical( new Seen( $client ) ); conclusions.add( new org.massageadvisor.facts.Adjustment( -1, +2 ) );")))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exec             | Runtime.getRuntime().exec( "touch /tmp/x" );                    | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (Runtime.getRuntime().exec("touch /tmp/x"))
            file write       | java.nio.file.Files.writeString( java.nio.file.Path.of( "x" ), "x" ); | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (java.nio.file.Files.writeString(java.nio.file.Path.of("x"), "x"))
            exit             | System.exit( 0 );                                               | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (System.exit(0))
            reflection       | Class.forName( "java.lang.Runtime" );                           | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (Class.forName("java.lang.Runtime"))
            thread           | new Thread( () -> { } ).start();                                | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (new Thread(() -> { }).start())
            endless loop     | while ( true ) { }                                              | :13:5: rule "Planted": a loop is not allowed: a consequence may only conclude (while (true) { })
            sleep            | Thread.sleep( 60000 );                                          | :13:5: rule "Planted": only conclusions.add( new ... ) and insertLogical( new ... ) may be called (Thread.sleep(60000))
            variable         | int days = 3;                                                   | :13:5: rule "Planted": this expression is not allowed: a consequence may only conclude (int days = 3;)
            not a conclusion | conclusions.add( new java.io.File( "x" ) );                     | :13:22: rule "Planted": java.io.File is not a conclusion (conclusions.add takes a Warning, Tip, BaseRange, Adjustment, Floor or Referral) (new java.io.File("x"))
            call in argument | conclusions.add( new Tip( "X", System.getenv( "HOME" ) ) );     | :13:36: rule "Planted": an argument may only be a literal, a variable bound in the conditions, or a + of them (System.getenv("HOME"))
            unbound name     | conclusions.add( new Tip( "X", drools.getRule().getName() ) );  | :13:36: rule "Planted": an argument may only be a literal, a variable bound in the conditions, or a + of them (drools.getRule().getName())
            old style        | insert( new Warning( "CONSULT_DOCTOR", null, "x" ) );           | :13:13: rule "Planted": Warning is a conclusion: record it with conclusions.add( new Warning( ... ) ) (new Warning("CONSULT_DOCTOR", null, "x"))
            undeclared       | insertLogical( new StringBuilder( "x" ) );                      | :13:20: rule "Planted": StringBuilder is not a type the rules declare; insertLogical only establishes derived facts (declare StringBuilder ... end) (new StringBuilder("x"))
            anonymous class  | conclusions.add( new Tip( "X", "y" ) { } );                     | :13:5: rule "Planted": add takes one new Type( ... ) (conclusions.add(new Tip("X", "y") { }))
            """)
    void aConsequenceThatDoesMoreThanConcludeIsRefusedAtItsLineAndColumn(String what, String code, String expected) {
        assertThat(only(planted("", "", code))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            method call    | goal == Runtime.getRuntime().toString()  | :10:31: rule "Planted": a condition may not refer to a class (Runtime) (goal == Runtime.getRuntime().toString())
            static field   | goal == java.io.File.separator           | :10:39: rule "Planted": a condition may not refer to a class (File) (goal == java.io.File.separator)
            call on field  | goal.toString() == "X"                   | :10:28: rule "Planted": a condition may only call isEmpty(), size(), contains(), length() or equals() on a field, not toString(...) (goal.toString() == "X")
            regex          | goal matches "(a+)+b"                    | :10:28: rule "Planted": matches is not allowed in a condition (pattern matching can take unbounded time); compare with == or contains (goal matches "(a+)+b")
            changes a fact | conditions.add( "X" ).isEmpty()         | :10:34: rule "Planted": a condition may only call isEmpty(), size(), contains(), length() or equals() on a field, not add(...) (conditions.add( "X" ).isEmpty())
            """)
    void aConditionThatDoesMoreThanCompareIsRefused(String what, String condition, String expected) {
        assertThat(only(planted("", condition, ""))).isEqualTo(expected);
    }

    @Test
    void evalFromAndConclusionPatternsAreRefused() {
        String drl = planted("", "", "").replace("    $client : Client(  )\n", """
                    $client : Client(  )
                    eval( $client.goal().length() > 0 )
                    $t : MassageType() from $client.massageType()
                    Warning()
                """);
        assertThat(check(drl)).extracting(RuleProblem::toString).map(s -> s.substring(s.indexOf(".drl") + 4)).containsExactly(
                ":11:5: rule \"Planted\": eval is not allowed in a condition; write it as a pattern constraint ($client.goal().length() > 0)",
                ":12:5: rule \"Planted\": from, accumulate, collect and entry points are not allowed (from $client.massageType())",
                ":13:5: rule \"Planted\": Warning is a conclusion, not a fact: no rule can match it (derive a fact with declare and insertLogical instead)");
    }

    @Test
    void importsGlobalsFunctionsAndTheMvelDialectAreRefused() {
        String drl = planted("""
                import java.io.File;
                global java.util.List sink;
                function String shout(String s) { return s.toUpperCase(); }
                """, "", "").replace("when\n", "    dialect \"mvel\"\nwhen\n");
        assertThat(check(drl)).extracting(RuleProblem::toString).map(s -> s.substring(s.indexOf(".drl") + 4)).containsExactly(
                ":6:1: import java.io.File is not allowed (only org.massageadvisor.client.*, org.massageadvisor.facts.* and"
                        + " java.lang/java.util value types such as String and List)",
                ":7:1: global java.util.List sink is not allowed (the only global is: global org.massageadvisor.facts.Conclusions conclusions;)",
                ":8:1: function shout is not allowed: rules may only conclude (write the test as a condition)",
                ":12:13: rule \"Planted\": dialect \"mvel\" is not allowed: consequences are Java (dialect \"java\")");
    }

    @Test
    void aRefusedFolderIsNeverCompiled() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("planted.drl"), planted("", "", "System.exit( 0 );"));
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleRefusedException.class)
                .hasMessage(rules.resolve("planted.drl") + ":13:5: rule \"Planted\": only conclusions.add( new ... ) and"
                        + " insertLogical( new ... ) may be called (System.exit(0))");
    }

    /** Second line of defence: with the parser's check skipped, what it would have refused does not link. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exec       | Runtime.getRuntime().exec( "touch /tmp/x" );                         | Runtime
            file write | java.nio.file.Files.writeString( java.nio.file.Path.of( "x" ), "x" ); | java.nio
            exit       | System.exit( 0 );                                                    | System
            thread     | new Thread( () -> { } ).start();                                     | Thread
            sleep      | Thread.sleep( 60000 );                                               | Thread
            reflection | Class.forName( "x" ).getMethod( "y" );                               | missing type Method
            """)
    void theClassLoaderRefusesWhatTheParserMissed(String what, String code, String unresolved) {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("planted.drl"), planted("", "", code));
        assertThatThrownBy(() -> RuleBase.compileLinkChecked(RuleFiles.read(rules), Vocabulary.load(rules.resolve(Vocabulary.FILE_NAME))))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("planted.drl")
                .hasMessageContaining(unresolved);
    }

    @Test
    void aClassLookupAtRunTimeOnlyFindsAllowedClasses() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("planted.drl"), planted("", "", "try { Class.forName( \"java.lang.Runtime\" ); }"
                + " catch ( ClassNotFoundException e ) { throw new IllegalStateException( \"refused: \" + e.getMessage() ); }"));
        Evaluator evaluator = new Evaluator(RuleBase.compileLinkChecked(RuleFiles.read(rules),
                Vocabulary.load(rules.resolve(Vocabulary.FILE_NAME))));
        assertThatThrownBy(() -> evaluator.evaluate(TestRules.client().build(), false))
                .isInstanceOf(RuleFailureException.class)
                .hasMessage("rule \"Planted\" failed: refused: java.lang.Runtime");
    }

    @Test
    void theClassAllowlist() {
        assertThat(RulesClassLoader.allowed("java.lang.String")).isTrue();
        assertThat(RulesClassLoader.allowed("java.util.ArrayList")).isTrue();
        assertThat(RulesClassLoader.allowed("org.massageadvisor.facts.Warning")).isTrue();
        assertThat(List.of("java.lang.Runtime", "java.lang.System", "java.lang.Thread", "java.lang.ProcessBuilder",
                "java.lang.ClassLoader", "java.lang.reflect.Method", "java.io.File", "java.nio.file.Files", "java.net.Socket",
                "java.util.Timer", "java.util.concurrent.Executors", "org.massageadvisor.cli.AdvisorCommand"))
                .allSatisfy(c -> assertThat(RulesClassLoader.allowed(c)).as(c).isFalse());
    }
}
