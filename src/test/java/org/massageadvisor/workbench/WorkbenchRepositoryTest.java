package org.massageadvisor.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.check.Checker;
import org.massageadvisor.workbench.WorkbenchException.Reason;

/** The rules folder inside a project's own Git work tree, and the scenario gate; no service runs. */
class WorkbenchRepositoryTest {

    @TempDir
    Path tmp;

    @Test
    void insideAWorkTreeOnlyTheRulePathsAreCommitted() throws Exception {
        Path project = tmp.resolve("project");
        Path rules = DrlGoalRanges.install(RuleFolders.copyShipped(project.resolve("rules-drl")));
        Files.writeString(project.resolve("README.md"), "first\n");
        PersonIdent someone = new PersonIdent("someone", "someone@example.org");
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Project start").setAuthor(someone).setCommitter(someone).setSign(false).call();
        }
        // Work in progress outside the rules: edited and staged, and a new file; neither may be committed by a publish.
        Files.writeString(project.resolve("README.md"), "work in progress\n");
        Files.writeString(project.resolve("draft.txt"), "untracked\n");
        try (Git git = Git.open(project.toFile())) {
            git.add().addFilepattern("README.md").call();
        }

        try (Workbench wb = Workbench.open(rules, tmp.resolve("state"), null, null, Clock.systemUTC(), WorkbenchTest.QUICK)) {
            assertThat(Files.exists(rules.resolve(".git"))).as("the project's repository is used, none is made").isFalse();
            String v0 = wb.rulesetVersion();
            FileContent goals = wb.read(WorkbenchTest.GOALS);
            Proposal p = wb.propose("alice", "Relaxation: start a day later", v0,
                    Map.of(WorkbenchTest.GOALS, goals.text().replace(WorkbenchTest.RELAXATION_7_14, WorkbenchTest.RELAXATION_8_14)));
            Publish published = wb.approve(p.id(), "bob");
            assertThat(published.newVersion()).isEqualTo(wb.rulesetVersion()).isNotEqualTo(v0);
            assertThat(wb.history()).extracting(HistoryEntry::message).containsExactly("Relaxation: start a day later", "Project start");
        }
        try (Git git = Git.open(project.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit head = walk.parseCommit(git.getRepository().resolve(Constants.HEAD));
            assertThat(head.getAuthorIdent().getName()).isEqualTo("alice");
            assertThat(head.getCommitterIdent().getName()).isEqualTo("bob");
            assertThat(head.getFullMessage()).contains("Reviewed-by: bob").contains("Ruleset-Version: sha256:");
            try (TreeWalk readme = TreeWalk.forPath(git.getRepository(), "README.md", head.getTree())) {
                assertThat(new String(git.getRepository().open(readme.getObjectId(0)).getBytes())).isEqualTo("first\n");
            }
            assertThat(TreeWalk.forPath(git.getRepository(), "draft.txt", head.getTree())).isNull();
            var status = git.status().call();
            assertThat(status.getChanged()).as("the staged work in progress stays staged").contains("README.md");
            assertThat(status.getUntracked()).contains("draft.txt");
            assertThat(status.getModified()).isEmpty();
            assertThat(status.getChanged()).doesNotContain("rules-drl/goal-ranges.drl");
        }
    }

    @Test
    void theScenariosGateAChangeAndNameTheScenarioThatFails() {
        Path rules = DrlGoalRanges.install(RuleFolders.copyShipped(tmp.resolve("rules")));
        Checker.Options withScenarios = new Checker.Options(List.of(TestRules.SCENARIOS), true, false, 1);
        try (Workbench wb = Workbench.open(rules, tmp.resolve("state"), null, null, Clock.systemUTC(), withScenarios)) {
            String text = wb.read(WorkbenchTest.GOALS).text();
            Map<String, String> draft = Map.of(WorkbenchTest.GOALS, text.replace(WorkbenchTest.RELAXATION_7_14, WorkbenchTest.RELAXATION_8_14));
            CheckResult check = wb.check(draft);
            assertThat(check.passed()).isFalse();
            // The shipped scenario expects relaxation every 7 to 14 days (the guidance's range).
            assertThat(check.problems()).anySatisfy(pr -> {
                assertThat(pr.stage()).isEqualTo("scenario");
                assertThat(pr.path()).endsWith("relaxation-every-one-to-two-weeks.yaml");
            });
            Proposal p = wb.propose("alice", "Relaxation: start a day later", wb.rulesetVersion(), draft);
            assertThat(p.check().passed()).isFalse();
            assertThatThrownBy(() -> wb.approve(p.id(), "bob")).isInstanceOfSatisfying(WorkbenchException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED));
            assertThat(wb.read(WorkbenchTest.GOALS).text()).isEqualTo(text);
        }
    }

    @Test
    void aNewFileCanBeAddedAndItsRemovalIsARevert() {
        Path rules = DrlGoalRanges.install(RuleFolders.copyShipped(tmp.resolve("rules")));
        try (Workbench wb = Workbench.open(rules, tmp.resolve("state"), null, null, Clock.systemUTC(), WorkbenchTest.QUICK)) {
            String v0 = wb.rulesetVersion();
            String extra = """
                    package org.massageadvisor.rules;

                    import org.massageadvisor.client.Client;
                    import org.massageadvisor.facts.*;
                    global org.massageadvisor.facts.Conclusions conclusions;

                    rule "Deep tissue for athletes needs a note"
                        @source("General Guidelines: massage intensity")
                        @description("A reminder tip for athletes having deep tissue work.")
                        @evidence("guidance")
                        @reviewed("2026-11-30")
                        salience 0
                    when
                        Client( activityLevel == "ATHLETE", massageType == "DEEP_TISSUE" )
                    then
                        conclusions.add( new Tip( "STRETCHING", "Stretch gently after deep tissue work." ) );
                    end
                    """;
            Proposal add = wb.propose("alice", "A tip for athletes", v0, Map.of("athlete-tips.drl", extra));
            assertThat(add.check().passed()).as("%s", add.check()).isTrue();
            Publish added = wb.approve(add.id(), "bob");
            assertThat(Files.exists(rules.resolve("athlete-tips.drl"))).isTrue();
            assertThat(wb.changesIn(added.commitId())).extracting(ClinicalChange::what)
                    .containsExactly("file added", "rule added: \"Deep tissue for athletes needs a note\" (tip STRETCHING)");
            Proposal revert = wb.proposeRevert(added.commitId(), "bob", "Take the tip out again");
            assertThat(revert.changes()).containsEntry("athlete-tips.drl", "");
            Publish removed = wb.approve(revert.id(), "alice");
            assertThat(Files.exists(rules.resolve("athlete-tips.drl"))).isFalse();
            assertThat(removed.newVersion()).isEqualTo(v0);
            assertThat(wb.changesIn(removed.commitId())).extracting(ClinicalChange::what).startsWith("file removed");
        }
    }
}
