package org.massageadvisor.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.progress.Progress;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The benchmark behind {@code advisor bench}: evaluation throughput (pooled sessions, 1 thread and all
 * cores, explanation off and on), the same through a naive integration (a new session per client,
 * explanation on), cold and warm rule-base builds, a cold {@code advisor evaluate}, and end-to-end
 * {@code advisor batch} runs in child JVMs measured with {@code /usr/bin/time -v}. Every figure is the
 * median of {@code runs} measurements after one warm-up. Not a test: numbers go to docs/performance.md.
 */
public final class Benchmark {

    /**
     * @param profiles distinct generated profiles the throughput runs cycle through
     * @param seconds length of one throughput measurement
     * @param runs measurements per figure (the median is reported)
     * @param batchRecords records of the end-to-end batch run; 0 to skip it
     * @param jar the packaged advisor.jar, for the child-JVM figures; null to skip them
     */
    public record Settings(Path rules, int profiles, double seconds, int runs, long batchRecords, Path jar, Path work) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final Progress progress;

    public Benchmark(Settings settings, PrintWriter out) {
        this(settings, out, Progress.NONE);
    }

    /** @param progress told of each section as it starts and of each measurement in it */
    public Benchmark(Settings settings, PrintWriter out, Progress progress) {
        this.settings = settings;
        this.out = out;
        this.progress = progress;
    }

    public void run() throws Exception {
        try {
            measureAll();
        } finally {
            progress.close();
        }
    }

    private void measureAll() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("machine: %d cores (%s), java %s, max heap %d MB%n", cores, cpuModel(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("load average at start: %s%n", loadAverage());
        out.printf("settings: %d profiles, %.1f s a measurement, median of %d runs%n", settings.profiles(), settings.seconds(), settings.runs());
        // Five throughput figures for each thread count, each one warm-up and `runs` measurements of a set length.
        int measurements = 5 * distinct(1, cores).length * (settings.runs() + 1);
        out.printf("plan: (c) builds; (a)+(b) %d throughput measurements, about %s; then (c) cold evaluate and (d) end to end%n%n",
                measurements, duration(measurements * settings.seconds()));
        out.flush();

        // (c) first: the first build in this JVM is the cold one.
        progress.step("bench (c) rule-base builds", 1 + Math.max(settings.runs(), 5), "builds");
        long t0 = System.nanoTime();
        RuleBase ruleBase = RuleBase.load(settings.rules());
        double cold = millis(t0);
        progress.advance(1);
        out.printf("(c) cold rule-base build (first in this JVM): %.0f ms%n", cold);
        double[] warm = new double[Math.max(settings.runs(), 5)];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            RuleBase.load(settings.rules());
            warm[i] = millis(t);
            progress.advance(1);
        }
        out.printf("(c) warm rule-base rebuild: median %.0f ms (%s)%n%n", median(warm), fmt(warm, "%.0f"));

        Evaluator evaluator = new Evaluator(ruleBase);
        ProfileGenerator generator = new ProfileGenerator(ruleBase.vocabulary(), 42);
        Client[] clients = new Client[settings.profiles()];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = generator.next();
        }
        progress.step("bench (a)+(b) throughput", measurements, "measurements");
        out.println("(a) evaluation API, pooled sessions (evaluations/s):");
        for (int threads : distinct(1, cores)) {
            for (boolean explain : new boolean[] {false, true}) {
                throughput("threads=" + threads + " explain=" + (explain ? "on " : "off"), clients, threads,
                        (e, c) -> evaluator.evaluate(c, explain));
            }
        }
        out.println();
        out.println("(a) with the batch's profile cache, explanation off (evaluations/s): all hits, then all misses");
        RecommendationCache warmCache = new RecommendationCache(evaluator, clients.length);
        for (Client c : clients) {
            warmCache.evaluate(c, false);
        }
        RecommendationCache missCache = new RecommendationCache(evaluator, 0);
        for (int threads : distinct(1, cores)) {
            throughput("threads=" + threads + " hits   ", clients, threads, (e, c) -> warmCache.evaluate(c, false));
            throughput("threads=" + threads + " misses ", clients, threads, (e, c) -> missCache.evaluate(c, false));
        }
        out.println();
        out.println("(b) naive integration: a new KieSession per client, explanation on (evaluations/s):");
        for (int threads : distinct(1, cores)) {
            throughput("threads=" + threads + " explain=on ", clients, threads, (e, c) -> evaluator.evaluateInFreshSession(c, true));
        }
        out.println();
        if (settings.jar() != null) {
            coldEvaluate(clients[0]);
            if (settings.batchRecords() > 0) {
                endToEnd(ruleBase);
            }
        } else {
            out.println("(d) skipped: not running from the packaged jar (pass --jar target/advisor.jar)");
        }
        out.flush();
    }

    /** "45 s" or "3 min 20 s". */
    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    private static int[] distinct(int a, int b) {
        return a == b ? new int[] {a} : new int[] {a, b};
    }

    /** Evaluations/s of {@code threads} threads cycling through the profiles for the set time; median of runs. */
    private void throughput(String label, Client[] clients, int threads, BiFunction<Evaluator, Client, Recommendation> evaluate)
            throws InterruptedException {
        double[] rates = new double[settings.runs()];
        double[] cpuRates = new double[settings.runs()];
        for (int run = -1; run < settings.runs(); run++) {
            double rate = measure(clients, threads, evaluate);
            progress.advance(1);
            if (run >= 0) {
                rates[run] = rate;
                cpuRates[run] = lastCpuRate;
            }
        }
        out.printf(Locale.ROOT, "    %s  median %,10.0f/s wall   (runs: %s)   per CPU-second of one thread: %,.0f%n", label, median(rates),
                fmt(rates, "%,.0f"), median(cpuRates));
        out.flush();
    }

    private double measure(Client[] clients, int threads, BiFunction<Evaluator, Client, Recommendation> evaluate)
            throws InterruptedException {
        AtomicLong total = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long deadline = System.nanoTime() + (long) (settings.seconds() * 1e9);
        CountDownLatch ready = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * (clients.length / threads);
            Thread w = new Thread(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long n = 0;
                int i = offset;
                ready.countDown();
                while ((n & 63) != 0 || System.nanoTime() < deadline) {
                    Recommendation r = evaluate.apply(null, clients[i]);
                    if (r.rulesetVersion() == null) {
                        throw new IllegalStateException("no version");
                    }
                    n++;
                    i = i + 1 == clients.length ? 0 : i + 1;
                }
                total.addAndGet(n);
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        lastCpuRate = total.get() / (cpuNanos.get() / 1e9);
        return total.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Evaluations per second of CPU time the evaluating threads got, in the last measurement. */
    private double lastCpuRate;

    /**
     * A cold {@code advisor evaluate --json} of one client in a fresh JVM (wall time, CPU time, peak RSS):
     * plain; with an AppCDS archive of the classes a run loads (made here with -XX:ArchiveClassesAtExit);
     * and with the archive plus C1 only, which suits a one-shot command.
     */
    private void coldEvaluate(Client client) throws IOException, InterruptedException {
        Files.createDirectories(settings.work());
        Path profile = settings.work().resolve("bench-client.json");
        Files.writeString(profile, ProfileGenerator.jsonLine(client));
        Path archive = settings.work().resolve("advisor.jsa").toAbsolutePath();
        List<String> evaluate = List.of("-jar", settings.jar().toString(), "evaluate", profile.toString(), "--json",
                "--rules", settings.rules().toString());
        Files.deleteIfExists(archive);
        progress.step("bench (c) cold evaluate", 1 + 3L * settings.runs(), "runs");
        timed(concat(List.of("java", "-XX:ArchiveClassesAtExit=" + archive), evaluate));
        progress.advance(1);
        out.printf("(c) AppCDS archive made: java -XX:ArchiveClassesAtExit=%s %s%n", archive, String.join(" ", evaluate));
        List<List<String>> variants = List.of(
                concat(List.of("java"), evaluate),
                concat(List.of("java", "-XX:SharedArchiveFile=" + archive), evaluate),
                concat(List.of("java", "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"), evaluate));
        for (List<String> command : variants) {
            double[] wall = new double[settings.runs()];
            double[] cpu = new double[settings.runs()];
            double[] rss = new double[settings.runs()];
            for (int run = 0; run < settings.runs(); run++) {
                double[] m = timed(command);
                wall[run] = m[0];
                rss[run] = m[1];
                cpu[run] = m[2];
                progress.advance(1);
            }
            out.printf("(c) cold evaluate: median %.2f s wall, %.2f s CPU, %.0f MB peak RSS (wall runs: %s s)%n    %s%n",
                    median(wall), median(cpu), median(rss), fmt(wall, "%.2f"), String.join(" ", command));
        }
        out.println();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code advisor batch} on generated profiles, CSV to JSONL, -Xmx256m, in a child JVM. */
    private void endToEnd(RuleBase ruleBase) throws IOException, InterruptedException {
        progress.step("bench (d) end to end", settings.runs(), "runs");
        Path input = settings.work().resolve("bench-" + settings.batchRecords() + ".csv");
        Path output = settings.work().resolve("bench-" + settings.batchRecords() + ".jsonl");
        ProfileGenerator generator = new ProfileGenerator(ruleBase.vocabulary(), 7);
        try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            w.write(ProfileGenerator.csvHeader());
            w.write('\n');
            for (long i = 0; i < settings.batchRecords(); i++) {
                w.write(ProfileGenerator.csvRow(generator.next()));
                w.write('\n');
            }
        }
        List<String> command = List.of("java", "-Xmx256m", "-jar", settings.jar().toString(), "batch", input.toString(),
                "--out", output.toString(), "--force", "--quiet", "--rules", settings.rules().toString());
        out.printf("(d) end to end: %s%n", String.join(" ", command));
        double[] wall = new double[settings.runs()];
        double[] rss = new double[settings.runs()];
        double[] cpu = new double[settings.runs()];
        for (int run = 0; run < settings.runs(); run++) {
            double[] m = timed(command);
            wall[run] = m[0];
            rss[run] = m[1];
            cpu[run] = m[2];
            progress.advance(1);
        }
        long lines;
        try (var s = Files.lines(output)) {
            lines = s.count();
        }
        out.printf(Locale.ROOT, "(d) %,d records CSV -> JSONL (%,d lines written): median %.2f s wall, %.1f s CPU (user+sys), %.0f MB peak RSS%n"
                + "    (wall runs: %s s; CPU runs: %s s; RSS runs: %s MB)%n",
                settings.batchRecords(), lines, median(wall), median(cpu), median(rss), fmt(wall, "%.2f"), fmt(cpu, "%.1f"), fmt(rss, "%.0f"));
        Files.deleteIfExists(output);
        Files.deleteIfExists(output.resolveSibling("bench-" + settings.batchRecords() + ".errors.jsonl"));
        Files.deleteIfExists(input);
    }

    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time.*: (?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): (\\d+(?:\\.\\d+)?)");
    private static final Pattern SYS = Pattern.compile("System time \\(seconds\\): (\\d+(?:\\.\\d+)?)");

    /** Runs a command under {@code /usr/bin/time -v}; returns {wall seconds, peak RSS MB, user+sys CPU seconds}. */
    private double[] timed(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        full.add("/usr/bin/time");
        full.add("-v");
        full.addAll(command);
        Path log = Files.createTempFile(settings.work(), "time", ".log");
        Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(log);
        Files.deleteIfExists(log);
        if (code != 0) {
            throw new IllegalStateException("benchmark command failed (exit " + code + "): " + String.join(" ", command) + "\n" + text);
        }
        Matcher w = WALL.matcher(text);
        Matcher r = RSS.matcher(text);
        Matcher u = USER.matcher(text);
        Matcher k = SYS.matcher(text);
        if (!w.find() || !r.find() || !u.find() || !k.find()) {
            throw new IllegalStateException("cannot read /usr/bin/time -v output:\n" + text);
        }
        double seconds = (w.group(1) == null ? 0 : Integer.parseInt(w.group(1)) * 3600) + Integer.parseInt(w.group(2)) * 60
                + Double.parseDouble(w.group(3));
        return new double[] {seconds, Long.parseLong(r.group(1)) / 1024.0,
            Double.parseDouble(u.group(1)) + Double.parseDouble(k.group(1))};
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double[] values, String format) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(format, v));
        }
        return String.join(", ", parts);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
