package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * The advice for one client (docs/contract.md, recommendation). {@code explanation} is null when it was not asked
 * for; {@code firedRules} (rule names in firing order) is always there, but not part of the JSON.
 * {@code window} (the dates the next massage falls between) is there only when the profile gave the
 * last massage date and the status is RECOMMENDED.
 * In JSON: {@code id}, {@code status}, {@code interval} ({@code null} for REFER), {@code window} (left out when
 * there is none), {@code warnings}, {@code tips}, {@code explanation} (left out when there is none) and
 * {@code rulesetVersion}, in that order.
 */
@JsonSerialize(using = Recommendation.Writer.class)
public record Recommendation(
        String id,
        Status status,
        Interval interval,
        Window window,
        List<IssuedWarning> warnings,
        List<IssuedTip> tips,
        List<Firing> explanation,
        String rulesetVersion,
        List<String> firedRules) {

    public Recommendation {
        warnings = List.copyOf(warnings);
        tips = List.copyOf(tips);
        explanation = explanation == null ? null : List.copyOf(explanation);
        firedRules = List.copyOf(firedRules);
        if ((status == Status.RECOMMENDED) != (interval != null)) {
            throw new IllegalArgumentException("a RECOMMENDED status needs an interval and a REFER status none");
        }
        if (window != null && interval == null) {
            throw new IllegalArgumentException("a window needs an interval");
        }
    }

    /** A recommendation without a date window. */
    public Recommendation(String id, Status status, Interval interval, List<IssuedWarning> warnings, List<IssuedTip> tips,
            List<Firing> explanation, String rulesetVersion, List<String> firedRules) {
        this(id, status, interval, null, warnings, tips, explanation, rulesetVersion, firedRules);
    }

    /** The same recommendation with the window after {@code lastMassage} (none when it is null or there is no interval). */
    public Recommendation dated(LocalDate lastMassage) {
        return new Recommendation(id, status, interval, Window.after(lastMassage, interval), warnings, tips, explanation,
                rulesetVersion, firedRules);
    }

    /**
     * Writes the answer field by field: a service or a batch writes one for every client, and Jackson's bean
     * serializer would read each property by reflection. The texts that repeat from answer to answer (the
     * status, the rule set version, and the warnings' and tips' texts) are encoded once (see {@link EncodedText}).
     */
    static final class Writer extends StdSerializer<Recommendation> {
        private static final SerializedString ID = new SerializedString("id");
        private static final SerializedString STATUS = new SerializedString("status");
        private static final SerializedString INTERVAL = new SerializedString("interval");
        private static final SerializedString MIN_DAYS = new SerializedString("minDays");
        private static final SerializedString MAX_DAYS = new SerializedString("maxDays");
        private static final SerializedString WINDOW = new SerializedString("window");
        private static final SerializedString EARLIEST = new SerializedString("earliest");
        private static final SerializedString LATEST = new SerializedString("latest");
        private static final SerializedString WARNINGS = new SerializedString("warnings");
        private static final SerializedString TIPS = new SerializedString("tips");
        private static final SerializedString EXPLANATION = new SerializedString("explanation");
        private static final SerializedString RULESET_VERSION = new SerializedString("rulesetVersion");
        private static final IssuedWarning.Writer WARNING = new IssuedWarning.Writer();
        private static final IssuedTip.Writer TIP = new IssuedTip.Writer();

        Writer() {
            super(Recommendation.class);
        }

        @Override
        public void serialize(Recommendation r, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(r);
            g.writeFieldName(ID);
            g.writeString(r.id());
            EncodedText.SHARED.field(g, STATUS, r.status() == null ? null : r.status().name());
            g.writeFieldName(INTERVAL);
            if (r.interval() == null) {
                g.writeNull();
            } else {
                g.writeStartObject(r.interval());
                g.writeFieldName(MIN_DAYS);
                g.writeNumber(r.interval().minDays());
                g.writeFieldName(MAX_DAYS);
                g.writeNumber(r.interval().maxDays());
                g.writeEndObject();
            }
            if (r.window() != null) {
                g.writeFieldName(WINDOW);
                g.writeStartObject(r.window());
                g.writeFieldName(EARLIEST);
                g.writeString(r.window().earliest().toString());
                g.writeFieldName(LATEST);
                g.writeString(r.window().latest().toString());
                g.writeEndObject();
            }
            g.writeFieldName(WARNINGS);
            g.writeStartArray(r.warnings(), r.warnings().size());
            for (IssuedWarning w : r.warnings()) {
                WARNING.serialize(w, g, provider);
            }
            g.writeEndArray();
            g.writeFieldName(TIPS);
            g.writeStartArray(r.tips(), r.tips().size());
            for (IssuedTip t : r.tips()) {
                TIP.serialize(t, g, provider);
            }
            g.writeEndArray();
            if (r.explanation() != null) {
                g.writeFieldName(EXPLANATION);
                provider.defaultSerializeValue(r.explanation(), g);
            }
            EncodedText.SHARED.field(g, RULESET_VERSION, r.rulesetVersion());
            g.writeEndObject();
        }
    }
}
