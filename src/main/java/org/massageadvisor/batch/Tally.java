package org.massageadvisor.batch;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.text.Numbers;

/** Counts for the end-of-batch summary: records, statuses, warning codes and intervals. Not thread-safe. */
final class Tally {

    long read;
    long evaluated;
    long rejected;
    /** Rejected because the rules failed on the record, not because it was bad. */
    long ruleErrors;
    final Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    /** Records that got the warning code at least once. */
    final Map<String, Long> byWarning = new TreeMap<>();
    /** Records by interval, ordered by minDays then maxDays. */
    final Map<Interval, Long> byInterval = new TreeMap<>((a, b) -> a.minDays() != b.minDays()
            ? Integer.compare(a.minDays(), b.minDays()) : Integer.compare(a.maxDays(), b.maxDays()));

    void add(Recommendation r) {
        read++;
        evaluated++;
        byStatus.merge(r.status(), 1L, Long::sum);
        // Each code once a record (a code can come with several subjects); a record has a handful of warnings.
        List<IssuedWarning> warnings = r.warnings();
        for (int i = 0; i < warnings.size(); i++) {
            String code = warnings.get(i).code();
            boolean counted = false;
            for (int j = 0; j < i && !counted; j++) {
                counted = warnings.get(j).code().equals(code);
            }
            if (!counted) {
                byWarning.merge(code, 1L, Long::sum);
            }
        }
        if (r.interval() != null) {
            byInterval.merge(r.interval(), 1L, Long::sum);
        }
    }

    void reject() {
        read++;
        rejected++;
    }

    void addAll(Tally other) {
        read += other.read;
        evaluated += other.evaluated;
        rejected += other.rejected;
        ruleErrors += other.ruleErrors;
        other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
        other.byWarning.forEach((k, v) -> byWarning.merge(k, v, Long::sum));
        other.byInterval.forEach((k, v) -> byInterval.merge(k, v, Long::sum));
    }

    /** The summary printed on stderr at the end of a batch. */
    void print(PrintWriter err, double seconds) {
        err.printf(Locale.ROOT, "Records: %s read, %s evaluated, %s rejected (%.1f s, %s records/s)%n", Numbers.count(read),
                Numbers.count(evaluated), Numbers.count(rejected), seconds, Numbers.whole(seconds > 0 ? read / seconds : 0.0));
        err.println("By status:");
        for (Status s : Status.values()) {
            err.printf("  %-24s %10s%n", s, Numbers.count(byStatus.getOrDefault(s, 0L)));
        }
        if (!byWarning.isEmpty()) {
            err.println("By warning (records with it):");
            byWarning.forEach((code, n) -> err.printf("  %-28s %10s%n", code, Numbers.count(n)));
        }
        if (!byInterval.isEmpty()) {
            err.println("Intervals between massages:");
            long most = byInterval.values().stream().mapToLong(Long::longValue).max().orElse(1);
            byInterval.forEach((interval, n) -> err.printf("  %-10s %10s %s%n", interval, Numbers.count(n),
                    "#".repeat((int) Math.max(n > 0 ? 1 : 0, Math.round(40.0 * n / most)))));
        }
    }
}
