package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

/** The compiled-rule cache: a hit evaluates exactly like a compile; a changed or damaged entry is never used. */
class CompiledRuleCacheTest {

    @TempDir
    Path tmp;

    private RuleBase compile(Path rules) {
        return RuleBase.compileLinkChecked(RuleFiles.read(rules), Vocabulary.load(rules.resolve(Vocabulary.FILE_NAME)));
    }

    @Test
    void aCachedRuleSetGivesTheSameRecommendationsAndExplanationsAsACompile() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleBase fresh = compile(rules);
        CompiledRuleCache cache = CompiledRuleCache.at(tmp.resolve("cache"));
        cache.store(fresh.version(), fresh.kieBase(), fresh.files().declared());

        var entry = cache.load(fresh.version(), new RulesClassLoader(RuleBase.class.getClassLoader()));

        assertThat(entry).isNotNull();
        RuleBase cached = RuleBase.wrap(fresh.files(), fresh.vocabulary(), entry);
        assertThat(cached.rules()).isEqualTo(fresh.rules());
        Evaluator a = new Evaluator(fresh);
        Evaluator b = new Evaluator(cached);
        ProfileGenerator profiles = new ProfileGenerator(fresh.vocabulary(), 3);
        for (int i = 0; i < 300; i++) {
            Client c = profiles.next();
            assertThat(b.evaluate(c, true)).as(c.toString()).isEqualTo(a.evaluate(c, true));
        }
    }

    @Test
    void aHitPlacesEachRuleInTheFolderItWasLoadedFromWithoutReadingTheRules() {
        Path first = RuleFolders.copyShipped(tmp.resolve("first"));
        Path second = RuleFolders.copyShipped(tmp.resolve("second"));
        RuleBase fresh = compile(first);
        CompiledRuleCache cache = CompiledRuleCache.at(tmp.resolve("cache"));
        cache.store(fresh.version(), fresh.kieBase(), fresh.files().declared());

        RuleFiles files = RuleFiles.read(second);
        RuleBase cached = RuleBase.wrap(files, fresh.vocabulary(), cache.load(files.version(), new RulesClassLoader(RuleBase.class.getClassLoader())));

        RuleInfo goal = cached.rules().get("Chronic pain starts with a session every three to seven days");
        assertThat(goal.file()).isEqualTo(second.resolve("goal-ranges.csv").toString());
        assertThat(goal.line()).isEqualTo(fresh.rules().get(goal.name()).line());
        assertThat(goal.metadata()).isEqualTo(fresh.rules().get(goal.name()).metadata());
        assertThat(files.isConverted()).as("no decision table was converted for a hit").isFalse();
    }

    @Test
    void aRuleSetTheAllowlistRefusesIsNeverCachedSoItIsRefusedAtEveryLoad() throws IOException {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        Files.writeString(rules.resolve("zz-hostile.drl"), """
                package org.massageadvisor.rules
                import org.massageadvisor.client.Client
                rule "Reads the environment"
                    @source("none") @description("hostile") @evidence("guidance") @reviewed("2026-11-30")
                when
                    Client()
                then
                    System.getenv("HOME");
                end
                """);
        String before = System.getProperty(CompiledRuleCache.PROPERTY);
        System.setProperty(CompiledRuleCache.PROPERTY, tmp.resolve("cache").toString());
        try {
            for (int i = 0; i < 2; i++) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleRefusedException.class);
            }
            try (var entries = Files.list(tmp.resolve("cache")).filter(f -> f.toString().endsWith(".bin"))) {
                assertThat(entries).isEmpty();
            } catch (java.nio.file.NoSuchFileException e) {
                // no cache folder at all: nothing was written
            }
        } finally {
            if (before == null) {
                System.clearProperty(CompiledRuleCache.PROPERTY);
            } else {
                System.setProperty(CompiledRuleCache.PROPERTY, before);
            }
        }
    }

    @Test
    void anEntryWhoseBytesDoNotMatchItsDigestIsIgnored() throws IOException {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleBase fresh = compile(rules);
        CompiledRuleCache cache = CompiledRuleCache.at(tmp.resolve("cache"));
        cache.store(fresh.version(), fresh.kieBase(), fresh.files().declared());
        Path file = cache.fileFor(fresh.version());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        assertThat(cache.load(fresh.version(), new RulesClassLoader(RuleBase.class.getClassLoader()))).isNull();
    }

    @Test
    void anotherRuleSetVersionMisses() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleBase fresh = compile(rules);
        CompiledRuleCache cache = CompiledRuleCache.at(tmp.resolve("cache"));
        cache.store(fresh.version(), fresh.kieBase(), fresh.files().declared());

        assertThat(cache.load("sha256:" + "0".repeat(64), RuleBase.class.getClassLoader())).isNull();
        assertThat(cache.fileFor("sha256:" + "0".repeat(64))).isNotEqualTo(cache.fileFor(fresh.version()));
    }

    @Test
    void withTheCacheOnAnUnchangedFolderIsLoadedAndAnEditedOneIsCompiled() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        String before = System.getProperty(CompiledRuleCache.PROPERTY);
        System.setProperty(CompiledRuleCache.PROPERTY, tmp.resolve("cache").toString());
        try {
            RuleBase first = RuleBase.load(rules);
            RuleBase second = RuleBase.load(rules);
            assertThat(first.fromCache()).isFalse();
            assertThat(second.fromCache()).isTrue();
            assertThat(second.version()).isEqualTo(first.version());

            RuleFolders.replace(rules.resolve("goal-ranges.csv"), ",MAINTENANCE,,,,14,30,", ",MAINTENANCE,,,,14,28,");
            RuleBase edited = RuleBase.load(rules);
            assertThat(edited.fromCache()).isFalse();
            assertThat(edited.version()).isNotEqualTo(first.version());
            Client maintenance = new Client("m", "MAINTENANCE", "SWEDISH", null, java.util.List.of("PREGNANCY"), "SEDENTARY",
                    false, true, 0, null);
            assertThat(new Evaluator(edited).evaluate(maintenance, false).interval().maxDays()).isEqualTo(28);
        } finally {
            if (before == null) {
                System.clearProperty(CompiledRuleCache.PROPERTY);
            } else {
                System.setProperty(CompiledRuleCache.PROPERTY, before);
            }
        }
    }
}
