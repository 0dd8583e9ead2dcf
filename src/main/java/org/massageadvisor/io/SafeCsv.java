package org.massageadvisor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV rows for reports a person opens in a spreadsheet, written by Jackson's CSV writer. A text cell
 * that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return:
 * {@code =HYPERLINK(...)}, {@code +cmd|...}, {@code @SUM(...)}) gets a leading {@code '} and is quoted,
 * as OWASP's CSV injection advice says; the spreadsheet then shows it as text.
 */
public final class SafeCsv {

    /** One row a call, quoted where needed (a comma, a quote, a line end, and every neutralised cell). */
    private static final ObjectWriter ROW = new CsvMapper().writer(CsvSchema.emptySchema().withLineSeparator("\n"));

    private SafeCsv() {
    }

    /** A row of text and number cells (null: an empty cell), ending with a line end. */
    public static String row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            safe[i] = c == null ? "" : c instanceof Number ? c : neutralise(c.toString());
        }
        try {
            return ROW.writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a CSV row", e);
        }
    }

    /** {@code '} before a text a spreadsheet would read as a formula; other text as it is. */
    public static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
