package org.massageadvisor.scenario;

import org.massageadvisor.recommendation.IssuedWarning;

/** A warning code, and optionally the subject it must be about. */
public record ExpectedWarning(String code, String subject) {

    public boolean matches(IssuedWarning w) {
        return w.code().equals(code) && (subject == null || subject.equals(w.subject()));
    }

    @Override
    public String toString() {
        return subject == null ? code : code + " (" + subject + ")";
    }
}
