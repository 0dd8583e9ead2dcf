package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advisor users add|list|remove}: the password from standard input, stored only as a bcrypt hash; bad names and passwords refused. */
class UsersCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = AdvisorCommand.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aUserIsAddedWithTheirPasswordHashedListedAndRemoved() throws Exception {
        String state = tmp.resolve("state").toString();
        Run add = run("a long enough secret\n", "users", "add", "alice", "--role", "author", "--state", state);
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("added alice (author)");
        String json = Files.readString(tmp.resolve("state").resolve("users.json"));
        assertThat(json).doesNotContain("a long enough secret").contains("\"role\" : \"author\"").containsPattern("\\$2a\\$12\\$");
        assertThat(run("another long secret\n", "users", "add", "rita", "--role", "REVIEWER", "--state", state).code()).isZero();
        Run list = run("", "users", "list", "--state", state);
        assertThat(list.out()).contains("alice\tauthor").contains("rita\treviewer").doesNotContain("$2a$");
        assertThat(run("", "users", "remove", "alice", "--state", state).code()).isZero();
        assertThat(run("", "users", "list", "--state", state).out()).doesNotContain("alice").contains("rita");
        assertThat(run("", "users", "remove", "alice", "--state", state).code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void anExistingUserIsReplacedOnlyWhenAskedTo() {
        String state = tmp.resolve("state").toString();
        assertThat(run("a long enough secret\n", "users", "add", "alice", "--role", "author", "--state", state).code()).isZero();
        Run again = run("a long enough secret\n", "users", "add", "alice", "--role", "reviewer", "--state", state);
        assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("exists").contains("--replace");
        assertThat(run("a new long secret!\n", "users", "add", "alice", "--role", "reviewer", "--replace", "--state", state).code()).isZero();
        assertThat(run("", "users", "list", "--state", state).out()).contains("alice\treviewer");
    }

    @Test
    void badNamesRolesAndPasswordsAreRefusedWithAMessage() {
        String state = tmp.resolve("state").toString();
        assertThat(run("a long enough secret\n", "users", "add", "../evil", "--role", "author", "--state", state).err()).contains("starts with a letter or digit");
        assertThat(run("a long enough secret\n", "users", "add", "al/ice", "--role", "author", "--state", state).err()).contains("letters, digits");
        assertThat(run("a long enough secret\n", "users", "add", "bell\u0007", "--role", "author", "--state", state).code())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("a long enough secret\n", "users", "add", "x".repeat(65), "--role", "author", "--state", state).err())
                .contains("at most 64");
        assertThat(run("a long enough secret\n", "users", "add", "alice", "--role", "admin", "--state", state).err())
                .contains("author, reviewer or viewer");
        Run shortPassword = run("short\n", "users", "add", "alice", "--role", "author", "--state", state);
        assertThat(shortPassword.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(shortPassword.err()).contains("at least 10 characters").doesNotContain("short\n");
        assertThat(run("\u00e9".repeat(40) + "\n", "users", "add", "alice", "--role", "author", "--state", state).err()).contains("72 bytes");
        assertThat(run("", "users", "add", "alice", "--role", "author", "--state", state).err()).contains("no password on standard input");
        assertThat(Files.exists(tmp.resolve("state").resolve("users.json"))).as("nothing was stored").isFalse();
    }
}
