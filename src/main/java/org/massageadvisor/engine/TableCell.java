package org.massageadvisor.engine;

/**
 * A cell of a decision table, as a spreadsheet names it: the sheet (XLSX; null for CSV), the row and
 * the column, both counted from 1.
 */
public record TableCell(String sheet, int row, int column) {

    public TableCell {
        if (row < 1 || column < 1) {
            throw new IllegalArgumentException("a cell counts rows and columns from 1 (" + row + ", " + column + ")");
        }
    }

    /** The column as a spreadsheet writes it: 1 is A, 27 is AA. */
    public String columnLetters() {
        StringBuilder b = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            b.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return b.toString();
    }

    /** {@code goal-ranges.csv:12:C} for a CSV file, {@code precautions.xlsx[Precautions]!C12} for a sheet of a workbook. */
    public String place(String file) {
        return sheet == null ? file + ":" + row + ":" + columnLetters() : file + "[" + sheet + "]!" + columnLetters() + row;
    }
}
