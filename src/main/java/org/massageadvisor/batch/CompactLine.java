package org.massageadvisor.batch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.massageadvisor.recommendation.IssuedTip;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;

/**
 * The {@code batch --compact} report line: id, status, interval, the date window when there is one, warning codes with their subjects,
 * tip codes and the rule set version, without the texts (the vocabulary has them, by code).
 * <pre>{"id":"c1","status":"RECOMMENDED","interval":{"minDays":5,"maxDays":7},
 * "warnings":[{"code":"CONSULT_DOCTOR","subject":"HERNIATED_DISC"}],"tips":["LISTEN_TO_BODY"],"rulesetVersion":"sha256:..."}</pre>
 */
final class CompactLine {

    /** No separator between root values: each line writes its own line feed. */
    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);

    private CompactLine() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    static void write(Recommendation r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("status", r.status().name());
        if (r.interval() == null) {
            g.writeNullField("interval");
        } else {
            g.writeObjectFieldStart("interval");
            g.writeNumberField("minDays", r.interval().minDays());
            g.writeNumberField("maxDays", r.interval().maxDays());
            g.writeEndObject();
        }
        if (r.window() != null) {
            g.writeObjectFieldStart("window");
            g.writeStringField("earliest", r.window().earliest().toString());
            g.writeStringField("latest", r.window().latest().toString());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("warnings");
        for (IssuedWarning w : r.warnings()) {
            g.writeStartObject();
            g.writeStringField("code", w.code());
            if (w.subject() != null) {
                g.writeStringField("subject", w.subject());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tips");
        for (IssuedTip t : r.tips()) {
            g.writeString(t.code());
        }
        g.writeEndArray();
        g.writeStringField("rulesetVersion", r.rulesetVersion());
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
