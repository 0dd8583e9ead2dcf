package org.massageadvisor.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.massageadvisor.TestRules;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.batch.BatchInputs;
import org.massageadvisor.check.InvariantReader;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Node;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.scenario.ScenarioReader;

/**
 * Coverage-guided fuzz tests (Jazzer) of every reader of outside input. Each asserts that the only
 * exception a reader throws is the documented input error ({@link InputException}, exit 2): anything
 * else, a stack overflow or an out-of-memory is a finding. Under {@code mvn verify} each runs its seed
 * corpus ({@code src/test/resources/org/massageadvisor/fuzz/InputFuzzTestInputs/<method>/}) and, in the
 * {@code fuzz} executions, fuzzes for a few seconds; docs/testing.md has the longer run.
 */
class InputFuzzTest {

    /** Inputs are capped at the size the program accepts ({@code Bounded.DOCUMENT}); bigger ones are refused before parsing. */
    private static final int MAX = 1 << 20;
    private static final Vocabulary VOCABULARY = Vocabulary.load(TestRules.RULES.resolve(Vocabulary.FILE_NAME));
    private static final Set<String> RULE_NAMES = RuleFiles.read(TestRules.RULES).declarations().stream()
            .map(RuleInfo::name).collect(Collectors.toSet());
    private static final ProfileReader PROFILES = new ProfileReader(VOCABULARY);
    private static final Path SCRATCH = scratch();

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] data) {
        return new String(data, 0, Math.min(data.length, MAX), StandardCharsets.UTF_8);
    }

    private static Path file(String name, byte[] data) {
        try {
            Path p = SCRATCH.resolve(Thread.currentThread().getId() + "-" + name);
            Files.write(p, data.length > MAX ? java.util.Arrays.copyOf(data, MAX) : data);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the reader; only an {@link InputException} may come out. */
    private static void onlyInputErrors(Runnable reader) {
        try {
            reader.run();
        } catch (InputException expected) {
            // The documented answer to bad input.
        }
    }

    @FuzzTest(maxDuration = "10s")
    void jsonProfile(byte[] data) {
        onlyInputErrors(() -> PROFILES.read(Node.read(ProfileReader.mapperFor("p.json"), new StringReader(text(data)), "p.json")));
    }

    @FuzzTest(maxDuration = "10s")
    void yamlProfile(byte[] data) {
        onlyInputErrors(() -> PROFILES.read(Node.read(ProfileReader.mapperFor("p.yaml"), new StringReader(text(data)), "p.yaml")));
    }

    /** Profile files as the CLI reads them: bytes, so encodings and byte-order marks are fuzzed too. */
    @FuzzTest(maxDuration = "10s")
    void profileFile(byte[] data) {
        Path p = file("p.yaml", data);
        onlyInputErrors(() -> PROFILES.readFile(p));
    }

    @FuzzTest(maxDuration = "10s")
    void csvProfiles(byte[] data) {
        Path p = file("clients.csv", data);
        onlyInputErrors(() -> BatchInputs.eachRecord(p, PROFILES));
    }

    @FuzzTest(maxDuration = "10s")
    void scenario(byte[] data) {
        ScenarioReader reader = new ScenarioReader(VOCABULARY, RULE_NAMES);
        Path p = file("scenario.yaml", data);
        onlyInputErrors(() -> reader.read(p));
    }

    @FuzzTest(maxDuration = "10s")
    void invariants(byte[] data) {
        InvariantReader reader = new InvariantReader(VOCABULARY, RULE_NAMES);
        onlyInputErrors(() -> reader.read(text(data), "invariants.yaml"));
    }

    /** A decision log is verified line by line: any bytes give a result, never an exception. */
    @FuzzTest(maxDuration = "10s")
    void auditLog(byte[] data) {
        Path p = file("decisions.jsonl", data);
        AuditVerifier.verify(p);
        onlyInputErrors(() -> AuditLog.repair(p));
        AuditVerifier.verify(p);
    }
}
