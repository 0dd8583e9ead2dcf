package org.massageadvisor.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.massageadvisor.client.Client;

/**
 * One thing {@code check} found: where ({@code file:line:col}, as far as known), how bad, what, and
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
        List<String> details) {

    /** ERROR fails the check; WARNING and NOTE are shown and do not. */
    public enum Severity { ERROR, WARNING, NOTE }

    public static Finding at(Severity severity, String file, int line, int column, String message) {
        return new Finding(severity, file, line > 0 ? line : null, column > 0 ? column : null, message, null, null, null);
    }

    public Finding withExample(Client example, List<String> firedRules, List<String> details) {
        return new Finding(severity, file, line, column, message, example, firedRules, details);
    }

    /** A profile as one line of YAML flow style, ready to paste under a scenario's {@code given:}. */
    public static String profileText(Client c) {
        return "{goal: " + c.goal() + ", massageType: " + c.massageType() + ", bodyResponse: " + c.bodyResponse()
                + ", conditions: " + c.conditions() + ", activityLevel: " + c.activityLevel() + ", medicalApproval: "
                + c.medicalApproval() + ", guidedByTherapist: " + c.guidedByTherapist() + ", weeksInTreatment: "
                + c.weeksInTreatment() + ", symptomTrend: " + c.symptomTrend() + (c.age() == null ? "" : ", age: " + c.age()) + "}";
    }

    /** {@code file:line:col}, leaving out what is not known. */
    public String location() {
        if (file == null) {
            return "";
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
