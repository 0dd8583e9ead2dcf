package org.massageadvisor.workbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.Bounded;
import org.massageadvisor.io.EnvironmentException;

/**
 * Proposals on disk, one JSON file each ({@code <state>/workbench/proposals/<id>.json}), each written
 * to a temporary file, forced to disk and moved into place, so a crash leaves the old version or the
 * new one, never half. Kept in memory too; one process owns a state folder.
 */
final class ProposalStore {

    /**
     * A proposal as stored: the proposal, and for each file it changes the SHA-256 of that file's
     * content in its base ("absent" for a new file), which tells at approval whether someone else
     * changed the same file since.
     */
    record Stored(Proposal proposal, Map<String, String> baseHashes) {

        Stored {
            baseHashes = Map.copyOf(baseHashes);
        }

        /** The proposal's fields as JSON-friendly values (times as ISO text). */
        Json json() {
            Proposal p = proposal;
            return new Json(p.id(), p.author(), p.message(), p.baseVersion(), p.changes(), p.proposedAt().toString(), p.state(),
                    p.reviewer(), p.outcome(), p.check(), p.clinicalChanges(), baseHashes);
        }
    }

    /** The file format. */
    record Json(long id, String author, String message, String baseVersion, Map<String, String> changes, String proposedAt,
            ProposalState state, String reviewer, String outcome, CheckResult check, List<ClinicalChange> clinicalChanges,
            Map<String, String> baseHashes) {

        Stored stored() {
            return new Stored(new Proposal(id, author, message, baseVersion, changes, Instant.parse(proposedAt), state, reviewer, outcome,
                    check, clinicalChanges), baseHashes == null ? Map.of() : baseHashes);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private final ConcurrentSkipListMap<Long, Stored> proposals = new ConcurrentSkipListMap<>(Comparator.reverseOrder());

    ProposalStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{1,18}\\.json")).toList()) {
                    Stored s = read(f);
                    proposals.put(s.proposal().id(), s);
                }
            }
        } catch (IOException e) {
            throw EnvironmentException.of(dir.toString(), "cannot read the proposals", e);
        }
    }

    private static Stored read(Path f) throws IOException {
        Bounded.checkSize(f, 64L << 20, "a proposal");
        try {
            Stored s = JSON.readValue(f.toFile(), Json.class).stored();
            if (!f.getFileName().toString().equals(s.proposal().id() + ".json")) {
                throw new InputException(Position.of(f.toString()), "the proposal's id " + s.proposal().id() + " does not match its file name");
            }
            return s;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InputException(new Position(f.toString(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()),
                    "not a proposal: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            if (e instanceof InputException) {
                throw e;
            }
            throw new InputException(Position.of(f.toString()), "not a proposal: " + e.getMessage());
        }
    }

    synchronized long nextId() {
        return proposals.isEmpty() ? 1 : proposals.firstKey() + 1;
    }

    /** Every proposal, newest first. */
    List<Stored> all() {
        return List.copyOf(proposals.values());
    }

    Optional<Stored> get(long id) {
        return Optional.ofNullable(proposals.get(id));
    }

    /** Writes a proposal (new or changed) durably, then keeps it. */
    synchronized void save(Stored s) {
        Path target = dir.resolve(s.proposal().id() + ".json");
        Path tmp = dir.resolve("." + s.proposal().id() + ".json.tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s.json());
            Files.write(tmp, bytes);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw EnvironmentException.of(target.toString(), "cannot save the proposal", e);
        }
        proposals.put(s.proposal().id(), s);
    }
}
