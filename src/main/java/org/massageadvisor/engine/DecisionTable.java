package org.massageadvisor.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.template.model.DRLOutput;
import org.drools.template.model.Package;

/**
 * A spreadsheet decision table (CSV, or the first sheet of an XLSX workbook) turned into DRL by
 * drools-decisiontables (its parser and sheet listener, as its {@code SpreadsheetCompiler} uses them), with the cells each generated rule came from, so that a problem the allowlist,
 * the compiler or the linter finds in the generated DRL is reported at the cell a clinician edits.
 * The DRL is what is checked and compiled: nothing else of the table reaches the engine.
 */
public final class DecisionTable {

    /** Drools writes this comment before every rule it generates: the rule's row and its table's header cell. */
    private static final Pattern RULE_COMMENT = Pattern.compile("^// rule values at ([A-Z]+)(\\d+), header at ([A-Z]+)(\\d+)");
    /** How drools-decisiontables names a cell in its messages ("in cell B7", "above cell C9", "at cell D3"). */
    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("cells? \\[?([A-Z]{1,3})(\\d+)");
    /** Template parameters in a code snippet: $param, $1, $2 ... */
    private static final Pattern PARAMETER = Pattern.compile("\\$(?:param|\\d+)");
    /** The code-snippet row lies this many rows below a table's RuleTable cell. */
    private static final int CODE_ROW = 3;

    private final String sheet;
    private final String drl;
    private final String[] lines;
    private final List<Block> blocks;
    private final Map<Integer, Map<Integer, String>> cells;

    /** A generated rule: its lines in the DRL, the row its values come from and its table's header row. */
    private record Block(String name, int firstLine, int lastLine, int row, int headerRow) {
    }

    private DecisionTable(String sheet, String drl, List<Block> blocks, Map<Integer, Map<Integer, String>> cells) {
        this.sheet = sheet;
        this.drl = drl;
        this.lines = drl.split("\r?\n", -1);
        this.blocks = blocks;
        this.cells = cells;
    }

    /** A table that could not be converted: the place and what is wrong. */
    public static final class ConversionException extends RuntimeException {
        private final transient RuleProblem problem;

        ConversionException(RuleProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public RuleProblem problem() {
            return problem;
        }
    }

    /** Whether a file of the rules folder is a decision table, by its extension. */
    public static boolean isTable(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".xlsx");
    }

    /**
     * Converts a table with Drools' parser and {@link DefaultRuleSheetListener}, as its {@code SpreadsheetCompiler} does.
     *
     * @param display the file's name as users see it, for problems
     * @throws ConversionException if Drools cannot read the table (its message names the cell when Drools does)
     */
    public static DecisionTable convert(String display, String relative, byte[] bytes) {
        boolean csv = relative.toLowerCase(Locale.ROOT).endsWith(".csv");
        Recorder recorder = new Recorder(csv ? null : firstSheet(display, bytes));
        String drl;
        try {
            (csv ? InputType.CSV : InputType.XLS).createParser(recorder).parseFile(new ByteArrayInputStream(bytes));
            Package rules = recorder.getRuleSet();
            // Drools starts a rule for the first row under a table's header even when that row is empty:
            // a table whose last row was deleted would get a rule with no conditions, firing for everyone.
            rules.getRules().removeIf(r -> !recorder.cells.containsKey(r.getSpreadsheetRowNumber()));
            DRLOutput out = new DRLOutput();
            rules.renderDRL(out);
            drl = out.getDRL();
        } catch (RuntimeException e) {
            throw new ConversionException(problem(display, recorder.sheet, e));
        }
        List<Block> blocks = new ArrayList<>();
        String[] lines = drl.split("\r?\n", -1);
        Block open = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = RULE_COMMENT.matcher(lines[i]);
            if (m.find()) {
                if (open != null) {
                    blocks.add(new Block(open.name(), open.firstLine(), i, open.row(), open.headerRow()));
                }
                String name = i + 1 < lines.length ? ruleName(lines[i + 1]) : "";
                open = new Block(name, i + 2, lines.length, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)));
            }
        }
        if (open != null) {
            blocks.add(open);
        }
        return new DecisionTable(recorder.sheet, drl, blocks, recorder.cells);
    }

    /** The name of a workbook's first sheet: the one Drools reads rules from. */
    private static String firstSheet(String display, byte[] bytes) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            return book.getNumberOfSheets() == 0 ? null : book.getSheetAt(0).getSheetName();
        } catch (IOException | RuntimeException e) {
            throw new ConversionException(new RuleProblem(display, 0, 0, "decision table: not a readable XLSX workbook ("
                    + RuleAllowlist.oneLine(String.valueOf(e.getMessage())) + ")"));
        }
    }

    private static String ruleName(String line) {
        Matcher m = Pattern.compile("^rule \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        return m.find() ? m.group(1).replace("\\\"", "\"") : "";
    }

    private static RuleProblem problem(String display, String sheet, RuntimeException e) {
        Throwable root = e;
        String message = e.getMessage();
        while ((message == null || message.isBlank()) && root.getCause() != null) {
            root = root.getCause();
            message = root.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = root.getClass().getSimpleName();
        }
        if (e.getCause() != null && message.startsWith("Failed to open Excel stream")) {
            message = "not a readable XLSX workbook (" + RuleAllowlist.oneLine(String.valueOf(e.getCause().getMessage())) + ")";
        }
        Matcher m = CELL_IN_MESSAGE.matcher(message);
        String oneLine = message.replaceAll("\\s+", " ").strip();
        message = "decision table: " + (oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine);
        if (m.find()) {
            return RuleProblem.inCell(display, new TableCell(sheet, Integer.parseInt(m.group(2)), column(m.group(1))), message);
        }
        return new RuleProblem(display, 0, 0, message);
    }

    private static int column(String letters) {
        int c = 0;
        for (char ch : letters.toCharArray()) {
            c = c * 26 + (ch - 'A' + 1);
        }
        return c;
    }

    /** The DRL Drools generated from the table. */
    public String drl() {
        return drl;
    }

    /** The sheet the rules were read from (XLSX), or null (CSV). */
    public String sheet() {
        return sheet;
    }

    /** Each generated rule's name and the row of the table it comes from. */
    public Map<String, Integer> ruleRows() {
        Map<String, Integer> rows = new java.util.LinkedHashMap<>();
        blocks.forEach(b -> rows.putIfAbsent(b.name(), b.row()));
        return rows;
    }

    /** The line of the generated DRL on which each rule starts (its {@code rule} line). */
    public Map<String, Integer> ruleLines() {
        Map<String, Integer> at = new java.util.LinkedHashMap<>();
        blocks.forEach(b -> at.putIfAbsent(b.name(), b.firstLine()));
        return at;
    }

    /**
     * The cell a position of the generated DRL comes from: the cell of the rule's row whose value
     * appears at (or before) that column of the line; else the column whose code snippet wrote the line;
     * else the row's first cell. Outside every rule, the header cell (Import, Variables ...) whose value
     * the line repeats. Null when nothing fits.
     */
    public TableCell cellAt(int line, int column) {
        String text = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        for (Block b : blocks) {
            if (line >= b.firstLine() && line <= b.lastLine()) {
                return inRule(b, text, column);
            }
        }
        return inHeader(text);
    }

    private TableCell inRule(Block b, String text, int column) {
        Map<Integer, String> row = cells.getOrDefault(b.row(), Map.of());
        int bestColumn = -1;
        int bestStart = -1;
        int containing = -1;
        int containingStart = -1;
        int firstFound = -1;
        for (Map.Entry<Integer, String> cell : row.entrySet()) {
            for (String form : forms(cell.getValue())) {
                for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
                    if (firstFound < 0) {
                        firstFound = cell.getKey();
                    }
                    // A value whose text covers the column wins (the innermost, if values overlap); else the one
                    // that starts last before the column.
                    if (at <= column - 1 && column - 1 < at + form.length() && at > containingStart) {
                        containingStart = at;
                        containing = cell.getKey();
                    }
                    if (at <= column - 1 && at > bestStart) {
                        bestStart = at;
                        bestColumn = cell.getKey();
                    }
                }
            }
        }
        if (containing >= 0) {
            bestColumn = containing;
        }
        if (bestColumn < 0) {
            bestColumn = firstFound;
        }
        if (bestColumn < 0) {
            bestColumn = bySnippet(b, row, text);
        }
        if (bestColumn < 0) {
            bestColumn = row.isEmpty() ? 1 : row.keySet().iterator().next();
        }
        return new TableCell(sheet, b.row(), bestColumn);
    }

    /** The column of this row whose code snippet (the row three below RuleTable) wrote this line. */
    private int bySnippet(Block b, Map<Integer, String> row, String text) {
        Map<Integer, String> snippets = cells.getOrDefault(b.headerRow() + CODE_ROW, Map.of());
        int best = -1;
        int bestLength = 0;
        for (Integer c : row.keySet()) {
            String snippet = snippets.get(c);
            if (snippet == null) {
                continue;
            }
            for (String part : PARAMETER.split(snippet)) {
                String p = part.strip();
                if (p.length() > bestLength && text.contains(p)) {
                    best = c;
                    bestLength = p.length();
                }
            }
        }
        return best;
    }

    private TableCell inHeader(String text) {
        String line = text.strip().replaceFirst("^(import|global)\\s+", "").replaceFirst(";$", "").strip();
        if (line.isEmpty()) {
            return null;
        }
        TableCell found = null;
        int lastRuleRow = blocks.isEmpty() ? Integer.MAX_VALUE : blocks.get(0).headerRow();
        for (Map.Entry<Integer, Map<Integer, String>> r : cells.entrySet()) {
            if (r.getKey() >= lastRuleRow) {
                break;
            }
            for (Map.Entry<Integer, String> cell : r.getValue().entrySet()) {
                for (String part : cell.getValue().split(",")) {
                    String p = part.strip();
                    if (!p.isEmpty() && (line.contains(p) || p.contains(line)) && found == null) {
                        found = new TableCell(sheet, r.getKey(), cell.getKey());
                    }
                }
            }
        }
        return found;
    }

    /** A cell value as it may appear in the DRL: as written, without enclosing quotes, with its quotes escaped. */
    private static List<String> forms(String value) {
        String v = value.strip();
        List<String> forms = new ArrayList<>();
        if (v.isEmpty()) {
            return forms;
        }
        forms.add(v);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            forms.add(v.substring(1, v.length() - 1));
        }
        if (v.indexOf('"') > 0) {
            forms.add(v.replace("\"", "\\\""));
        }
        return forms;
    }

    /** Drools' own listener, also remembering every cell it is given (rows and columns from 1). */
    private static final class Recorder extends DefaultRuleSheetListener {
        private final String sheet;
        private final Map<Integer, Map<Integer, String>> cells = new TreeMap<>();

        Recorder(String sheet) {
            this.sheet = sheet;
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (value != null && !value.isBlank()) {
                cells.computeIfAbsent(row + 1, r -> new TreeMap<>()).put(column + 1, value);
            }
            super.newCell(row, column, value, mergedColStart);
        }
    }
}
