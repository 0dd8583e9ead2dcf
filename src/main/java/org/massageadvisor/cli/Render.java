package org.massageadvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** How recommendations look on the terminal and as JSON. */
final class Render {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Render() {
    }

    static String json(Object value, boolean pretty) {
        try {
            return (pretty ? PRETTY : JSON).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String headline(Recommendation r) {
        String who = r.id() == null ? "This client" : "Client " + r.id();
        if (r.status() == Status.REFER) {
            return who + ": REFER - no interval can safely be given without a professional.";
        }
        return who + ": leave " + r.interval() + " between back massages (RECOMMENDED).";
    }

    /** The readable summary of {@code advisor evaluate}. */
    static void summary(Recommendation r, Vocabulary vocabulary, String file, PrintWriter out) {
        out.println(headline(r));
        warnings(r.warnings(), vocabulary, out);
        tips(r.tips(), out);
        out.println();
        out.println(r.firedRules().size() + " rules fired; 'advisor explain " + file + "' shows why.");
        out.println("Rule set " + r.rulesetVersion());
    }

    static void warnings(List<IssuedWarning> warnings, Vocabulary vocabulary, PrintWriter out) {
        if (warnings.isEmpty()) {
            return;
        }
        out.println();
        out.println("Warnings:");
        for (IssuedWarning w : warnings) {
            String indicator = w.indicator() != null ? w.indicator() : vocabulary.indicator(w.code(), w.subject());
            out.println("  [" + indicator + "] " + w.code() + (w.subject() == null ? "" : " (" + w.subject() + ")") + ": " + w.message());
        }
    }

    static void tips(List<IssuedTip> tips, PrintWriter out) {
        if (tips.isEmpty()) {
            return;
        }
        out.println();
        out.println("Tips:");
        for (IssuedTip t : tips) {
            out.println("  - " + t.code() + ": " + t.message());
        }
    }
}
