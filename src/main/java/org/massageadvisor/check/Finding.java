package org.massageadvisor.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.RuleProblem;
import org.massageadvisor.engine.TableCell;

/**
 * One thing {@code check} found: where ({@code file:line:col}, as far as known; {@code cell} in a decision
 * table), how bad, what, and
 * for verification findings an example profile and the rules that fired for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        Severity severity,
        String file,
        Integer line,
        Integer column,
        String message,
        Client example,
        List<String> firedRules,
        List<String> details,
        TableCell cell) {

    /** ERROR fails the check; WARNING and NOTE are shown and do not. */
    public enum Severity { ERROR, WARNING, NOTE }

    public Finding(Severity severity, String file, Integer line, Integer column, String message, Client example,
            List<String> firedRules, List<String> details) {
        this(severity, file, line, column, message, example, firedRules, details, null);
    }

    public static Finding at(Severity severity, String file, int line, int column, String message) {
        return new Finding(severity, file, line > 0 ? line : null, column > 0 ? column : null, message, null, null, null, null);
    }

    /** A rule file's problem, at its cell when it is in a decision table. */
    public static Finding of(Severity severity, RuleProblem p) {
        return new Finding(severity, p.file(), p.line() > 0 ? p.line() : null, p.column() > 0 ? p.column() : null, p.message(),
                null, null, null, p.cell());
    }

    public Finding withExample(Client example, List<String> firedRules, List<String> details) {
        return new Finding(severity, file, line, column, message, example, firedRules, details, cell);
    }

    /** A profile as one line of YAML flow style, ready to paste under a scenario's {@code given:}. */
    public static String profileText(Client c) {
        return "{goal: " + c.goal() + ", massageType: " + c.massageType() + ", bodyResponse: " + c.bodyResponse()
                + ", conditions: " + c.conditions() + ", activityLevel: " + c.activityLevel() + ", medicalApproval: "
                + c.medicalApproval() + ", guidedByTherapist: " + c.guidedByTherapist() + ", weeksInTreatment: "
                + c.weeksInTreatment() + ", symptomTrend: " + c.symptomTrend() + (c.age() == null ? "" : ", age: " + c.age()) + "}";
    }

    /** {@code file:line:col} (in a decision table {@code file:row:C} or {@code file[sheet]!C12}), leaving out what is not known. */
    public String location() {
        if (file == null) {
            return "";
        }
        if (cell != null) {
            return cell.place(file);
        }
        StringBuilder b = new StringBuilder(file);
        if (line != null) {
            b.append(':').append(line);
            if (column != null) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }
}
