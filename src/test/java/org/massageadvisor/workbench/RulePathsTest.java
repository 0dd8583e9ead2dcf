package org.massageadvisor.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massageadvisor.workbench.WorkbenchException.Reason;

/** Names and contents from a browser: only plain names of the rules folder's own rule files get through. */
class RulePathsTest {

    @TempDir
    Path tmp;

    Path rules;

    @BeforeEach
    void folder() throws IOException {
        rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("goal-ranges.drl"), "package x;\n");
        Files.writeString(rules.resolve("vocabulary.yaml"), "goals: []\n");
        Files.writeString(rules.resolve("notes.yaml"), "not a rule set file\n");
        Files.createDirectories(rules.resolve("sub"));
        Files.writeString(tmp.resolve("secret.drl"), "outside\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.drl", "..", ".", "/etc/passwd", "/tmp/x.drl", "sub/a.drl", "sub\\a.drl", "C:x.drl", "x\0.drl",
        "a\nb.drl", ".hidden.drl", ".git", ".gitignore", "notes.txt", "rules.xlsx", "run.sh", "goal-ranges.drl.bak", "con.drl",
        "goal-ranges.drl ", " goal-ranges.drl", "trailing.drl.", "notes.yaml", "new.yaml", ""})
    void hostileNamesAreForbidden(String name) {
        assertThatThrownBy(() -> RulePaths.check(rules, name, true)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
        assertThatThrownBy(() -> RulePaths.checkAll(rules, Map.of(name, "x"))).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
    }

    @Test
    void aNullOrOverlongNameIsForbidden() {
        assertThatThrownBy(() -> RulePaths.check(rules, null, true)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
        assertThatThrownBy(() -> RulePaths.check(rules, "a".repeat(200) + ".drl", true)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
    }

    @Test
    void linksAreForbiddenWhereverTheyLead() throws IOException {
        Files.createSymbolicLink(rules.resolve("out.drl"), tmp.resolve("secret.drl"));
        Files.createSymbolicLink(rules.resolve("in.drl"), rules.resolve("goal-ranges.drl"));
        for (String name : new String[] {"out.drl", "in.drl"}) {
            assertThatThrownBy(() -> RulePaths.check(rules, name, true)).isInstanceOfSatisfying(WorkbenchException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
        }
        assertThat(Files.readString(tmp.resolve("secret.drl"))).isEqualTo("outside\n");
    }

    @Test
    void aFolderNamedLikeARuleFileIsForbidden() throws IOException {
        Files.createDirectories(rules.resolve("folder.drl"));
        assertThatThrownBy(() -> RulePaths.check(rules, "folder.drl", true)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_PATH));
    }

    @Test
    void plainNamesPass() {
        assertThat(RulePaths.check(rules, "goal-ranges.drl", false)).isEqualTo("goal-ranges.drl");
        assertThat(RulePaths.check(rules, "vocabulary.yaml", false)).isEqualTo("vocabulary.yaml");
        assertThat(RulePaths.check(rules, "new-table.csv", true)).isEqualTo("new-table.csv");
        assertThat(RulePaths.check(rules, "New rules.drl", true)).isEqualTo("New rules.drl");
        assertThatThrownBy(() -> RulePaths.check(rules, "missing.drl", false)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void contentsAreBounded() {
        assertThatThrownBy(() -> RulePaths.checkAll(rules, Map.of("goal-ranges.drl", "a\0b"))).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> RulePaths.checkAll(rules, Map.of("goal-ranges.drl", "x".repeat((1 << 20) + 1))))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> RulePaths.checkAll(rules, Map.of("vocabulary.yaml", ""))).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= RulePaths.MAX_FILES; i++) {
            many.put("f" + i + ".drl", "x");
        }
        assertThatThrownBy(() -> RulePaths.checkAll(rules, many)).isInstanceOfSatisfying(WorkbenchException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }

    @Test
    void messagesShowAHostileNameEscaped() {
        assertThatThrownBy(() -> RulePaths.check(rules, "a\u001b[31m.drl", true)).hasMessageContaining("\\u001b").hasMessageNotContaining("\u001b");
    }
}
