package org.massageadvisor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.facts.Adjustment;
import org.massageadvisor.facts.BaseRange;
import org.massageadvisor.facts.Conclusions;
import org.massageadvisor.facts.Floor;
import org.massageadvisor.facts.MassageType;
import org.massageadvisor.facts.RecoveryMargin;
import org.massageadvisor.facts.Referral;
import org.massageadvisor.facts.Tip;
import org.massageadvisor.facts.Warning;

/**
 * The same DRL files run the plain Drools way, as the yardstick for the project's evaluator: one
 * KieBase, one KieSession a thread reused for every client (its facts deleted after each), no
 * listeners, conclusions gathered into a plain Java object and folded into an interval with the
 * same four phases (base range, adjustments, floors, recovery margin). No explanation, no snapshots, no JSON.
 *
 * <p>Rules that record conclusions through the {@code conclusions} global write into the collector;
 * rules that still {@code insert} their conclusions are read back from working memory by type.
 */
final class PlainDroolsReference {

    /**
     * {@code -Dreference.clear=engine}: clear a session as the project's pool does, letting the engine
     * retract the derived facts in a network evaluation that fires nothing, instead of deleting the
     * ones left by hand. Off by default: the reference stays the plain way one would write it.
     */
    static final boolean CLEAR_BY_ENGINE = "engine".equals(System.getProperty("reference.clear"));

    private final KieBase kieBase;
    private final Vocabulary vocabulary;
    private final boolean hasGlobal;

    /** Over a KieBase built elsewhere (GapProbe runs the plain loop over the project's). */
    PlainDroolsReference(KieBase kieBase, Vocabulary vocabulary) {
        this.kieBase = kieBase;
        this.vocabulary = vocabulary;
        boolean global = false;
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Global g : p.getGlobalVariables()) {
                global |= g.getName().equals("conclusions");
            }
        }
        this.hasGlobal = global;
    }

    /**
     * Compiles every {@code .drl} file and decision table ({@code .csv}, converted by Drools itself) of the
     * folder the textbook way: KieFileSystem, KieBuilder, KieContainer.
     */
    static PlainDroolsReference compile(Path rules, Vocabulary vocabulary) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("org.massageadvisor.bench", "plain-reference", "1.0.0");
        kfs.generateAndWritePomXML(id);
        try (Stream<Path> files = Files.list(rules)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl") || p.toString().endsWith(".csv")).sorted().toList()) {
                // Drools takes a file for a decision table by its extension .drl.csv; a plain .csv it skips without a word.
                String name = f.getFileName().toString().replaceFirst("\\.csv$", ".drl.csv");
                kfs.write("src/main/resources/org/massageadvisor/rules/" + name, Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the rules do not compile: " + errors);
        }
        return new PlainDroolsReference(ks.newKieContainer(id).getKieBase(), vocabulary);
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** What one evaluation concluded: status, interval (or none when referred) and codes. */
    record Result(boolean referred, int minDays, int maxDays, List<String> warnings, List<String> tips) {
    }

    /** The plain Java object conclusions are gathered in; emptied for every client. */
    static final class Collected implements Conclusions {
        final List<BaseRange> bases = new ArrayList<>(2);
        final List<Adjustment> adjustments = new ArrayList<>(4);
        final List<Floor> floors = new ArrayList<>(4);
        int margin;
        final Map<String, Warning> warnings = new LinkedHashMap<>();
        final Map<String, Tip> tips = new LinkedHashMap<>();
        boolean referred;

        @Override
        public void add(Object c) {
            if (c instanceof BaseRange b) {
                bases.add(b);
            } else if (c instanceof Adjustment a) {
                adjustments.add(a);
            } else if (c instanceof Floor f) {
                floors.add(f);
            } else if (c instanceof Warning w) {
                warnings.putIfAbsent(w.code() + "/" + w.subject(), w);
            } else if (c instanceof Tip t) {
                tips.putIfAbsent(t.code(), t);
            } else if (c instanceof RecoveryMargin m) {
                margin = Math.max(margin, m.days());
            } else if (c instanceof Referral) {
                referred = true;
            }
        }

        void clear() {
            bases.clear();
            adjustments.clear();
            floors.clear();
            warnings.clear();
            tips.clear();
            margin = 0;
            referred = false;
        }

        Result fold() {
            List<String> w = new ArrayList<>(warnings.size());
            warnings.values().forEach(x -> w.add(x.subject() == null ? x.code() : x.code() + "(" + x.subject() + ")"));
            List<String> t = new ArrayList<>(tips.keySet());
            if (referred || bases.isEmpty()) {
                return new Result(true, 0, 0, w, t);
            }
            BaseRange base = bases.get(0);
            for (BaseRange b : bases) {
                if (b.minDays() > base.minDays() || (b.minDays() == base.minDays() && b.maxDays() > base.maxDays())) {
                    base = b;
                }
            }
            int min = base.minDays();
            int max = base.maxDays();
            for (Adjustment a : adjustments) {
                min += a.minDays();
                max += a.maxDays();
            }
            for (Floor f : floors) {
                min = Math.max(min, f.minDays());
                max = Math.max(Math.max(max, f.maxDays()), min);
            }
            if (margin > 0) {
                min += margin;
                max = Math.max(max, min + 1);
            }
            min = Math.min(Math.max(min, 1), 31);
            max = Math.min(Math.max(max, min), 31);
            return new Result(false, min, max, w, t);
        }
    }

    /** One thread's reused session and collector. Not thread-safe: one per thread. */
    final class Session {
        private final KieSession session = kieBase.newKieSession();
        private final Collected collected = new Collected();

        Session() {
            if (hasGlobal) {
                session.setGlobal("conclusions", collected);
            }
        }

        Result evaluate(Client client) {
            collected.clear();
            FactHandle c = session.insert(client);
            FactHandle t = session.insert(new MassageType(client.massageType(), vocabulary.isIntense(client.massageType())));
            session.fireAllRules(10_000);
            if (!hasGlobal) {
                // Rules that still insert their conclusions: read them back by type.
                for (Object o : session.getObjects(Session::isConclusion)) {
                    collected.add(o);
                }
            }
            Result result = collected.fold();
            // Deleting the two inputs retracts every logically inserted fact; then drop what rules inserted.
            session.delete(c);
            session.delete(t);
            if (CLEAR_BY_ENGINE) {
                session.fireAllRules(match -> false);
            }
            if (!hasGlobal || session.getFactCount() > 0) {
                for (FactHandle h : new ArrayList<FactHandle>(session.<FactHandle>getFactHandles())) {
                    session.delete(h);
                }
            }
            return result;
        }

        private static boolean isConclusion(Object o) {
            return o instanceof BaseRange || o instanceof Adjustment || o instanceof Floor || o instanceof Warning
                    || o instanceof Tip || o instanceof Referral || o instanceof RecoveryMargin;
        }
    }

    Session newSession() {
        return new Session();
    }
}
