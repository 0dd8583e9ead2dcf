package org.massageadvisor.web.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;

/**
 * The set-up of docs/workbench.md with {@code java -jar target/advisor.jar}: a user added with the
 * password piped in, {@code serve --state}, and the workbench signing them in, its editor's script
 * served from the jar.
 */
class WorkbenchJarIT {

    private static final String PASSWORD = "a long enough secret";

    @TempDir
    Path tmp;

    private static List<String> advisor(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "advisor.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void aUserAddedOnTheCommandLineSignsInToTheServedWorkbench() throws Exception {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        Path state = tmp.resolve("state");
        Process add = new ProcessBuilder(advisor("users", "add", "alice", "--role", "author", "--state", state.toString()))
                .redirectErrorStream(true).start();
        try (OutputStream in = add.getOutputStream()) {
            in.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String added = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(add.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(add.exitValue()).as(added).isZero();
        assertThat(Files.readString(state.resolve("users.json"))).doesNotContain(PASSWORD);

        Process serve = new ProcessBuilder(advisor("serve", "--port", "0", "--rules", rules.toString(), "--state", state.toString(),
                "--scenarios", tmp.resolve("no-scenarios").toString(), "--warm-up", "0")).redirectError(tmp.resolve("err.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(180, TimeUnit.SECONDS);
            assertThat(first).as(Files.readString(tmp.resolve("err.txt"))).matches("listening on http://127\\.0\\.0\\.1:\\d+");
            String base = first.substring("listening on ".length());
            HttpUser alice = new HttpUser(base);
            HttpResponse<String> login = alice.get("/workbench/login");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(alice.post("/workbench/login", java.util.Map.of("name", "alice", "password", PASSWORD)).statusCode()).isEqualTo(303);
            HttpResponse<String> rulesPage = alice.get("/workbench");
            assertThat(rulesPage.statusCode()).isEqualTo(200);
            assertThat(rulesPage.body()).contains("goal-ranges.csv").contains("Signed in as <strong id=\"signed-in-user\">alice</strong>");
            HttpResponse<String> script = alice.get("/workbench/assets/codemirror.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.body()).contains("CodeMirror");
            assertThat(Files.isDirectory(state.resolve("workbench"))).isTrue();
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
