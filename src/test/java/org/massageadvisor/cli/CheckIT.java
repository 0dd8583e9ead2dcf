package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;

/** The packaged jar's check: the shipped rules pass over the whole input space; broken rules exit 3. */
class CheckIT {

    @TempDir
    Path tmp;

    record Result(int code, String out) {
    }

    private static Result advisor(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/advisor.jar"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void theShippedRulesPassEveryStepOverTheWholeInputSpace() throws Exception {
        Result r = advisor("check");
        assertThat(r.code()).as(r.out()).isZero();
        // 4 goals x 3 type classes x 2^2 body responses x (1 + 17 + 136) condition subsets of up to 2 of 17 terms
        // x 3 activity classes x 2 x 2 flags x 2 weeks (0, 4) x 3 trends x 3 ages (absent, 64, 65) = 1,596,672;
        // every condition subset would be 2^17 x 10368, too many for the budget, and up to 3 is 834 x 10368.
        assertThat(r.out()).contains("over 1,596,672 profiles (every combination of up to 2 of the 17 conditions (154 of 2^17 subsets)")
                .contains("0 violated, 0 gap profiles, 0 conflicts")
                .contains("coverage   ok       49 of 49 rules fire in some scenario").contains("check: ok");
    }

    @Test
    void rulesThatDoNotCompileExitWith3AndNameTheFileAndLine() throws Exception {
        Path rules = RuleFolders.copyShippedAsDrl(tmp.resolve("rules"));
        Path file = rules.resolve("precautions.drl");
        Files.writeString(file, Files.readString(file).replace("Client( conditions contains \"FEVER\" )", "Client( conditions contains \"FEVER\" "));
        Result r = advisor("check", "--rules", rules.toString(), "--json");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("\"exitCode\" : 3").contains(file.toString());
    }
}
