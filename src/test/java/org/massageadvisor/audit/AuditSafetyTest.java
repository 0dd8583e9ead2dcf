package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.io.EnvironmentException;

/** The decision log survives a full disk and a crash, and a keyed log catches a re-sealed chain. */
class AuditSafetyTest {

    @TempDir
    Path temp;

    private static final Evaluator EVALUATOR = TestRules.evaluator();

    private static AuditLog.Decision decision(String id) {
        Client c = TestRules.client().build().withId(id);
        return new AuditLog.Decision(EVALUATOR.evaluate(c, false), c, EVALUATOR.ruleBase());
    }

    private Path log() {
        return temp.resolve("decisions.jsonl");
    }

    private AuditKey key() {
        return AuditKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aFullDiskMidWriteLeavesAVerifiableLogAndLaterAppendsWork() throws IOException {
        try (AuditLog log = AuditLog.open(log())) {
            log.appendAll(List.of(decision("first")));
        }
        long before = Files.size(log());
        // Room for 100 bytes of a chunk of three lines of about 2 KB each: the write fails part-way.
        try (AuditLog full = AuditLog.open(log(), null, real -> new FullDiskChannel(real, 100))) {
            assertThatThrownBy(() -> full.appendAll(List.of(decision("a"), decision("b"), decision("c"))))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("no space left on device")
                    .hasMessageContaining("cut back to its last whole line (decision #1)");
        }
        assertThat(Files.size(log())).isEqualTo(before);
        assertThat(AuditVerifier.verify(log()).intact()).isTrue();
        try (AuditLog log = AuditLog.open(log())) {
            assertThat(log.append(decision("later").recommendation(), decision("later").client(), EVALUATOR.ruleBase()).seq()).isEqualTo(2);
        }
        AuditVerifier.Result result = AuditVerifier.verify(log());
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.lines()).isEqualTo(2);
    }

    @Test
    void repairCutsAPartialLastLineAndSaysWhatItRemoved() throws IOException {
        try (AuditLog log = AuditLog.open(log())) {
            log.appendAll(List.of(decision("one"), decision("two")));
        }
        Files.writeString(log(), "{\"seq\":3,\"decis", java.nio.file.StandardOpenOption.APPEND);
        assertThat(AuditVerifier.verify(log()).intact()).isFalse();
        assertThatThrownBy(() -> {
            try (AuditLog log = AuditLog.open(log())) {
                log.appendAll(List.of(decision("refused")));
            }
        }).hasMessageContaining("advisor audit repair");

        AuditLog.Repair repair = AuditLog.repair(log());

        assertThat(repair).isEqualTo(new AuditLog.Repair(1, 15, 2));
        assertThat(AuditVerifier.verify(log()).intact()).isTrue();
        assertThat(AuditLog.repair(log())).isEqualTo(new AuditLog.Repair(0, 0, 2));
    }

    /** Edit a decision, recompute the plain SHA-256 chain from there: the chain verifies, the key does not. */
    @Test
    void aResealedChainPassesPlainVerifyButFailsKeyedVerifyAtTheEditedLine() throws IOException {
        try (AuditLog log = AuditLog.open(log(), key())) {
            log.appendAll(List.of(decision("one"), decision("two"), decision("three")));
        }
        assertThat(AuditVerifier.verify(log(), key(), null).intact()).isTrue();

        List<String> lines = Files.readAllLines(log());
        List<String> forged = new ArrayList<>();
        String prev = Hashes.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String mac = AuditLog.macOf(line);
            ObjectNode node = (ObjectNode) AuditLog.MAPPER.readTree(AuditLog.unsealed(AuditLog.withoutMac(line)));
            if (i == 1) {
                ((ObjectNode) node.get("output").get("interval")).put("minDays", 1);
            }
            node.put("prev", prev);
            String sealed = AuditLog.sealed(node);
            prev = AuditLog.hashOf(sealed);
            forged.add(AuditLog.withMac(sealed, mac));
        }
        Files.write(log(), forged);

        assertThat(AuditVerifier.verify(log()).intact()).isTrue();
        AuditVerifier.Result keyed = AuditVerifier.verify(log(), key(), null);
        assertThat(keyed.intact()).isFalse();
        assertThat(keyed.badLine()).isEqualTo(2);
        assertThat(keyed.toString()).contains("decisions.jsonl:2: the mac does not match");
    }

    @Test
    void aKeyedLogRefusesPlainAppendsAndAPlainLogRefusesKeyedOnes() throws IOException {
        try (AuditLog log = AuditLog.open(log(), key())) {
            log.appendAll(List.of(decision("one")));
        }
        assertThatThrownBy(() -> {
            try (AuditLog log = AuditLog.open(log())) {
                log.appendAll(List.of(decision("plain")));
            }
        }).hasMessageContaining("sealed with a key");
        Path plain = temp.resolve("plain.jsonl");
        try (AuditLog log = AuditLog.open(plain)) {
            log.appendAll(List.of(decision("one")));
        }
        assertThatThrownBy(() -> {
            try (AuditLog log = AuditLog.open(plain, key())) {
                log.appendAll(List.of(decision("keyed")));
            }
        }).hasMessageContaining("started without a key");
        AuditVerifier.Result keyed = AuditVerifier.verify(plain, key(), null);
        assertThat(keyed.toString()).contains("plain.jsonl:1: not sealed with a key");
    }

    @Test
    void anAnchoredHeadCatchesLinesCutOffTheEnd() throws IOException {
        try (AuditLog log = AuditLog.open(log())) {
            log.appendAll(List.of(decision("one"), decision("two"), decision("three")));
        }
        AuditVerifier.Result full = AuditVerifier.verify(log());
        AuditVerifier.Head head = AuditVerifier.Head.parse(full.lines() + ":" + full.lastHash());
        assertThat(AuditVerifier.verify(log(), null, head).intact()).isTrue();

        List<String> lines = Files.readAllLines(log());
        Files.write(log(), lines.subList(0, 2));

        assertThat(AuditVerifier.verify(log()).intact()).as("the chain alone cannot see a cut end").isTrue();
        AuditVerifier.Result anchored = AuditVerifier.verify(log(), null, head);
        assertThat(anchored.intact()).isFalse();
        assertThat(anchored.problem()).contains("ends at decision #2").contains("1 decision(s) were cut off the end");
    }
}
