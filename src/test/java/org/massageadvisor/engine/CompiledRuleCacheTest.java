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
        cache.store(fresh.version(), fresh.kieBase());

        var kieBase = cache.load(fresh.version(), new RulesClassLoader(RuleBase.class.getClassLoader()));

        assertThat(kieBase).isNotNull();
        RuleBase cached = RuleBase.wrap(fresh.files(), fresh.vocabulary(), kieBase);
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
    void anEntryWhoseBytesDoNotMatchItsDigestIsIgnored() throws IOException {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleBase fresh = compile(rules);
        CompiledRuleCache cache = CompiledRuleCache.at(tmp.resolve("cache"));
        cache.store(fresh.version(), fresh.kieBase());
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
        cache.store(fresh.version(), fresh.kieBase());

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
