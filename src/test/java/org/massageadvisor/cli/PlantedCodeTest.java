package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;

/**
 * A rule file with code planted in a consequence: every command that loads rules refuses it with the
 * file, line and column and exit 3, and the code never runs (its marker file never appears; a planted
 * System.exit would end this test JVM, an endless loop or a sleep would hang it).
 */
class PlantedCodeTest {

    @TempDir
    Path tmp;

    /** The planted line of each consequence, with %s for the marker file's path. */
    static final List<String> PLANTS = List.of(
            "Runtime.getRuntime().exec( new String[] { \"touch\", \"%s\" } );",
            "java.nio.file.Files.writeString( java.nio.file.Path.of( \"%s\" ), \"ran\" );",
            "System.exit( 0 ); // %s",
            "Class.forName( \"java.lang.Runtime\" ).getMethod( \"exit\", int.class ).invoke( null, 0 ); // %s",
            "new Thread( () -> { try { java.nio.file.Files.createFile( java.nio.file.Path.of( \"%s\" ) ); } catch ( Exception e ) { } } ).start();",
            "while ( true ) { } // %s",
            "Thread.sleep( 600000 ); // %s");

    static final List<String> COMMANDS = List.of("evaluate", "batch", "test", "check", "watch", "audit replay");

    static Stream<Arguments> plantsByCommand() {
        return PLANTS.stream().flatMap(p -> COMMANDS.stream().map(c -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("plantsByCommand")
    void plantedCodeIsRefusedWithFileAndLineAndNeverRuns(String command, String plant) throws Exception {
        Path marker = tmp.resolve("marker");
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        Path planted = rules.resolve("planted.drl");
        RuleFolders.write(planted, """
                package org.massageadvisor.rules;

                import org.massageadvisor.client.Client;
                import org.massageadvisor.facts.*;
                global org.massageadvisor.facts.Conclusions conclusions;

                rule "Planted"
                    @source("planted") @description("planted") @evidence("none") @reviewed("2026-11-24")
                when
                    Client()
                then
                    conclusions.add( new Tip( "LISTEN_TO_BODY", "Listen to your body." ) );
                    %s
                end
                """.formatted(plant.formatted(marker)));
        Path profile = tmp.resolve("c1.yaml");
        Files.writeString(profile, TestRules.WORKED_EXAMPLE);
        Path scenarios = tmp.resolve("scenarios");
        RuleFolders.write(scenarios.resolve("s.yaml"), "name: Any client\ngiven: { goal: RELAXATION, massageType: SWEDISH,"
                + " activityLevel: SEDENTARY }\nexpect: { status: RECOMMENDED }\n");
        String[] args = switch (command) {
            case "evaluate" -> new String[] {"evaluate", "--json", "--rules", rules.toString(), profile.toString()};
            case "batch" -> new String[] {"batch", "--rules", rules.toString(), "--out", tmp.resolve("out.jsonl").toString(),
                "--errors", tmp.resolve("errors.jsonl").toString(), profile.toString()};
            case "test" -> new String[] {"test", "--rules", rules.toString(), scenarios.toString()};
            case "check" -> new String[] {"check", "--rules", rules.toString(), "--scenarios", scenarios.toString()};
            case "watch" -> new String[] {"watch", "--rules", rules.toString(), "--scenarios", scenarios.toString()};
            case "audit replay" -> {
                Path log = tmp.resolve("audit").resolve("decisions.jsonl");
                assertThat(run("evaluate", "--audit", log.toString(), profile.toString()).code()).isZero();
                yield new String[] {"audit", "replay", log.toString(), "--against", rules.toString()};
            }
            default -> throw new IllegalArgumentException(command);
        };
        CliTest.Result r = run(args);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out() + r.err()).contains(planted + ":13:5: rule \"Planted\": ");
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(marker).doesNotExist();
        if (command.equals("evaluate")) {
            assertThat(r.out()).isEmpty();
        }
    }

    private static CliTest.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliTest.Result(code, out.toString(), err.toString());
    }
}
