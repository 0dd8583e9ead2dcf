package org.massageadvisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The same-run comparison: every {@link EvaluationBenchmark} in this one JVM, in rounds, each round
 * running project and reference back to back (the order turning from round to round), so that both
 * see the same load. Prints each round, the median of each figure, the ratios project / reference and
 * the load average before and after. First checks that project and reference agree on every profile.
 *
 * <pre>java -cp target/benchmarks.jar org.massageadvisor.bench.Compare [rounds] [seconds per measurement]</pre>
 */
public final class Compare {

    private static final List<String> BENCHMARKS = List.of("reference1", "project1", "projectExplained1",
            "reference2", "project2", "projectExplained2");

    public static void main(String[] args) throws RunnerException, IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String loadBefore = load();
        System.out.println("load average before: " + loadBefore + "; cores: " + Runtime.getRuntime().availableProcessors());
        Workload.get();
        System.out.println("agreement: project and plain Drools give the same answer for all " + Workload.PROFILES + " profiles");
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        BENCHMARKS.forEach(b -> scores.put(b, new ArrayList<>()));
        // Round 0 warms every benchmark's code paths up (the JIT keeps compiling for several seconds) and is
        // not counted; each counted round runs all six back to back, the order turning each round.
        for (int round = 0; round <= rounds; round++) {
            List<String> order = new ArrayList<>(BENCHMARKS);
            java.util.Collections.rotate(order, -round);
            for (String b : order) {
                Options opts = new OptionsBuilder()
                        .include(EvaluationBenchmark.class.getName() + "\\." + b + "$")
                        .forks(0)
                        .warmupIterations(1).warmupTime(TimeValue.seconds(seconds))
                        .measurementIterations(1).measurementTime(TimeValue.seconds(seconds))
                        .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                        .build();
                Collection<RunResult> results = new Runner(opts).run();
                double score = results.iterator().next().getPrimaryResult().getScore();
                if (round > 0) {
                    scores.get(b).add(score);
                }
                System.out.printf("round %d%s %-18s %,12.0f evaluations/s  (load %s)%n", round, round == 0 ? " (warm-up)" : "",
                        b, score, load());
            }
        }
        Map<String, Double> median = new LinkedHashMap<>();
        scores.forEach((b, s) -> median.put(b, median(s)));
        System.out.println();
        System.out.println("| threads | plain Drools (reference) | project, no explanation | ratio (rounds' range) | project, explanation | ratio (rounds' range) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int t = 1; t <= 2; t++) {
            // Each ratio is the median of the per-round ratios: a round's project and reference ran minutes
            // apart at most, so a change in the machine's load moves both.
            System.out.printf("| %d | %,.0f/s | %,.0f/s | %s | %,.0f/s | %s |%n", t, median.get("reference" + t),
                    median.get("project" + t), ratio(scores, "project" + t, "reference" + t),
                    median.get("projectExplained" + t), ratio(scores, "projectExplained" + t, "reference" + t));
        }
        System.out.println();
        System.out.println("medians of " + rounds + " rounds, " + seconds + " s a measurement after " + seconds
                + " s of warm-up, after an uncounted warm-up round; each ratio is the median of the per-round ratios; load average before " + loadBefore + ", after " + load());
    }

    /** The median of the per-round ratios, with the lowest and highest round beside it: how noisy the machine was. */
    private static String ratio(Map<String, List<Double>> scores, String project, String reference) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < scores.get(reference).size(); i++) {
            ratios.add(scores.get(project).get(i) / scores.get(reference).get(i));
        }
        return String.format("%.2f (%.2f-%.2f)", median(ratios), java.util.Collections.min(ratios), java.util.Collections.max(ratios));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
