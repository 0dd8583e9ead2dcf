package org.massageadvisor.workbench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.io.Bounded;
import org.massageadvisor.workbench.WorkbenchException.Reason;

/**
 * The trust boundary for file names and contents that come from a browser: only plain names of
 * files directly in the rules folder, existing rule set files or new {@code .drl} / {@code .csv}
 * files; never a path that climbs out, is absolute, hidden, a link, or of another kind.
 */
final class RulePaths {

    /** The most files one change may touch, and the longest name. */
    static final int MAX_FILES = 64;
    static final int MAX_NAME = 100;
    /** Extensions a change may create. */
    private static final Set<String> NEW_EXTENSIONS = Set.of(".drl", ".csv");
    /** Extensions a change may edit (text files of the rule set). */
    private static final Set<String> EDITABLE = Set.of(".drl", ".csv", ".yaml");
    /** Names Windows reserves; refused so that a clone on any machine can hold the folder. */
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3");

    private RulePaths() {
    }

    /** The kind the workbench shows a file as: "drl", "table", "vocabulary" or "other". */
    static String kind(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".drl")) {
            return "drl";
        }
        if (lower.endsWith(".csv") || lower.endsWith(".xlsx")) {
            return "table";
        }
        if (lower.equals("vocabulary.yaml")) {
            return "vocabulary";
        }
        return "other";
    }

    /**
     * Checks one name from outside: a plain file name (no separator, no {@code ..}, not absolute, no
     * control character or NUL, not hidden) of an editable kind, naming a regular file of the folder
     * that is not a link, or (if {@code mayCreate}) a new {@code .drl} or {@code .csv} file.
     *
     * @return the name, unchanged
     */
    static String check(Path rulesDir, String name, boolean mayCreate) {
        if (name == null || name.isEmpty()) {
            throw forbidden(name, "no file name");
        }
        if (name.length() > MAX_NAME) {
            throw forbidden(name, "a file name is at most " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw forbidden(name, "a file name may not hold control characters");
            }
            if (c == '/' || c == '\\' || c == ':') {
                throw forbidden(name, "only files directly in the rules folder can be edited (no folders, no drive letters)");
            }
        }
        if (name.equals("..") || name.equals(".") || name.startsWith(".")) {
            throw forbidden(name, "hidden files and folder names cannot be edited");
        }
        if (!name.equals(name.strip()) || name.endsWith(".")) {
            throw forbidden(name, "a file name may not start or end with a space or end with a dot");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String stem = lower.contains(".") ? lower.substring(0, lower.indexOf('.')) : lower;
        if (RESERVED.contains(stem)) {
            throw forbidden(name, "a name the operating system reserves");
        }
        String extension = lower.contains(".") ? lower.substring(lower.lastIndexOf('.')) : "";
        if (!EDITABLE.contains(extension)) {
            throw forbidden(name, "only rule files (.drl), tables (.csv) and the rule set's YAML files can be edited");
        }
        Path file = rulesDir.resolve(name);
        if (!file.normalize().getParent().equals(rulesDir.normalize())) {
            throw forbidden(name, "not a file of the rules folder");
        }
        if (Files.isSymbolicLink(file)) {
            throw forbidden(name, "a link; only the folder's own files can be edited");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw forbidden(name, "not a plain file");
            }
            if (extension.equals(".yaml") && !RuleFiles.ROOT_FILES.contains(name)) {
                throw forbidden(name, "not a file of the rule set");
            }
            return name;
        }
        if (!mayCreate) {
            throw new WorkbenchException(Reason.NOT_FOUND, "no file " + quoted(name) + " in the rules folder");
        }
        if (!NEW_EXTENSIONS.contains(extension)) {
            throw forbidden(name, "a new file must be a rule file (.drl) or a table (.csv)");
        }
        return name;
    }

    /**
     * Checks a whole change set: at least one file, at most {@link #MAX_FILES}, every name allowed and
     * every content within the size cap, with no NUL. An empty content removes a {@code .drl} or
     * {@code .csv} file (a YAML file of the rule set cannot be removed).
     *
     * @return the changes in name order
     */
    static Map<String, String> checkAll(Path rulesDir, Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            throw new WorkbenchException(Reason.INVALID, "no changes");
        }
        if (changes.size() > MAX_FILES) {
            throw new WorkbenchException(Reason.INVALID, "a change may touch at most " + MAX_FILES + " files");
        }
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String name = check(rulesDir, e.getKey(), true);
            String text = e.getValue();
            if (text == null) {
                throw new WorkbenchException(Reason.INVALID, quoted(name) + ": no content");
            }
            if (text.indexOf('\0') >= 0) {
                throw new WorkbenchException(Reason.INVALID, quoted(name) + ": the content holds a NUL character");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > Bounded.RULE_FILE) {
                throw new WorkbenchException(Reason.INVALID, quoted(name) + ": larger than " + Bounded.human(Bounded.RULE_FILE));
            }
            if (text.isEmpty() && name.toLowerCase(Locale.ROOT).endsWith(".yaml")) {
                throw new WorkbenchException(Reason.INVALID, quoted(name) + ": the rule set's YAML files cannot be removed");
            }
            checked.put(name, text);
        }
        return new LinkedHashMap<>(checked);
    }

    private static WorkbenchException forbidden(String name, String why) {
        return new WorkbenchException(Reason.FORBIDDEN_PATH, quoted(name) + ": " + why);
    }

    /** A name from outside, quoted with its control characters escaped, for messages. */
    static String quoted(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("\"");
        name.codePoints().limit(MAX_NAME).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(name.length() > MAX_NAME ? "...\"" : "\"").toString();
    }
}
