package org.massageadvisor.rules;

import java.util.List;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;

/** Short forms of a recommendation's warnings and tips for exact assertions: {@code CODE(SUBJECT)}. */
final class Outcome {

    /** Every tip the shipped rules give a client without a guiding therapist. */
    static final List<String> ALL_TIPS = List.of("LISTEN_TO_BODY", "STRETCHING", "POSTURE", "EXERCISE", "CONSULT_THERAPIST");
    /** Every tip the shipped rules give a client with a guiding therapist. */
    static final List<String> GUIDED_TIPS = List.of("LISTEN_TO_BODY", "STRETCHING", "POSTURE", "EXERCISE");

    private Outcome() {
    }

    static List<String> warnings(Recommendation r) {
        return r.warnings().stream().map(Outcome::shortForm).toList();
    }

    static String shortForm(IssuedWarning w) {
        return w.subject() == null ? w.code() : w.code() + "(" + w.subject() + ")";
    }

    static List<String> tips(Recommendation r) {
        return r.tips().stream().map(IssuedTip::code).toList();
    }

    /** How many times a rule fired. */
    static long firings(Recommendation r, String rule) {
        return r.firedRules().stream().filter(rule::equals).count();
    }
}
