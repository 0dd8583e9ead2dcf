package org.massageadvisor.engine;

/**
 * One rule file as the engine compiles it: a DRL file's own text, or the DRL that Drools generated from
 * a decision table ({@code table} is then set, and positions in {@code drl} map back to its cells).
 */
public record RuleSource(String relative, String display, String drl, DecisionTable table) {

    public boolean isTable() {
        return table != null;
    }

    /** A problem at a line and column of {@link #drl}: at the table's cell when the DRL was generated. */
    public RuleProblem problem(int line, int column, String message) {
        if (table != null) {
            TableCell cell = table.cellAt(line, column);
            return cell == null ? new RuleProblem(display, 0, 0, message) : RuleProblem.inCell(display, cell, message);
        }
        return new RuleProblem(display, line, column, message);
    }
}
