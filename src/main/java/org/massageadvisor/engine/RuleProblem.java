package org.massageadvisor.engine;

/**
 * A compile error (or warning) in a rule file, in {@code file:line:col: message} form; in a decision
 * table, {@code cell} names the cell it comes from ({@code line} and {@code column} are then its row and
 * column) and the place reads {@code goal-ranges.csv:12:C} or {@code precautions.xlsx[Precautions]!C12}.
 */
public record RuleProblem(String file, int line, int column, String message, TableCell cell) {

    public RuleProblem(String file, int line, int column, String message) {
        this(file, line, column, message, null);
    }

    /** A problem in a cell of a decision table. */
    public static RuleProblem inCell(String file, TableCell cell, String message) {
        return new RuleProblem(file, cell.row(), cell.column(), message, cell);
    }

    /** {@code file:line:col}, or the cell's place, leaving out what is not known. */
    public String place() {
        if (cell != null) {
            return cell.place(file);
        }
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return place() + ": " + message;
    }
}
