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
import java.util.function.UnaryOperator;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.io.EnvironmentException;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The decision log: one JSON line per decision, each naming the hash of the line before it, so that
 * editing, removing or reordering a line breaks the chain ({@link AuditVerifier} finds where).
 *
 * <p>A line holds, in this order: {@code seq} (1, 2, ...), {@code decision} (a random id),
 * {@code timestamp}, {@code programVersion}, {@code rulesetVersion}, {@code input} (the client
 * profile), {@code output} (the recommendation without its explanation), {@code firings} (the rules
 * that fired, in order), {@code prev} (the previous line's {@code hash}; zeros on line 1) and last
 * {@code hash}: the SHA-256 of the line's own text with the hash field left out. A log opened with an
 * {@link AuditKey} adds {@code mac} after the hash (an HMAC of the hash), which only the key's holder
 * can compute.
 *
 * <p>Appends are durable and safe for several writers: each takes an exclusive lock on the file
 * (a {@link FileLock} between processes, a lock per file between threads of one process), reads the
 * last line for its number and hash, appends, forces the bytes to disk and only then unlocks; a write
 * that fails part-way is cut back to the last whole line, so the log stays valid. Before a
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
    /** The {@code kind} of a feedback line; decision lines have no kind. */
    public static final String FEEDBACK = "feedback";
    /** The {@code kind} of a line recording a publish of new rules. */
    public static final String PUBLISH = "publish";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 8192;

    /** {@code ,"hash":"sha256:<64 hex>"}} at the end of every line (or before its mac). */
    private static final int HASH_TAIL = 9 + 71 + 2;
    /** {@code ,"mac":"hmac-sha256:<64 hex>"}} at the end of a line sealed with a key. */
    private static final int MAC_TAIL = 8 + 76 + 2;

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock threadLock;
    private final RulesetArchive archive;
    private final AuditKey key;

    private AuditLog(Path file, FileChannel channel, RulesetArchive archive, AuditKey key) {
        this.file = file;
        this.channel = channel;
        this.archive = archive;
        this.key = key;
        this.threadLock = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
    }

    /** Opens (creating if needed) a log for appending; its rule sets are archived in {@code <log dir>/rulesets}. */
    public static AuditLog open(Path file) {
        return open(file, null);
    }

    /** As {@link #open(Path)}; with a key, every line is also sealed with an HMAC ({@link AuditKey}). */
    public static AuditLog open(Path file, AuditKey key) {
        return open(file, key, UnaryOperator.identity());
    }

    /** The seam for tests: {@code channel} wraps the file's channel (e.g. one that fails as a full disk would). */
    static AuditLog open(Path file, AuditKey key, UnaryOperator<FileChannel> channel) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(file)) {
                throw new EnvironmentException(file + ": cannot open the audit log: it is a folder, not a file", null);
            }
            FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new AuditLog(file, channel.apply(opened), RulesetArchive.besideLog(file), key);
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot open the audit log", e);
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
        return appendEntries(List.copyOf(decisions));
    }

    /**
     * Logs what a user did with advice already logged (a CDS Hooks card accepted or overridden) as a
     * line of kind {@code feedback} in the same hash chain: {@code seq}, {@code kind}, {@code decision}
     * (a random id of its own), {@code timestamp}, then the feedback's fields, {@code prev} and {@code hash}.
     */
    public Entry appendFeedback(ObjectNode feedback) {
        return appendEntries(List.of(feedback)).get(0);
    }

    /**
     * Logs a publish (the rules in force changed through the workbench); the new rule set is archived
     * first, with the commit it came from ({@code <archive>/<version hex>.commit}).
     */
    @Override
    public Entry appendPublish(PublishRecord publish, org.massageadvisor.engine.RuleFiles rules) {
        archive.ensure(rules);
        Entry entry = appendEntries(List.of(publish)).get(0);
        if (publish.commit() != null) {
            archive.linkCommit(publish.newVersion(), publish.commit());
        }
        return entry;
    }

    /** Decisions, feedback and publish entries, under one lock and one force to disk. */
    private List<Entry> appendEntries(List<Object> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        threadLock.lock();
        try (FileLock ignored = channel.lock()) {
            for (Object d : decisions) {
                if (d instanceof Decision decision) {
                    archive.ensure(decision.ruleBase().files());
                }
            }
            long size = channel.size();
            Tail tail = tail(size);
            long seq = tail.seq();
            String prev = tail.hash();
            List<Entry> entries = new ArrayList<>(decisions.size());
            StringBuilder text = new StringBuilder(decisions.size() * 1024);
            for (Object d : decisions) {
                seq++;
                String decision = UUID.randomUUID().toString();
                String line = d instanceof Decision logged ? line(seq, decision, logged, prev)
                        : d instanceof PublishRecord published ? publishLine(seq, decision, published, prev)
                        : feedbackLine(seq, decision, (ObjectNode) d, prev);
                String hash = hashOf(line);
                text.append(key == null ? line : withMac(line, key.mac(hash))).append('\n');
                entries.add(new Entry(seq, decision, hash));
                prev = hash;
            }
            write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), size, tail.seq());
            return entries;
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot append to the audit log", e);
        } finally {
            threadLock.unlock();
        }
    }

    /**
     * Writes at the end and forces to disk; if that fails (a full disk), cuts the log back to {@code size},
     * the end of its last whole line, so the log still verifies and later appends work.
     */
    private void write(ByteBuffer bytes, long size, long lastSeq) {
        long at = size;
        try {
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            channel.force(true);
        } catch (IOException e) {
            String undone;
            try {
                channel.truncate(size);
                channel.force(true);
                undone = "nothing was logged; the log was cut back to its last whole line (decision #" + lastSeq + ") and still verifies";
            } catch (IOException again) {
                undone = "the log may end with a partial line: run 'advisor audit repair " + file + "' once there is room";
            }
            throw new EnvironmentException(file + ": cannot append to the audit log: " + EnvironmentException.reason(e) + "; " + undone, e);
        }
    }

    /** What {@link #repair} removed: the partial lines, their bytes and the last whole decision left (-1: not a log entry). */
    public record Repair(long removedLines, long removedBytes, long lastSeq) {
    }

    /**
     * Cuts a log back to its last whole line (a crash or a full disk can leave a partial one), under the
     * same lock as appends; a log that ends with a line end is left as it is.
     */
    public static Repair repair(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(Position.of(file.toString()), "no such audit log");
        }
        try (AuditLog log = open(file, null)) {
            return log.cutPartialLine();
        }
    }

    private Repair cutPartialLine() {
        threadLock.lock();
        try (FileLock ignored = channel.lock()) {
            long size = channel.size();
            long end = size;
            while (end > 0) {
                long from = Math.max(0, end - TAIL_CHUNK);
                ByteBuffer chunk = ByteBuffer.allocate((int) (end - from));
                channel.read(chunk, from);
                byte[] b = chunk.array();
                int i = b.length - 1;
                while (i >= 0 && b[i] != '\n') {
                    i--;
                }
                if (i >= 0) {
                    end = from + i + 1;
                    break;
                }
                end = from;
            }
            long removed = size - end;
            if (removed > 0) {
                channel.truncate(end);
                channel.force(true);
            }
            long lastSeq;
            try {
                lastSeq = tail(end, false).seq();
            } catch (InputException e) {
                lastSeq = -1;
            }
            return new Repair(removed > 0 ? 1 : 0, removed, lastSeq);
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot repair the audit log", e);
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

    /** A feedback line, ending with its own hash. */
    static String feedbackLine(long seq, String id, ObjectNode feedback, String prev) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", seq);
        node.put("kind", FEEDBACK);
        node.put("decision", id);
        node.put("timestamp", Instant.now().toString());
        feedback.fields().forEachRemaining(f -> {
            if (!node.has(f.getKey()) && !f.getKey().equals("prev") && !f.getKey().equals("hash")) {
                node.set(f.getKey(), f.getValue());
            }
        });
        node.put("prev", prev);
        return sealed(node);
    }

    /**
     * A publish line, ending with its own hash: {@code seq}, {@code kind} ("publish"), {@code decision} (a
     * random id), {@code timestamp}, {@code proposedBy}, {@code approvedBy}, {@code message},
     * {@code oldRulesetVersion}, {@code rulesetVersion} (the new one), {@code commit}, {@code prev}.
     */
    static String publishLine(long seq, String id, PublishRecord p, String prev) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", seq);
        node.put("kind", PUBLISH);
        node.put("decision", id);
        node.put("timestamp", (p.at() == null ? Instant.now() : p.at()).toString());
        node.put("proposedBy", p.proposedBy());
        node.put("approvedBy", p.approvedBy());
        node.put("message", p.message());
        node.put("oldRulesetVersion", p.oldVersion());
        node.put("rulesetVersion", p.newVersion());
        node.put("commit", p.commit());
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
        if (at < 0 || !line.endsWith("\"}") || line.length() - at != HASH_TAIL) {
            return null;
        }
        return line.substring(0, at) + "}";
    }

    /** The {@code hash} of a sealed line (one that ends with its hash field). */
    static String hashOf(String sealed) {
        return sealed.substring(sealed.length() - 2 - 71, sealed.length() - 2);
    }

    /** A sealed line with {@code "mac"} added after its hash. */
    static String withMac(String sealed, String mac) {
        return sealed.substring(0, sealed.length() - 1) + ",\"mac\":\"" + mac + "\"}";
    }

    /** The line without its mac field (as it was sealed); the line itself if it has none. */
    static String withoutMac(String line) {
        int at = line.length() - MAC_TAIL;
        if (at > 0 && line.endsWith("\"}") && line.startsWith(",\"mac\":\"" + AuditKey.PREFIX, at)) {
            return line.substring(0, at) + "}";
        }
        return line;
    }

    /** The line's mac ({@code hmac-sha256:...}), or null if it was written without a key. */
    static String macOf(String line) {
        int at = line.length() - MAC_TAIL;
        if (at > 0 && line.endsWith("\"}") && line.startsWith(",\"mac\":\"" + AuditKey.PREFIX, at)) {
            return line.substring(at + 8, line.length() - 2);
        }
        return null;
    }

    private record Tail(long seq, String hash) {
    }

    /** The number and hash of the last line (0 and the zero hash for an empty log). */
    private Tail tail(long size) throws IOException {
        return tail(size, true);
    }

    /** As {@link #tail(long)}; {@code keyed}: also check that the last line's mac fits this log's key (or its absence). */
    private Tail tail(long size, boolean keyed) throws IOException {
        if (size == 0) {
            return new Tail(0, Hashes.GENESIS);
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            throw new InputException(Position.of(file.toString()),
                    "the last line is incomplete (a crash or a full disk while writing?); run 'advisor audit repair " + file
                            + "' to cut it off, then append again");
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
            if (keyed) {
                checkKey(line, hash.asText());
            }
            return new Tail(seq.asLong(), hash.asText());
        } catch (IOException e) {
            throw new InputException(Position.of(file.toString()),
                    "the last line is not a log entry; run 'advisor audit verify " + file + "' before appending");
        }
    }

    /** A keyed log takes only keyed lines, with the same key; a plain log takes only plain lines. */
    private void checkKey(String lastLine, String hash) {
        String mac = macOf(lastLine);
        if (key == null && mac != null) {
            throw new InputException(Position.of(file.toString()), "this log is sealed with a key; pass it with --audit-key");
        }
        if (key != null && mac == null) {
            throw new InputException(Position.of(file.toString()), "this log was started without a key; a keyed log must be keyed from its "
                    + "first line (start a new log for --audit-key)");
        }
        if (key != null && !key.mac(hash).equals(mac)) {
            throw new InputException(Position.of(file.toString()), "the last line was not sealed with this key (a different key, or a forged line): "
                    + "run 'advisor audit verify --key' on it");
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
            throw EnvironmentException.of(file.toString(), "cannot close the audit log", e);
        }
    }
}
