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
        // 4 goals x 5 types x 2^2 body responses x 2^7 conditions x 4 activity levels x 2 x 2 flags x 3 weeks x 3 trends.
        assertThat(r.out()).contains("over 1,474,560 profiles").contains("0 violated, 0 gap profiles, 0 conflicts")
                .contains("coverage   ok       32 of 32 rules fire in some scenario").contains("check: ok");
    }

    @Test
    void rulesThatDoNotCompileExitWith3AndNameTheFileAndLine() throws Exception {
        Path rules = tmp.resolve("rules");
        try (Stream<Path> walk = Files.walk(Path.of("rules-drl"))) {
            for (Path p : walk.toList()) {
                Path target = rules.resolve(Path.of("rules-drl").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path file = rules.resolve("precautions.drl");
        Files.writeString(file, Files.readString(file).replace("Client( conditions contains \"FEVER\" )", "Client( conditions contains \"FEVER\" "));
        Result r = advisor("check", "--rules", rules.toString(), "--json");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("\"exitCode\" : 3").contains(file.toString());
    }
}
