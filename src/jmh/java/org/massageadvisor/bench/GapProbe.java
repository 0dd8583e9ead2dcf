package org.massageadvisor.bench;

import org.massageadvisor.client.Client;

/**
 * Where the gap between the project and plain Drools lies, on one thread: the plain-Drools loop over
 * its own KieBase, the same loop over the project's KieBase (compiled through the allowlist class
 * loader, with the project's table conversion), and the project's evaluator. The first two differ
 * only in how the KieBase was built; the last two only in what the evaluator does around
 * {@code fireAllRules}. Rounds of 3 s each, the three in turn, the first rounds uncounted.
 *
 * <pre>java -Xmx1g -cp target/benchmarks.jar org.massageadvisor.bench.GapProbe [rounds]</pre>
 */
public final class GapProbe {

    private GapProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmUp = Math.min(5, rounds / 2);
        Workload w = Workload.get();
        PlainDroolsReference.Session own = w.reference.newSession();
        PlainDroolsReference.Session projectBase = new PlainDroolsReference(w.evaluator.ruleBase().kieBase(), w.evaluator.ruleBase().vocabulary()).newSession();
        String[] names = {"plain loop, its own KieBase", "plain loop, the project's KieBase", "the project's evaluator"};
        System.out.println("load average before: " + Compare.load());
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.length; k++) {
                long start = System.nanoTime();
                long end = start + 3_000_000_000L;
                long n = 0;
                int i = 0;
                while (System.nanoTime() < end) {
                    Client c = w.clients[i];
                    i = i + 1 == w.clients.length ? 0 : i + 1;
                    Object r = k == 0 ? own.evaluate(c) : k == 1 ? projectBase.evaluate(c) : w.evaluator.evaluate(c, false);
                    if (r == null) {
                        throw new AssertionError("no result for " + c);
                    }
                    n++;
                }
                if (round >= warmUp) {
                    System.out.printf("round %d  %-34s %,8.0f evaluations/s%n", round, names[k], n / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
        System.out.println("load average after: " + Compare.load());
    }
}
