package org.massageadvisor.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.Bounded;
import org.massageadvisor.io.EnvironmentException;

/**
 * The files of a rules folder, read once: their bytes (for the content hash), the DRL sources (for the
 * compiler) and where each rule is declared (for explanations and error messages).
 */
public final class RuleFiles {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|(\\S+))");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private final Path dir;
    private final Map<String, byte[]> files;
    private final String version;
    private List<RuleSource> sources;
    private List<RuleProblem> tableProblems;

    private RuleFiles(Path dir, Map<String, byte[]> files) {
        this.dir = dir;
        this.files = files;
        this.version = hash(files);
    }

    /** The files of the folder's root that rules read besides the rule files. */
    public static final Set<String> ROOT_FILES = Set.of("vocabulary.yaml", "invariants.yaml", "terminology.yaml");
    /** Rule files and decision tables, anywhere under the folder. */
    private static final List<String> RULE_EXTENSIONS = List.of(".drl", ".xlsx", ".csv");

    /**
     * Reads the rule files ({@code .drl}, decision tables {@code .xlsx} and {@code .csv}) under {@code dir}
     * and {@link #ROOT_FILES} at its root, in path order; nothing else (notes, secrets, hidden folders
     * such as {@code .git}) is read, hashed or archived. The folder itself may be a link; a link inside it
     * that leads outside it is refused, so a rule set is always the folder's own files. Each file and the
     * whole set are capped in size ({@link Bounded#RULE_FILE}, {@link Bounded#DOCUMENT}, {@link Bounded#RULES_FOLDER})
     * before anything is read.
     */
    public static RuleFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(Position.of(dir.toString()), "no rules folder here");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            // The folder itself may be a link: walk where it leads, and keep everything inside that.
            Path root = dir.toRealPath();
            List<Path> paths = visiblePaths(root);
            List<Path> chosen = new ArrayList<>();
            long total = 0;
            for (Path p : paths) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    Path target = p.toRealPath();
                    if (!target.startsWith(root)) {
                        throw new InputException(Position.of(dir.resolve(relative).toString()), "a link to " + target + ", outside the rules folder; "
                                + "the rules folder must hold its own files (copy the file in, or link the whole folder instead)");
                    }
                }
                if (!Files.isRegularFile(p) || !isRuleSetFile(relative)) {
                    continue;
                }
                long cap = relative.endsWith(".yaml") ? Bounded.DOCUMENT : Bounded.RULE_FILE;
                total += Bounded.checkSize(dir.resolve(relative), cap, "the rule file");
                if (total > Bounded.RULES_FOLDER) {
                    throw new InputException(Position.of(dir.toString()), "the rule files add up to more than " + Bounded.human(Bounded.RULES_FOLDER)
                            + "; is this the right folder?");
                }
                chosen.add(p);
            }
            for (Path p : chosen) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw EnvironmentException.of(where(dir, e), "cannot read the rules folder", e);
        }
        if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl") || DecisionTable.isTable(f))) {
            throw new InputException(Position.of(dir.toString()), "no rule files (*.drl) or decision tables (*.csv, *.xlsx) in the rules folder");
        }
        return new RuleFiles(dir, files);
    }

    /** The file the error names (a link that leads nowhere, say), else the folder. */
    private static String where(Path dir, IOException e) {
        return e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : dir.toString();
    }

    /** Whether a file (relative to the folder, with {@code /}) belongs to the rule set. */
    static boolean isRuleSetFile(String relative) {
        if (ROOT_FILES.contains(relative)) {
            return true;
        }
        String lower = relative.toLowerCase(java.util.Locale.ROOT);
        return RULE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * Every file and folder under {@code root} (not root itself), in path order, except hidden ones (a name
     * starting with a dot) and anything inside a hidden folder, which is never entered: the workbench's
     * {@code .git} writes and renames temporary files while the rules are read or watched. Links are listed,
     * not followed. An entry that vanishes while the folder is walked (an editor saving by renaming, say) is
     * left out rather than failing the walk; whoever changed the folder set off another reload.
     */
    static List<Path> visiblePaths(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (d.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (hidden(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                paths.add(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (!hidden(f)) {
                    paths.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException || hidden(f)) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        paths.sort(null);
        return paths;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    public Path dir() {
        return dir;
    }

    /** {@code sha256:} and the hex digest of every file's relative path and bytes, in path order. */
    public String version() {
        return version;
    }

    /** Relative path to bytes, for every file of the rule set ({@link #read}). */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The relative paths of the DRL files (not the decision tables), in path order. */
    public List<String> drlFiles() {
        return files.keySet().stream().filter(f -> f.endsWith(".drl")).toList();
    }

    /**
     * The relative paths of the rule files, DRL files and decision tables alike, in path order, a DRL file
     * before the table of the same concern ({@code massage-intensity.drl}, then {@code massage-intensity.csv}):
     * the order rules are listed in, which a table that took rules out of a DRL file keeps.
     */
    public List<String> ruleFiles() {
        return files.keySet().stream().filter(f -> f.endsWith(".drl") || DecisionTable.isTable(f))
                .sorted(java.util.Comparator.comparing((String f) -> f.substring(0, f.lastIndexOf('.')))
                        .thenComparing(f -> f.endsWith(".drl") ? 0 : 1))
                .toList();
    }

    /**
     * The DRL of every rule file, in the order they are compiled (path order): a DRL file's text, or the
     * DRL generated from a decision table. A table Drools cannot read is left out and reported by
     * {@link #tableProblems()}. Converted once, on first use.
     */
    public synchronized List<RuleSource> sources() {
        if (sources == null) {
            List<RuleSource> converted = new ArrayList<>();
            List<RuleProblem> problems = new ArrayList<>();
            for (String file : ruleFiles()) {
                if (!DecisionTable.isTable(file)) {
                    converted.add(new RuleSource(file, display(file), text(file), null));
                    continue;
                }
                try {
                    DecisionTable table = DecisionTable.convert(display(file), file, files.get(file));
                    converted.add(new RuleSource(file, display(file), table.drl(), table));
                } catch (DecisionTable.ConversionException e) {
                    problems.add(e.problem());
                }
            }
            sources = List.copyOf(converted);
            tableProblems = List.copyOf(problems);
        }
        return sources;
    }

    /** Whether {@link #sources()} has run: a rule set loaded from the compiled-rule cache never needs it. */
    synchronized boolean isConverted() {
        return sources != null;
    }

    /** The decision tables Drools could not read, each at its cell when Drools names it. */
    public List<RuleProblem> tableProblems() {
        sources();
        return tableProblems;
    }

    public String text(String relative) {
        return new String(files.get(relative), StandardCharsets.UTF_8);
    }

    /** The path to show users for a file of this folder, e.g. {@code rules-drl/goal-ranges.drl}. */
    public String display(String relative) {
        return dir.resolve(relative).toString();
    }

    /** The DRL {@code package} a DRL text declares, or null. */
    public static String declaredPackage(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1) : null;
    }

    /** The DRL {@code package} a rule file declares (a decision table: its RuleSet), or null. */
    public String packageOf(String relative) {
        return sources().stream().filter(s -> s.relative().equals(relative)).findFirst()
                .map(s -> declaredPackage(s.drl())).orElse(null);
    }

    /** Where each rule is declared: its name, file and line (in a decision table, the row of its values). */
    public List<RuleInfo> declarations() {
        return declared().stream().map(d -> new RuleInfo(d.name(), display(d.relative()), d.line(), Map.of())).toList();
    }

    /** {@link #declarations()} with each file relative to the folder, as the compiled-rule cache keeps them. */
    List<CompiledRuleCache.Declared> declared() {
        List<CompiledRuleCache.Declared> out = new ArrayList<>();
        for (RuleSource source : sources()) {
            if (source.isTable()) {
                source.table().ruleRows().forEach((name, row) -> out.add(new CompiledRuleCache.Declared(name, source.relative(), row)));
                continue;
            }
            forEachRule(source.drl(), (name, line) -> out.add(new CompiledRuleCache.Declared(name, source.relative(), line)));
        }
        return out;
    }

    /** Each rule's DRL, from its {@code rule} line to its {@code end} line, stripped line by line; tables give their generated DRL. */
    public Map<String, String> ruleTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (RuleSource source : sources()) {
            String[] lines = source.drl().split("\r?\n", -1);
            forEachRule(source.drl(), (name, line) -> {
                StringBuilder b = new StringBuilder();
                for (int i = line - 1; i < lines.length; i++) {
                    b.append(lines[i].strip()).append('\n');
                    if (i > line - 1 && lines[i].strip().equals("end")) {
                        break;
                    }
                }
                texts.put(name, b.toString());
            });
        }
        return texts;
    }

    private static void forEachRule(String drl, java.util.function.BiConsumer<String, Integer> action) {
        String[] lines = drl.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = RULE.matcher(lines[i]);
            if (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                action.accept(name.replace("\\\"", "\"").replace("\\'", "'"), i + 1);
            }
        }
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
