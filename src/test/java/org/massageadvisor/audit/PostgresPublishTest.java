package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleFiles;

/** A publish in the PostgreSQL log: a chained line like the file log's, a row in publishes, and the rule set linked to its commit. */
class PostgresPublishTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aPublishIsAChainedLineAndAPublishesRowAndLinksItsCommit() throws Exception {
        String url = TestPostgres.freshLog();
        Evaluator evaluator = TestRules.evaluator();
        Client client = TestRules.client().build().withId("before-the-publish");
        RuleFiles rules = evaluator.ruleBase().files();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (DecisionLog log = DecisionLogs.open(url)) {
            log.append(evaluator.evaluate(client, false), client, evaluator.ruleBase());
            // Published from the same files here: the old version is the one the decision was made with.
            AuditLog.Entry entry = log.appendPublish(new DecisionLog.PublishRecord("alice", "bob", "Relaxation: start a day later",
                    rules.version(), rules.version(), COMMIT, at), rules);
            assertThat(entry.seq()).isEqualTo(2);
            log.append(evaluator.evaluate(client, false), client, evaluator.ruleBase());

            assertThat(AuditVerifier.verify(log).intact()).as("%s", AuditVerifier.verify(log)).isTrue();
            assertThat(log.find(DecisionLog.Filter.ALL)).extracting(DecisionLog.Found::seq).containsExactly(1L, 3L);
            AuditReplay.Report replay = AuditReplay.replay(log);
            assertThat(replay.decisions()).isEqualTo(2);
            assertThat(replay.differences()).isEmpty();
            assertThat(log.ruleSets().commitOf(rules.version())).isEqualTo(COMMIT);
        }
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT proposed_by, approved_by, message, old_version, new_version, source_commit, published_at"
                    + " FROM publishes")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alice");
                assertThat(rs.getString(2)).isEqualTo("bob");
                assertThat(rs.getString(3)).isEqualTo("Relaxation: start a day later");
                assertThat(rs.getString(4)).isEqualTo(rules.version());
                assertThat(rs.getString(5)).isEqualTo(rules.version());
                assertThat(rs.getString(6)).isEqualTo(COMMIT);
                assertThat(rs.getTimestamp(7).toInstant()).isEqualTo(at);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT seq, kind, ruleset_commit FROM decision_rows ORDER BY seq")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("decision");
                assertThat(rs.getString(3)).as("a decision leads to the commit that was live").isEqualTo(COMMIT);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("publish");
            }
        }
    }

    @Test
    void theFileLogWritesTheSameLineShape() {
        DecisionLog.PublishRecord p = new DecisionLog.PublishRecord("alice", "bob", "why", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64),
                COMMIT, Instant.parse("2026-11-30T12:00:00Z"));
        String line = AuditLog.publishLine(7, "id-1", p, Hashes.GENESIS);
        assertThat(line).startsWith("{\"seq\":7,\"kind\":\"publish\",\"decision\":\"id-1\",\"timestamp\":\"2026-11-30T12:00:00Z\","
                + "\"proposedBy\":\"alice\",\"approvedBy\":\"bob\",\"message\":\"why\",\"oldRulesetVersion\":\"sha256:aaaa");
        assertThat(AuditLog.unsealed(line)).isNotNull();
        assertThat(Hashes.sha256(AuditLog.unsealed(line))).isEqualTo(AuditLog.hashOf(line));
    }
}
