package org.massageadvisor.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massageadvisor.client.InputException;
import org.massageadvisor.io.SafeCsv;

/**
 * One rejected record, as a line of the error report: the record's number in the batch, its file,
 * line and column, the field at fault (when one is) and the message.
 */
@JsonPropertyOrder({"record", "file", "line", "column", "field", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record BatchError(long record, String file, Integer line, Integer column, String field, String message) {

    /** ProfileReader's messages name the field as "field 'x': ..." or "unknown field (x)". */
    private static final Pattern FIELD = Pattern.compile("^field '([^']+)': |^unknown field \\(([^)]+)\\)");

    static BatchError of(long record, InputException e) {
        String full = e.getMessage();
        String prefix = e.position() + ": ";
        String message = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
        Matcher m = FIELD.matcher(message);
        String field = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        int line = e.position().line();
        int column = e.position().column();
        return new BatchError(record, e.position().file(), line > 0 ? line : null, column > 0 ? column : null, field, message);
    }

    static final String CSV_HEADER = "record,file,line,column,field,message";

    /** One row of the CSV error report. */
    String csvRow() {
        return SafeCsv.row(record, file, line, column, field, message);
    }

    /** {@code file:line:col: message (record N)}, as shown on stderr. */
    String display() {
        return (line == null ? file : file + ":" + line + (column == null ? "" : ":" + column)) + ": " + message
                + " (record " + record + ")";
    }
}
