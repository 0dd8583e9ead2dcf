package org.massageadvisor.engine;

import java.util.List;
import org.massageadvisor.recommendation.Recommendation;

/** A recommendation with the conclusions behind it, rule by rule (for verification, not for users). */
public record Evaluation(Recommendation recommendation, List<Conclusion> conclusions) {

    public Evaluation {
        conclusions = List.copyOf(conclusions);
    }
}
