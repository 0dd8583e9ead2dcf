package org.massageadvisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The decision log: one JSON line per decision, each naming the hash of the line before it, so that
 * editing, removing or reordering a line breaks the chain ({@link AuditVerifier} finds where).
 *
 * <p>A line holds, in this order: {@code seq} (1, 2, ...), {@code decision} (a random id),
 * {@code timestamp}, {@code programVersion}, {@code rulesetVersion}, {@code input} (the client
 * profile), {@code output} (the recommendation without its explanation), {@code firings} (the rules
 * that fired, in order), {@code prev} (the previous line's {@code hash}; zeros on line 1) and last
 * {@code hash}: the SHA-256 of the line's own text with the hash field left out.
 *
 * <p>Appends are durable and safe for several writers: each takes an exclusive lock on the file
 * (a {@link FileLock} between processes, a lock per file between threads of one process), reads the
 * last line for its number and hash, appends, forces the bytes to disk and only then unlocks. Before a
 * decision is written its rule set is stored in the {@link RulesetArchive} beside the log.
 */
public final class AuditLog implements DecisionLog {

    /** A decision to log: the recommendation, the client it is for and the rule base that made it. */
    public record Decision(Recommendation recommendation, Client client, RuleBase ruleBase) {
    }

    /** What was written: the line's number, its decision id and its hash. */
    public record Entry(long seq, String decision, String hash) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 8192;

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock threadLock;
    private final RulesetArchive archive;

    private AuditLog(Path file, FileChannel channel, RulesetArchive archive) {
        this.file = file;
        this.channel = channel;
        this.archive = archive;
        this.threadLock = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
    }

    /** Opens (creating if needed) a log for appending; its rule sets are archived in {@code <log dir>/rulesets}. */
    public static AuditLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new AuditLog(file, channel, RulesetArchive.besideLog(file));
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()), "cannot open the audit log: " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public RulesetArchive archive() {
        return archive;
    }

    /** Logs one decision; when this returns, the line is on disk. */
    @Override
    public Entry append(Recommendation recommendation, Client client, RuleBase ruleBase) {
        return appendAll(List.of(new Decision(recommendation, client, ruleBase))).get(0);
    }

    /**
     * Logs several decisions under one lock and one force to disk (a group commit, for batches); when
     * this returns, every line is on disk, and no other writer's line falls between them.
     */
    @Override
    public List<Entry> appendAll(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        threadLock.lock();
        try (FileLock ignored = channel.lock()) {
            for (Decision d : decisions) {
                archive.ensure(d.ruleBase().files());
            }
            long size = channel.size();
            Tail tail = tail(size);
            long seq = tail.seq();
            String prev = tail.hash();
            List<Entry> entries = new ArrayList<>(decisions.size());
            StringBuilder text = new StringBuilder(decisions.size() * 1024);
            for (Decision d : decisions) {
                seq++;
                String decision = UUID.randomUUID().toString();
                String line = line(seq, decision, d, prev);
                String hash = line.substring(line.length() - 2 - 71, line.length() - 2);
                text.append(line).append('\n');
                entries.add(new Entry(seq, decision, hash));
                prev = hash;
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            long at = size;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            channel.force(true);
            return entries;
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()), "cannot append to the audit log: " + e.getMessage());
        } finally {
            threadLock.unlock();
        }
    }

    /** The line for one decision, ending with its own hash. */
    static String line(long seq, String decision, Decision d, String prev) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", seq);
        node.put("decision", decision);
        node.put("timestamp", Instant.now().toString());
        node.put("programVersion", ProgramVersion.get());
        node.put("rulesetVersion", d.recommendation().rulesetVersion());
        node.set("input", MAPPER.valueToTree(d.client()));
        node.set("output", output(d.recommendation()));
        ArrayNode firings = node.putArray("firings");
        d.recommendation().firedRules().forEach(firings::add);
        node.put("prev", prev);
        return sealed(node);
    }

    /** The recommendation as logged: its JSON without the explanation (replay reproduces that). */
    static ObjectNode output(Recommendation r) {
        ObjectNode out = MAPPER.valueToTree(r);
        out.remove("explanation");
        return out;
    }

    /** {@code {...,"hash":"sha256:..."}}: the hash covers the text of the object before the hash field was added. */
    static String sealed(ObjectNode node) {
        try {
            String body = MAPPER.writeValueAsString(node);
            return body.substring(0, body.length() - 1) + ",\"hash\":\"" + Hashes.sha256(body) + "\"}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line", e);
        }
    }

    /** The line's text without its hash field, which is what the hash covers; null if the line does not end in one. */
    static String unsealed(String line) {
        int at = line.lastIndexOf(",\"hash\":\"");
        if (at < 0 || !line.endsWith("\"}") || line.length() - at != 9 + 71 + 2) {
            return null;
        }
        return line.substring(0, at) + "}";
    }

    private record Tail(long seq, String hash) {
    }

    /** The number and hash of the last line (0 and the zero hash for an empty log). */
    private Tail tail(long size) throws IOException {
        if (size == 0) {
            return new Tail(0, Hashes.GENESIS);
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            throw new InputException(Position.of(file.toString()),
                    "the last line is incomplete (a crash while writing?); run 'advisor audit verify " + file + "' before appending");
        }
        long start = size - 1;
        byte[] collected = new byte[0];
        while (start > 0) {
            int n = (int) Math.min(TAIL_CHUNK, start);
            ByteBuffer chunk = ByteBuffer.allocate(n);
            long from = start - n;
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, from + chunk.position()) < 0) {
                    break;
                }
            }
            byte[] b = chunk.array();
            int nl = -1;
            for (int i = n - 1; i >= 0; i--) {
                if (b[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            byte[] merged = new byte[(nl < 0 ? n : n - nl - 1) + collected.length];
            int keep = nl < 0 ? n : n - nl - 1;
            System.arraycopy(b, n - keep, merged, 0, keep);
            System.arraycopy(collected, 0, merged, keep, collected.length);
            collected = merged;
            start = from;
            if (nl >= 0) {
                break;
            }
        }
        String line = new String(collected, StandardCharsets.UTF_8);
        try {
            JsonNode node = MAPPER.readTree(line);
            JsonNode seq = node.get("seq");
            JsonNode hash = node.get("hash");
            if (seq == null || !seq.canConvertToLong() || hash == null || !hash.isTextual()) {
                throw new IOException("no seq or hash");
            }
            return new Tail(seq.asLong(), hash.asText());
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()),
                    "the last line is not a log entry; run 'advisor audit verify " + file + "' before appending");
        }
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public Lines lines() {
        return new LogReader(file);
    }

    @Override
    public Head head() {
        threadLock.lock();
        try (FileLock ignored = channel.lock()) {
            Tail tail = tail(channel.size());
            return new Head(tail.seq(), tail.hash());
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()), "cannot read the audit log: " + e.getMessage());
        } finally {
            threadLock.unlock();
        }
    }

    @Override
    public RuleSets ruleSets() {
        return archive;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()), "cannot close the audit log: " + e.getMessage());
        }
    }
}
