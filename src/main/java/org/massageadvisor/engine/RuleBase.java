package org.massageadvisor.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.facts.Conclusions;

/**
 * A compiled rules folder: the vocabulary, the Drools {@link KieBase} built from its DRL files with
 * the classic (non executable-model) build, which reports errors with file, line and column, and the
 * content hash that versions it. Built once, shared by every thread: a KieBase is thread-safe.
 */
public final class RuleBase {

    private static final AtomicLong BUILDS = new AtomicLong();
    private static final String JAVA_LEVEL = "drools.dialect.java.compiler.lnglevel";

    static {
        // Consequences compile at the Java 8 language level: string concatenation becomes StringBuilder
        // calls, not an invokedynamic bootstrap that would need java.lang.invoke (method handles, a way
        // around the class allowlist) among the classes rules may link to. Drools reads this property
        // from the system properties (a kmodule.xml would need drools-xml-support).
        if (System.getProperty(JAVA_LEVEL) == null) {
            System.setProperty(JAVA_LEVEL, "1.8");
        }
    }
    private static final Pattern LINE_COL = Pattern.compile("\\[?Line (\\d+):(\\d+)\\]?");
    private static final String RESOURCES = "src/main/resources/";

    private final RuleFiles files;
    private final Vocabulary vocabulary;
    private final KieBase kieBase;
    private final Map<String, RuleInfo> rules;
    private final boolean hasCollector;
    private final boolean fromCache;

    private RuleBase(RuleFiles files, Vocabulary vocabulary, KieBase kieBase, Map<String, RuleInfo> rules, boolean fromCache) {
        this.fromCache = fromCache;
        this.files = files;
        this.vocabulary = vocabulary;
        this.kieBase = kieBase;
        this.rules = rules;
        this.hasCollector = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(Conclusions.GLOBAL));
    }

    /**
     * Reads and compiles a rules folder.
     *
     * @throws org.massageadvisor.client.InputException if the folder or its vocabulary is unreadable or malformed
     * @throws RuleCompilationException if a DRL file does not compile
     */
    public static RuleBase load(Path dir) {
        RuleFiles files = RuleFiles.read(dir);
        Vocabulary vocabulary = Vocabulary.load(dir.resolve(Vocabulary.FILE_NAME));
        return compile(files, vocabulary);
    }

    /**
     * Checks a rules folder against the {@link RuleAllowlist}, then compiles it.
     *
     * @throws RuleRefusedException if a rule does more than conclude (nothing of it has been compiled or run)
     * @throws RuleCompilationException if a decision table cannot be read or a rule file does not compile
     */
    public static RuleBase compile(RuleFiles files, Vocabulary vocabulary) {
        // With a cache folder (bin/advisor sets one), an unchanged rule set is loaded, not checked and
        // compiled again: an entry is only written for these very bytes after they passed the allowlist
        // and compiled in this program build, and its classes link through the same allowlist class loader.
        CompiledRuleCache cache = CompiledRuleCache.fromSystemProperty();
        if (cache != null) {
            CompiledRuleCache.Entry cached = cache.load(files.version(), new RulesClassLoader(RuleBase.class.getClassLoader()));
            if (cached != null) {
                return wrap(files, vocabulary, cached);
            }
        }
        if (!files.tableProblems().isEmpty()) {
            throw new RuleCompilationException(files.tableProblems());
        }
        List<RuleProblem> refused = RuleAllowlist.check(files);
        if (!refused.isEmpty()) {
            throw new RuleRefusedException(refused);
        }
        RuleBase built = compileLinkChecked(files, vocabulary);
        if (cache != null) {
            cache.store(files.version(), built.kieBase, files.declared());
        }
        return built;
    }

    /** A rule base around a cache entry for these files: its rules' places resolve in this folder. */
    static RuleBase wrap(RuleFiles files, Vocabulary vocabulary, CompiledRuleCache.Entry cached) {
        List<RuleInfo> declared = cached.declarations().stream()
                .map(d -> new RuleInfo(d.name(), files.display(d.relative()), d.line(), Map.of())).toList();
        return new RuleBase(files, vocabulary, cached.kieBase(), index(declared, cached.kieBase()), true);
    }

    /** The compile without the allowlist check: only the class loader stands guard (its tests use this). */
    static RuleBase compileLinkChecked(RuleFiles files, Vocabulary vocabulary) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.massageadvisor", "ruleset",
                "1.0.0-" + files.version().substring(7, 19) + "-" + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        Map<String, RuleSource> byResource = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>(files.tableProblems());
        for (RuleSource source : files.sources()) {
            String pkg = RuleFiles.declaredPackage(source.drl());
            if (pkg == null) {
                problems.add(source.isTable()
                        ? new RuleProblem(source.display(), 0, 0, "decision table: no RuleSet cell names the rules' package (RuleSet | org.massageadvisor.rules)")
                        : new RuleProblem(source.display(), 1, 1, "the file declares no 'package'"));
                continue;
            }
            // The path matches the DRL package, or the builder warns about every file. A table's generated DRL
            // is written as DRL, so that the builder compiles exactly what the allowlist checked, and under the
            // name a DRL file of the same concern would have (goal-ranges.csv as goal-ranges.drl): Drools loads
            // rules in an order that follows these names, and rules of equal salience fire in load order, so a
            // DRL file replaced by its table keeps the firing order (and the order of warnings of one severity).
            String resource = pkg.replace('.', '/') + "/" + resourceName(source, files);
            byResource.put(resource, source);
            kfs.write(RESOURCES + resource, source.isTable() ? source.drl().getBytes(StandardCharsets.UTF_8) : files.files().get(source.relative()));
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
        // Compiled and linked against an allowlist of classes: what the allowlist check missed does not link.
        ClassLoader loader = new RulesClassLoader(RuleBase.class.getClassLoader());
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
        List<RuleProblem> errors = problems(builder.getResults().getMessages(Message.Level.ERROR), byResource);
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors);
        }
        KieContainer container = ks.newKieContainer(releaseId, loader);
        KieBase kieBase = container.getKieBase();
        // The repository would otherwise keep every rule set ever built in a long-running process.
        ks.getRepository().removeKieModule(releaseId);
        return new RuleBase(files, vocabulary, kieBase, index(files.declarations(), kieBase), false);
    }

    /** The file's name in the KieFileSystem: its path with '_' for '/'; a table's as the DRL file it stands for, if that name is free. */
    private static String resourceName(RuleSource source, RuleFiles files) {
        String flat = source.relative().replace('/', '_');
        if (!source.isTable()) {
            return flat;
        }
        String asDrl = source.relative().replaceFirst("\\.[^./]+$", ".drl");
        return files.files().containsKey(asDrl) ? flat + ".drl" : asDrl.replace('/', '_');
    }

    private static Map<String, RuleInfo> index(List<RuleInfo> declarations, KieBase kieBase) {
        Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Map<String, String> meta = new LinkedHashMap<>();
                rule.getMetaData().forEach((k, v) -> meta.put(simpleKey(k), v == null ? "" : unquote(v.toString())));
                metadata.put(rule.getName(), meta);
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (RuleInfo declared : declarations) {
            Map<String, String> meta = metadata.get(declared.name());
            if (meta != null) {
                rules.put(declared.name(), new RuleInfo(declared.name(), declared.file(), declared.line(), meta));
            }
        }
        metadata.forEach((name, meta) -> rules.putIfAbsent(name, new RuleInfo(name, null, 0, meta)));
        return rules;
    }

    /** Drools maps {@code @description} to {@code org.kie.api.definition.type.Description}; we want "description". */
    private static String simpleKey(String key) {
        int dot = key.lastIndexOf('.');
        return (dot < 0 ? key : key.substring(dot + 1)).toLowerCase(Locale.ROOT);
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Builder messages as file:line:col problems. A syntax error makes the builder report knock-on
     * errors everywhere else in the package; when there are syntax errors, only those are shown.
     */
    static List<RuleProblem> problems(List<Message> messages, Map<String, RuleSource> byResource) {
        List<RuleProblem> all = new ArrayList<>();
        List<RuleProblem> syntax = new ArrayList<>();
        for (Message m : messages) {
            String text = m.getText().replaceAll("\\s+", " ").trim();
            if (text.startsWith("Parser returned a null Package")) {
                continue;
            }
            int line = m.getLine();
            int column = m.getColumn();
            Matcher lc = LINE_COL.matcher(text);
            if (lc.find()) {
                line = Integer.parseInt(lc.group(1));
                column = Integer.parseInt(lc.group(2)) + 1;
            }
            text = text.replaceFirst("^\\[\\d+,\\d+\\]: ", "").replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "");
            RuleSource source = sourceOf(m.getPath(), byResource);
            RuleProblem p;
            if (source == null) {
                p = new RuleProblem(m.getPath() == null ? "(rules)" : m.getPath(), line, column, text);
            } else {
                int[] at = line > 0 ? pinpoint(line, column, text, source.drl()) : quoted(text, source.drl());
                p = source.problem(at[0], at[1], text);
            }
            all.add(p);
            if (m.getText().contains("[ERR ")) {
                syntax.add(p);
            }
        }
        List<RuleProblem> shown = syntax.isEmpty() ? all : syntax;
        shown.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return shown;
    }

    private static final Pattern UNRESOLVED = Pattern.compile("(\\w+) cannot be resolved");

    /**
     * Drools places an error in a rule's consequence at the rule's first line; when the message names
     * the unresolved identifier, point at its first use inside that rule instead.
     */
    static int[] pinpoint(int line, int column, String message, String text) {
        Matcher m = UNRESOLVED.matcher(message);
        if (text == null || line <= 0 || !m.find()) {
            return new int[] {line, column};
        }
        Pattern word = Pattern.compile("\\b" + Pattern.quote(m.group(1)) + "\\b");
        String[] lines = text.split("\r?\n", -1);
        for (int i = line - 1; i < lines.length; i++) {
            Matcher w = word.matcher(lines[i]);
            if (w.find()) {
                return new int[] {i + 1, w.start() + 1};
            }
            if (i > line - 1 && lines[i].trim().equals("end")) {
                break;
            }
        }
        return new int[] {line, column};
    }

    /** The expression a message quotes, as Drools quotes constraints it cannot analyse. */
    private static final Pattern QUOTED = Pattern.compile("Unable to Analyse Expression (.+?):|\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.\\}\\]");

    /**
     * Some errors (a constraint MVEL cannot analyse) come without a line: find the expression the
     * message quotes in the DRL instead, so the problem still has a place (in a table, a cell): its
     * last operand.
     */
    static int[] quoted(String message, String text) {
        Matcher m = QUOTED.matcher(message);
        while (m.find()) {
            String expression = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
            int at = expression.isEmpty() ? -1 : text.indexOf(expression);
            if (at >= 0) {
                // At the expression's last operand (`medicalApproval == maybe`: at maybe), the usual culprit.
                Matcher last = Pattern.compile("[\\w\"$.]+$").matcher(expression);
                if (last.find()) {
                    at += last.start();
                }
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < at; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                return new int[] {line, at - lineStart + 1};
            }
        }
        return new int[] {0, 0};
    }

    private static RuleSource sourceOf(String path, Map<String, RuleSource> byResource) {
        if (path == null) {
            return null;
        }
        return byResource.get(path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path);
    }

    /** Whether this rule base was loaded from the compiled-rule cache rather than compiled. */
    public boolean fromCache() {
        return fromCache;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Whether the rules declare the {@code conclusions} global (a session must then be given a collector). */
    public boolean hasCollector() {
        return hasCollector;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public RuleFiles files() {
        return files;
    }

    /** The content hash of the rules folder, {@code sha256:...}. */
    public String version() {
        return files.version();
    }

    /** Every rule by name, in declaration order. */
    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public RuleInfo rule(String name) {
        return rules.getOrDefault(name, new RuleInfo(name, null, 0, Map.of()));
    }
}
