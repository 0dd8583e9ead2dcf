package org.massageadvisor.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.massageadvisor.audit.AuditKey;
import org.massageadvisor.audit.AuditLog;
import org.massageadvisor.io.OutputGuard;
import org.massageadvisor.io.SafeCsv;
import org.massageadvisor.audit.DecisionLog;
import org.massageadvisor.audit.DecisionLogs;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.ProfileReader;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleException;
import org.massageadvisor.progress.Progress;
import org.massageadvisor.progress.TerminalProgress;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.text.Numbers;

/**
 * {@code advisor batch} as a pipeline: one thread reads records in input order and cuts them into
 * chunks; a pool of threads validates, evaluates and renders each chunk; the calling thread writes
 * the rendered chunks in the order they were cut. A bounded queue of chunks in flight keeps memory
 * flat whatever the input size, and the fixed chunking makes the output byte-identical for any
 * number of threads.
 *
 * <p>With {@code --audit} each chunk also carries its evaluated records as decisions, and the writer
 * appends them to the {@link DecisionLog} with one {@link DecisionLog#appendAll group commit} per chunk
 * (one lock and one fsync for up to {@value #CHUNK} lines), so the log holds the decisions in input
 * order. A batch that stops early leaves the chunks appended so far: real decisions on a valid chain.
 */
public final class BatchRunner {

    /**
     * Records a chunk: enough to amortise hand-offs, few enough that a rendered chunk (about 1 KB a
     * record without explanations) stays well under G1's humongous-object size on a 256 MB heap.
     */
    static final int CHUNK = 128;
    /** Errors shown on stderr; the rest are only in the report. */
    static final int ERRORS_SHOWN = 10;

    /** One JSON document a line: the same bytes as {@code advisor evaluate --json} without indentation. */
    private static final ObjectWriter JSON = new ObjectMapper().writerFor(Recommendation.class).withRootValueSeparator("\n")
            .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final ObjectWriter ERROR_JSON = new ObjectMapper().writerFor(BatchError.class);
    private static final String CSV_HEADER = "id,status,minDays,maxDays,warnings,tips,earliest,latest";
    private static final CompletableFuture<Chunk> END = CompletableFuture.completedFuture(null);

    /** Distinct profiles whose recommendation is kept for reuse (about 1.4 KB each on the heap). */
    static final int CACHE_CAPACITY = 20_000;

    private final RecommendationCache evaluator;
    private long ruleErrors;
    private final RuleBase ruleBase;
    /** Held by the writer while it appends a chunk to the audit log, and for good by the shutdown hook. */
    private final ReentrantLock appending = new ReentrantLock();
    /** Set by the shutdown hook: failures after it are the hook closing the outputs, not errors. */
    private volatile boolean stopping;
    private final ProfileReader profiles;
    private final BatchOptions options;
    private final PrintWriter err;

    private AuditKey auditKey;

    /** Seals the audit log's lines with this key ({@code --audit-key}); null for none. */
    public BatchRunner auditKey(AuditKey key) {
        this.auditKey = key;
        return this;
    }

    public BatchRunner(Evaluator evaluator, BatchOptions options, PrintWriter err) {
        this.evaluator = new RecommendationCache(evaluator, options.cache() ? CACHE_CAPACITY : -1);
        this.ruleBase = evaluator.ruleBase();
        this.profiles = new ProfileReader(evaluator.ruleBase().vocabulary());
        this.options = options;
        this.err = err;
    }

    /**
     * A chunk's records, rendered: report lines, error-report lines, the rejected records, counts and,
     * with {@code --audit}, the evaluated records' decisions in input order (else empty).
     */
    private record Chunk(byte[] bytes, String errorText, List<BatchError> errors, Tally tally, List<AuditLog.Decision> decisions) {
    }

    /**
     * Runs the batch and prints the summary on stderr.
     *
     * @return the number of rejected records (the report and error report are in place either way)
     * @throws InputException before anything is written: a missing input, an unknown kind, an existing output without --force
     */
    public long run() throws IOException, InterruptedException {
        RecordSource source = RecordSource.of(options.inputs());
        OutputGuard guard = options.guard().folder("--rules", ruleBase.files().dir());
        source.inputs().forEach(i -> guard.input("input", i.path()));
        guard.check();
        AtomicOutput.refuseOverwrite(options.out(), options.force());
        AtomicOutput.refuseOverwrite(options.errorsFile(), options.force());
        DecisionLog audit = options.audit() == null ? null : DecisionLogs.open(options.audit(), auditKey);
        AtomicOutput out;
        AtomicOutput errors;
        try {
            out = AtomicOutput.create(options.out(), options.force());
            try {
                errors = AtomicOutput.create(options.errorsFile(), options.force());
            } catch (RuntimeException e) {
                out.abort();
                throw e;
            }
        } catch (RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            throw e;
        }
        AtomicLong appended = new AtomicLong();
        Thread cleanup = new Thread(() -> {
            stopping = true;
            // Let a chunk being appended to the audit log finish (no cut last line), then append no more.
            appending.lock();
            out.abort();
            errors.abort();
            err.println("interrupted: no report was written" + (audit == null ? ""
                    : "; the audit log keeps the " + appended.get() + " decisions appended so far, on a valid chain"));
            err.flush();
        }, "batch-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        long start = System.nanoTime();
        // The bar redraws with \r on purpose: it draws on the unescaped stream.
        Progress progress = options.progress() ? TerminalProgress.onTerminal(org.massageadvisor.io.Terminal.raw(err), false) : Progress.NONE;
        // The record count is unknown until the inputs are read: the bar's total is revised as they are.
        progress.step("batch", 0, "records");
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemon("batch-evaluate"));
        BlockingQueue<Future<Chunk>> inFlight = new ArrayBlockingQueue<>(options.threads() * 8);
        Thread reader = daemon("batch-read").newThread(() -> read(source, pool, inFlight));
        boolean committed = false;
        int shown = 0;
        long logged = 0;
        try {
            reader.start();
            java.io.OutputStream w = out.stream();
            if (options.format() == BatchOptions.Format.CSV) {
                w.write((CSV_HEADER + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                errors.writer().write(BatchError.CSV_HEADER + "\n");
            }
            while (true) {
                Future<Chunk> next = inFlight.take();
                if (next == END) {
                    break;
                }
                Chunk chunk = result(next);
                w.write(chunk.bytes());
                errors.writer().write(chunk.errorText());
                if (audit != null && !chunk.decisions().isEmpty()) {
                    appending.lock();
                    try {
                        audit.appendAll(chunk.decisions());
                        logged += chunk.decisions().size();
                        appended.set(logged);
                    } finally {
                        appending.unlock();
                    }
                }
                for (BatchError e : chunk.errors()) {
                    if (shown++ < ERRORS_SHOWN) {
                        err.println("error: " + e.display());
                    }
                }
                long before = tally.read;
                tally.addAll(chunk.tally());
                progress.total(source.estimatedRecords());
                progress.advance(tally.read - before);
            }
            out.commit();
            errors.commit();
            committed = true;
        } catch (IOException | RuntimeException e) {
            // Killed: the shutdown hook closed the outputs under us and says what is left; nothing here is a bug.
            if (stopping) {
                throw new Stopped();
            }
            throw e;
        } finally {
            progress.close();
            reader.interrupt();
            pool.shutdownNow();
            if (audit != null) {
                audit.close();
            }
            if (!committed) {
                out.abort();
                errors.abort();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
        if (shown > ERRORS_SHOWN) {
            err.println("... and " + (shown - ERRORS_SHOWN) + " more rejected records in " + options.errorsFile());
        }
        tally.print(err, (System.nanoTime() - start) / 1e9);
        if (evaluator.hits() + evaluator.misses() > 0) {
            err.println("Profile cache: " + Numbers.count(evaluator.hits()) + " hits, " + Numbers.count(evaluator.misses())
                    + " misses (identical profiles evaluated once)");
        }
        err.println("Report: " + options.out() + "; rejected records: " + options.errorsFile());
        if (audit != null) {
            err.println("Audit log: " + options.audit() + " (" + Numbers.count(logged) + " decisions appended)");
        }
        err.flush();
        ruleErrors = tally.ruleErrors;
        return tally.rejected;
    }

    /** After {@link #run}: how many records the rules failed on (a loop, the deadline, a rule that threw). */
    public long ruleErrors() {
        return ruleErrors;
    }

    /** The batch was stopped by a signal; the shutdown hook has already told the user what is left. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("interrupted", null, false, false);
        }
    }

    /** The reader thread: cuts records into chunks, hands each to the pool and queues its future in order. */
    private void read(RecordSource source, ExecutorService pool, BlockingQueue<Future<Chunk>> inFlight) {
        try {
            // Explained lines are about 8 KB: smaller chunks keep a chunk's bytes clear of G1's humongous size.
            int size = options.explain() ? CHUNK / 4 : CHUNK;
            List<RawRecord> chunk = new ArrayList<>(size);
            List<List<RawRecord>> holder = new ArrayList<>(1);
            holder.add(chunk);
            source.forEach(record -> {
                List<RawRecord> current = holder.get(0);
                current.add(record);
                if (current.size() == size) {
                    submit(current, pool, inFlight);
                    holder.set(0, new ArrayList<>(size));
                }
            });
            if (!holder.get(0).isEmpty()) {
                submit(holder.get(0), pool, inFlight);
            }
            inFlight.put(END);
        } catch (Interrupted e) {
            // The writer gave up; nothing more to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                inFlight.put(CompletableFuture.failedFuture(e));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets the reader thread leave a forEach callback when the writer has given up. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private void submit(List<RawRecord> records, ExecutorService pool, BlockingQueue<Future<Chunk>> inFlight) {
        try {
            inFlight.put(pool.submit(() -> evaluate(records)));
        } catch (InterruptedException e) {
            throw new Interrupted();
        }
    }

    private static Chunk result(Future<Chunk> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Validates, evaluates and renders one chunk, on a pool thread. The report text goes straight to
     * UTF-8 bytes, once: the writer thread only copies them to the file.
     */
    private Chunk evaluate(List<RawRecord> records) throws IOException {
        BatchOptions.Format format = options.format();
        int perRecord = options.explain() ? 8192 : options.compact() ? 400 : format == BatchOptions.Format.CSV ? 200 : 1600;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(records.size() * perRecord);
        StringBuilder text = format == BatchOptions.Format.CSV ? new StringBuilder(records.size() * 200) : null;
        com.fasterxml.jackson.databind.SequenceWriter json = format == BatchOptions.Format.JSONL && !options.compact()
                ? JSON.writeValues(bytes) : null;
        com.fasterxml.jackson.core.JsonGenerator compact = format == BatchOptions.Format.JSONL && options.compact()
                ? CompactLine.generator(bytes) : null;
        StringBuilder errorText = new StringBuilder();
        List<BatchError> errors = new ArrayList<>();
        List<AuditLog.Decision> decisions = options.audit() == null ? List.of() : new ArrayList<>(records.size());
        Tally tally = new Tally();
        for (RawRecord record : records) {
            InputException bad = record.error();
            Client client = null;
            if (bad == null) {
                // A canonical CSV row becomes a client directly; anything else goes through the profile reader.
                client = record.row() == null ? null : record.row().client(ruleBase.vocabulary());
                if (client == null) {
                    try {
                        client = profiles.read(record.tree());
                    } catch (InputException e) {
                        bad = e;
                    }
                }
            }
            if (bad != null) {
                BatchError e = BatchError.of(record.number(), bad);
                errors.add(e);
                if (format == BatchOptions.Format.CSV) {
                    errorText.append(e.csvRow());
                } else {
                    errorText.append(ERROR_JSON.writeValueAsString(e)).append('\n');
                }
                tally.reject();
                continue;
            }
            if (client.id() == null) {
                client = client.withId("record-" + record.number());
            }
            Recommendation r;
            try {
                r = evaluator.evaluate(client, options.explain());
            } catch (RuleException e) {
                // Broken rules (a loop, the deadline, a rule that threw): report the record, go on with the rest.
                BatchError error = BatchError.of(record.number(), new InputException(record.tree().at(), e.getMessage()));
                errors.add(error);
                errorText.append(format == BatchOptions.Format.CSV ? error.csvRow() : ERROR_JSON.writeValueAsString(error) + "\n");
                tally.reject();
                tally.ruleErrors++;
                continue;
            }
            tally.add(r);
            if (options.audit() != null) {
                decisions.add(new AuditLog.Decision(r, client, ruleBase));
            }
            if (text != null) {
                csvRow(r, text);
            } else if (compact != null) {
                CompactLine.write(r, compact);
            } else {
                json.write(r);
            }
        }
        if (json != null) {
            json.close();
            // The separator goes between values: the chunk's last line needs its own end.
            if (tally.evaluated > 0) {
                bytes.write('\n');
            }
        } else if (compact != null) {
            compact.close();
        } else {
            bytes.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Chunk(bytes.toByteArray(), errorText.toString(), errors, tally, decisions);
    }

    /**
     * id, status, minDays, maxDays, warnings as CODE or CODE(SUBJECT) joined by ';', tip codes joined by ';',
     * then the window's earliest and latest dates (empty without a last massage date).
     */
    static void csvRow(Recommendation r, StringBuilder out) {
        StringBuilder warnings = new StringBuilder();
        for (IssuedWarning w : r.warnings()) {
            if (warnings.length() > 0) {
                warnings.append(';');
            }
            warnings.append(w.code());
            if (w.subject() != null) {
                warnings.append('(').append(w.subject()).append(')');
            }
        }
        StringBuilder tips = new StringBuilder();
        for (IssuedTip t : r.tips()) {
            if (tips.length() > 0) {
                tips.append(';');
            }
            tips.append(t.code());
        }
        out.append(SafeCsv.row(r.id(), r.status().name(), r.interval() == null ? null : r.interval().minDays(),
                r.interval() == null ? null : r.interval().maxDays(), warnings.toString(), tips.toString(),
                r.window() == null ? null : r.window().earliest().toString(), r.window() == null ? null : r.window().latest().toString()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
